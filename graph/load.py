"""The one loader: a networkx graph becomes the Cypher statements both stores run.

`graph_statements` turns a fragment (model.article_fragment) or a whole graph into
`(cypher, params)` pairs: UNWIND batches that MERGE every node on `id` and every
relationship on its identity, so running them twice changes nothing. Labels and
relationship types come only from the whitelists in model.py and property names
must be plain identifiers; every value travels as a parameter.

Order matters on FalkorDB, where each statement is atomic on its own but a
fragment is not: entity nodes first, then relationships, and the `Article` node
together with its MENTIONS edges last, in one statement. A stored Article therefore
marks a complete article; an interrupted one has no Article node and the re-run
MERGEs the rest without duplicating anything.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

import networkx as nx

from diplograph.graph.model import (
    ENTITY_LABELS,
    EVENT_TYPES,
    NODE_LABELS,
    STRUCTURE_TYPES,
    SYMMETRIC_TYPES,
)

Statement = tuple[str, dict[str, Any]]

DEFAULT_BATCH_SIZE = 500

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def _property_name(name: str) -> str:
    if not _IDENTIFIER.match(name):
        raise ValueError(f"property name {name!r} is not a plain identifier")
    return name


def _label(data: Mapping[str, Any], key: str) -> str:
    label = data.get("label")
    if label not in NODE_LABELS:
        raise ValueError(f"node {key!r} has label {label!r}, not one of {NODE_LABELS}")
    return label


def _chunks(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _fill_missing(variable: str, names: list[str]) -> list[str]:
    """SET items that keep the smallest value any article gave (a missing one counts as
    none), as model.build_graph does.

    The smallest, not the first: the stored graph is then the same whatever the order in
    which articles arrive, and re-running an article never flips a value back and forth.
    """
    return [
        f"{variable}.{n} = CASE WHEN {variable}.{n} IS NULL OR row.props.{n} < {variable}.{n} "
        f"THEN coalesce(row.props.{n}, {variable}.{n}) ELSE {variable}.{n} END"
        for n in names
    ]


def _node_statement(label: str, names: list[str], with_aliases: bool) -> str:
    items = _fill_missing("n", names)
    if with_aliases:
        # Union of aliases, stored order kept: re-writing the same row adds nothing.
        items.append(
            "n.aliases = CASE WHEN row.aliases IS NULL THEN n.aliases ELSE "
            "coalesce(n.aliases, []) + "
            "[a IN row.aliases WHERE NOT a IN coalesce(n.aliases, [])] END"
        )
    cypher = f"UNWIND $rows AS row\nMERGE (n:{label} {{id: row.id}})"
    if items:
        cypher += "\nSET " + ",\n    ".join(items)
    return cypher


def _edge_statement(rel_type: str, source: str, target: str, names: list[str]) -> str:
    lines = [
        "UNWIND $rows AS row",
        f"MATCH (a:{source} {{id: row.source}})",
        f"MATCH (b:{target} {{id: row.target}})",
    ]
    if rel_type in EVENT_TYPES:
        # One relationship per pair, type and article: the article id is its identity.
        lines += [f"MERGE (a)-[r:{rel_type} {{article_id: row.article_id}}]->(b)", "SET r += row.props"]
        return "\n".join(lines)
    cypher = "\n".join([*lines, f"MERGE (a)-[r:{rel_type}]->(b)"])
    items = _fill_missing("r", names)
    if items:
        cypher += "\nSET " + ", ".join(items)
    return cypher


def _article_statement(labels: list[str]) -> str:
    """MERGE Articles, then their MENTIONS edges, in one atomic statement.

    Entity labels cannot be parameters, so each label gets its own lookups,
    collected into a list; UNWIND of an empty final list simply ends the row after
    the Article is written.
    """
    lines = ["UNWIND $rows AS row", "MERGE (a:Article {id: row.id})", "SET a += row.props"]
    if labels:  # FalkorDB refuses a query that ends with WITH
        lines.append("WITH a, row")
    collected: list[str] = []
    for i, label in enumerate(labels):
        # One index lookup per id (FalkorDB scans the label for `e.id IN list`); the
        # appended null keeps a row alive when the article names no entity of this label.
        lines.append(f"UNWIND coalesce(row.mentions.{label}, []) + [null] AS mention")
        lines.append(f"OPTIONAL MATCH (e:{label} {{id: mention}})")
        lines.append(f"WITH {', '.join(['a', 'row', *collected])}, collect(e) AS found{i}")
        collected.append(f"found{i}")
    if collected:
        lines.append(f"UNWIND {' + '.join(collected)} AS e")
        lines.append("MERGE (a)-[:MENTIONS]->(e)")
    return "\n".join(lines)


def graph_statements(graph: nx.MultiDiGraph, batch_size: int = DEFAULT_BATCH_SIZE) -> list[Statement]:
    """The statements that MERGE `graph` into a store, Article nodes last."""
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    nodes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    ids: dict[str, tuple[str, str]] = {}
    for key, data in graph.nodes(data=True):
        label = _label(data, key)
        if "id" not in data:
            raise ValueError(f"node {key!r} has no id")
        ids[key] = (label, data["id"])
        row: dict[str, Any] = {
            "id": data["id"],
            "props": {
                _property_name(k): v
                for k, v in data.items()
                if k not in {"label", "id", "aliases"} and v is not None
            },
        }
        if label != "Article" and "aliases" in data:
            row["aliases"] = list(data["aliases"])
        nodes[label].append(row)

    edges: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    mentions: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for source, target, data in graph.edges(data=True):
        rel_type = data.get("type")
        if rel_type not in EVENT_TYPES and rel_type not in STRUCTURE_TYPES:
            raise ValueError(f"edge {source!r}->{target!r} has unknown type {rel_type!r}")
        if rel_type in SYMMETRIC_TYPES and source > target:
            source, target = target, source
        (source_label, source_id), (target_label, target_id) = ids[source], ids[target]
        if rel_type == "MENTIONS":
            if source_label != "Article" or target_label not in ENTITY_LABELS:
                raise ValueError(f"MENTIONS must go from an Article to an entity: {source!r}")
            mentions[source_id][target_label].append(target_id)
            continue
        if source_label not in ENTITY_LABELS or target_label not in ENTITY_LABELS:
            raise ValueError(f"{rel_type} edge {source!r}->{target!r} must join two entities")
        props = {_property_name(k): v for k, v in data.items() if k != "type"}
        row = {"source": source_id, "target": target_id, "props": props}
        if rel_type in EVENT_TYPES:
            if "article_id" not in props:
                raise ValueError(f"{rel_type} edge {source!r}->{target!r} has no article_id")
            row["article_id"] = props["article_id"]
        edges[(rel_type, source_label, target_label)].append(row)

    statements: list[Statement] = []
    for label in ENTITY_LABELS:
        rows = nodes.get(label, [])
        names = sorted({name for row in rows for name in row["props"]})
        cypher = _node_statement(label, names, any("aliases" in row for row in rows))
        statements += [(cypher, {"rows": chunk}) for chunk in _chunks(rows, batch_size)]
    for (rel_type, source_label, target_label), rows in sorted(edges.items()):
        names = sorted({name for row in rows for name in row["props"]})
        cypher = _edge_statement(rel_type, source_label, target_label, names)
        statements += [(cypher, {"rows": chunk}) for chunk in _chunks(rows, batch_size)]

    articles = nodes.get("Article", [])
    for row in articles:
        row["mentions"] = {label: sorted(set(found)) for label, found in mentions[row["id"]].items()}
    labels = [label for label in ENTITY_LABELS if any(label in r["mentions"] for r in articles)]
    cypher = _article_statement(labels)
    statements += [(cypher, {"rows": chunk}) for chunk in _chunks(articles, batch_size)]
    return statements


def article_fragments(graph: nx.MultiDiGraph) -> Iterator[nx.MultiDiGraph]:
    """Split a whole stored graph back into per-article fragments (for `push`).

    Each fragment holds one Article, the entities it mentions, its event edges and
    the LEADER_OF / PART_OF edges leaving those entities (with their endpoints). A
    last fragment without an Article carries whatever no article reaches.
    """
    covered_nodes: set[str] = set()
    covered_edges: set[tuple[str, str, str]] = set()
    events: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for source, target, key, data in graph.edges(keys=True, data=True):
        if data.get("type") in EVENT_TYPES and "article_id" in data:
            events[data["article_id"]].append((source, target, key))

    for article_key, data in sorted(graph.nodes(data=True)):
        if data.get("label") != "Article":
            continue
        edge_keys = [
            (article_key, target, key)
            for _, target, key, kind in graph.out_edges(article_key, keys=True, data="type")
            if kind == "MENTIONS"
        ]
        entities = {target for _, target, _ in edge_keys}
        edge_keys += events.get(data["id"], [])
        for entity in sorted(entities):
            edge_keys += [
                (entity, target, key)
                for _, target, key, kind in graph.out_edges(entity, keys=True, data="type")
                if kind in {"LEADER_OF", "PART_OF"}
            ]
        fragment = graph.edge_subgraph(edge_keys).copy()
        fragment.add_node(article_key, **data)
        covered_nodes.update(fragment.nodes)
        covered_edges.update(edge_keys)
        yield fragment

    rest = nx.MultiDiGraph()
    for key, data in graph.nodes(data=True):
        if key not in covered_nodes:
            rest.add_node(key, **data)
    for source, target, key, data in graph.edges(keys=True, data=True):
        if (source, target, key) not in covered_edges:
            rest.add_node(source, **graph.nodes[source])
            rest.add_node(target, **graph.nodes[target])
            rest.add_edge(source, target, key=key, **data)
    if rest.number_of_nodes():
        yield rest
