"""The loader's statements, without a database: order, batching, whitelists, parameters only."""

from __future__ import annotations

import networkx as nx
import pytest
from fixtures.store_records import RECORDS

from diplograph.graph.load import article_fragments, graph_statements
from diplograph.graph.model import article_fragment, build_graph
from diplograph.graph.resolve import Resolver


def _fragment(index: int = 0) -> nx.MultiDiGraph:
    return article_fragment(RECORDS[index], Resolver())


def _article(graph: nx.MultiDiGraph) -> str:
    return next(key for key, label in graph.nodes(data="label") if label == "Article")


def test_article_comes_last_with_its_mentions() -> None:
    statements = graph_statements(_fragment())
    cypher, params = statements[-1]
    assert "MERGE (a:Article {id: row.id})" in cypher
    assert "MERGE (a)-[:MENTIONS]->(e)" in cypher
    assert all("Article" not in c for c, _ in statements[:-1])
    assert params["rows"][0]["mentions"]["Leader"] == ["aleksandr-lukashenko", "dmitry-mezentsev"]


def test_event_edges_merge_on_the_article_id() -> None:
    met = [c for c, _ in graph_statements(_fragment()) if ":MET_WITH" in c]
    assert met == [
        "UNWIND $rows AS row\n"
        "MATCH (a:Leader {id: row.source})\n"
        "MATCH (b:Leader {id: row.target})\n"
        "MERGE (a)-[r:MET_WITH {article_id: row.article_id}]->(b)\n"
        "SET r += row.props"
    ]


def test_symmetric_edges_go_from_the_lower_key() -> None:
    fragment = nx.MultiDiGraph()
    fragment.add_node("Leader:b", label="Leader", id="b", name="B")
    fragment.add_node("Leader:a", label="Leader", id="a", name="A")
    fragment.add_edge("Leader:b", "Leader:a", key="MET_WITH:x", type="MET_WITH", article_id="x")
    rows = next(p["rows"] for c, p in graph_statements(fragment) if ":MET_WITH" in c)
    assert (rows[0]["source"], rows[0]["target"]) == ("a", "b")


def test_values_travel_as_parameters_only() -> None:
    record = {**RECORDS[2], "title": "x'}) DETACH DELETE n //"}
    statements = graph_statements(article_fragment(record, Resolver()))
    text = "\n".join(c for c, _ in statements)
    assert "DETACH" not in text
    assert "brotherly" not in text
    assert any(r["props"].get("title") == record["title"] for _, p in statements for r in p["rows"])


def test_batches_split_rows_not_statements() -> None:
    graph = build_graph(RECORDS)
    big = graph_statements(graph)
    small = graph_statements(graph, batch_size=1)
    assert len(small) > len(big)
    assert {c for c, _ in small} == {c for c, _ in big}
    assert all(len(p["rows"]) == 1 for _, p in small)
    assert sum(len(p["rows"]) for _, p in small) == sum(len(p["rows"]) for _, p in big)
    with pytest.raises(ValueError, match="batch_size"):
        graph_statements(graph, batch_size=0)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda g: g.add_node("Spy:x", label="Spy", id="x"), "label"),
        (lambda g: g.add_node("Leader:x", label="Leader", id="x", **{"bad key": 1}), "identifier"),
        (lambda g: g.add_node("Leader:y", label="Leader", name="no id"), "no id"),
        (lambda g: g.add_edge("Country:BY", "Country:BY", type="LOVES"), "unknown type"),
        (lambda g: g.add_edge("Country:BY", "Country:XX", type="PART_OF"), "label None"),
        (lambda g: g.add_edge("Leader:aleksandr-lukashenko", _article(g), type="VISITED"), "two entities"),
        (lambda g: g.add_edge("Country:BY", "Region:RU-PRI", type="VISITED"), "no article_id"),
    ],
)
def test_bad_graphs_are_refused(change, message: str) -> None:
    fragment = _fragment()
    change(fragment)
    with pytest.raises(ValueError, match=message):
        graph_statements(fragment)


def test_article_fragments_cover_the_whole_graph() -> None:
    graph = build_graph(RECORDS)
    fragments = list(article_fragments(graph))
    assert len(fragments) == len(RECORDS)
    merged = nx.MultiDiGraph()
    for fragment in fragments:
        merged.add_nodes_from(fragment.nodes(data=True))
        merged.add_edges_from(fragment.edges(keys=True, data=True))
    assert set(merged.nodes) == set(graph.nodes)
    assert set(merged.edges(keys=True)) == set(graph.edges(keys=True))


def test_article_fragments_keep_what_no_article_reaches() -> None:
    graph = build_graph(RECORDS)
    graph.add_node("Country:FR", label="Country", id="FR", name="France")
    rest = list(article_fragments(graph))[-1]
    assert list(rest.nodes) == ["Country:FR"]
