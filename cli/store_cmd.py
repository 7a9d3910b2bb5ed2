"""`diplograph backup` and `diplograph restore`: the embedded store's folder, copied whole."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from diplograph.cli.options import StoreChoice, fail, say_waiting, with_store_options
from diplograph.graph.stores import store_folder
from diplograph.graph.stores.base import StoreError
from diplograph.graph.stores.open import embedded_path


def _copy(choice: StoreChoice | None, command: str, source: Path | None, target: Path | None) -> None:
    """Run backup (source None: the store) or restore (target None: the store); one line on failure."""
    assert choice is not None
    if choice.neo4j_uri:
        fail(f"{command} copies the embedded store; for Neo4j use `neo4j-admin database dump`")
    store = embedded_path(choice.store)
    operation = store_folder.backup if command == "backup" else store_folder.restore
    source, target = source or store, target or store
    try:
        operation(source, target, wait=choice.wait, on_wait=say_waiting)
    except StoreError as exc:
        fail(str(exc))
    Console(highlight=False, soft_wrap=True).print(f"copied {source} to {target}", markup=False)


@with_store_options
def backup(
    dest: Annotated[Path, typer.Argument(help="New folder to write the copy to.", show_default=False)],
    choice: StoreChoice | None = None,
) -> None:
    """Copy the embedded store into a new folder, consistently, while no command writes.

    The copy is itself a store: `diplograph stats --store DEST` reads it.

    Example: diplograph backup ./backups/2024-05-06 --store ./diplograph-data
    """
    _copy(choice, "backup", None, dest)


@with_store_options
def restore(
    source: Annotated[
        Path, typer.Argument(help="A folder written by `diplograph backup`.", show_default=False)
    ],
    choice: StoreChoice | None = None,
) -> None:
    """Copy a backup into the store folder, which must be new or hold no graph.

    Example: diplograph restore ./backups/2024-05-06 --store ./diplograph-data
    """
    _copy(choice, "restore", source, None)
