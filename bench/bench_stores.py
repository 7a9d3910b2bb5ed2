"""Stores for the benchmarks: an empty one of each kind, and the Neo4j server's settings."""

from __future__ import annotations

import os
import shlex
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

Statement = tuple[str, dict[str, Any]]


def read_env_file(path: Path) -> dict[str, str]:
    """The `export KEY=value` lines of a server.env written by tests/neo4j/start.sh."""
    env = {}
    for line in path.read_text().splitlines():
        if line.startswith("export "):
            key, _, value = line[len("export ") :].partition("=")
            env[key] = shlex.split(value)[0] if value else ""
    return env


@contextmanager
def empty_store(store: str) -> Iterator[Any]:
    """An empty store: FalkorDB in a new folder, or Neo4j (NEO4J_* variables) emptied first."""
    from diplograph.graph.stores.open import open_store

    if store == "falkordb":
        with tempfile.TemporaryDirectory(prefix="dg-bench-") as folder:
            handle = open_store(store_path=Path(folder) / "store")
            try:
                yield handle
            finally:
                handle.close()
        return
    handle = open_store(
        neo4j_uri=os.environ["NEO4J_URI"],
        neo4j_user=os.environ.get("NEO4J_USERNAME", "neo4j"),
        neo4j_password=os.environ["NEO4J_PASSWORD"],
        neo4j_database=os.environ.get("NEO4J_DATABASE"),
    )
    try:
        while handle.run("MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*)", write=True)[1][0][0]:
            pass
        yield handle
    finally:
        handle.close()


def statement_runner(store: Any) -> Callable[[Statement], None]:
    """Run one loader statement as one transaction (Neo4j: a managed write transaction;
    FalkorDB: each query is atomic)."""
    return lambda statement: store.run(statement[0], statement[1], write=True)
