"""Loading: the project's batched UNWIND loader against one row per transaction, per store.

    .venv/bin/python bench/load_bench.py [--relationships 100000] [--nodes 10000] [--sample 2000]
        [--stores falkordb neo4j] [--reps 3] [--neo4j-env tests/neo4j/build/server.env]

The graph is `graph.page.synthetic.synthetic_graph` (10,000 entities, 100,000 event and
structure relationships between them, 10 events per Article; each person, region and
body gets a `country`, as extraction gives them), turned into Cypher by
`diplograph.graph.load.graph_statements` in three phases, timed apart:

- nodes: entity MERGEs;
- relationships: the 100,000 entity relationships (the headline relationships/s);
- articles: Article MERGEs with their MENTIONS relationships.

`batched` runs each UNWIND statement (`--batch-size` rows, default the loader's 500) as
one transaction (`store.run(..., write=True)`: on Neo4j a managed write transaction, on
FalkorDB one atomic query). `row` runs the same statements with one row each, one
transaction per row, on a random sample of `--sample` relationships (after loading the
nodes batched); its full-load time is extrapolated.

Every run is a child process on an empty store (FalkorDB: a new folder; Neo4j: emptied
first), and runs are interleaved over `--reps`, after one uncounted warm-up run of each
configuration on a graph a twentieth the size (the Neo4j server's JIT and plan cache).
On Neo4j, the batched load is also run with and without the `neo4j-rust-ext` driver
extension when it is installed (without: its module is hidden from the driver in that
child); row-by-row runs use the driver as installed.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import pickle
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_stores import Statement, empty_store, read_env_file, statement_runner  # noqa: E402

from diplograph.graph.load import DEFAULT_BATCH_SIZE  # noqa: E402


def bench_graph(nodes: int, relationships: int) -> Any:
    """The synthetic graph, its people, regions and bodies given a country (as extraction does)."""
    from diplograph.graph.page.synthetic import synthetic_graph

    graph = synthetic_graph(nodes, relationships, seed=1, edges_per_article=10)
    countries = sorted(data["id"] for _, data in graph.nodes(data=True) if data["label"] == "Country")
    rng = random.Random(2)
    for _, data in sorted(graph.nodes(data=True)):
        if data["label"] in {"Leader", "Region", "Organization"}:
            data["country"] = rng.choice(countries)
    return graph


def phases(graph: Any, batch_size: int) -> dict[str, list[Statement]]:
    """The loader's statements split into entity nodes, entity relationships, articles."""
    from diplograph.graph.load import graph_statements

    split: dict[str, list[Statement]] = {"nodes": [], "relationships": [], "articles": []}
    for cypher, params in graph_statements(graph, batch_size):
        if "MERGE (a:Article" in cypher:
            split["articles"].append((cypher, params))
        elif "MERGE (n:" in cypher:
            split["nodes"].append((cypher, params))
        else:
            split["relationships"].append((cypher, params))
    return split


def rows(statements: list[Statement]) -> int:
    return sum(len(params["rows"]) for _, params in statements)


def mentions(statements: list[Statement]) -> int:
    return sum(len(ids) for _, p in statements for row in p["rows"] for ids in row["mentions"].values())


def timed(run: Callable[[Statement], None], statements: list[Statement]) -> float:
    start = time.perf_counter()
    for statement in statements:
        run(statement)
    return time.perf_counter() - start


