"""The read-only guard on its own: write clauses found, look-alikes left alone."""

from __future__ import annotations

import pytest

from diplograph.graph.cypher_guard import ensure_read_only, write_clauses
from diplograph.graph.stores.base import StoreError


@pytest.mark.parametrize(
    ("cypher", "found"),
    [
        ("CREATE (n)", ["CREATE"]),
        ("MATCH (n) DETACH DELETE n", ["DETACH", "DELETE"]),
        ("MATCH (n) SET n.x = 1 REMOVE n.y", ["SET", "REMOVE"]),
        ("MERGE (a {id: 1}) ON CREATE SET a.t = 2", ["MERGE", "CREATE", "SET"]),
        ("load csv from 'f' as r return r", ["LOAD CSV"]),
        ("DROP INDEX i", ["DROP"]),
        ("CALL db.createLabel('X')", ["CALL db.createLabel"]),
        ("CALL apoc.periodic.iterate('a', 'b', {})", ["CALL apoc.periodic.iterate"]),
        ("CALL apoc.do.when(true, 'a', 'b')", ["CALL apoc.do.when"]),
        ("CALL gds.pageRank.write('g', {})", ["CALL gds.pageRank.write"]),
        ("MATCH (n) /* a comment */ CREATE (m)", ["CREATE"]),
    ],
)
def test_write_clauses_are_found(cypher: str, found: list[str]) -> None:
    assert write_clauses(cypher) == found
    with pytest.raises(StoreError, match="refused"):
        ensure_read_only(cypher)


@pytest.mark.parametrize(
    "cypher",
    [
        "MATCH (n) WHERE n.name = 'CREATE (x)' RETURN n",
        'MATCH (n) WHERE n.t = "it\\"s SET here" RETURN n',
        "MATCH (n) // DELETE n\nRETURN n",
        "MATCH (n) /* MERGE */ RETURN n",
        "MATCH (n:`CREATE`) RETURN n.set, n.delete",
        "RETURN {create: 1, merge: 2} AS m, $set AS p",
        "MATCH (n) WHERE n:Merge RETURN n",
        "CALL db.labels() YIELD label RETURN label",
        "CALL db.indexes() YIELD label, properties RETURN label",
        "CALL { MATCH (n) RETURN n } RETURN n",
        "MATCH (n) RETURN n.created AS created, n.settled AS settled",
    ],
)
def test_reads_pass(cypher: str) -> None:
    assert write_clauses(cypher) == []
    ensure_read_only(cypher)
