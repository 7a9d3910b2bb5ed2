"""The graph does not depend on the order of the articles or on how they are split into
runs (issue 13, case 3: Joe Biden became four nodes over two runs): a property test over
the example and fixture articles, on the real embedded store."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fixtures.store_helpers import normalized
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diplograph.graph.ingest_run import write_records
from diplograph.graph.stores.falkordb_lite import FalkorStore
from diplograph.ingest.article import Article
from diplograph.ingest.evaluate import gold_article, read_gold
from diplograph.ingest.extract import extract_articles
from diplograph.ingest.readers import read_paths

ROOT = Path(__file__).resolve().parents[1]


def _records() -> list[dict[str, Any]]:
    articles = {a.id: a for a in read_paths([str(ROOT / "examples")]) if isinstance(a, Article)}
    for gid, gold in read_gold(ROOT / "tests" / "fixtures" / "gold"):
        article = gold_article(gold, Path(f"{gid}.json"))
        articles.setdefault(article.id, article)
    records = list(extract_articles(list(articles.values())))
    assert not [r for r in records if "error" in r]
    return records


def _biden(number: int, name: str, other: str, aliases: list[str]) -> dict[str, Any]:
    """Our own small records naming the Bidens in the ways that split Joe into four nodes."""
    sentence = f"{name} met {other}."
    return {
        "id": f"biden-{number}",
        "title": f"Biden {number}",
        "date": f"2024-05-{number:02d}",
        "entities": [
            {"id": "b", "name": name, "type": "Leader", "aliases": aliases, "country": "US"},
            {"id": "o", "name": other, "type": "Leader", "aliases": [], "country": None},
        ],
        "relations": [
            {
                "type": "MET_WITH",
                "source": "b",
                "target": "o",
                "evidence": [{"sentence": sentence, "start": 0, "end": len(sentence)}],
            }
        ],
    }


BIDENS = [
    _biden(1, "Joe Biden", "Xi Jinping", ["Biden", "the president"]),
    _biden(2, "Biden", "Olaf Scholz", []),
    _biden(7, "Biden", "Olaf Scholz", ["President"]),
    _biden(3, "Joseph R. Biden", "Emmanuel Macron", ["President Biden"]),
    _biden(5, "President Biden", "Kishida Fumio", ["Joe Biden"]),
    _biden(6, "Joseph Biden", "Fumio Kishida", []),
]
RECORDS = _records() + BIDENS


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FalkorStore]:
    with FalkorStore(tmp_path_factory.mktemp("determinism") / "store") as opened:
        yield opened


def _graph(store: FalkorStore, runs: list[list[dict[str, Any]]]) -> Any:
    store.run("MATCH (n) DETACH DELETE n", write=True)
    for run in runs:
        write_records(store, run)
    return normalized(store.to_networkx())


@pytest.fixture(scope="module")
def reference(store: FalkorStore) -> Any:
    return _graph(store, [RECORDS])


@st.composite
def orders_and_splits(draw: st.DrawFn) -> list[list[int]]:
    """Runs of article indices: a random order cut in one to five runs."""
    order = draw(st.permutations(range(len(RECORDS))))
    cuts = sorted(draw(st.sets(st.integers(1, len(RECORDS) - 1), max_size=4)))
    bounds = [0, *cuts, len(RECORDS)]
    return [list(order[a:b]) for a, b in itertools.pairwise(bounds)]


def test_the_corpus_has_people_to_confuse() -> None:
    assert len(RECORDS) >= 20
    names = [e["name"] for r in RECORDS for e in r["entities"] if e["type"] == "Leader"]
    assert len(names) > len(set(names))  # the same people recur across articles


def _differences(got: Any, want: Any) -> list[str]:
    (nodes, edges), (ref_nodes, ref_edges) = got, want
    out = [
        f"node {k}: {nodes.get(k)} != {ref_nodes.get(k)}"
        for k in sorted(set(nodes) | set(ref_nodes))
        if nodes.get(k) != ref_nodes.get(k)
    ]
    out += [f"edge {k}" for k in sorted(set(edges) ^ set(ref_edges), key=str)]
    out += [
        f"edge {k}: {edges[k]} != {ref_edges[k]}"
        for k in sorted(set(edges) & set(ref_edges), key=str)
        if edges[k] != ref_edges[k]
    ]
    return out


@given(runs=orders_and_splits())
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_order_and_split_gives_the_same_graph(
    store: FalkorStore, reference: Any, runs: list[list[int]]
) -> None:
    got = _graph(store, [[RECORDS[i] for i in run] for run in runs])
    assert _differences(got, reference) == []
