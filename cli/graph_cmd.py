"""`diplograph export`, `stats` and `push`: the stored graph as a whole."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from diplograph.cli.options import StoreChoice, fail, open_chosen, store_from, with_store_options
from diplograph.graph.export import to_graphml, to_json
from diplograph.graph.stats import counts
from diplograph.graph.stores.open import push as push_graph


class ExportFormat(StrEnum):
    json = "json"
    graphml = "graphml"


@with_store_options
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="Export format.")] = ExportFormat.json,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default stdout).")
    ] = None,
    choice: StoreChoice | None = None,
) -> None:
    """Export the whole graph as node-link JSON or GraphML.

    Example: diplograph export --format graphml -o diplograph.graphml
    """
    assert choice is not None
    with store_from(choice) as store:
        graph = store.to_networkx()
    text = to_graphml(graph) if fmt is ExportFormat.graphml else to_json(graph)
    if output is None:
        sys.stdout.write(text + "\n")
    else:
        output.write_text(text, encoding="utf-8")
        Console(stderr=True, highlight=False, soft_wrap=True).print(f"wrote {output}", markup=False)


@with_store_options
def stats(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    choice: StoreChoice | None = None,
) -> None:
    """Count nodes by label and relationships by type.

    Example: diplograph stats --store ./diplograph-data
    """
    assert choice is not None
    with store_from(choice) as store:
        found = counts(store)
    if as_json:
        sys.stdout.write(json.dumps(found.as_dict(), indent=2) + "\n")
        return
    table = Table("kind", "name", "count")
    for label, number in sorted(found.nodes.items()):
        table.add_row("node", label, str(number))
    for rel_type, number in sorted(found.relationships.items()):
        table.add_row("relationship", rel_type, str(number))
    Console(highlight=False).print(table)


@with_store_options
def push(choice: StoreChoice | None = None) -> None:
    """Copy the embedded store's graph into Neo4j (idempotent).

    Example: diplograph push --store ./diplograph-data --neo4j-uri bolt://localhost:7687
    """
    assert choice is not None
    if not choice.neo4j_uri:
        fail("push needs a Neo4j target: --neo4j-uri or NEO4J_URI")
    source = open_chosen(choice, embedded=True)
    try:
        with store_from(choice) as target:
            pushed = push_graph(source, target)
    finally:
        source.close()
    Console(highlight=False).print(f"pushed {pushed} articles to {choice.neo4j_uri}")
