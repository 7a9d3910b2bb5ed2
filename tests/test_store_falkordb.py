"""The embedded FalkorDBLite store on a real server: loading, idempotence, durability, guard."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from fixtures.store_helpers import (
    article_edge_counts,
    count_dict,
    expected_edge_counts,
    gone,
    ingest,
    normalized,
)
from fixtures.store_records import RECORDS, synthetic_records

from diplograph.graph import named_queries
from diplograph.graph.load import graph_statements
from diplograph.graph.model import article_fragment, build_graph
from diplograph.graph.resolve import Resolver
from diplograph.graph.stores.base import StoreError
from diplograph.graph.stores.falkordb_lite import FalkorStore
from diplograph.graph.stores.open import open_store
from diplograph.graph.stores.server_processes import servers_in

TESTS = Path(__file__).parent

# A stand-in for `diplograph ingest`: reports each article once write_fragment returned.
CHILD = """
import sys
from diplograph.graph.model import article_fragment
from diplograph.graph.resolve import Resolver
from diplograph.graph.stores.base import StoreError
from diplograph.graph.stores.falkordb_lite import FalkorStore
from fixtures.store_records import synthetic_records

store = FalkorStore(sys.argv[1])
print("server", store.server_pid, flush=True)
resolver = Resolver.from_leaders(store.leaders())
done = store.stored_articles(r["id"] for r in synthetic_records(int(sys.argv[2])))
try:
    for record in synthetic_records(int(sys.argv[2])):
        if record["id"] not in done:
            store.write_fragment(article_fragment(record, resolver))
            print("stored", record["id"], flush=True)
except StoreError as error:
    print(f"error: {error}", file=sys.stderr, flush=True)
    sys.exit(1)
print("done", flush=True)
if len(sys.argv) < 4:
    store.close()
