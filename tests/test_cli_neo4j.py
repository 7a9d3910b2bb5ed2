"""The same commands on Neo4j as on the embedded store: ingest, stats, query, viz, export, push."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fixtures.neo4j_server import neo4j_settings

from diplograph.graph.stores.neo4j_db import Neo4jStore

pytestmark = pytest.mark.neo4j

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
DIPLOGRAPH = str(Path(sys.executable).parent / "diplograph")
MEETINGS = "MATCH (a:Leader)-[:MET_WITH]->(b:Leader) RETURN a.name AS a, b.name AS b ORDER BY a, b"


@pytest.fixture
def neo4j_env() -> dict[str, str]:
    settings = neo4j_settings()
    with Neo4jStore(**settings) as store:
        store.run("MATCH (n) DETACH DELETE n", write=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "DIPLOGRAPH_"))}
    return env | {
        "NEO4J_URI": settings["uri"],
        "NEO4J_USERNAME": settings["user"],
        "NEO4J_PASSWORD": settings["password"],
        "NEO4J_DATABASE": settings["database"],
    }


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [DIPLOGRAPH, *args], capture_output=True, text=True, env=env, timeout=300, check=False
    )


def test_commands_agree_between_neo4j_and_embedded(neo4j_env: dict[str, str], tmp_path: Path) -> None:
    embedded = ["--store", str(tmp_path / "store")]
    for target in ([], embedded):  # [] = Neo4j through NEO4J_URI; --store wins over it
        result = run(neo4j_env, "ingest", str(EXAMPLES), *target)
        assert result.returncode == 0, result.stderr
        assert "articles: 9 new, 0 skipped, 0 failed" in result.stdout
    again = run(neo4j_env, "ingest", str(EXAMPLES))
    assert "articles: 0 new, 9 skipped, 0 failed" in again.stdout

    def both(*args: str) -> tuple[str, str]:
        on_neo4j, on_falkor = run(neo4j_env, *args), run(neo4j_env, *args, *embedded)
        assert on_neo4j.returncode == on_falkor.returncode == 0, on_neo4j.stderr + on_falkor.stderr
        return on_neo4j.stdout, on_falkor.stdout

    neo4j_stats, falkor_stats = both("stats", "--json")
    assert json.loads(neo4j_stats) == json.loads(falkor_stats)
    neo4j_rows, falkor_rows = both("query", MEETINGS, "--format", "json")
    assert json.loads(neo4j_rows) == json.loads(falkor_rows) != []
    named_neo4j, named_falkor = both("query", "--name", "meetings", "-p", "leader=Lukashenko", "-f", "json")
    assert json.loads(named_neo4j) == json.loads(named_falkor) != []
    export_neo4j, export_falkor = both("export", "--format", "json")
    assert len(json.loads(export_neo4j)["links"]) == len(json.loads(export_falkor)["links"])
    page = tmp_path / "neo4j.html"
    drawn = run(neo4j_env, "viz", "-o", str(page), "--focus", "Lukashenko")
    assert drawn.returncode == 0, drawn.stderr
    assert "Aleksandr Lukashenko" in page.read_text(encoding="utf-8")
    refused = run(neo4j_env, "query", "MATCH (n) DETACH DELETE n")
    assert refused.returncode == 1 and "--write" in refused.stderr


def test_push_copies_the_embedded_store_once(neo4j_env: dict[str, str], tmp_path: Path) -> None:
    store = ["--store", str(tmp_path / "store")]
    assert run(neo4j_env, "ingest", str(EXAMPLES), *store).returncode == 0
    push = [*store, "--neo4j-uri", neo4j_env["NEO4J_URI"]]
    first = run(neo4j_env, "push", *push)
    assert first.returncode == 0, first.stderr
    assert "pushed 9 articles" in first.stdout
    second = run(neo4j_env, "push", *push)
    assert "pushed 0 articles" in second.stdout
    neo4j_stats = json.loads(run(neo4j_env, "stats", "--json").stdout)
    falkor_stats = json.loads(run(neo4j_env, "stats", "--json", *store).stdout)
    assert neo4j_stats == falkor_stats


def test_wrong_password_is_one_clear_line(neo4j_env: dict[str, str]) -> None:
    result = run(neo4j_env | {"NEO4J_PASSWORD": "not-the-password"}, "stats")
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("error:") and "Neo4j" in line
