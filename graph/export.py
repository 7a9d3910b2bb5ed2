"""Exports of the stored graph: node-link JSON and GraphML (for Gephi, yEd, Cytoscape)."""

from __future__ import annotations

import io
import json
from typing import Any

import networkx as nx


def to_json(graph: nx.MultiDiGraph) -> str:
    """Node-link JSON: {"nodes": [...], "links": [...]} with every property."""
    data = nx.node_link_data(graph, edges="links")
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)


def _graphml_value(value: Any) -> Any:
    # GraphML has no list type: lists travel as JSON text.
    if isinstance(value, list | tuple):
        return json.dumps(list(value), ensure_ascii=False)
    return value


def to_graphml(graph: nx.MultiDiGraph) -> str:
    flat = nx.MultiDiGraph()
    for key, data in graph.nodes(data=True):
        flat.add_node(key, **{k: _graphml_value(v) for k, v in data.items()})
    for source, target, key, data in graph.edges(keys=True, data=True):
        flat.add_edge(source, target, key=key, **{k: _graphml_value(v) for k, v in data.items()})
    buffer = io.BytesIO()
    nx.write_graphml(flat, buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")
