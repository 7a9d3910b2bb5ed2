"""Read-side pieces both stores share: the Cypher they read back with, and its shaping.

Both stores answer these queries with plain values (no driver node objects), so the
graph they rebuild is the same whichever engine holds it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Self

import networkx as nx

from diplograph.graph.model import EVENT_TYPES, node_key

NODES_QUERY = "MATCH (n) RETURN labels(n)[0] AS label, properties(n) AS props"
EDGES_QUERY = (
    "MATCH (a)-[r]->(b) "
    "RETURN labels(a)[0] AS source_label, a.id AS source_id, type(r) AS type, "
    "properties(r) AS props, labels(b)[0] AS target_label, b.id AS target_id"
)
STORED_ARTICLES_QUERY = "UNWIND $ids AS id MATCH (a:Article {id: id}) RETURN a.id AS id"  # index lookups
LEADERS_QUERY = (
    "MATCH (l:Leader) RETURN l.id AS id, l.name AS name, l.aliases AS aliases, "
    "l.country AS country ORDER BY id"
)


def edge_key(rel_type: str, props: Mapping[str, Any], source_id: str) -> str:
    """The model's edge key: TYPE:article for events and MENTIONS, TYPE otherwise."""
    if rel_type in EVENT_TYPES:
        return f"{rel_type}:{props['article_id']}"
    if rel_type == "MENTIONS":
        return f"MENTIONS:{source_id}"
    return rel_type


def build_networkx(node_rows: Iterable[list[Any]], edge_rows: Iterable[list[Any]]) -> nx.MultiDiGraph:
    """A model-shaped MultiDiGraph from NODES_QUERY and EDGES_QUERY rows."""
    graph = nx.MultiDiGraph()
    for label, props in node_rows:
        graph.add_node(node_key(label, props["id"]), label=label, **dict(props))
    for source_label, source_id, rel_type, props, target_label, target_id in edge_rows:
        graph.add_edge(
            node_key(source_label, source_id),
            node_key(target_label, target_id),
            key=edge_key(rel_type, props, source_id),
            type=rel_type,
            **dict(props),
        )
    return graph


def leader_rows(rows: Iterable[list[Any]]) -> list[dict[str, Any]]:
    """LEADERS_QUERY rows as the dicts Resolver.from_leaders takes."""
    return [
        {"id": node_id, "name": name, "aliases": list(aliases or []), "country": country}
        for node_id, name, aliases, country in rows
    ]


def plain(value: Any, graph_object: Callable[[Any], Any]) -> Any:
    """A result value with the driver's node/edge/path objects (`graph_object`) made plain.

    `graph_object` returns its argument unchanged when it is not a graph object. It goes
    first because Neo4j's nodes are Mappings themselves.
    """
    converted = graph_object(value)
    if converted is not value:
        return converted
    if isinstance(value, list):
        return [plain(item, graph_object) for item in value]
    if isinstance(value, Mapping):
        return {key: plain(item, graph_object) for key, item in value.items()}
    return value


class CypherReads:
    """The Store methods that are the same Cypher on every engine, on top of `run`."""

    def run(
        self, cypher: str, params: Mapping[str, Any] | None = None, *, write: bool = False
    ) -> tuple[list[str], list[list[Any]]]:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def stored_articles(self, article_ids: Iterable[str]) -> set[str]:
        ids = list(article_ids)
        if not ids:
            return set()
        _, rows = self.run(STORED_ARTICLES_QUERY, {"ids": ids})
        return {row[0] for row in rows}

    def leaders(self) -> list[dict[str, Any]]:
        return leader_rows(self.run(LEADERS_QUERY)[1])

    def to_networkx(self) -> nx.MultiDiGraph:
        return build_networkx(self.run(NODES_QUERY)[1], self.run(EDGES_QUERY)[1])

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
