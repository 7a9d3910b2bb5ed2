"""Choosing a store, and copying the embedded graph into Neo4j."""

from __future__ import annotations

import os
from pathlib import Path

from diplograph.graph.load import article_fragments
from diplograph.graph.stores.base import Store

DEFAULT_STORE_PATH = Path("diplograph-data")


def open_store(
    store_path: Path | None = None,
    neo4j_uri: str | None = None,
    neo4j_user: str | None = None,
    neo4j_password: str | None = None,
    neo4j_database: str | None = None,
) -> Store:
    """Neo4j when a URI is given, else the embedded store.

    The embedded store lives at `store_path`, else $DIPLOGRAPH_STORE, else
    ./diplograph-data. Missing Neo4j settings fall back to the NEO4J_* variables.
    Raises StoreError when the store cannot be opened.
    """
    if neo4j_uri:
        from diplograph.graph.stores.neo4j_db import Neo4jStore

        return Neo4jStore(neo4j_uri, neo4j_user, neo4j_password, neo4j_database)
    from diplograph.graph.stores.falkordb_lite import FalkorStore

    path = store_path or Path(os.environ.get("DIPLOGRAPH_STORE") or DEFAULT_STORE_PATH)
    return FalkorStore(path)


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
