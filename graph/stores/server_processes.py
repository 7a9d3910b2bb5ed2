"""Finding and stopping FalkorDB servers left running on a store folder.

A command killed by `kill -9` leaves its redis-server running, possibly busy with a
runaway query that would make the next command hang (issue 13, case 4). The next
command holds the store lock (store_lock.py), so any server still running on the
folder belongs to nobody: it is stopped before a fresh one starts. Nothing is lost by
that: every acknowledged write is already fsynced in the append-only log.

A server is recognised by its working directory: redis-server changes into its data
folder (`dir`) at start, whatever path it was given.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

import psutil

from diplograph.graph.stores.base import StoreError

_TERM_GRACE = 3.0


def servers_in(folder: Path) -> list[psutil.Process]:
    """Running (not zombie) redis-servers of this user whose data folder is `folder`."""
    real = os.path.realpath(folder)
    found = []
    for process in psutil.process_iter(["name", "uids", "status"]):
        info = process.info
        if "redis-server" not in (info.get("name") or "") or info.get("status") == psutil.STATUS_ZOMBIE:
            continue
        if info.get("uids") is not None and info["uids"].real != os.getuid():
            continue
        try:
            if os.path.realpath(process.cwd()) == real:
                found.append(process)
        except (psutil.Error, OSError):
            continue
    return found


def stop_servers_in(folder: Path, *, term_grace: float = _TERM_GRACE) -> list[int]:
    """Stop every server running on `folder`: SIGTERM, SIGKILL after `term_grace` s; their pids.

    A grace of 0 kills at once: right for a server stuck in a runaway query.
    """
    servers = servers_in(folder)
    alive = servers
    if term_grace > 0:
        for process in servers:
            _signal(process, "terminate")
        alive = _wait_exited(servers, term_grace)
    for process in alive:
        _signal(process, "kill")
    still = _wait_exited(alive)
    if still:
        raise StoreError(f"a FalkorDB server left running on {folder} (pid {still[0].pid}) cannot be stopped")
    return [p.pid for p in servers]


def running_after(pid: int, seconds: float) -> bool:
    """True when `pid` is still running (not a zombie) after waiting up to `seconds`."""
    try:
        process = psutil.Process(pid)
    except psutil.NoSuchProcess:
        return False
    return bool(_wait_exited([process], seconds))


def _wait_exited(processes: list[psutil.Process], seconds: float = _TERM_GRACE) -> list[psutil.Process]:
    """Those of `processes` still running after `seconds` (zombies count as exited)."""
    deadline = time.monotonic() + seconds
    alive = [p for p in processes if not _exited(p)]
    while alive and time.monotonic() < deadline:
        time.sleep(0.05)
        alive = [p for p in alive if not _exited(p)]
    return alive


def _signal(process: psutil.Process, how: str) -> None:
    with contextlib.suppress(psutil.NoSuchProcess):
        getattr(process, how)()


def _exited(process: psutil.Process) -> bool:
    """Gone, or a zombie waiting to be reaped (by init, for a daemonised server)."""
    try:
        return process.status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True
