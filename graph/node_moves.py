"""Moving, merging and deleting stored entity nodes with every relationship they have.

Curation (graph/curation.py) and the canonical ids of people need a node to change its
id or label, or two nodes to become one. Cypher cannot create a relationship whose type
is a value, so the relationships are read back, rewired in Python onto the new node as
a graph fragment, and written by the one loader (graph/load.py, MERGE on identities);
only then is the old node deleted. A command killed half-way leaves both nodes, never
a lost relationship, and running the move again completes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import networkx as nx

from diplograph.graph.model import ENTITY_LABELS, NODE_LABELS, SYMMETRIC_TYPES, node_key
from diplograph.graph.stores.base import Store
from diplograph.graph.stores.common import edge_key

_EVIDENCE = ("sentences", "starts", "ends")


def split_key(key: str) -> tuple[str, str]:
    """("Leader", "joko-widodo") from "Leader:joko-widodo"; the label must be an entity label."""
    label, _, node_id = key.partition(":")
    if label not in ENTITY_LABELS or not node_id:
        raise ValueError(f"{key!r} is not an entity node key (Label:id)")
    return label, node_id


def node_props(store: Store, key: str) -> dict[str, Any] | None:
    label, node_id = split_key(key)
    _, rows = store.run(f"MATCH (n:{label} {{id: $id}}) RETURN properties(n)", {"id": node_id})
    return dict(rows[0][0]) if rows else None


def _relations(store: Store, key: str) -> list[tuple[str, str, str, dict[str, Any]]]:
    """(type, other node key, 'out' or 'in', properties) of every relationship of a node."""
    label, node_id = split_key(key)
    _, rows = store.run(
        f"MATCH (n:{label} {{id: $id}})-[r]->(o) "
        "RETURN type(r) AS t, labels(o)[0] AS l, o.id AS i, 'out' AS d, properties(r) AS p "
        f"UNION ALL MATCH (n:{label} {{id: $id}})<-[r]-(o) "
        "RETURN type(r) AS t, labels(o)[0] AS l, o.id AS i, 'in' AS d, properties(r) AS p",
        {"id": node_id},
    )
    return [(t, node_key(ol, oid), d, dict(p or {})) for t, ol, oid, d, p in rows if ol in NODE_LABELS]


def _add_relation(
    graph: nx.MultiDiGraph, rel_type: str, source: str, target: str, props: Mapping[str, Any]
) -> None:
    """Add one relationship; the same event from the same article on both nodes keeps
    the evidence of both."""
    if rel_type in SYMMETRIC_TYPES and source > target:
        source, target = target, source
    key = edge_key(rel_type, props, source.split(":", 1)[1])
    if graph.has_edge(source, target, key=key):
        existing = graph.edges[source, target, key]
        pairs = list(zip(*(existing.get(n, []) for n in _EVIDENCE), strict=True))
        for pair in zip(*(props.get(n, []) for n in _EVIDENCE), strict=True):
            if pair not in pairs:
                pairs.append(pair)
        for i, name in enumerate(_EVIDENCE):
            existing[name] = [p[i] for p in pairs]
        return
    graph.add_edge(source, target, key=key, type=rel_type, **props)


def move(store: Store, old: str, new: str, props: Mapping[str, Any]) -> None:
    """Make `old` part of `new` (created when absent): `new` gets `props` (replacing what
    it had), every relationship of both nodes, and `old` is deleted. With old == new it
    only sets the properties."""
    new_label, new_id = split_key(new)
    if old == new:
        set_props(store, new, props)
        return
    fragment = nx.MultiDiGraph()
    fragment.add_node(new, label=new_label, **{**props, "id": new_id})
    for relations in (_relations(store, new), _relations(store, old)):
        for rel_type, other, direction, rel_props in relations:
            if other in (old, new):
                continue  # a meeting of the person with themself means nothing
            if other not in fragment:
                label, other_id = other.split(":", 1)
                fragment.add_node(other, label=label, id=other_id)
            source, target = (new, other) if direction == "out" else (other, new)
            _add_relation(fragment, rel_type, source, target, rel_props)
    store.write_fragment(fragment)
    set_props(store, new, props)
    delete(store, old)


def set_props(store: Store, key: str, props: Mapping[str, Any]) -> None:
    """Replace these properties of a node (None removes one)."""
    label, node_id = split_key(key)
    values = {k: v for k, v in props.items() if k != "id"}
    if values:
        store.run(
            f"MATCH (n:{label} {{id: $id}}) SET n += $props",
            {"id": node_id, "props": {k: v for k, v in values.items() if v is not None}},
            write=True,
        )
    for name in (k for k, v in values.items() if v is None):
        store.run(
            f"MATCH (n:{label} {{id: $id}}) SET n.{_identifier(name)} = null", {"id": node_id}, write=True
        )


def delete(store: Store, key: str) -> None:
    """Delete a node and every relationship it has."""
    label, node_id = split_key(key)
    store.run(f"MATCH (n:{label} {{id: $id}}) DETACH DELETE n", {"id": node_id}, write=True)


def _identifier(name: str) -> str:
    if not name.isidentifier():
        raise ValueError(f"property name {name!r} is not a plain identifier")
    return name
