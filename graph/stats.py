"""Counts of nodes by label and relationships by type, as the `stats` command shows them."""

from __future__ import annotations

from dataclasses import dataclass, field

from diplograph.graph.stores.base import Store


@dataclass
class Counts:
    nodes: dict[str, int] = field(default_factory=dict)
    relationships: dict[str, int] = field(default_factory=dict)

    def minus(self, before: Counts) -> Counts:
        """What was added since `before`."""
        return Counts(
            {k: v - before.nodes.get(k, 0) for k, v in self.nodes.items()},
            {k: v - before.relationships.get(k, 0) for k, v in self.relationships.items()},
        )

    def as_dict(self) -> dict[str, dict[str, int]]:
        return {
            "nodes": dict(sorted(self.nodes.items())),
            "relationships": dict(sorted(self.relationships.items())),
        }


def counts(store: Store) -> Counts:
    _, node_rows = store.run("MATCH (n) RETURN labels(n)[0] AS label, count(n) AS n")
    _, rel_rows = store.run("MATCH ()-[r]->() RETURN type(r) AS type, count(r) AS n")
    return Counts({row[0]: row[1] for row in node_rows}, {row[0]: row[1] for row in rel_rows})
