"""`ingest URL`, `ingest --feed`, `extract URL` and `watch`, run as a user runs them, against a
real HTTP server on 127.0.0.1 and a real embedded store."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from email.message import Message
from pathlib import Path

import pytest
from fixtures.neo4j_server import neo4j_settings
from fixtures.web_server import Reply, WebServer, closed_port

from diplograph.graph.stores.neo4j_db import Neo4jStore

DIPLOGRAPH = str(Path(sys.executable).parent / "diplograph")
PAGES = Path(__file__).parent / "fixtures" / "web"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([DIPLOGRAPH, *args], capture_output=True, text=True, timeout=300, check=False)


def page(name: str) -> Reply:
    return Reply((PAGES / name).read_bytes())


def rss(server: WebServer, *items: tuple[str, str | None]) -> bytes:
    entries = "".join(
        f"<item><title>{title}</title>"
        + (f"<link>{server.url(path)}</link>" if path else "")
        + "<pubDate>Mon, 04 Mar 2024 08:00:00 GMT</pubDate></item>"
        for title, path in items
    )
    channel = f"<channel><title>Desk</title>{entries}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


def articles(store: Path) -> list[list]:
    result = run(
        "query",
        "MATCH (a:Article) RETURN a.url, a.date, a.date_source ORDER BY a.url",
        "--format",
        "json",
        "--store",
        str(store),
    )
    assert result.returncode == 0, result.stderr
    return [[row["a.url"], row["a.date"], row["a.date_source"]] for row in json.loads(result.stdout)]


def test_ingest_urls_and_a_feed_reports_each_bad_source_and_stores_the_rest(
    web_server: WebServer, tmp_path: Path
) -> None:
    for name in ("meeting", "dateline", "undated"):
        web_server.routes[f"/{name}"] = page(f"{name}.html")
    web_server.routes["/report.pdf"] = Reply(b"%PDF-1.4", content_type="application/pdf")
    web_server.routes["/rss"] = Reply(
        rss(web_server, ("Phone call", "/undated"), ("No link", None), ("Gone", "/gone")),
        content_type="application/rss+xml",
    )
    refused = f"http://127.0.0.1:{closed_port()}/news"
    store = tmp_path / "store"
    args = (
        "ingest",
        web_server.url("/meeting"),
        web_server.url("/dateline"),
        web_server.url("/report.pdf"),
        refused,
        "--feed",
        web_server.url("/rss"),
        "--delay",
        "0",
        "--store",
        str(store),
    )
    first = run(*args)
    assert first.returncode == 1
    errors = [line for line in first.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {web_server.url('/report.pdf')}: unexpected content type 'application/pdf'",
        f"error: {refused}: connection refused",
        f"error: {web_server.url('/rss')}: item 2 'No link' has no link",
        f"error: {web_server.url('/gone')}: HTTP 404 Not Found",
    ]
    assert "articles: 3 new, 0 skipped, 4 failed" in first.stdout
    assert "feeds: 1 read, 0 unchanged (304), 0 failed; 2 new links of 2 items" in first.stdout
    assert articles(store) == sorted(
        [
            [web_server.url("/dateline"), "2023-06-05", "dateline"],
            [web_server.url("/meeting"), "2024-03-12", "meta"],
            [web_server.url("/undated"), "2024-03-04", "feed"],
        ]
    )

    again = run(*args)
    # The URLs given are fetched again and skipped by content hash; the feed item already
    # stored is not fetched at all; the failures are reported again and nothing changes.
    assert again.returncode == 1
    assert "articles: 0 new, 2 skipped, 4 failed" in again.stdout
    assert len(web_server.requests_to("/undated")) == 1
    assert len(web_server.requests_to("/meeting")) == 2
    assert len(articles(store)) == 3


def test_extract_a_url_prints_its_record_with_the_date_source(web_server: WebServer) -> None:
    web_server.routes["/dateline"] = page("dateline.html")
    result = run("extract", web_server.url("/dateline"))
    assert result.returncode == 0, result.stderr
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert (record["url"], record["date"], record["date_source"]) == (
        web_server.url("/dateline"),
        "2023-06-05",
        "dateline",
    )
    assert record["title"] == "Foreign ministers of Armenia and Georgia hold talks"
    assert {e["name"] for e in record["entities"]} >= {"Armenia", "Georgia"}


def test_watch_polls_twice_answering_an_unchanged_feed_with_304_and_ingesting_a_new_item(
    web_server: WebServer, tmp_path: Path
) -> None:
    for name in ("meeting", "dateline", "undated"):
        web_server.routes[f"/{name}"] = page(f"{name}.html")

    def steady(headers: Message) -> Reply:
        if headers.get("If-None-Match") == '"a1"':
            return Reply(status=304, headers={"ETag": '"a1"'})
        return Reply(
            rss(web_server, ("Meeting", "/meeting")),
            content_type="application/rss+xml",
            headers={"ETag": '"a1"'},
        )

    polls = {"b": 0}

    def growing(_headers: Message) -> Reply:
        # No validators: the feed is sent whole each time, and has a new item from the second poll.
        polls["b"] += 1
        items = [("Phone call", "/undated")] + ([("Talks", "/dateline")] if polls["b"] > 1 else [])
        return Reply(rss(web_server, *items), content_type="application/rss+xml")

    web_server.routes["/a.xml"] = steady
    web_server.routes["/b.xml"] = growing
    listing = tmp_path / "feeds.txt"
    listing.write_text(f"# the growing feed\n{web_server.url('/b.xml')}\n", encoding="utf-8")
    store = tmp_path / "store"
    result = run(
        "watch",
        "--feed",
        web_server.url("/a.xml"),
        "--feed",
        str(listing),
        "--every",
        "1s",
        "--rounds",
        "2",
        "--delay",
        "0",
        "--store",
        str(store),
    )
    assert result.returncode == 0, result.stderr
    rounds = result.stdout.split("round ")[1:]
    assert len(rounds) == 2
    assert "articles: 2 new, 0 skipped, 0 failed" in rounds[0]
    assert "feeds: 2 read, 0 unchanged (304), 0 failed; 2 new links of 2 items" in rounds[0]
    assert "articles: 1 new, 0 skipped, 0 failed" in rounds[1]
    assert "feeds: 1 read, 1 unchanged (304), 0 failed; 1 new links of 2 items" in rounds[1]
    assert "watch stopped after 2 rounds" in result.stdout
    assert [r.status for r in web_server.requests_to("/a.xml")] == [200, 304]
    assert web_server.requests_to("/a.xml")[1].headers["If-None-Match"] == '"a1"'
    assert [len(web_server.requests_to(p)) for p in ("/meeting", "/undated", "/dateline")] == [1, 1, 1]
    assert [row[0] for row in articles(store)] == sorted(
        web_server.url(p) for p in ("/meeting", "/undated", "/dateline")
    )


def test_watch_stops_cleanly_on_sigterm(web_server: WebServer, tmp_path: Path) -> None:
    web_server.routes["/meeting"] = page("meeting.html")
    feed = rss(web_server, ("Meeting", "/meeting"))
    web_server.routes["/rss"] = Reply(feed, content_type="application/rss+xml")
    command = [
        DIPLOGRAPH,
        "watch",
        "--feed",
        web_server.url("/rss"),
        "--every",
        "10m",
        "--delay",
        "0",
        "--store",
        str(tmp_path / "store"),
    ]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stdout is not None
        deadline = time.monotonic() + 240
        lines = []
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            lines.append(line)
            if line.startswith("feeds:") or not line:
                break
        assert lines[-1].startswith("feeds: 1 read"), "".join(lines)
        started = time.monotonic()
        process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=60)
        assert time.monotonic() - started < 30  # it does not sleep out the 10 minutes
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert "watch stopped after 1 round" in out
    assert "SIGTERM: stopping" in err
    assert articles(tmp_path / "store") == [[web_server.url("/meeting"), "2024-03-12", "meta"]]


@pytest.mark.neo4j
def test_a_feed_ingested_into_neo4j_is_not_fetched_again(web_server: WebServer) -> None:
    settings = neo4j_settings()
    with Neo4jStore(**settings) as store:
        store.run("MATCH (n) DETACH DELETE n", write=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "DIPLOGRAPH_"))} | {
        "NEO4J_URI": settings["uri"],
        "NEO4J_USERNAME": settings["user"],
        "NEO4J_PASSWORD": settings["password"],
        "NEO4J_DATABASE": settings["database"],
    }
    for name in ("meeting", "undated"):
        web_server.routes[f"/{name}"] = page(f"{name}.html")
    feed = rss(web_server, ("Meeting", "/meeting"), ("Phone call", "/undated"))
    web_server.routes["/rss"] = Reply(feed, content_type="application/rss+xml")
    command = [DIPLOGRAPH, "ingest", "--feed", web_server.url("/rss"), "--delay", "0"]
    first = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300, check=False)
    assert first.returncode == 0, first.stderr
    assert "articles: 2 new, 0 skipped, 0 failed" in first.stdout
    again = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300, check=False)
    assert "articles: 0 new, 0 skipped, 0 failed" in again.stdout
    assert "0 new links of 2 items" in again.stdout
    assert [len(web_server.requests_to(p)) for p in ("/meeting", "/undated")] == [1, 1]
    with Neo4jStore(**settings) as store:
        _, rows = store.run("MATCH (a:Article) RETURN a.url, a.date, a.date_source ORDER BY a.url")
    assert rows == [
        [web_server.url("/meeting"), "2024-03-12", "meta"],
        [web_server.url("/undated"), "2024-03-04", "feed"],
    ]
