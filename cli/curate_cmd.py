"""`diplograph curate` and `diplograph entities`: the analyst's corrections and where to start."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from diplograph.cli.options import StoreChoice, fail, store_from, with_store_options
from diplograph.graph.curation import CURATION_FILE, Curation, CurationError, apply_curation, find_curation
from diplograph.graph.stores.open import DEFAULT_STORE_PATH
from diplograph.graph.suspects import suspects

CurationOption = Annotated[
    Path | None,
    typer.Option(
        "--curation",
        help=f"Curation file (TOML: merge, alias, rename, set, block); default {CURATION_FILE} "
        "in the embedded store's folder, when there is one.",
    ),
]


def curation_for(choice: StoreChoice, explicit: Path | None) -> Curation | None:
    """The curation file of a command: --curation, else the embedded store folder's one."""
    folder = None
    if not choice.neo4j_uri:
        folder = choice.store or Path(os.environ.get("DIPLOGRAPH_STORE") or DEFAULT_STORE_PATH)
    try:
        return find_curation(explicit, folder)
    except CurationError as error:
        fail(str(error))


def report_changes(changes: list[str], console: Console) -> None:
    for line in changes:
        console.print(Text(line))


@with_store_options
def curate(curation: CurationOption = None, choice: StoreChoice | None = None) -> None:
    """Apply the curation file to the stored graph (a second run changes nothing).

    Every change is printed.

    Example: diplograph curate --store ./diplograph-data --curation fixes.toml
    """
    assert choice is not None
    found = curation_for(choice, curation)
    out = Console(highlight=False, soft_wrap=True)
    with store_from(choice) as store:
        changes = apply_curation(store, found)
    report_changes(changes, out)
    made = sum(1 for line in changes if not line.startswith("note:"))
    source = found.path if found else "no curation file"
    out.print(Text(f"curation: {made} change{'s' if made != 1 else ''} ({source})"))


@with_store_options
def entities(
    show_suspects: Annotated[
        bool, typer.Option("--suspects", help="List likely duplicate people and likely junk, ranked.")
    ] = False,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many rows.")] = 50,
    choice: StoreChoice | None = None,
) -> None:
    """List the people in the graph, or with --suspects what probably needs curating.

    Example: diplograph entities --suspects --limit 20
    """
    assert choice is not None
    with store_from(choice) as store:
        leaders = store.leaders()
        _, rows = store.run(
            "MATCH (l:Leader)-[r:MET_WITH|HELD_CALL|PROPOSED_COOPERATION|PLANS_VISIT|VISITED]-() "
            "RETURN l.id, count(r)"
        )
    events = {node_id: number for node_id, number in rows}
    out = Console(highlight=False, soft_wrap=True)
    if show_suspects:
        table = Table("score", "kind", "nodes", "why")
        for suspect in suspects(leaders, events)[:limit]:
            table.add_row(
                f"{suspect.score:.2f}", suspect.kind, Text(" + ".join(suspect.nodes)), Text(suspect.reason)
            )
    else:
        table = Table("id", "name", "country", "events")
        for leader in leaders[:limit]:
            table.add_row(
                Text(leader["id"]),
                Text(leader["name"] or ""),
                leader["country"] or "",
                str(events.get(leader["id"], 0)),
            )
    out.print(table)
