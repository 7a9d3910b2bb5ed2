"""The Neo4j store on the genuine test server (tests/neo4j/start.sh); no mocks."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from fixtures.neo4j_server import ThrowawayNeo4j, neo4j_settings
from fixtures.store_helpers import (
    article_edge_counts,
    count_dict,
    expected_edge_counts,
    ingest,
    normalized,
)
from fixtures.store_records import RECORDS, synthetic_records

from diplograph.graph.model import article_fragment, build_graph
from diplograph.graph.resolve import Resolver
from diplograph.graph.stores import neo4j_db
from diplograph.graph.stores.base import StoreError
from diplograph.graph.stores.falkordb_lite import FalkorStore
from diplograph.graph.stores.neo4j_db import Neo4jStore
from diplograph.graph.stores.open import open_store, push

pytestmark = pytest.mark.neo4j


def _emptied(store: Neo4jStore) -> Neo4jStore:
    store.run("MATCH (n) DETACH DELETE n", write=True)
    return store


@pytest.fixture
def store():
    opened = _emptied(Neo4jStore(**neo4j_settings()))
    yield opened
    opened.close()


def test_stored_graph_is_the_model_graph(store: Neo4jStore) -> None:
    ingest(store, RECORDS)
    assert normalized(store.to_networkx()) == normalized(build_graph(RECORDS))


def test_writing_the_same_fragments_twice_changes_nothing(store: Neo4jStore) -> None:
    fragments = ingest(store, RECORDS)
    before = count_dict(store)
    for fragment in fragments:
        store.write_fragment(fragment)
    assert count_dict(store) == before
    assert before["relationships"]["MET_WITH"] == 3


def test_reingest_with_a_new_connection_changes_nothing(store: Neo4jStore) -> None:
    ingest(store, RECORDS)
    before = count_dict(store)
    with Neo4jStore(**neo4j_settings()) as second:
        assert second.stored_articles(r["id"] for r in RECORDS) == {r["id"] for r in RECORDS}
        ingest(second, RECORDS)
        assert count_dict(second) == before


def test_schema_constraints_and_indexes(store: Neo4jStore) -> None:
    _, constraints = store.run("SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties, type")
    unique = {(labels[0], props[0]) for _, labels, props, kind in constraints if "UNIQUE" in kind}
    for label in ("Leader", "Country", "Region", "Organization", "Article"):
        assert (label, "id") in unique
    _, indexes = store.run("SHOW INDEXES YIELD labelsOrTypes, properties")
    indexed = {(labels[0], props[0]) for labels, props in indexes if labels and props}
    for label in ("Leader", "Country", "Region", "Organization"):
        assert (label, "name") in indexed
    Neo4jStore(**neo4j_settings()).close()  # a second connect re-runs the schema: IF NOT EXISTS


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = neo4j_settings()
    monkeypatch.setenv("NEO4J_URI", settings["uri"])
    monkeypatch.setenv("NEO4J_USERNAME", settings["user"])
    monkeypatch.setenv("NEO4J_PASSWORD", settings["password"])
    monkeypatch.setenv("NEO4J_DATABASE", settings["database"])
    with Neo4jStore() as from_env:
        assert from_env.run("RETURN 1 AS one")[1] == [[1]]
    opened = open_store(neo4j_uri=settings["uri"])
    try:
        assert opened.name == "neo4j"
    finally:
        opened.close()


def test_wrong_password_is_one_clear_store_error() -> None:
    settings = {**neo4j_settings(), "password": "not-the-password"}
    with pytest.raises(StoreError, match="authentication failed for user 'neo4j'") as caught:
        Neo4jStore(**settings)
    assert "\n" not in str(caught.value)


def test_server_down_is_one_clear_store_error() -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings = {**neo4j_settings(), "uri": f"bolt://127.0.0.1:{port}"}
    with pytest.raises(StoreError, match="is not reachable") as caught:
        Neo4jStore(**settings)
    assert "\n" not in str(caught.value)


def test_unusable_uri_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="not usable"):
        Neo4jStore(**{**neo4j_settings(), "uri": "http://127.0.0.1:7474"})


def test_reads_run_in_a_read_transaction(store: Neo4jStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the guard, the server itself refuses a write in run(write=False)."""
    monkeypatch.setattr(neo4j_db, "ensure_read_only", lambda cypher: None)
    with pytest.raises(StoreError, match=r"(?i)read"):
        store.run("CREATE (:Leader {id: 'sneaky'})")
    assert store.run("MATCH (n:Leader {id: 'sneaky'}) RETURN count(n)")[1] == [[0]]


