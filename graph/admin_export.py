"""The graph as CSV files for `neo4j-admin database import full` (Neo4j's bulk path).

One node file per label and one relationship file per (type, start label, end label),
each with its own typed header (`id:ID(Leader)`, `aliases:string[]`, `starts:long[]`,
`:START_ID(Leader)`, ...). Every label is its own ID space, so a Leader and an
Organization may share an id as they do in the stores. `import.args` holds the
importer's arguments, with the files named relative to the export folder:

    cd DIR && neo4j-admin database import full neo4j @import.args

Fields are RFC 4180 quoted (text may hold commas, quotes and line breaks, hence
`--multiline-fields=true`); list items are joined by U+001F, a control character that
news text does not carry (a value holding it is refused rather than split). A missing
value is an empty unquoted field, which the importer skips. CSV has no empty list, so
an entity whose alias list is empty is marked (NO_ALIASES) and AFTER_IMPORT, run once
on the started database, gives it back its empty list.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from diplograph.graph.load import _label, _property_name
from diplograph.graph.model import NODE_LABELS

ARRAY_DELIMITER = "\u001f"
IMPORT_OPTIONS = ("--array-delimiter=U+001F", "--multiline-fields=true", "--id-type=string")
ARGS_FILE = "import.args"
NO_ALIASES = "diplograph_no_aliases"
# Cypher to run once on the imported database: what CSV cannot say (an empty alias list).
AFTER_IMPORT = f"MATCH (n) WHERE n.{NO_ALIASES} SET n.aliases = [] REMOVE n.{NO_ALIASES}"

_SCALAR_TYPES = ((bool, "boolean"), (int, "long"), (float, "double"), (str, "string"))


def _scalar_type(value: Any, where: str) -> str:
    for python_type, csv_type in _SCALAR_TYPES:
        if isinstance(value, python_type):
            return csv_type
    raise ValueError(f"{where}: value {value!r} cannot go into a CSV column")


def _column_type(values: Iterable[Any], where: str) -> str:
    """The importer type of one property column; mixed types are refused."""
    found: set[str] = set()
    lists = False
    for value in values:
        if isinstance(value, list | tuple):
            lists = True
            found |= {_scalar_type(item, where) + "[]" for item in value}
        else:
            found.add(_scalar_type(value, where))
    if not found:  # only empty lists (or no value): written as no property anyway
        found.add("string[]" if lists else "string")
    if len(found) != 1:
        raise ValueError(f"{where}: mixed value types {sorted(found)}")
    return found.pop()


def _cell(value: Any, where: str) -> str | None:
    """One field; None (and an empty list) is an empty unquoted field: no property."""
    if value is None:
        return None
    items = value if isinstance(value, list | tuple) else [value]
    texts = [str(item).lower() if isinstance(item, bool) else str(item) for item in items]
    if any(ARRAY_DELIMITER in text for text in texts):
        raise ValueError(f"{where}: a value holds the array delimiter U+001F")
    return ARRAY_DELIMITER.join(texts) if texts else None


def _write(
    path: Path, header: list[str], names: list[str], rows: list[Mapping[str, Any]], fixed: list[list[Any]]
) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_NOTNULL, lineterminator="\n")
        writer.writerow(header)
        for row, lead in zip(rows, fixed, strict=True):
            writer.writerow([*lead, *(_cell(row.get(name), f"{path.name}: {name}") for name in names)])


def _typed_header(rows: list[Mapping[str, Any]], skip: set[str], where: str) -> tuple[list[str], list[str]]:
    names = sorted({_property_name(name) for row in rows for name in row} - skip)
    header = [
        f"{name}:{_column_type((row[name] for row in rows if row.get(name) is not None), f'{where}: {name}')}"
        for name in names
    ]
    return names, header


def write_admin_import(graph: nx.MultiDiGraph, directory: Path) -> list[Path]:
    """Write the CSVs and `import.args` for `graph` into `directory`; the files written."""
    nodes: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for key, data in graph.nodes(data=True):
        if "id" not in data:
            raise ValueError(f"node {key!r} has no id")
        empty = data.get("aliases") == []
        nodes[_label(data, key)].append({**data, NO_ALIASES: True} if empty else data)
    edges: dict[tuple[str, str, str], list[tuple[str, str, Mapping[str, Any]]]] = defaultdict(list)
    for source, target, data in graph.edges(data=True):
        start, end = graph.nodes[source], graph.nodes[target]
        edges[(data["type"], start["label"], end["label"])].append((start["id"], end["id"], data))

    written: list[Path] = []
    args = list(IMPORT_OPTIONS)
    for label in NODE_LABELS:
        rows = nodes.get(label, [])
        if not rows:
            continue
        path = directory / f"nodes-{label}.csv"
        names, header = _typed_header(rows, {"label", "id"}, path.name)
        _write(
            path, [f"id:ID({label})", ":LABEL", *header], names, rows, [[row["id"], label] for row in rows]
        )
        args.append(f"--nodes={path.name}")
        written.append(path)
    for (rel_type, start, end), triples in sorted(edges.items()):
        path = directory / f"relationships-{rel_type}-{start}-{end}.csv"
        props = [data for _, _, data in triples]
        names, header = _typed_header(props, {"type"}, path.name)
        _write(
            path,
            [f":START_ID({start})", f":END_ID({end})", ":TYPE", *header],
            names,
            props,
            [[source, target, rel_type] for source, target, _ in triples],
        )
        args.append(f"--relationships={path.name}")
        written.append(path)
    args_path = directory / ARGS_FILE
    args_path.write_text("\n".join(args) + "\n", encoding="utf-8")
    return [*written, args_path]
