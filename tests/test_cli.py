"""Every command, run as a user runs it: the installed `diplograph` script, a real store."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
GOLD = ROOT / "tests" / "fixtures" / "gold"
DIPLOGRAPH = str(Path(sys.executable).parent / "diplograph")
COMMANDS = (
    "ingest",
    "extract",
    "watch",
    "query",
    "queries",
    "viz",
    "export",
    "stats",
    "push",
    "eval",
    "backup",
    "restore",
)


def run(*args: str, store: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    command = [DIPLOGRAPH, *args]
    if store is not None:
        command += ["--store", str(store)]
    return subprocess.run(command, capture_output=True, text=True, input=stdin, timeout=300, check=False)


def stats(store: Path) -> dict:
    result = run("stats", "--json", store=store)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "store"
    result = run("ingest", str(EXAMPLES), store=path)
    assert result.returncode == 0, result.stderr
    assert "articles: 9 new, 0 skipped, 0 failed" in result.stdout
    return path


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0
    assert "Example" in result.stdout


def test_reingest_changes_nothing(store: Path) -> None:
    before = stats(store)
    result = run("ingest", str(EXAMPLES), store=store)
    assert result.returncode == 0, result.stderr
    assert "articles: 0 new, 9 skipped, 0 failed" in result.stdout
    assert "added: 0 entities, 0 relationships" in result.stdout
    assert stats(store) == before


def test_query_lists_the_meetings_of_the_examples(store: Path) -> None:
    result = run(
        "query",
        "MATCH (a:Leader)-[:MET_WITH]-(b:Leader) RETURN a.name AS a, b.name AS b",
        "--format",
        "json",
        store=store,
    )
    assert result.returncode == 0, result.stderr
    pairs = {frozenset((row["a"], row["b"])) for row in json.loads(result.stdout)}
    for pair in (
        ("Aleksandr Lukashenko", "Murat Nurtleu"),
        ("Shavkat Mirziyoyev", "Xi Jinping"),
        ("Bola Tinubu", "John Mahama"),
    ):
        assert frozenset(pair) in pairs
    # the phone call is a call, not a meeting
    assert frozenset(("Kassym-Jomart Tokayev", "Shavkat Mirziyoyev")) not in pairs


def test_query_parameters_and_csv(store: Path) -> None:
    result = run(
        "query",
        "MATCH (c:Country {id: $code}) RETURN c.name AS name",
        "--param",
        "code=KZ",
        "--format",
        "csv",
        store=store,
    )
    assert result.returncode == 0, result.stderr
    assert list(csv.reader(io.StringIO(result.stdout))) == [["name"], ["Kazakhstan"]]


def test_query_refuses_writes_without_flag(store: Path) -> None:
    before = stats(store)
    result = run("query", "MATCH (l:Leader) SET l.name = 'x'", store=store)
    assert result.returncode == 1
    assert "read-only" in result.stderr and "--write" in result.stderr
    assert stats(store) == before


def test_named_queries_list_and_run(store: Path) -> None:
    listing = run("queries")
    assert listing.returncode == 0
    for name in (
        "meetings",
        "cooperation",
        "planned_visits",
        "ego_network",
        "most_connected",
        "shortest_path",
        "evidence",
    ):
        assert name in listing.stdout
    result = run(
        "query", "--name", "planned_visits", "--param", "leader=Lukashenko", "--format", "json", store=store
    )
    assert result.returncode == 0, result.stderr
    assert "Primorsky Krai" in result.stdout and "2025-09" in result.stdout
    wrong = run("query", "--name", "meetings", "--param", "nobody=1", store=store)
    assert wrong.returncode == 1 and "has no parameter" in wrong.stderr


def test_extract_prints_the_record_contract() -> None:
    result = run("extract", str(EXAMPLES / "04-vladivostok-governor.md"))
    assert result.returncode == 0, result.stderr
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert set(record) == {
        "id",
        "title",
        "source",
        "url",
        "date",
        "date_source",
        "path",
        "entities",
        "relations",
    }
    assert (record["date"], record["date_source"]) == ("2025-06-03", "meta")
    names = {e["id"]: e["name"] for e in record["entities"]}
    visits = [r for r in record["relations"] if r["type"] == "PLANS_VISIT"]
    assert [(names[r["source"]], names[r["target"]], r["when_iso"]) for r in visits] == [
        ("Aleksandr Lukashenko", "Primorsky Krai", "2025-09")
    ]
    text = (EXAMPLES / "04-vladivostok-governor.md").read_text(encoding="utf-8").split("---\n", 2)[2]
    for relation in record["relations"]:
        for evidence in relation["evidence"]:
            assert text[evidence["start"] : evidence["end"]] == evidence["sentence"]


def test_extract_reads_stdin() -> None:
    text = "Latvian President Edgars Rinkevics met with Lithuanian President Gitanas Nauseda in Riga."
    result = run("extract", "-", stdin=text)
    assert result.returncode == 0, result.stderr
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    names = {e["id"]: e["name"] for e in record["entities"]}
    meetings = [
        (names[r["source"]], names[r["target"]]) for r in record["relations"] if r["type"] == "MET_WITH"
    ]
    assert len(meetings) == 1 and set(meetings[0]) == {"Edgars Rinkevics", "Gitanas Nauseda"}


def test_viz_writes_a_page_and_focus_errors_clearly(store: Path, tmp_path: Path) -> None:
    page = tmp_path / "g.html"
    result = run("viz", "-o", str(page), "--focus", "Lukashenko", "--depth", "2", store=store)
    assert result.returncode == 0, result.stderr
    html = page.read_text(encoding="utf-8")
    assert "Aleksandr Lukashenko" in html and "Murat Nurtleu" in html
    assert "Bola Tinubu" not in html  # outside the ego network
    missing = run("viz", "-o", str(tmp_path / "x.html"), "--focus", "Nobody Atall", store=store)
    assert missing.returncode == 1 and "Nobody Atall" in missing.stderr


def test_export_json_and_graphml(store: Path, tmp_path: Path) -> None:
    as_json = run("export", "--format", "json", store=store)
    assert as_json.returncode == 0, as_json.stderr
    data = json.loads(as_json.stdout)
    assert sum(1 for n in data["nodes"] if n["label"] == "Article") == 9
    target = tmp_path / "g.graphml"
    as_graphml = run("export", "--format", "graphml", "-o", str(target), store=store)
    assert as_graphml.returncode == 0, as_graphml.stderr
    root = ET.parse(target).getroot()
    assert root.tag.endswith("graphml")


def test_eval_prints_scores_per_type() -> None:
    result = run("eval", str(GOLD), "--json")
    assert result.returncode == 0, result.stderr
    scores = {row["name"]: row for row in json.loads(result.stdout)["scores"]}
    assert {"MET_WITH", "PROPOSED_COOPERATION", "PLANS_VISIT", "VISITED", "HELD_CALL", "HEADLINE"} <= set(
        scores
    )
    verbose = run("eval", str(GOLD), "-v")
    assert "false positives" in verbose.stdout and "false negatives" in verbose.stdout
    assert run("eval", str(EXAMPLES)).returncode == 1


def test_bad_inputs_fail_clearly_and_keep_what_is_stored(store: Path, tmp_path: Path) -> None:
    before = stats(store)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "bad.jsonl").write_text('{"text": "ok"\n')
    result = run(
        "ingest",
        str(tmp_path / "missing.md"),
        str(tmp_path / "empty.txt"),
        str(tmp_path / "binary.txt"),
        str(tmp_path / "bad.jsonl"),
        str(EXAMPLES),
        store=store,
    )
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 4
    for name in ("missing.md", "empty.txt", "binary.txt", "bad.jsonl:1"):
        assert any(name in line for line in errors), name
    assert "articles: 0 new, 9 skipped, 4 failed" in result.stdout
    assert stats(store) == before


def test_new_article_is_added_to_an_existing_store(store: Path, tmp_path: Path) -> None:
    before = stats(store)
    article = tmp_path / "new.txt"
    article.write_text(
        "Estonian Prime Minister Kristen Michal met with Finnish Prime Minister Petteri Orpo "
        "in Tallinn on Friday.\n"
    )
    result = run("ingest", str(article), store=store)
    assert result.returncode == 0, result.stderr
    after = stats(store)
    assert after["nodes"]["Article"] == before["nodes"]["Article"] + 1
    assert after["relationships"]["MET_WITH"] == before["relationships"]["MET_WITH"] + 1
