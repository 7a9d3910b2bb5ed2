"""The writing side of `ingest`, alone: articles/s each store takes from records already extracted.

    .venv/bin/python bench/write_bench.py [--articles 400] [--reps 2] [--stores falkordb neo4j]
        [--neo4j-env tests/neo4j/build/server.env]

`ingest` (one process or Dask alike) resolves and writes every record in the ingesting
process, one transaction per article (graph/ingest_run.py): that is the ceiling of a
distributed ingest, however many workers extract. The corpus of corpus.py is extracted
once (not timed); each timed run resolves and writes all records into an empty store
(FalkorDB: a new folder; Neo4j: emptied first), stores interleaved per repetition. It
also prints what the graph weighs per article: nodes, relationships and the size of its
neo4j-admin CSV export (for docs/SCALING.md).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_stores import empty_store, read_env_file  # noqa: E402
from corpus import build_corpus  # noqa: E402

from diplograph.graph.admin_export import write_admin_import  # noqa: E402
from diplograph.graph.model import article_fragment, build_graph  # noqa: E402
from diplograph.graph.resolve import Resolver  # noqa: E402
from diplograph.ingest.extract import extract_articles  # noqa: E402


def graph_weight(records: list[dict]) -> str:
    graph = build_graph(records)
    with tempfile.TemporaryDirectory(prefix="dg-weight-") as folder:
        size = sum(f.stat().st_size for f in write_admin_import(graph, Path(folder)))
    n = len(records)
    mentions = sum(1 for *_, kind in graph.edges(data="type") if kind == "MENTIONS")
    return (
        f"graph per article: {graph.number_of_nodes() / n:.2f} nodes, "
        f"{(graph.number_of_edges() - mentions) / n:.2f} relationships + {mentions / n:.2f} MENTIONS; "
        f"neo4j-admin CSV {size / n / 1000:.2f} kB"
    )


def write_all(store_kind: str, records: list[dict]) -> float:
    with empty_store(store_kind) as store:
        start = time.perf_counter()
        resolver = Resolver.from_leaders(store.leaders())
        for record in records:
            store.write_fragment(article_fragment(record, resolver))
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--reps", type=int, default=2)
    parser.add_argument("--stores", nargs="+", default=["falkordb", "neo4j"])
    parser.add_argument("--neo4j-env", type=Path, default=HERE.parent / "tests/neo4j/build/server.env")
    args = parser.parse_args()
    if "neo4j" in args.stores:
        os.environ.update(read_env_file(args.neo4j_env))
    corpus = build_corpus(args.articles)
    start = time.perf_counter()
    records = [r for r in extract_articles(corpus.articles) if "error" not in r]
    print(
        f"corpus: {len(records)} articles from {corpus.source}; extracted in "
        f"{time.perf_counter() - start:.1f} s (one process, not timed below)"
    )
    print(graph_weight(records))
    seconds: dict[str, list[float]] = {store: [] for store in args.stores}
    for rep in range(args.reps):
        for store in args.stores:
            seconds[store].append(write_all(store, records))
            print(f"rep {rep} {store}: {seconds[store][-1]:.1f} s", flush=True)
    for store, runs in seconds.items():
        median = statistics.median(runs)
        print(
            f"{store:9s} median {median:6.1f} s  {len(records) / median:6.1f} articles/s written "
            f"(runs {', '.join(f'{s:.1f}' for s in runs)})"
        )


if __name__ == "__main__":
    main()