def child(store: str, mode: str, graph_file: Path, sample: int, batch_size: int) -> dict[str, Any]:
    if os.environ.get("DG_BENCH_NO_RUST_EXT"):
        sys.modules["neo4j._rust"] = None  # type: ignore[assignment]  # the driver falls back to Python
    import neo4j._codec.packstream.v1 as packstream

    graph = pickle.loads(graph_file.read_bytes())
    batched = phases(graph, batch_size)
    result: dict[str, Any] = {
        "store": store,
        "mode": mode,
        "batch_size": batch_size,
        "rust_ext": packstream._rust_pack is not None,
        "graph_nodes": graph.number_of_nodes(),
        "graph_edges": graph.number_of_edges(),
    }
    with empty_store(store) as handle:
        run = statement_runner(handle)
        result["nodes_s"] = timed(run, batched["nodes"])
        result["nodes"] = rows(batched["nodes"])
        if mode == "batched":
            result["relationships"] = rows(batched["relationships"])
            result["relationships_s"] = timed(run, batched["relationships"])
            result["articles"] = rows(batched["articles"])
            result["mentions"] = mentions(batched["articles"])
            result["articles_s"] = timed(run, batched["articles"])
        else:
            single = phases(graph, 1)["relationships"]
            picked = random.Random(1).sample(single, min(sample, len(single)))
            result["relationships"] = len(picked)
            result["relationships_s"] = timed(run, picked)
            result["extrapolated_s"] = result["relationships_s"] * len(single) / len(picked)
    result["relationships_per_s"] = result["relationships"] / result["relationships_s"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--relationships", type=int, default=100_000)
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--sample", type=int, default=2000, help="relationships written row by row")
    parser.add_argument("--stores", nargs="+", choices=["falkordb", "neo4j"], default=["falkordb", "neo4j"])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument(
        "--batch-size", type=int, default=DEFAULT_BATCH_SIZE, help="rows per UNWIND (batched)"
    )
    parser.add_argument("--neo4j-env", type=Path, help="a server.env written by tests/neo4j/start.sh")
    parser.add_argument("--no-rust-ab", action="store_true", help="Neo4j: only the installed driver as is")
    parser.add_argument("--json", type=Path, help="also write every run's figures here")
    parser.add_argument("--child", nargs=3, metavar=("STORE", "MODE", "GRAPH"), help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        store, mode, graph_file = args.child
        print(json.dumps(child(store, mode, Path(graph_file), args.sample, args.batch_size)))
        return

    env = read_env_file(args.neo4j_env) if args.neo4j_env else {}
    try:
        import neo4j._rust  # noqa: F401

        rust_variants = [False, True] if not args.no_rust_ab else [True]
    except ImportError:
        rust_variants = [False]
    # the extension packs parameters: only the batched runs (big parameter lists) compare it
    installed = rust_variants[-1]
    plan = [(store, "batched", rust) for store in args.stores for rust in rust_variants if store == "neo4j"]
    plan += [(store, mode, installed) for store in args.stores for mode in ("batched", "row")]
    plan = list(dict.fromkeys(plan))
    folder = Path(tempfile.mkdtemp(prefix="dg-load-graph-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    graph_file, warm_file = folder / "graph.pickle", folder / "warm.pickle"
    graph_file.write_bytes(pickle.dumps(bench_graph(args.nodes, args.relationships)))
    warm_file.write_bytes(pickle.dumps(bench_graph(args.nodes // 10, args.relationships // 20)))

    def run_child(store: str, mode: str, rust: bool, graph: Path) -> dict[str, Any]:
        command = [
            sys.executable, __file__, "--child", store, mode, str(graph),
            "--sample", str(args.sample), "--batch-size", str(args.batch_size),
        ]  # fmt: skip
        child_env = {**os.environ, **env}
        if not rust:
            child_env["DG_BENCH_NO_RUST_EXT"] = "1"
        out = subprocess.run(command, env=child_env, capture_output=True, text=True, check=False)
        if out.returncode != 0:
            raise SystemExit(f"child {command} failed:\n{out.stderr[-3000:]}")
        return json.loads(out.stdout.strip().splitlines()[-1])

    for store, mode, rust in plan:  # warm-up, not counted: server JIT and plan caches
        run_child(store, mode, rust, warm_file)
    results: list[dict[str, Any]] = []
    for rep in range(args.reps):
        shift = rep % len(plan)
        for store, mode, rust in plan[shift:] + plan[:shift]:
            result = run_child(store, mode, rust, graph_file)
            result["rep"] = rep
            results.append(result)
            extra = ""
            if mode == "batched":
                extra = (
                    f"; nodes {result['nodes']} in {result['nodes_s']:.1f} s; articles {result['articles']} "
                    f"+ {result['mentions']} MENTIONS in {result['articles_s']:.1f} s"
                )
            print(
                f"  rep {rep + 1}: {store:8s} {mode:7s} rust_ext={result['rust_ext']!s:5s} "
                f"{result['relationships']} relationships in {result['relationships_s']:.1f} s: "
                f"{result['relationships_per_s']:.0f}/s{extra}",
                flush=True,
            )

    first = results[0]
    print(f"\ngraph: {first['graph_nodes']} nodes, {first['graph_edges']} relationships (MENTIONS included)")
    print(f"{'store, mode':<36}{'relationships/s':>16}{'full load s':>17}")
    for store, mode, rust in plan:
        runs = [r for r in results if (r["store"], r["mode"], r["rust_ext"]) == (store, mode, rust)]
        rate = statistics.median(r["relationships_per_s"] for r in runs)
        label = f"{store}, {mode}" + (f", rust_ext={rust}" if store == "neo4j" else "")
        note = " (extrapolated)" if mode == "row" else ""
        print(f"{label:<36}{rate:>16.0f}{args.relationships / rate:>17.1f}{note}")

    def paired(store: str, a: tuple[str, bool], b: tuple[str, bool]) -> str:
        rate = {
            (r["mode"], r["rust_ext"], r["rep"]): r["relationships_per_s"]
            for r in results
            if r["store"] == store
        }
        ratios = [rate[(*a, rep)] / rate[(*b, rep)] for rep in range(args.reps)]
        runs = " ".join(f"{r:.2f}" for r in ratios)
        return f"median {statistics.median(ratios):.2f}x (runs {runs})"

    for store in args.stores:
        print(f"batched / row-by-row, {store}: {paired(store, ('batched', installed), ('row', installed))}")
    if "neo4j" in args.stores and len(rust_variants) == 2:
        ratio = paired("neo4j", ("batched", True), ("batched", False))
        print(f"neo4j batched, with / without rust ext: {ratio}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
