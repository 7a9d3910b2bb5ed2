"""Issue 13 on Neo4j: query time limits on the real server, and a silent port fails in time."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fixtures.neo4j_server import neo4j_settings

from diplograph.graph.stores.base import StoreError
from diplograph.graph.stores.neo4j_db import Neo4jStore

DIPLOGRAPH = str(Path(sys.executable).parent / "diplograph")
SLOW = "UNWIND range(1, 2000000000) AS x WITH x WHERE x < 0 RETURN count(x)"


def test_a_port_that_accepts_but_never_answers_fails_within_the_timeout() -> None:
    with socket.socket() as silent:  # the kernel completes the handshake; nobody ever answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        port = silent.getsockname()[1]
        started = time.monotonic()
        result = subprocess.run(
            [DIPLOGRAPH, "stats", "--neo4j-uri", f"bolt://127.0.0.1:{port}", "--timeout", "3"],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        elapsed = time.monotonic() - started
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: Neo4j at bolt://127.0.0.1:{port}"), result.stderr
    assert elapsed < 30  # was 62 s: the acquisition timeout, not the connect timeout


@pytest.mark.neo4j
def test_a_slow_query_is_stopped_by_the_transaction_timeout() -> None:
    with Neo4jStore(**neo4j_settings()) as store:
        started = time.monotonic()
        with pytest.raises(StoreError, match=r"(?i)timeout|terminated"):
            store.run(SLOW, timeout=1)
        assert time.monotonic() - started < 30
        assert store.run("RETURN 1 AS one", timeout=30)[1] == [[1]]  # the session is still usable


@pytest.mark.neo4j
def test_query_timeout_option_on_neo4j() -> None:
    settings = neo4j_settings()
    result = subprocess.run(
        [
            DIPLOGRAPH,
            "query",
            SLOW,
            "--timeout",
            "1",
            "--neo4j-uri",
            settings["uri"],
            "--neo4j-user",
            settings["user"],
            "--neo4j-password",
            settings["password"],
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Neo4j at" in lines[0], result.stderr
