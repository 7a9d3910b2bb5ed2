"""`diplograph viz`: the interactive HTML network."""

from __future__ import annotations

import webbrowser
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from diplograph.cli.options import StoreChoice, err, fail, store_from, with_store_options
from diplograph.graph.page import write_page
from diplograph.graph.subgraph import DEFAULT_MAX_NODES, FocusNotFoundError, select


@with_store_options
def viz(
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path("graph.html"),
    focus: Annotated[
        str | None, typer.Option("--focus", help="Draw the ego network of this name or alias.")
    ] = None,
    depth: Annotated[int, typer.Option("--depth", min=1, help="Hops around --focus.")] = 1,
    rel_type: Annotated[
        list[str] | None, typer.Option("--type", "-t", help="Only these relation types (repeatable).")
    ] = None,
    since: Annotated[
        str | None, typer.Option("--since", help="Only edges dated on/after YYYY[-MM[-DD]].")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Only edges dated on/before YYYY[-MM[-DD]].")
    ] = None,
    include_undated: Annotated[
        bool,
        typer.Option(
            "--include-undated", help="With --since/--until, keep relations that have no date at all."
        ),
    ] = False,
    limit: Annotated[
        int,
        typer.Option("--limit", help="Above this many entities, keep the nearest/most connected and warn."),
    ] = DEFAULT_MAX_NODES,
    open_page: Annotated[bool, typer.Option("--open", help="Open the page in the browser.")] = False,
    choice: StoreChoice | None = None,
) -> None:
    """Write a self-contained interactive page of the graph (works offline).

    Example: diplograph viz -o graph.html --focus Lukashenko --depth 2 --type MET_WITH
    """
    assert choice is not None
    with store_from(choice) as store:
        graph = store.to_networkx()
    try:
        selection = select(
            graph,
            focus=focus,
            depth=depth,
            types=rel_type,
            since=since,
            until=until,
            include_undated=include_undated,
            max_nodes=limit,
        )
    except (FocusNotFoundError, ValueError) as exc:
        fail(str(exc))
    if selection.warning:
        err.print(Text.assemble(("warning:", "yellow"), " ", selection.warning))
    info = write_page(selection.graph, output)
    Console(highlight=False, soft_wrap=True).print(
        f"wrote {output} ({info.nodes} nodes, {info.edges} edges, {info.bytes // 1024} KiB)", markup=False
    )
    if open_page:
        webbrowser.open(output.resolve().as_uri())
