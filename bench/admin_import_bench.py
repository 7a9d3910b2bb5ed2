"""Bulk import: `neo4j-admin database import full` of our CSV export against the batched loader.

    .venv/bin/python bench/admin_import_bench.py --neo4j-env /tmp/bench-neo4j/server.env
        [--relationships 100000] [--nodes 10000] [--reps 2]

The graph is load_bench's synthetic one (10,000 entities, 100,000 entity relationships,
10 events per Article, every Article with its MENTIONS). Per repetition, interleaved:

- admin: `write_admin_import` (CSV writing, timed apart), then the admin tool of the
  Maven-built Neo4j (tests/neo4j/build/lib, `org.neo4j.cli.AdminTool`) imports the files
  into a new, empty home: wall time of the whole command (JVM start included) and the
  tool's own "IMPORT DONE in" time;
- batched: the loader's UNWIND statements (graph/load.py, 500 rows, one transaction
  each) into the running server of `--neo4j-env`, emptied first: the same graph, timed
  whole and for its entity relationships alone (load_bench's phases).

Both load every node and relationship of the graph; rates are relationships/s over all
relationships (MENTIONS included) for the whole load.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_stores import empty_store, read_env_file, statement_runner  # noqa: E402
from load_bench import bench_graph, phases, rows, timed  # noqa: E402

from diplograph.graph.admin_export import ARGS_FILE, write_admin_import  # noqa: E402
from diplograph.graph.load import DEFAULT_BATCH_SIZE  # noqa: E402

LIB = HERE.parent / "tests" / "neo4j" / "build" / "lib"


def admin_run(graph, heap: str) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="dg-admin-") as folder:
        csv_dir, home = Path(folder) / "csv", Path(folder) / "home"
        csv_dir.mkdir()
        (home / "conf").mkdir(parents=True)
        start = time.perf_counter()
        write_admin_import(graph, csv_dir)
        written = time.perf_counter() - start
        size = sum(f.stat().st_size for f in csv_dir.iterdir())
        start = time.perf_counter()
        done = subprocess.run(
            [
                "java",
                f"-Xmx{heap}",
                "-cp",
                f"{LIB}/*",
                "org.neo4j.cli.AdminTool",
                "database",
                "import",
                "full",
                "neo4j",
                f"@{ARGS_FILE}",
            ],
            cwd=csv_dir,
            env={**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")},
            capture_output=True,
            text=True,
            check=True,
        )
        wall = time.perf_counter() - start
        store_mb = sum(f.stat().st_size for f in (home / "data").rglob("*") if f.is_file()) / 1e6
    tool = re.search(r"IMPORT DONE in (?:(\d+)m )?(?:(\d+)s )?(\d+)ms", done.stdout)
    assert tool, done.stdout[-2000:]
    minutes, seconds, millis = (int(g or 0) for g in tool.groups())
    return {
        "csv_s": written,
        "csv_mb": size / 1e6,
        "store_mb": store_mb,
        "import_wall_s": wall,
        "import_tool_s": minutes * 60 + seconds + millis / 1000,
    }


def batched_run(graph) -> dict[str, float]:
    split = phases(graph, DEFAULT_BATCH_SIZE)
    with empty_store("neo4j") as store:
        run = statement_runner(store)
        nodes_s = timed(run, split["nodes"])
        relationships_s = timed(run, split["relationships"])
        articles_s = timed(run, split["articles"])
    return {
        "relationships_s": relationships_s,
        "rate_entity_relationships": rows(split["relationships"]) / relationships_s,
        "whole_s": nodes_s + relationships_s + articles_s,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--relationships", type=int, default=100_000)
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--reps", type=int, default=2)
    parser.add_argument("--heap", default="1g", help="admin tool JVM heap")
    parser.add_argument("--neo4j-env", type=Path, required=True, help="server.env of a running Neo4j")
    args = parser.parse_args()
    os.environ.update(read_env_file(args.neo4j_env))
    graph = bench_graph(args.nodes, args.relationships)
    total = graph.number_of_edges()
    print(
        f"graph: {graph.number_of_nodes():,} nodes, {total:,} relationships "
        f"({args.relationships:,} between entities, the rest MENTIONS)"
    )
    admin, batched = [], []
    for rep in range(args.reps):
        admin.append(admin_run(graph, args.heap))
        print(f"rep {rep} admin: {admin[-1]}", flush=True)
        batched.append(batched_run(graph))
        print(f"rep {rep} batched: {batched[-1]}", flush=True)

    def median(runs: list[dict[str, float]], key: str) -> float:
        return statistics.median(r[key] for r in runs)

    wall, tool = median(admin, "import_wall_s"), median(admin, "import_tool_s")
    whole = median(batched, "whole_s")
    print(
        f"admin: CSV write {median(admin, 'csv_s'):.1f} s ({median(admin, 'csv_mb'):.1f} MB; store on disk "
        f"{median(admin, 'store_mb'):.1f} MB), import "
        f"{wall:.1f} s wall ({tool:.1f} s by the tool): {total / wall:,.0f} relationships/s "
        f"({total / tool:,.0f} by the tool's time)"
    )
    print(
        f"batched loader: whole graph {whole:.1f} s = {total / whole:,.0f} relationships/s; entity "
        f"relationships alone {median(batched, 'rate_entity_relationships'):,.0f}/s"
    )
    print(
        f"admin import / batched, whole graph: {whole / wall:.1f}x wall, "
        f"{whole / tool:.1f}x by the tool's time"
    )


if __name__ == "__main__":
    main()
