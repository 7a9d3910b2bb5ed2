"""Extraction throughput: `--dask local:2` against `--workers 2` and one process, same corpus.

    .venv/bin/python bench/dask_bench.py [--articles 240] [--reps 2]

The three engines the CLI offers, on the corpus of corpus.py:

- `workers 1`: `extract_articles(n_process=1)` (spaCy's nlp.pipe in this process);
- `workers 2`: `extract_articles(n_process=2)` (our multiprocessing pool, 16-article batches);
- `dask local:2`: `extract_on` a LocalCluster of 2 worker processes on loopback
  (ingest.distributed, 8-article batches). The cluster is started once, before the
  timed runs, and its start-up (workers spawned, spaCy loaded by the worker plugin) is
  reported apart: it is paid once per command, not per article.

Configurations are interleaved within each repetition and the medians reported; every
run's records are digested, and all digests must agree (same records, same order).
CPU seconds are counted too (this process, its pool workers once joined, and the Dask
workers' own counters), so a per-core rate survives a machine shared with other work:
articles per CPU second is what one dedicated core would do.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import build_corpus  # noqa: E402

from diplograph.ingest.article import Article  # noqa: E402
from diplograph.ingest.distributed import dask_client, extract_on  # noqa: E402
from diplograph.ingest.extract import extract_articles  # noqa: E402
from diplograph.ingest.nlp import get_nlp  # noqa: E402


def digest(records: Iterable[dict]) -> str:
    hasher = hashlib.sha256()
    for record in records:
        hasher.update(json.dumps(record, sort_keys=True).encode())
    return hasher.hexdigest()[:16]


def own_cpu() -> float:
    """CPU seconds of this process and its joined children."""
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def worker_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=240)
    parser.add_argument("--reps", type=int, default=2)
    args = parser.parse_args()
    corpus = build_corpus(args.articles)
    articles = corpus.articles
    print(f"corpus: {len(articles)} articles from {corpus.source}")
    get_nlp()  # loaded before the pool forks, as the CLI does
    start = time.perf_counter()
    with dask_client("local:2") as client:
        client.wait_for_workers(2)
        print(f"dask local:2 start-up: {time.perf_counter() - start:.1f} s", flush=True)
        engines: dict[str, Callable[[list[Article]], Iterable[dict]]] = {
            "workers 1": lambda a: extract_articles(a, n_process=1),
            "workers 2": lambda a: extract_articles(a, n_process=2),
            "dask local:2": lambda a: extract_on(client, a),
        }
        seconds: dict[str, list[float]] = {name: [] for name in engines}
        cpu: dict[str, list[float]] = {name: [] for name in engines}

        def cpu_now() -> float:
            return own_cpu() + sum(client.run(worker_cpu).values())

        digests = set()
        for rep in range(args.reps):
            for name, engine in engines.items():
                start, start_cpu = time.perf_counter(), cpu_now()
                digests.add(digest(engine(articles)))
                seconds[name].append(time.perf_counter() - start)
                cpu[name].append(cpu_now() - start_cpu)
                print(f"rep {rep} {name}: {seconds[name][-1]:.1f} s, {cpu[name][-1]:.1f} CPU s", flush=True)
    assert len(digests) == 1, f"records differ between engines: {digests}"
    print(f"records identical across engines and runs (digest {digests.pop()})")
    one = statistics.median(seconds["workers 1"])
    print(f"load average at the end: {os.getloadavg()}")
    for name, runs in seconds.items():
        median, per_cpu = statistics.median(runs), len(articles) / statistics.median(cpu[name])
        print(
            f"{name:13s} median {median:6.1f} s  {len(articles) / median:5.1f} articles/s  "
            f"x{one / median:.2f} of one process  {per_cpu:5.1f} articles per CPU s  "
            f"(runs {', '.join(f'{s:.1f}' for s in runs)})"
        )


if __name__ == "__main__":
    main()