def test_write_true_writes(store: Neo4jStore) -> None:
    store.run("CREATE (:Country {id: 'XX', name: 'Nowhere'})", write=True)
    assert store.run("MATCH (c:Country {id: 'XX'}) RETURN c.name")[1] == [["Nowhere"]]


def test_a_failing_fragment_leaves_nothing(store: Neo4jStore) -> None:
    """One transaction per article: a statement failing at the end undoes the whole article."""
    fragment = article_fragment(RECORDS[0], Resolver())
    article = next(k for k, d in fragment.nodes(data=True) if d["label"] == "Article")
    fragment.nodes[article]["title"] = ["mixed", 1]  # Neo4j refuses lists of mixed types
    with pytest.raises(StoreError, match="Neo4j at"):
        store.write_fragment(fragment)
    assert count_dict(store) == {"nodes": {}, "relationships": {}}


def test_nodes_come_back_as_plain_dicts(store: Neo4jStore) -> None:
    ingest(store, RECORDS)
    _, rows = store.run("MATCH p = (c:Country {id: 'BY'})<-[:LEADER_OF]-(l) RETURN c, p")
    assert rows[0][0]["label"] == "Country"
    assert [node["label"] for node in rows[0][1]] == ["Country", "Leader"]


def test_push_copies_the_embedded_graph_idempotently(store: Neo4jStore, tmp_path: Path) -> None:
    with FalkorStore(tmp_path / "embedded") as embedded:
        ingest(embedded, RECORDS)
        assert push(embedded, store) == len(RECORDS)
        assert normalized(store.to_networkx()) == normalized(embedded.to_networkx())
        before = count_dict(store)
        assert push(embedded, store) == 0
        assert count_dict(store) == before


def test_push_completes_an_interrupted_push(store: Neo4jStore, tmp_path: Path) -> None:
    with FalkorStore(tmp_path / "embedded") as embedded:
        ingest(embedded, RECORDS)
        ingest(store, RECORDS[:2])  # as if a first push stopped after two articles
        assert push(embedded, store) == len(RECORDS) - 2
        assert normalized(store.to_networkx()) == normalized(embedded.to_networkx())


def test_server_killed_mid_ingest(tmp_path: Path) -> None:
    """kill -9 of the server while articles stream in: a clear error, no half article, re-run completes."""
    server = ThrowawayNeo4j(tmp_path)
    records = synthetic_records(400)
    try:
        settings = server.start()
        reported: list[str] = []
        killed = threading.Event()
        with Neo4jStore(**settings, retry_seconds=2) as store:
            resolver = Resolver.from_leaders(store.leaders())
            with pytest.raises(StoreError) as caught:
                for record in records:
                    store.write_fragment(article_fragment(record, resolver))
                    reported.append(record["id"])
                    if len(reported) == 20:
                        threading.Thread(target=lambda: (server.kill9(), killed.set())).start()
        assert killed.wait(30)
        message = str(caught.value)
        assert message.startswith(f"Neo4j at {settings['uri']}") and "\n" not in message
        assert len(reported) < len(records), "the ingest finished before the kill"

        server.restart()
        with Neo4jStore(**settings) as store:
            stored = store.stored_articles(r["id"] for r in records)
            assert set(reported) <= stored
            check = Resolver()
            for record in records:
                fragment = article_fragment(record, check)
                expected = expected_edge_counts(fragment) if record["id"] in stored else (0, 0)
                assert article_edge_counts(store, record["id"]) == expected
            ingest(store, [r for r in records if r["id"] not in stored])
            assert normalized(store.to_networkx()) == normalized(build_graph(records))
    finally:
        server.stop()
