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


def _embedded(choice: StoreChoice | None, command: str) -> Path:
    assert choice is not None
    if choice.neo4j_uri:
        fail(f"{command} copies the embedded store; for Neo4j use `neo4j-admin database dump`")
    return embedded_path(choice.store)


@with_store_options
def backup(
    dest: Annotated[Path, typer.Argument(help="New folder to write the copy to.", show_default=False)],
    choice: StoreChoice | None = None,
) -> None:
    """Copy the embedded store into a new folder, consistently, while no command writes.

    The copy is itself a store: `diplograph stats --store DEST` reads it.

    Example: diplograph backup ./backups/2024-05-06 --store ./diplograph-data
    """
    store = _embedded(choice, "backup")
    assert choice is not None
    try:
        store_folder.backup(store, dest, wait=choice.wait, on_wait=say_waiting)
    except StoreError as exc:
        fail(str(exc))
    Console(highlight=False).print(f"backed up {store} to {dest}", markup=False)


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
    store = _embedded(choice, "restore")
    assert choice is not None
    try:
        store_folder.restore(source, store, wait=choice.wait, on_wait=say_waiting)
    except StoreError as exc:
        fail(str(exc))
    Console(highlight=False).print(f"restored {source} into {store}", markup=False)
