"""Check that the test server started by start.sh really works.

    bash tests/neo4j/start.sh
    set -a; . tests/neo4j/build/server.env; set +a
    .venv/bin/python tests/neo4j/smoke.py
    bash tests/neo4j/stop.sh

Creates a uniqueness constraint, MERGEs a node twice (one node results), reads it back,
checks that the constraint refuses a duplicate CREATE, that a wrong password is refused,
and cleans up after itself. Exits non-zero on any failure.
"""

from __future__ import annotations

import os
import sys

from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ConstraintError

LABEL = "DiplographSmoke"


def main() -> int:
    uri = os.environ["NEO4J_URI"]
    user = os.environ.get("NEO4J_USERNAME", "neo4j")
    password = os.environ["NEO4J_PASSWORD"]
    database = os.environ.get("NEO4J_DATABASE", "neo4j")

    with GraphDatabase.driver(uri, auth=(user, password)) as driver:
        driver.verify_connectivity()
        print("server:", driver.get_server_info().agent)
        records, _, _ = driver.execute_query(
            "CALL dbms.components() YIELD name, versions, edition "
            "RETURN name, versions[0] AS version, edition",
            database_=database,
        )
        print("components:", [dict(r) for r in records])

        driver.execute_query(
            f"CREATE CONSTRAINT smoke_id_unique IF NOT EXISTS FOR (n:{LABEL}) REQUIRE n.id IS UNIQUE",
            database_=database,
        )
        for _ in range(2):
            driver.execute_query(
                f"MERGE (n:{LABEL} {{id: $id}}) ON CREATE SET n.name = $name",
                id="country:fr",
                name="France",
                database_=database,
            )
        records, _, _ = driver.execute_query(
            f"MATCH (n:{LABEL} {{id: $id}}) RETURN n.name AS name, count(*) AS c",
            id="country:fr",
            database_=database,
        )
        assert [(r["name"], r["c"]) for r in records] == [("France", 1)], records
        print("MERGE twice -> one node, read back:", records[0]["name"])

        try:
            driver.execute_query(f"CREATE (:{LABEL} {{id: $id}})", id="country:fr", database_=database)
        except ConstraintError as exc:
            print("duplicate refused by the constraint:", exc.code)
        else:
            raise AssertionError("the uniqueness constraint did not refuse a duplicate")

        records, _, _ = driver.execute_query(
            "SHOW CONSTRAINTS YIELD name, type WHERE name = 'smoke_id_unique' RETURN type",
            database_=database,
        )
        print("constraint:", [r["type"] for r in records])

        driver.execute_query(f"MATCH (n:{LABEL}) DETACH DELETE n", database_=database)
        driver.execute_query("DROP CONSTRAINT smoke_id_unique IF EXISTS", database_=database)

    try:
        with GraphDatabase.driver(uri, auth=(user, password + "-wrong")) as bad:
            bad.verify_connectivity()
    except AuthError as exc:
        print("wrong password refused:", exc.code)
    else:
        raise AssertionError("a wrong password was accepted")

    print("smoke: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
