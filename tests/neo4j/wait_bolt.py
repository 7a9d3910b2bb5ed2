"""Wait until a Neo4j server answers on Bolt with the given credentials.

Used by start.sh:  python wait_bolt.py URI USER PASSWORD PID TIMEOUT_SECONDS

Exit codes: 0 up (and authenticated), 1 timed out, 2 the server process died,
3 the server refused the credentials, 4 the neo4j driver is not installed.
"""

from __future__ import annotations

import os
import sys
import time


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (exited child not reaped yet) still answers kill(0).
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True


def main(argv: list[str]) -> int:
    uri, user, password, pid_s, timeout_s = argv[1:6]
    pid, timeout = int(pid_s), float(timeout_s)
    try:
        from neo4j import GraphDatabase
        from neo4j.exceptions import AuthError
    except ImportError:
        print("wait_bolt: the Python 'neo4j' driver is not installed", file=sys.stderr)
        return 4

    deadline = time.monotonic() + timeout
    last = "no attempt yet"
    while time.monotonic() < deadline:
        if not _alive(pid):
            print(f"wait_bolt: server process {pid} exited", file=sys.stderr)
            return 2
        try:
            with GraphDatabase.driver(
                uri, auth=(user, password), connection_timeout=5, max_connection_lifetime=30
            ) as driver:
                driver.verify_connectivity()
                agent = driver.get_server_info().agent
            print(f"wait_bolt: {uri} answers ({agent})")
            return 0
        except AuthError as exc:
            print(f"wait_bolt: credentials refused: {exc}", file=sys.stderr)
            return 3
        except Exception as exc:  # not listening yet, database still starting, ...
            last = f"{type(exc).__name__}: {exc}"
        time.sleep(0.5)
    print(f"wait_bolt: no answer within {timeout:.0f} s (last error: {last})", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
