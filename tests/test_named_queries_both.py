"""The same records in both stores: every named query answers the same, writes are refused alike."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.neo4j_server import neo4j_settings
from fixtures.store_helpers import count_dict, ingest, normalized
from fixtures.store_records import RECORDS

from diplograph.graph import named_queries
from diplograph.graph.stores.base import Store, StoreError
from diplograph.graph.stores.falkordb_lite import FalkorStore
from diplograph.graph.stores.neo4j_db import Neo4jStore

pytestmark = pytest.mark.neo4j

# Parameter sets per query: the defaults, then filters that keep some rows and drop others.
CASES: dict[str, list[dict[str, object]]] = {
    "meetings": [
        {},
        {"leader": "lukashenka"},
        {"leader": "Vladimir Putin"},
        {"leader": "nobody"},
        {"leader": "Александр Лукашенко"},
        {"leader": "Lukashenka Alexander"},
    ],
    "cooperation": [{}, {"country": "by"}, {"country": "Russia"}, {"country": "KZ"}],
    "planned_visits": [{}, {"after": "2021-09"}, {"leader": "Putin"}, {"after": "2030"}],
    "ego_network": [{"leader": "Lukashenko"}, {"leader": "kassym-jomart-tokayev"}],
    "most_connected": [{}, {"limit": 2}],
    "shortest_path": [
        {"from": "Mezentsev", "to": "Tokayev"},
        {"from": "Mezentsev", "to": "Putin"},
        {"from": "Putin", "to": "Putin"},
    ],
    "evidence": [
        {"from": "Lukashenko", "to": "Tokayev"},
        {"from": "Putin", "to": "Lukashenko"},
        {"from": "Putin", "to": "Lukashenko", "type": "held_call"},
        {"from": "Russia", "to": "Belarus"},
    ],
}


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory):
    falkor = FalkorStore(Path(tmp_path_factory.mktemp("both")) / "store")
    neo4j = Neo4jStore(**neo4j_settings())
    neo4j.run("MATCH (n) DETACH DELETE n", write=True)
    for store in (falkor, neo4j):
        ingest(store, RECORDS)
    yield falkor, neo4j
    falkor.close()
    neo4j.close()


def test_every_shipped_query_has_cases() -> None:
    assert {q.name for q in named_queries.list_queries()} == set(CASES)


@pytest.mark.parametrize(
    ("name", "params"), [(name, params) for name, cases in CASES.items() for params in cases]
)
def test_named_query_answers_the_same_on_both(
    stores: tuple[Store, Store], name: str, params: dict[str, object]
) -> None:
    falkor, neo4j = stores
    on_falkor = named_queries.run_named(falkor, name, params)
    on_neo4j = named_queries.run_named(neo4j, name, params)
    assert on_falkor == on_neo4j


def test_the_cases_find_something(stores: tuple[Store, Store]) -> None:
    """Guard against comparing empty answers: all but the deliberate misses have rows."""
    falkor, _ = stores
    misses = [
        ("meetings", {"leader": "nobody"}),
        ("planned_visits", {"after": "2030"}),
        ("shortest_path", {"from": "Putin", "to": "Putin"}),
    ]
    for name, cases in CASES.items():
        for params in cases:
            rows = named_queries.run_named(falkor, name, params)[1]
            missing = (name, params) in misses
            assert bool(rows) != missing, (name, params)


def test_both_stores_hold_the_same_graph(stores: tuple[Store, Store]) -> None:
    falkor, neo4j = stores
    assert normalized(falkor.to_networkx()) == normalized(neo4j.to_networkx())
    assert count_dict(falkor) == count_dict(neo4j)


@pytest.mark.parametrize(
    "cypher",
    [
        "CREATE (n:Leader {id: 'x'})",
        "MATCH (n:Leader) SET n.name = 'x'",
        "MATCH (n) DETACH DELETE n",
        "MERGE (n:Country {id: 'XX'})",
        "MATCH (n:Leader) REMOVE n.title",
        "MATCH (n:Leader) FOREACH (x IN [1] | CREATE (:Leader {id: 'y'}))",
        "match (n) with n create (m:Leader {id: 'lower'})",
        "LOAD CSV FROM 'file:///x.csv' AS row RETURN row",
        "CALL db.idx.fulltext.createNodeIndex('Leader', 'name')",
        "CALL db.createLabel('Spy')",
        "DROP CONSTRAINT diplograph_leader_id",
    ],
)
def test_both_refuse_writes_without_write_true(stores: tuple[Store, Store], cypher: str) -> None:
    for store in stores:
        before = count_dict(store)
        with pytest.raises(StoreError, match="refused: the query writes"):
            store.run(cypher)
        assert count_dict(store) == before
