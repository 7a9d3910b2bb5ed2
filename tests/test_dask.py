"""Extraction on a real Dask LocalCluster (2 worker processes, loopback): the records and the
stored graph of a single-process run, even when a worker is killed mid-run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest
from distributed import LocalCluster

from diplograph.graph.ingest_run import ingest
from diplograph.graph.stats import counts
from diplograph.graph.stores.falkordb_lite import FalkorStore
from diplograph.ingest.article import Article
from diplograph.ingest.distributed import dask_client, extract_on, local_workers
from diplograph.ingest.extract import extract_articles
from diplograph.ingest.nlp import get_nlp
from diplograph.ingest.readers import read_paths

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
DIPLOGRAPH = str(Path(sys.executable).parent / "diplograph")


@pytest.fixture(scope="module")
def cluster() -> Iterator[LocalCluster]:
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as local:
        yield local


def corpus(copies: int) -> list[Article]:
    """The examples, `copies` times over, each copy a distinct article (its own content hash)."""
    examples = [a for a in read_paths([str(EXAMPLES)]) if isinstance(a, Article)]
    return [
        Article(f"{a.text}\n\nFiled as copy {n}.", a.title, a.date, a.source, a.url, f"{a.path}#{n}")
        for n in range(copies)
        for a in examples
    ]


def pipeline_loaded() -> bool:
    return get_nlp.cache_info().currsize == 1


def test_local_target_parsing() -> None:
    assert local_workers("local:3") == 3
    assert local_workers("local") == (os.cpu_count() or 1)
    assert local_workers("tcp://127.0.0.1:8786") is None
    with pytest.raises(ValueError, match="local:N"):
        local_workers("local:0")


def test_records_equal_a_single_process_run(cluster: LocalCluster) -> None:
    articles = corpus(2)
    with dask_client(cluster.scheduler_address) as client:
        got = list(extract_on(client, articles, batch_size=3))
        # The worker plugin loaded the pipeline in every worker process.
        assert set(client.run(pipeline_loaded).values()) == {True}
    assert [r["id"] for r in got] == [a.id for a in articles]
    assert got == list(extract_articles(articles))


def test_cli_extract_on_a_scheduler_prints_what_one_process_prints(cluster: LocalCluster) -> None:
    def extract(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [DIPLOGRAPH, "extract", str(EXAMPLES), *args],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )

    alone, on_dask = extract(), extract("--dask", cluster.scheduler_address)
    assert alone.returncode == on_dask.returncode == 0, on_dask.stderr
    assert on_dask.stdout == alone.stdout and alone.stdout.count("\n") == 9
    bad = extract("--dask", "local:x")
    assert bad.returncode == 1 and "local:N" in bad.stderr and "Traceback" not in bad.stderr


def test_cli_ingest_on_a_scheduler_stores_what_one_process_did(cluster: LocalCluster, tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([DIPLOGRAPH, *args], capture_output=True, text=True, timeout=600, check=False)

    stats = []
    for name, extra in (("alone", []), ("dask", ["--dask", cluster.scheduler_address])):
        store = ["--store", str(tmp_path / name)]
        ingested = run("ingest", str(EXAMPLES), *store, *extra)
        assert ingested.returncode == 0, ingested.stderr
        assert "articles: 9 new, 0 skipped, 0 failed" in ingested.stdout
        stats.append(run("stats", "--json", *store).stdout)
    assert stats[0] == stats[1] and '"MET_WITH"' in stats[0]


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(cluster: LocalCluster, tmp_path: Path) -> None:
    articles = corpus(3)
    with FalkorStore(tmp_path / "alone") as store:
        alone = ingest(store, articles)
        want = store.to_networkx()
    with dask_client(cluster.scheduler_address) as client:
        pids = client.run(os.getpid)
        killed: list[int] = []

        def kill_a_busy_worker(_name: str, outcome: str) -> None:
            if killed or outcome != "new":
                return
            busy = [worker for worker, keys in client.processing().items() if keys]
            assert busy, "no batch in flight when the first record arrived"
            killed.append(pids[busy[0]])
            os.kill(pids[busy[0]], signal.SIGKILL)

        with FalkorStore(tmp_path / "dask") as store:
            summary = ingest(
                store,
                articles,
                extract=partial(extract_on, client, batch_size=2),
                on_article=kill_a_busy_worker,
            )
            got, stored = store.to_networkx(), counts(store)
        client.wait_for_workers(2, timeout=120)
        replaced = client.run(os.getpid)
        assert killed and killed[0] not in replaced.values()  # the nanny started a new worker process
        assert set(client.run(pipeline_loaded).values()) == {True}  # the plugin ran in it too
    assert (summary.new, summary.skipped, summary.failed) == (alone.new, 0, 0) == (len(articles), 0, 0)
    assert stored.nodes["Article"] == len(articles)
    assert sorted(got.nodes(data=True)) == sorted(want.nodes(data=True))
    assert sorted(got.edges(keys=True, data=True)) == sorted(want.edges(keys=True, data=True))
