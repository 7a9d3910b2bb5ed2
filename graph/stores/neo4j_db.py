"""The Neo4j store, on the official `neo4j` driver.

Each article is one managed write transaction (`session.execute_write`): the
driver retries it on transient failures (leader switch, dropped connection), and a
failed one leaves nothing behind. Reads go through `execute_read`, which routes to
a reader on a cluster. Connection settings default to the NEO4J_URI,
NEO4J_USERNAME, NEO4J_PASSWORD and NEO4J_DATABASE environment variables.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import neo4j
import networkx as nx
from neo4j import GraphDatabase, ManagedTransaction
from neo4j.exceptions import (
    AuthError,
    ConfigurationError,
    DriverError,
    IncompleteCommit,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)
from neo4j.graph import Node, Path, Relationship

from diplograph.graph.cypher_guard import ensure_read_only
from diplograph.graph.load import DEFAULT_BATCH_SIZE, graph_statements
from diplograph.graph.model import ENTITY_LABELS, NODE_LABELS
from diplograph.graph.stores.base import StoreError
from diplograph.graph.stores.common import CypherReads, plain

DEFAULT_URI = "bolt://localhost:7687"
DEFAULT_USER = "neo4j"
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")

T = TypeVar("T")

# The driver logs each retried transaction as a warning; with no logging set up Python
# prints those to stderr. The failure that matters reaches the user as one StoreError.
logging.getLogger("neo4j").addHandler(logging.NullHandler())


def schema_statements() -> list[str]:
    """Uniqueness of every label's id (which also indexes it) and an index on names."""
    statements = [
        f"CREATE CONSTRAINT diplograph_{label.lower()}_id IF NOT EXISTS "
        f"FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        for label in NODE_LABELS
    ]
    statements += [
        f"CREATE INDEX diplograph_{label.lower()}_name IF NOT EXISTS FOR (n:{label}) ON (n.name)"
        for label in ENTITY_LABELS
    ]
    return statements


def _graph_object(value: Any) -> Any:
    """Neo4j nodes, relationships and paths shaped like the networkx model's attributes."""
    if isinstance(value, Node):
        labels = sorted(value.labels)
        return {"label": labels[0] if labels else None, **dict(value)}
    if isinstance(value, Relationship):
        return {"type": value.type, **dict(value)}
    if isinstance(value, Path):
        return [_graph_object(node) for node in value.nodes]
    return value


class Neo4jStore(CypherReads):
    """Graph store on a Neo4j 5 server (or Aura)."""

    name = "neo4j"

    def __init__(
        self,
        uri: str | None = None,
        user: str | None = None,
        password: str | None = None,
        database: str | None = None,
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        retry_seconds: float = 30.0,
        connect_seconds: float = 10.0,
    ) -> None:
        """Connect, check the credentials and create the schema (IF NOT EXISTS).

        `retry_seconds` bounds how long a managed transaction is retried on transient
        errors before the failure is reported. `connect_seconds` bounds opening a
        connection including the Bolt handshake: the driver's `connection_timeout` only
        covers the TCP connect, so a port that accepts and never answers waited for the
        acquisition timeout (60 s) instead.
        """
        self.uri = uri or os.environ.get("NEO4J_URI") or DEFAULT_URI
        self.user = user or os.environ.get("NEO4J_USERNAME") or DEFAULT_USER
        password = password if password is not None else os.environ.get("NEO4J_PASSWORD", "")
        self.database = database or os.environ.get("NEO4J_DATABASE") or None
        self.batch_size = batch_size
        scheme = self.uri.partition("://")[0]
        if scheme not in BOLT_SCHEMES:
            raise StoreError(
                f"Neo4j URI {self.uri!r} is not usable: expected one of "
                f"{', '.join(s + '://' for s in BOLT_SCHEMES)}"
            )
        try:
            self._driver = GraphDatabase.driver(
                self.uri,
                auth=(self.user, password),
                max_transaction_retry_time=retry_seconds,
                connection_timeout=connect_seconds,
                connection_acquisition_timeout=connect_seconds,
                # Queries on a fresh graph name properties nothing has yet; no warnings for that.
                notifications_min_severity="OFF",
            )
        except (ConfigurationError, ValueError) as error:
            raise StoreError(f"Neo4j URI {self.uri!r} is not usable: {error}") from None
        try:
            self._driver.verify_connectivity()
            for statement in schema_statements():
                self._driver.execute_query(
                    statement, database_=self.database, routing_=neo4j.RoutingControl.WRITE
                )
        except (Neo4jError, DriverError) as error:
            self._driver.close()
            raise self._fail(error) from None

    def _fail(self, error: Exception) -> StoreError:
        """One clear line for a driver or server error."""
        where = f"Neo4j at {self.uri}"
        if isinstance(error, AuthError):
            return StoreError(
                f"{where}: authentication failed for user {self.user!r} "
                "(check --neo4j-user/--neo4j-password or NEO4J_USERNAME/NEO4J_PASSWORD)"
            )
        if isinstance(error, IncompleteCommit):
            return StoreError(
                f"{where}: the connection dropped while committing; the write may or may "
                "not have landed - run the command again (writes are idempotent)"
            )
        if isinstance(error, ServiceUnavailable | SessionExpired):
            reason = re.search(r"\[Errno -?\d+\][^)\n]*", str(error))
            return StoreError(
                f"{where} is not reachable (is the server running?)"
                + (f": {reason.group()}" if reason else "")
            )
        if isinstance(error, Neo4jError):
            message = (error.message or str(error)).splitlines()[0]
            return StoreError(f"{where}: {message}")
        return StoreError(f"{where}: {' '.join(str(error).split())}")

    def _session(self) -> neo4j.Session:
        return self._driver.session(database=self.database)

    def _transact(self, work: Callable[[ManagedTransaction], T], *, write: bool) -> T:
        try:
            with self._session() as session:
                if write:
                    return session.execute_write(work)
                return session.execute_read(work)
        except (Neo4jError, DriverError) as error:
            raise self._fail(error) from None

    def write_fragment(self, fragment: nx.MultiDiGraph) -> None:
        """All of the fragment's statements in one managed write transaction."""
        statements = graph_statements(fragment, self.batch_size)

        def work(tx: ManagedTransaction) -> None:
            for cypher, params in statements:
                tx.run(cypher, params).consume()

        self._transact(work, write=True)

    def run(
        self,
        cypher: str,
        params: Mapping[str, Any] | None = None,
        *,
        write: bool = False,
        timeout: float | None = None,
    ) -> tuple[list[str], list[list[Any]]]:
        """With `timeout`, the server aborts the transaction after that many seconds."""
        if not write:
            ensure_read_only(cypher)

        @neo4j.unit_of_work(timeout=timeout)
        def work(tx: ManagedTransaction) -> tuple[list[str], list[list[Any]]]:
            result = tx.run(cypher, dict(params or {}))
            columns = list(result.keys())
            return columns, [[plain(value, _graph_object) for value in record.values()] for record in result]

        return self._transact(work, write=write)

    def close(self) -> None:
        self._driver.close()
