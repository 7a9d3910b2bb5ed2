"""Choosing a store, and copying the embedded graph into Neo4j."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from diplograph.graph.load import article_fragments
from diplograph.graph.stores.base import Store
from diplograph.graph.stores.store_lock import DEFAULT_WAIT

DEFAULT_STORE_PATH = Path("diplograph-data")
DEFAULT_CONNECT_SECONDS = 10.0


def open_store(
    store_path: Path | None = None,
    neo4j_uri: str | None = None,
    neo4j_user: str | None = None,
    neo4j_password: str | None = None,
    neo4j_database: str | None = None,
    *,
    wait: float = DEFAULT_WAIT,
    on_wait: Callable[[str], None] | None = None,
    connect_seconds: float = DEFAULT_CONNECT_SECONDS,
) -> Store:
    """Neo4j when a URI is given, else the embedded store.

    The embedded store lives at `store_path`, else $DIPLOGRAPH_STORE, else
    ./diplograph-data; it is locked while open, and `wait` bounds how long to wait
    for another process holding it (`on_wait(message)` is told once). Missing Neo4j
    settings fall back to the NEO4J_* variables; `connect_seconds` bounds connecting.
    Raises StoreError when the store cannot be opened.
    """
    if neo4j_uri:
        from diplograph.graph.stores.neo4j_db import Neo4jStore

        return Neo4jStore(
            neo4j_uri, neo4j_user, neo4j_password, neo4j_database, connect_seconds=connect_seconds
        )
    from diplograph.graph.stores.falkordb_lite import FalkorStore

    return FalkorStore(embedded_path(store_path), wait=wait, on_wait=on_wait)


def embedded_path(store_path: Path | None = None) -> Path:
    """The embedded store's folder: `store_path`, else $DIPLOGRAPH_STORE, else ./diplograph-data."""
    return store_path or Path(os.environ.get("DIPLOGRAPH_STORE") or DEFAULT_STORE_PATH)


def push(source: Store, target: Store) -> int:
    """Copy `source`'s graph into `target` article by article; the number of articles copied.

    Idempotent: articles the target already holds are skipped, everything else is
    MERGEd, so a push that was interrupted is completed by the next one.
    """
    fragments = list(article_fragments(source.to_networkx()))
    article_ids = [
        data["id"]
        for fragment in fragments
        for _, data in fragment.nodes(data=True)
        if data.get("label") == "Article"
    ]
    stored = target.stored_articles(article_ids)
    copied = 0
    for fragment in fragments:
        ids = [d["id"] for _, d in fragment.nodes(data=True) if d.get("label") == "Article"]
        if ids and set(ids) <= stored:
            continue
        target.write_fragment(fragment)
        copied += len(ids)
    return copied