"""
MANY = 1000


@pytest.fixture
def store(tmp_path: Path):
    opened = FalkorStore(tmp_path / "store")
    yield opened
    opened.close()


def _child(path: Path, count: int, *extra: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), str(count), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _read_until_stored(child: subprocess.Popen[str], wanted: int) -> tuple[int, list[str]]:
    """(server pid, ids reported stored) once `wanted` articles are reported."""
    assert child.stdout is not None
    server = int(child.stdout.readline().split()[1])
    stored: list[str] = []
    while len(stored) < wanted:
        line = child.stdout.readline()
        assert line.startswith("stored "), f"child ended early: {line!r} {child.stderr.read()}"
        stored.append(line.split()[1])
    return server, stored


def _assert_complete(store: FalkorStore, records: list[dict], reported: list[str]) -> None:
    """Every reported article is stored; every stored Article has all its edges."""
    stored = store.stored_articles(r["id"] for r in records)
    assert set(reported) <= stored
    resolver = Resolver()
    for record in records:
        fragment = article_fragment(record, resolver)
        if record["id"] in stored:
            assert article_edge_counts(store, record["id"]) == expected_edge_counts(fragment)


def _reference(tmp_path: Path, records: list[dict]) -> tuple[dict, dict]:
    with FalkorStore(tmp_path / "reference") as reference:
        ingest(reference, records)
        return normalized(reference.to_networkx())


def test_stored_graph_is_the_model_graph(store: FalkorStore) -> None:
    ingest(store, RECORDS)
    assert normalized(store.to_networkx()) == normalized(build_graph(RECORDS))


def test_writing_the_same_fragments_twice_changes_nothing(store: FalkorStore) -> None:
    fragments = ingest(store, RECORDS)
    before = count_dict(store)
    graph = normalized(store.to_networkx())
    for fragment in fragments:
        store.write_fragment(fragment)
    assert count_dict(store) == before
    assert normalized(store.to_networkx()) == graph
    assert before["relationships"]["MET_WITH"] == 3  # Putin-Lukashenko given both ways, once each


def test_reingest_after_reopen_changes_nothing(tmp_path: Path) -> None:
    with FalkorStore(tmp_path / "store") as first:
        ingest(first, RECORDS)
        before = count_dict(first)
    with FalkorStore(tmp_path / "store") as second:
        assert second.stored_articles(r["id"] for r in RECORDS) == {r["id"] for r in RECORDS}
        ingest(second, RECORDS)
        assert count_dict(second) == before


def test_batch_size_does_not_change_the_graph(tmp_path: Path) -> None:
    with FalkorStore(tmp_path / "one", batch_size=1) as one, FalkorStore(tmp_path / "big") as big:
        ingest(one, RECORDS)
        ingest(big, RECORDS)
        assert normalized(one.to_networkx()) == normalized(big.to_networkx())


def test_interrupted_article_is_completed_by_the_rerun(store: FalkorStore) -> None:
    fragment = article_fragment(RECORDS[0], Resolver())
    statements = graph_statements(fragment, batch_size=1)
    for cypher, params in statements[: len(statements) // 2]:
        store.run(cypher, params, write=True)
    assert store.stored_articles([RECORDS[0]["id"]]) == set()  # no commit marker yet
    store.write_fragment(fragment)
    assert store.stored_articles([RECORDS[0]["id"]]) == {RECORDS[0]["id"]}
    assert article_edge_counts(store, RECORDS[0]["id"]) == expected_edge_counts(fragment)
    assert normalized(store.to_networkx()) == normalized(build_graph(RECORDS[:1]))


def test_leaders_seed_the_resolver(store: FalkorStore) -> None:
    ingest(store, RECORDS)
    leaders = {leader["id"]: leader for leader in store.leaders()}
    assert set(leaders) == {
        "aleksandr-lukashenko",
        "dmitry-mezentsev",
        "kassym-jomart-tokayev",
        "vladimir-putin",
    }
    assert "Lukashenka" in leaders["aleksandr-lukashenko"]["aliases"]


def test_indexes_on_id_and_name(store: FalkorStore) -> None:
    _, rows = store.run("CALL db.indexes() YIELD label, properties")
    indexed = {label: set(props) for label, props in rows}
    for label in ("Leader", "Country", "Region", "Organization"):
        assert {"id", "name"} <= indexed[label]
    assert "id" in indexed["Article"]


def test_guard_refuses_a_write(store: FalkorStore) -> None:
    with pytest.raises(StoreError, match=r"refused: the query writes \(MERGE\)"):
        store.run("MERGE (n:Country {id: 'XX'})")
    assert store.run("MATCH (n) RETURN count(n)")[1] == [[0]]


def test_guard_lets_reads_with_write_words_in_strings_through(store: FalkorStore) -> None:
    ingest(store, RECORDS)
    _, rows = store.run(
        "MATCH (l:Leader) // CREATE nothing\n"
        "WHERE l.name <> 'DELETE me; CREATE (x)' RETURN count(l) AS n, {set: 1}.set AS s"
    )
    assert rows == [[4, 1]]


def test_write_true_writes(store: FalkorStore) -> None:
    store.run("CREATE (:Country {id: 'XX', name: 'Nowhere'})", write=True)
    assert store.run("MATCH (c:Country {id: 'XX'}) RETURN c.name")[1] == [["Nowhere"]]


def test_cypher_errors_are_store_errors(store: FalkorStore) -> None:
    with pytest.raises(StoreError, match="FalkorDB"):
        store.run("MATCH (n RETURN n")


def test_nodes_come_back_as_plain_dicts(store: FalkorStore) -> None:
    ingest(store, RECORDS)
    _, rows = store.run("MATCH (c:Country {id: 'BY'}) RETURN c")
    assert rows[0][0]["label"] == "Country"
    assert rows[0][0]["name"] == "Belarus"


def test_every_named_query_runs(store: FalkorStore) -> None:
    ingest(store, RECORDS)
    samples = {"leader": "Lukashenko", "from": "Lukashenko", "to": "Tokayev", "country": "BY"}
    for query in named_queries.list_queries():
        params = {p.name: samples[p.name] for p in query.params if p.required}
        columns, rows = named_queries.run_named(store, query.name, params)
        assert columns, query.name
        assert rows, query.name


def test_open_store_defaults_to_embedded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIPLOGRAPH_STORE", str(tmp_path / "from-env"))
    opened = open_store()
    try:
        assert opened.name == "falkordb"
        assert (tmp_path / "from-env" / "graph.rdb.settings").exists()
    finally:
        opened.close()


def test_close_stops_the_server(tmp_path: Path) -> None:
    opened = FalkorStore(tmp_path / "store")
    pid = opened.server_pid
    assert psutil.pid_exists(pid)
    opened.close()
    assert gone(pid)


def test_process_exit_stops_the_server(tmp_path: Path) -> None:
    child = _child(tmp_path / "store", 3, "no-close")
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    assert gone(int(out.split()[1]))


def test_kill_9_of_the_ingesting_process_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "store"
    records = synthetic_records(MANY)
    child = _child(path, MANY)
    server, reported = _read_until_stored(child, 25)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    reported += [line.split()[1] for line in child.stdout.read().splitlines() if line.startswith("stored ")]
    assert "done" not in reported and len(reported) < MANY, "the ingest finished before the kill"

    with FalkorStore(path) as reopened:  # stops the server the dead process left running
        _assert_complete(reopened, records, reported)
    assert gone(server)

    rerun = _child(path, MANY)
    _, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    with FalkorStore(path) as final:
        assert normalized(final.to_networkx()) == _reference(tmp_path, records)


def test_kill_9_of_the_server_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "store"
    records = synthetic_records(MANY)
    child = _child(path, MANY)
    server, reported = _read_until_stored(child, 25)
    os.kill(server, signal.SIGKILL)
    out, err = child.communicate(timeout=60)
    reported += [line.split()[1] for line in out.splitlines() if line.startswith("stored ")]
    assert child.returncode == 1
    assert "error:" in err and "gone" in err
    assert len(reported) < MANY

    with FalkorStore(path) as reopened:  # a new server replays the append-only file
        assert reopened.server_pid != server
        _assert_complete(reopened, records, reported)
        stored = reopened.stored_articles(r["id"] for r in records)
        ingest(reopened, [r for r in records if r["id"] not in stored])
        assert normalized(reopened.to_networkx()) == _reference(tmp_path, records)


def test_a_second_opener_of_the_store_waits_then_fails_with_one_line(tmp_path: Path) -> None:
    first = FalkorStore(tmp_path / "store")
    told: list[str] = []
    started = time.monotonic()
    with pytest.raises(StoreError, match=r"is in use by pid \d+ .*gave up after 0.5 s"):
        FalkorStore(tmp_path / "store", wait=0.5, on_wait=told.append)
    assert time.monotonic() - started < 5
    assert len(told) == 1 and "waiting up to 0.5 s" in told[0]
    assert servers_in(tmp_path / "store") == [psutil.Process(first.server_pid)]  # never a second server
    pid = first.server_pid
    first.close()
    assert gone(pid)
    with FalkorStore(tmp_path / "store", wait=0) as second:  # free again
        assert second.server_pid != pid


def test_persistence_settings(store: FalkorStore) -> None:
    config = store._db.client.config_get("*")
    assert (config["appendonly"], config["appendfsync"]) == ("yes", "always")
    assert config["save"] == ""
    assert Path(config["dir"]) == store.path
    assert (store.path / "appendonlydir").is_dir()
