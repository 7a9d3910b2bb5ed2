"""What every store offers; the CLI, page and exports only use this interface."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Protocol

import networkx as nx


class StoreError(RuntimeError):
    """A store failure worth one clear line to the user (connection, auth, refused write)."""


class Store(Protocol):
    """A graph store. Implementations: FalkorStore (embedded) and Neo4jStore."""

    name: str

    def stored_articles(self, article_ids: Iterable[str]) -> set[str]:
        """The subset of `article_ids` whose Article node is already stored."""
        ...

    def leaders(self) -> list[dict[str, Any]]:
        """Every Leader node's id, name, aliases and country (seeds the resolver)."""
        ...

    def write_fragment(self, fragment: nx.MultiDiGraph) -> None:
        """Write one article's fragment (model.article_fragment) as one unit.

        Idempotent: writing the same fragment twice leaves every count unchanged.
        """
        ...

    def run(
        self,
        cypher: str,
        params: Mapping[str, Any] | None = None,
        *,
        write: bool = False,
        timeout: float | None = None,
    ) -> tuple[list[str], list[list[Any]]]:
        """Run one Cypher statement with parameters; (column names, rows).

        With write=False a statement that would write is refused with StoreError. With
        `timeout` (seconds) a statement running longer is stopped with StoreError.
        """
        ...

    def to_networkx(self) -> nx.MultiDiGraph:
        """The whole stored graph in the model's networkx shape."""
        ...

    def close(self) -> None: ...
