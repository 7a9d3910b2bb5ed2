"""`diplograph export`, `stats` and `push`: the stored graph as a whole."""

from __future__ import annotations

import json
import shlex
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from diplograph.cli.options import StoreChoice, fail, open_chosen, store_from, with_store_options
from diplograph.graph.admin_export import AFTER_IMPORT, ARGS_FILE, write_admin_import
from diplograph.graph.export import to_graphml, to_json
from diplograph.graph.stats import counts
from diplograph.graph.stores.open import push as push_graph


class ExportFormat(StrEnum):
    json = "json"
    graphml = "graphml"
    neo4j_admin = "neo4j-admin"


@with_store_options
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="Export format.")] = ExportFormat.json,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="File to write (default stdout); a new folder for neo4j-admin."),
    ] = None,
    choice: StoreChoice | None = None,
) -> None:
    """Export the whole graph as node-link JSON, GraphML, or CSVs for neo4j-admin's bulk import.

    Example: diplograph export --format graphml -o diplograph.graphml

    Example: diplograph export --format neo4j-admin -o bulk/
    """
    assert choice is not None
    if fmt is ExportFormat.neo4j_admin:
        if output is None:
            fail("--format neo4j-admin writes a folder of CSV files: give it with -o DIR")
        if output.exists() and (not output.is_dir() or any(output.iterdir())):
            fail(f"{output}: not an empty folder (neo4j-admin must not pick up stale CSV files)")
    with store_from(choice) as store:
        graph = store.to_networkx()
    if fmt is ExportFormat.neo4j_admin:
        assert output is not None
        output.mkdir(parents=True, exist_ok=True)
        try:
            files = write_admin_import(graph, output)
        except ValueError as exc:
            fail(f"{output}: {exc}")
        folder = shlex.quote(str(output))
        Console(stderr=True, highlight=False, soft_wrap=True).print(
            f"wrote {len(files) - 1} CSV files and {ARGS_FILE} to {output}; with Neo4j stopped, run\n"
            f"  cd {folder} && neo4j-admin database import full neo4j --overwrite-destination @{ARGS_FILE}\n"
            f'then, with Neo4j started: diplograph query --write "{AFTER_IMPORT}"',
            markup=False,
        )
        return
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
