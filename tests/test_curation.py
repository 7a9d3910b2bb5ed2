"""Curation on both real stores: merge, alias, rename, set, block; idempotent; kept on re-ingest."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fixtures.neo4j_server import neo4j_settings
from fixtures.store_helpers import normalized

from diplograph.graph.curation import CurationError, apply_curation, load_curation, parse_curation
from diplograph.graph.ingest_run import write_records
from diplograph.graph.stores.base import Store
from diplograph.graph.stores.falkordb_lite import FalkorStore
from diplograph.graph.stores.neo4j_db import Neo4jStore
from diplograph.graph.suspects import suspects


def _entity(eid: str, name: str, etype: str = "Leader", country: str | None = None) -> dict[str, Any]:
    return {"id": eid, "name": name, "type": etype, "aliases": [], "country": country}


def _record(number: int, entities: list[dict[str, Any]], relations: list[tuple[str, str, str]]) -> dict:
    return {
        "id": f"curation-{number}",
        "title": f"Article {number}",
        "date": f"2025-03-{number:02d}",
        "entities": entities,
        "relations": [
            {
                "type": t,
                "source": a,
                "target": b,
                "evidence": [
                    {"sentence": f"{a} {t} {b} ({number}).", "start": 10 * number, "end": 10 * number + 9}
                ],
            }
            for t, a, b in relations
        ],
    }


# Our own small articles: a misspelt president, a junk person, a minister taken for a body.
RECORDS = [
    _record(
        1,
        [
            _entity("m", "Serjio Mattarella", country="IT"),
            _entity("o", "Olaf Scholz", country="DE"),
            _entity("it", "Italy", "Country", "IT"),
        ],
        [("MET_WITH", "m", "o"), ("VISITED", "o", "it")],
    ),
    _record(
        2,
        [
            _entity("m", "Sergio Mattarella", country="IT"),
            _entity("o", "Olaf Scholz", country="DE"),
            _entity("j", "Jean Dupont", country="FR"),
        ],
        [("MET_WITH", "m", "o"), ("HELD_CALL", "m", "j")],
    ),
    _record(
        3,
        [
            _entity("n", "Naledi Pandor", "Organization", "ZA"),
            _entity("m", "Serjio Mattarella"),
            _entity("za", "South Africa", "Country", "ZA"),
        ],
        [("PROPOSED_COOPERATION", "m", "za"), ("PROPOSED_COOPERATION", "n", "za")],
    ),
]
LATER = _record(
    4,
    [
        _entity("m", "Serjio Mattarella", country="IT"),
        _entity("j", "Jean Dupont", country="FR"),
        _entity("n", "Naledi Pandor", "Organization", "ZA"),
    ],
    [("MET_WITH", "m", "j"), ("PROPOSED_COOPERATION", "m", "n")],
)

CURATION = """
[[merge]]
into = "sergio-mattarella"
nodes = ["serjio-mattarella"]

[[alias]]
node = "Sergio Mattarella"
aliases = ["President of Italy Mattarella"]

[[rename]]
node = "olaf-scholz"
name = "Olaf Scholz (Chancellor)"

[[set]]
node = "naledi-pandor"
type = "Leader"
title = "Minister of International Relations"

