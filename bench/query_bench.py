"""Latency of every named query on a 10k-entity / 100k-relationship graph, on each store.

    .venv/bin/python bench/query_bench.py [--runs 40] [--stores falkordb neo4j]
        [--neo4j-env tests/neo4j/build/server.env]

The graph is load_bench's (synthetic_graph: 10,000 entities, 100,000 event and structure
relationships, plus the Article nodes and MENTIONS edges the model adds), loaded with
the batched loader into an empty store of each kind. Every query of
`named_queries.list_queries()` then runs `--runs` times through `run_named`, with
parameters drawn like questions about the news: a leader at one end of a random meeting
or call (popular leaders come up as often as they are in the news), the two ends of a random
event for `evidence`, two such leaders for `shortest_path`, the country of a random
proposal for `cooperation`. Queries whose parameters are all optional, with no default,
also run with none given (the whole-graph listing). One warm-up run per query and store is
not counted (plan caches). Stores alternate run by run; p50 and p95 are reported. A query
stops after `--budget` seconds (but not before `--min-runs` runs), so a slow one cannot
hold the run up.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import networkx as nx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_stores import empty_store, read_env_file, statement_runner  # noqa: E402
from load_bench import bench_graph, phases  # noqa: E402

from diplograph.graph.named_queries import NamedQuery, list_queries, run_named  # noqa: E402


def param_drawer(graph: nx.MultiDiGraph, seed: int = 3) -> Callable[[NamedQuery], dict[str, Any]]:
    """Parameters for a query, drawn from the graph's events."""
    rng = random.Random(seed)
    events = [(a, b, d["type"]) for a, b, d in graph.edges(data=True) if "article_id" in d]
    meetings = [(a, b) for a, b, t in events if t in {"MET_WITH", "HELD_CALL"}]
    proposals = [b for a, b, t in events if t == "PROPOSED_COOPERATION"]
    names = {key: data["name"] for key, data in graph.nodes(data=True) if "name" in data}
    country_names = {d["id"]: d["name"] for _, d in graph.nodes(data=True) if d["label"] == "Country"}

    def leader() -> str:
        return names[rng.choice(rng.choice(meetings))]

    def draw(query: NamedQuery) -> dict[str, Any]:
        wanted = {p.name for p in query.params}
        values: dict[str, Any] = {}
        if {"from", "to"} <= wanted:
            if query.name == "evidence":
                source, target, _ = rng.choice(events)
                values.update({"from": names[source], "to": names[target]})
            else:
                values.update({"from": leader(), "to": leader()})
        if "leader" in wanted:
            values["leader"] = leader()
        if "country" in wanted:
            target = graph.nodes[rng.choice(proposals)]
            values["country"] = country_names.get(target.get("country", ""), target["name"])
        if "after" in wanted:
            values["after"] = f"{rng.randint(2018, 2024)}"
        missing = [p.name for p in query.params if p.required and p.name not in values]
        if missing:
            raise SystemExit(f"query {query.name}: no way to draw {missing}; teach param_drawer")
        return values

    return draw


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--relationships", type=int, default=100_000)
    parser.add_argument("--stores", nargs="+", choices=["falkordb", "neo4j"], default=["falkordb", "neo4j"])
    parser.add_argument("--queries", nargs="+", help="only these named queries")
    parser.add_argument("--min-runs", type=int, default=5, help="runs even past the budget")
    parser.add_argument("--budget", type=float, default=60.0, help="seconds per query (at least 5 runs)")
    parser.add_argument("--neo4j-env", type=Path, help="a server.env written by tests/neo4j/start.sh")
    args = parser.parse_args()
    if args.neo4j_env:
        import os

        os.environ.update(read_env_file(args.neo4j_env))

    graph = bench_graph(args.nodes, args.relationships)
    statements = [s for phase in phases(graph, 500).values() for s in phase]
    print(
        f"graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} relationships (MENTIONS included)"
    )
    draw = param_drawer(graph)
    cases: list[tuple[str, NamedQuery, list[dict[str, Any]]]] = []
    for query in list_queries():
        if args.queries and query.name not in args.queries:
            continue
        cases.append((query.name, query, [draw(query) for _ in range(args.runs)]))
        if (
            query.params
            and not any(p.required for p in query.params)
            and any(p.default is None for p in query.params)
        ):
            cases.append((f"{query.name} (no params)", query, [{}] * max(5, args.runs // 4)))

    with ExitStack() as stack:
        stores: dict[str, Any] = {}
        for name in args.stores:
            store = stack.enter_context(empty_store(name))
            run = statement_runner(store)
            start = time.perf_counter()
            for statement in statements:
                run(statement)
            print(f"{name}: loaded in {time.perf_counter() - start:.1f} s", flush=True)
            stores[name] = store

        print(f"\n{'query':<30}" + "".join(f"{f'{s} p50 ms':>16}{'p95 ms':>9}{'rows':>7}" for s in stores))
        for label, query, params_list in cases:
            latencies: dict[str, list[float]] = {s: [] for s in stores}
            rows: dict[str, list[int]] = {s: [] for s in stores}
            for store in stores.values():
                run_named(store, query.name, params_list[0])  # warm-up
            began = time.perf_counter()
            for i, params in enumerate(params_list):
                if i >= args.min_runs and time.perf_counter() - began > args.budget:
                    break  # a slow query: enough runs for its percentiles
                order = list(stores.items()) if i % 2 == 0 else list(reversed(stores.items()))
                for name, store in order:
                    start = time.perf_counter()
                    _, result = run_named(store, query.name, params)
                    latencies[name].append((time.perf_counter() - start) * 1000)
                    rows[name].append(len(result))
            cells = "".join(
                f"{percentile(latencies[s], 0.5):>16.1f}{percentile(latencies[s], 0.95):>9.1f}"
                f"{statistics.median(rows[s]):>7.0f}"
                for s in stores
            )
            print(f"{label:<30}{cells}  ({len(latencies[next(iter(stores))])} runs)", flush=True)


if __name__ == "__main__":
    main()
