"""The graph model: extraction records become a networkx MultiDiGraph.

networkx is the exchange format between extraction, the stores, the page and the
exports; see docs/ARCHITECTURE.md for the node and edge schema.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx

from diplograph.graph.resolve import Resolver

ENTITY_LABELS = ("Leader", "Country", "Region", "Organization")
NODE_LABELS = (*ENTITY_LABELS, "Article")
EVENT_TYPES = ("MET_WITH", "PROPOSED_COOPERATION", "PLANS_VISIT", "VISITED", "HELD_CALL")
SYMMETRIC_TYPES = frozenset({"MET_WITH", "HELD_CALL"})
STRUCTURE_TYPES = ("LEADER_OF", "PART_OF", "MENTIONS")
EDGE_TYPES = (*EVENT_TYPES, *STRUCTURE_TYPES)


def node_key(label: str, node_id: str) -> str:
    return f"{label}:{node_id}"


def _clean(props: Mapping[str, Any]) -> dict[str, Any]:
    """Drop None values and None list items: Neo4j stores neither."""
    out: dict[str, Any] = {}
    for key, value in props.items():
        if value is None:
            continue
        if isinstance(value, list | tuple):
            value = [v for v in value if v is not None]
        out[key] = value
    return out


def _merge_node(graph: nx.MultiDiGraph, key: str, label: str, props: Mapping[str, Any]) -> None:
    """Add a node, or fold new aliases and missing properties into an existing one."""
    props = _clean(props)
    if key not in graph:
        graph.add_node(key, label=label, **props)
        return
    node = graph.nodes[key]
    for name, value in props.items():
        if name == "aliases":
            node["aliases"] = sorted(set(node.get("aliases", [])) | set(value))
        elif node.get(name) is None or value < node[name]:
            # the smallest value wins, as in the stores (load._fill_missing): any order of
            # the articles gives the same graph
            node[name] = value


def article_fragment(record: Mapping[str, Any], resolver: Resolver) -> nx.MultiDiGraph:
    """The nodes and edges one article contributes, with entity ids resolved globally."""
    graph = nx.MultiDiGraph()
    article_id = record["id"]
    article_key = node_key("Article", article_id)
    _merge_node(
        graph,
        article_key,
        "Article",
        {k: record.get(k) for k in ("id", "title", "date", "date_source", "source", "url", "path")},
    )

    keys: dict[str, str] = {}
    for entity in record.get("entities", []):
        label = entity["type"]
        if label not in ENTITY_LABELS:
            continue
        found = resolver.resolve_key(entity)
        if found is None:
            continue
        key, props = found
        label = key.split(":", 1)[0]
        keys[entity["id"]] = key
        _merge_node(graph, key, label, props)
        graph.add_edge(article_key, key, key=f"MENTIONS:{article_id}", type="MENTIONS")

    for entity in record.get("entities", []):
        key = keys.get(entity["id"])
        if key is None:
            continue
        office = keys.get(entity.get("office") or "")
        if key.startswith("Leader:") and office:
            graph.add_edge(
                key, office, key="LEADER_OF", type="LEADER_OF", **_clean({"title": entity.get("title")})
            )
        if key.startswith("Region:") and entity.get("country"):
            country_key = node_key("Country", entity["country"])
            if country_key not in graph:
                _merge_node(graph, country_key, "Country", resolver.country_props(entity["country"]))
            graph.add_edge(key, country_key, key="PART_OF", type="PART_OF")

    for relation in record.get("relations", []):
        _add_event(graph, relation, keys, record)
    return graph


def _add_event(
    graph: nx.MultiDiGraph,
    relation: Mapping[str, Any],
    keys: Mapping[str, str],
    record: Mapping[str, Any],
) -> None:
    rel_type = relation["type"]
    source, target = keys.get(relation["source"]), keys.get(relation["target"])
    if rel_type not in EVENT_TYPES or source is None or target is None or source == target:
        return
    if rel_type in SYMMETRIC_TYPES and source > target:
        source, target = target, source
    evidence = relation.get("evidence", [])
    props = _clean(
        {
            "article_id": record["id"],
            "date": record.get("date"),
            "sentences": [e["sentence"] for e in evidence],
            "starts": [e["start"] for e in evidence],
            "ends": [e["end"] for e in evidence],
            "when": relation.get("when"),
            "when_iso": relation.get("when_iso"),
            "cameo": relation.get("cameo"),
            "plover": relation.get("plover"),
        }
    )
    edge_key = f"{rel_type}:{record['id']}"
    if graph.has_edge(source, target, key=edge_key):
        existing = graph.edges[source, target, edge_key]
        for name in ("sentences", "starts", "ends"):
            existing[name] = existing.get(name, []) + props.get(name, [])
        return
    graph.add_edge(source, target, key=edge_key, type=rel_type, **props)


def build_graph(records: Iterable[Mapping[str, Any]], resolver: Resolver | None = None) -> nx.MultiDiGraph:
    """One graph from many records (used by exports and tests; stores load article by article)."""
    resolver = resolver or Resolver()
    graph = nx.MultiDiGraph()
    for record in records:
        fragment = article_fragment(record, resolver)
        for key, data in fragment.nodes(data=True):
            props = {k: v for k, v in data.items() if k != "label"}
            _merge_node(graph, key, data["label"], props)
        graph.add_edges_from(fragment.edges(keys=True, data=True))
    return graph
