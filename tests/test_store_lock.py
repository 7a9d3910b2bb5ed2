"""One writer per embedded store across processes (issue 13, case 1), on real FalkorDBLite servers.

Before the lock, two processes opening one folder at once could each start a server
appending to the same log; both exited 0 and the store became unreadable.
"""

from __future__ import annotations

import multiprocessing
from multiprocessing.synchronize import Barrier
from pathlib import Path

import pytest
from fixtures.store_helpers import article_edge_counts, expected_edge_counts, ingest, normalized
from fixtures.store_records import synthetic_records

from diplograph.graph.model import article_fragment
from diplograph.graph.resolve import Resolver
from diplograph.graph.stores.falkordb_lite import FalkorStore
from diplograph.graph.stores.server_processes import servers_in

ROUNDS = 20
PER_WRITER = 2  # articles of its own per writer and round, plus one every writer of the round writes

DUPLICATE_NODES = (
    "MATCH (n) WITH labels(n)[0] AS label, n.id AS id, count(*) AS c WHERE c > 1 RETURN count(*)"
)
DUPLICATE_EDGES = (
    "MATCH (a)-[r]->(b) WITH a, b, type(r) AS t, r.article_id AS art, count(*) AS c "
    "WHERE c > 1 RETURN count(*)"
)


def _writer(path: str, records: list[dict], barrier: Barrier) -> None:
    barrier.wait(timeout=60)  # every writer of the round opens the store at the same moment
    with FalkorStore(path, wait=300) as store:
        ingest(store, records)


def _run_rounds(path: Path, writers: int) -> list[dict]:
    fork = multiprocessing.get_context("fork")
    records = synthetic_records(ROUNDS * (writers * PER_WRITER + 1))
    size = writers * PER_WRITER + 1
    for number in range(ROUNDS):
        chunk = records[number * size : (number + 1) * size]
        shared = chunk[-1]
        barrier = fork.Barrier(writers)
        children = [
            fork.Process(
                target=_writer,
                args=(str(path), [*chunk[k * PER_WRITER : (k + 1) * PER_WRITER], shared], barrier),
            )
            for k in range(writers)
        ]
        for child in children:
            child.start()
        for child in children:
            child.join(timeout=300)
        assert [child.exitcode for child in children] == [0] * writers, f"round {number}"
        assert servers_in(path) == [], f"a server outlived round {number}"
    return records


@pytest.mark.parametrize("writers", [2, 4])
def test_concurrent_writers_lose_nothing_and_duplicate_nothing(tmp_path: Path, writers: int) -> None:
    path = tmp_path / "store"
    records = _run_rounds(path, writers)
    with FalkorStore(path) as store:
        assert store.stored_articles(r["id"] for r in records) == {r["id"] for r in records}
        resolver = Resolver()
        for record in records:
            expected = expected_edge_counts(article_fragment(record, resolver))
            assert article_edge_counts(store, record["id"]) == expected, record["id"]
        assert store.run(DUPLICATE_NODES)[1] == [[0]]
        assert store.run(DUPLICATE_EDGES)[1] == [[0]]
        graph = normalized(store.to_networkx())
    with FalkorStore(tmp_path / "reference") as reference:  # the same articles, one process
        ingest(reference, records)
        assert graph == normalized(reference.to_networkx())
