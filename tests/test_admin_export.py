"""`export --format neo4j-admin`: CSVs that Neo4j's own bulk importer turns into the ingested graph."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from fixtures.neo4j_server import ThrowawayNeo4j, neo4j_settings

from diplograph.graph.admin_export import ARRAY_DELIMITER, write_admin_import
from diplograph.graph.stores.neo4j_db import Neo4jStore

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
DIPLOGRAPH = str(Path(sys.executable).parent / "diplograph")


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [DIPLOGRAPH, *args], capture_output=True, text=True, env=env, timeout=600, check=False
    )


def differences(got: nx.MultiDiGraph, want: nx.MultiDiGraph) -> list[str]:
    """Every node and edge whose presence or properties differ (empty when the graphs are equal)."""
    found = []
    for kind, ours, theirs in (
        ("node", dict(got.nodes(data=True)), dict(want.nodes(data=True))),
        (
            "edge",
            {e[:3]: e[3] for e in got.edges(keys=True, data=True)},
            {e[:3]: e[3] for e in want.edges(keys=True, data=True)},
        ),
    ):
        for key in sorted(set(ours) | set(theirs), key=str):
            if ours.get(key) != theirs.get(key):
                found.append(f"{kind} {key}: imported {ours.get(key)} != ingested {theirs.get(key)}")
    return found


def test_files_carry_typed_headers_and_awkward_text(tmp_path: Path) -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("Leader:a", label="Leader", id="a", name='Ann "the, first"\nline', aliases=["A; b", "c"])
    graph.add_node("Leader:b", label="Leader", id="b", name="Bob", aliases=[])
    graph.add_edge(
        "Leader:a",
        "Leader:b",
        key="MET_WITH:x",
        type="MET_WITH",
        article_id="x",
        sentences=["one, two", "three"],
        starts=[0, 10],
        ends=[8, 15],
    )
    files = write_admin_import(graph, tmp_path)
    assert [f.name for f in files] == [
        "nodes-Leader.csv",
        "relationships-MET_WITH-Leader-Leader.csv",
        "import.args",
    ]
    with (tmp_path / "nodes-Leader.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == [
        "id:ID(Leader)",
        ":LABEL",
        "aliases:string[]",
        "diplograph_no_aliases:boolean",
        "name:string",
    ]
    assert rows[1] == ["a", "Leader", f"A; b{ARRAY_DELIMITER}c", "", 'Ann "the, first"\nline']
    assert rows[2] == ["b", "Leader", "", "true", "Bob"]
    relationships = tmp_path / "relationships-MET_WITH-Leader-Leader.csv"
    header = relationships.read_text(encoding="utf-8").splitlines()[0]
    assert header == (
        '":START_ID(Leader)",":END_ID(Leader)",":TYPE","article_id:string","ends:long[]",'
        '"sentences:string[]","starts:long[]"'
    )
    bad = nx.MultiDiGraph()
    bad.add_node("Leader:c", label="Leader", id="c", name=f"x{ARRAY_DELIMITER}y")
    (tmp_path / "bad").mkdir()
    with pytest.raises(ValueError, match="array delimiter"):
        write_admin_import(bad, tmp_path / "bad")


def test_export_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "old.csv").write_text("x\n", encoding="utf-8")
    result = run("export", "--store", str(tmp_path / "store"), "--format", "neo4j-admin", "-o", str(tmp_path))
    assert result.returncode == 1
    assert "not an empty folder" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    missing = run("export", "--store", str(tmp_path / "store"), "--format", "neo4j-admin")
    assert missing.returncode == 1 and "-o DIR" in missing.stderr


@pytest.mark.neo4j
def test_bulk_import_gives_the_graph_ingest_gives(tmp_path: Path) -> None:
    # What `ingest` gives on Neo4j: the shared test server, emptied first.
    settings = neo4j_settings()
    with Neo4jStore(**settings) as store:
        store.run("MATCH (n) DETACH DELETE n", write=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "DIPLOGRAPH_"))}
    neo4j = [
        "--neo4j-uri",
        settings["uri"],
        "--neo4j-user",
        settings["user"],
        "--neo4j-password",
        settings["password"],
        "--neo4j-database",
        settings["database"],
    ]
    ingested = run("ingest", str(EXAMPLES), *neo4j, env=env)
    assert ingested.returncode == 0, ingested.stderr

    # The bulk path: ingest into the embedded store, export, import with neo4j-admin.
    store = ["--store", str(tmp_path / "store")]
    assert run("ingest", str(EXAMPLES), *store, env=env).returncode == 0
    bulk = tmp_path / "bulk"
    exported = run("export", *store, "--format", "neo4j-admin", "-o", str(bulk), env=env)
    assert exported.returncode == 0, exported.stderr
    assert "neo4j-admin database import full neo4j" in exported.stderr

    server = ThrowawayNeo4j(tmp_path / "imported")
    server.env["NEO4J_TEST_IMPORT"] = str(bulk)
    try:
        imported = server.start()
        log = (server.home / "logs" / "import.log").read_text(encoding="utf-8")
        assert "IMPORT DONE" in log
        # The printed follow-up: entities with an empty alias list get it back.
        after = exported.stderr.split("diplograph query --write ", 1)[1].strip().strip('"')
        target = [
            "--neo4j-uri",
            imported["uri"],
            "--neo4j-user",
            imported["user"],
            "--neo4j-password",
            imported["password"],
        ]
        fixed = run("query", "--write", after, *target, env=env)
        assert fixed.returncode == 0, fixed.stderr
        with Neo4jStore(**imported) as bulk_store, Neo4jStore(**settings) as ingest_store:
            got, want = bulk_store.to_networkx(), ingest_store.to_networkx()
        assert want.number_of_edges() > 100
        assert differences(got, want) == []
    finally:
        server.stop()