[[block]]
nodes = ["Jean Dupont"]
"""


@pytest.fixture(params=["falkordb", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "falkordb":
        opened: Store = FalkorStore(tmp_path / "store")
    else:
        opened = Neo4jStore(**neo4j_settings())
        opened.run("MATCH (n) DETACH DELETE n", write=True)
    try:
        yield opened
    finally:
        opened.close()


def _events(store: Store, node_id: str) -> set[tuple[str, str, str, tuple[str, ...]]]:
    """(type, other end, article, sentences) of every event relation of a node."""
    _, rows = store.run(
        "MATCH (n {id: $id})-[r]-(o) WHERE r.article_id IS NOT NULL "
        "RETURN type(r), o.id, r.article_id, r.sentences",
        {"id": node_id},
    )
    return {(t, o, a, tuple(s)) for t, o, a, s in rows}


def _ids(store: Store, label: str) -> set[str]:
    return {row[0] for row in store.run(f"MATCH (n:{label}) RETURN n.id")[1]}


def test_curation_on_the_store(store: Store) -> None:
    write_records(store, RECORDS)
    assert {"serjio-mattarella", "sergio-mattarella", "jean-dupont"} <= _ids(store, "Leader")
    before = _events(store, "serjio-mattarella") | _events(store, "sergio-mattarella")
    pandor = _events(store, "naledi-pandor")
    curation = parse_curation(CURATION, "curation.toml")

    changes = apply_curation(store, curation)

    assert any(c.startswith("merge: Leader:serjio-mattarella into Leader:sergio-mattarella") for c in changes)
    assert any(c.startswith("block: removed Leader:jean-dupont") for c in changes)
    leaders = _ids(store, "Leader")
    assert "serjio-mattarella" not in leaders and "jean-dupont" not in leaders
    # the merge keeps every relation with its article and evidence; the blocked node's go
    after = _events(store, "sergio-mattarella")
    assert after == {e for e in before if e[1] != "jean-dupont"}
    _, dangling = store.run("MATCH (n {id: 'jean-dupont'}) RETURN count(n)")
    assert dangling == [[0]]
    # set: the minister is a Leader now, with her relation and the title
    assert "naledi-pandor" in leaders and "naledi-pandor" not in _ids(store, "Organization")
    assert _events(store, "naledi-pandor") == pandor
    _, rows = store.run("MATCH (l:Leader {id: 'sergio-mattarella'}) RETURN l.name, l.aliases")
    assert rows[0][0] == "Sergio Mattarella"
    assert {"Serjio Mattarella", "President of Italy Mattarella"} <= set(rows[0][1])
    _, rows = store.run("MATCH (l:Leader {id: 'naledi-pandor'}) RETURN l.title")
    assert rows == [["Minister of International Relations"]]
    _, rows = store.run("MATCH (l:Leader {id: 'olaf-scholz'}) RETURN l.name, l.aliases")
    assert rows[0][0] == "Olaf Scholz (Chancellor)" and "Olaf Scholz" in rows[0][1]

    # applying twice changes nothing
    graph = normalized(store.to_networkx())
    assert apply_curation(store, curation) == []
    assert normalized(store.to_networkx()) == graph

    # a re-ingest keeps the curation: the misspelling, the blocked name and the body follow it
    changes = write_records(store, [LATER], curation)
    assert not [c for c in changes if not c.startswith("note:")]
    assert "serjio-mattarella" not in _ids(store, "Leader")
    assert "jean-dupont" not in _ids(store, "Leader") | _ids(store, "Organization")
    assert "naledi-pandor" not in _ids(store, "Organization")
    assert ("PROPOSED_COOPERATION", "naledi-pandor", "curation-4") in {
        e[:3] for e in _events(store, "sergio-mattarella")
    }
    _, rows = store.run("MATCH ()-[r]->() WHERE r.article_id = 'curation-4' RETURN type(r)")
    assert rows == [["PROPOSED_COOPERATION"]]  # the meeting with the blocked name is gone
    assert apply_curation(store, curation) == []


def test_suspects_rank_the_misspelt_pair_and_the_junk_first(store: Store) -> None:
    write_records(store, [*RECORDS, _record(5, [_entity("x", "Ahmadi"), _entity("y", "Kremlin Pool")], [])])
    found = suspects(store.leaders(), {})
    pairs = [set(s.nodes) for s in found if s.kind == "duplicate"]
    assert pairs[0] == {"sergio-mattarella", "serjio-mattarella"}
    junk = [s.nodes[0] for s in found if s.kind == "junk"]
    assert "ahmadi" in junk and "olaf-scholz" not in junk
    assert "kremlin-pool" not in _ids(store, "Leader")  # never a Leader at all


def test_a_bad_curation_file_is_one_line_naming_it(tmp_path: Path) -> None:
    bad = {
        "a = [": "curation.toml: ",
        "[[merge]]\ninto = 'x'": "nodes must be a name or a list of names",
        "[[set]]\nnode = 'x'\ncountry = 'Narnia'": "ISO 3166-1 alpha-2",
        "[[set]]\nnode = 'x'\ntype = 'Person'": "type must be one of",
        "[[colour]]\nnode = 'x'": "unknown section 'colour'",
    }
    for text, message in bad.items():
        with pytest.raises(CurationError, match=message) as error:
            parse_curation(text, "curation.toml")
        assert "\n" not in str(error.value) and str(error.value).startswith("curation.toml: ")
    with pytest.raises(CurationError, match="cannot read"):
        load_curation(tmp_path / "missing.toml")


def test_curate_and_suspects_from_the_command_line(tmp_path: Path) -> None:
    """The installed commands on a real store: ingest with the store's curation.toml,
    `curate` reports each change once, `entities --suspects` ranks what is left."""
    import subprocess
    import sys

    diplograph = str(Path(sys.executable).parent / "diplograph")
    store = tmp_path / "store"
    with FalkorStore(store) as opened:
        write_records(opened, RECORDS)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [diplograph, *args, "--store", str(store)],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    suspects_out = run("entities", "--suspects")
    assert suspects_out.returncode == 0, suspects_out.stderr
    assert "serjio-mattarella" in suspects_out.stdout and "duplicate" in suspects_out.stdout

    (store / "curation.toml").write_text(CURATION, encoding="utf-8")
    first = run("curate")
    assert first.returncode == 0, first.stderr
    assert "merge: Leader:serjio-mattarella into Leader:sergio-mattarella" in first.stdout
    made = [line for line in first.stdout.splitlines() if not line.startswith(("note:", "curation:"))]
    assert len(made) >= 6 and f"curation: {len(made)} changes" in first.stdout
    second = run("curate")
    assert "curation: 0 changes" in second.stdout

    (tmp_path / "bad.toml").write_text("[[set]]\nnode = 'x'\ncountry = 'ZZ'\n", encoding="utf-8")
    bad = run("curate", "--curation", str(tmp_path / "bad.toml"))
    assert bad.returncode == 1
    assert bad.stderr.strip().count("\n") == 0 and "bad.toml" in bad.stderr
