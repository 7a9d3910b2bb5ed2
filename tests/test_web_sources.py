"""Web pages and feeds read from a real HTTP server on 127.0.0.1 (no network, no mocks)."""

from __future__ import annotations

import itertools
from email.message import Message
from pathlib import Path

import pytest
from fixtures.web_server import Reply, WebServer, closed_port

from diplograph.ingest.article import Article
from diplograph.ingest.dates import dated
from diplograph.ingest.feeds import feed_urls
from diplograph.ingest.fetch import USER_AGENT, Fetcher, Limits
from diplograph.ingest.readers import ReadError, read_paths
from diplograph.ingest.web_sources import WebReader

PAGES = Path(__file__).parent / "fixtures" / "web"
QUICK = Limits(max_bytes=256 * 1024, timeout=2.0, max_redirects=3, host_delay=0.0)


def page(name: str) -> Reply:
    return Reply((PAGES / name).read_bytes())


def rss(*items: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Test desk</title>'
        "<link>http://127.0.0.1/</link><description>pages written for the tests</description>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def item(title: str, link: str | None, date: str = "Tue, 12 Mar 2024 08:00:00 GMT") -> str:
    link_tag = f"<link>{link}</link>" if link is not None else ""
    return f"<item><title>{title}</title>{link_tag}<pubDate>{date}</pubDate></item>"


def feed_reply(body: bytes, etag: str | None = None) -> Reply:
    headers = {"ETag": etag} if etag else {}
    return Reply(body, content_type="application/rss+xml", headers=headers)


@pytest.fixture
def reader() -> WebReader:
    fetcher = Fetcher(QUICK)
    yield WebReader(fetcher)
    fetcher.close()


def test_a_page_gives_its_article_text_title_site_and_meta_date(
    web_server: WebServer, reader: WebReader
) -> None:
    web_server.routes["/news/meeting"] = page("meeting.html")
    article = reader.page(web_server.url("/news/meeting"))
    assert isinstance(article, Article)
    assert article.title == "Presidents of Belarus and Kazakhstan meet in Minsk"
    assert article.source == "Steppe Wire"
    assert (article.date, article.date_source) == ("2024-03-12", "meta")
    assert article.url == web_server.url("/news/meeting")
    assert "joint assembly plant near Astana" in article.text
    # Page furniture is not article text.
    assert "Subscribe" not in article.text and "Sport" not in article.text
    sent = web_server.requests_to("/news/meeting")[0].headers
    assert sent["User-Agent"] == USER_AGENT and USER_AGENT.startswith("diplograph/")


def test_a_page_without_date_metadata_is_dated_by_its_dateline(
    web_server: WebServer, reader: WebReader
) -> None:
    web_server.routes["/dateline"] = page("dateline.html")
    article = reader.page(web_server.url("/dateline"))
    assert isinstance(article, Article) and article.date is None
    assert (dated(article).date, dated(article).date_source) == ("2023-06-05", "dateline")
    web_server.routes["/undated"] = page("undated.html")
    undated = reader.page(web_server.url("/undated"))
    assert isinstance(undated, Article)
    assert (dated(undated).date, dated(undated).date_source) == (None, "none")


@pytest.mark.parametrize(
    ("path", "reply", "message"),
    [
        ("/missing", None, "HTTP 404 Not Found"),
        ("/broken", Reply(b"oops", 500), "HTTP 500 Internal Server Error"),
        ("/loop", Reply(status=302, headers={"Location": "/loop"}), "redirect loop or more than 3 redirects"),
        (
            "/report.pdf",
            Reply(b"%PDF-1.4", content_type="application/pdf"),
            "unexpected content type 'application/pdf'",
        ),
        (
            "/huge",
            Reply(b"<p>" + b"x" * 600_000 + b"</p>"),
            "larger than the 262144 bytes limit (600007 bytes)",
        ),
        (
            "/huge-chunked",
            Reply(b"<p>" + b"x" * 600_000 + b"</p>", chunked=True),
            "larger than the 262144 bytes limit",
        ),
        ("/slow", Reply(b"<p>late</p>", delay=4.0), "timed out after 2 s"),
        (
            "/ftp-redirect",
            Reply(status=301, headers={"Location": "ftp://127.0.0.1/x"}),
            "redirected to a URL that is not http or https",
        ),
    ],
)
def test_a_bad_page_is_one_clear_error(
    web_server: WebServer, reader: WebReader, path: str, reply: Reply | None, message: str
) -> None:
    if reply is not None:
        web_server.routes[path] = reply
    result = reader.page(web_server.url(path))
    assert result == ReadError(web_server.url(path), message)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://no-such-host.invalid/news", "cannot resolve the host name (DNS lookup failed)"),
        (f"http://127.0.0.1:{closed_port()}/news", "connection refused"),
        ("file:///etc/passwd", "unsupported URL scheme 'file': only http and https are fetched"),
        ("ftp://127.0.0.1/news.html", "unsupported URL scheme 'ftp': only http and https are fetched"),
    ],
)
def test_an_unreachable_or_forbidden_url_is_one_clear_error(
    reader: WebReader, url: str, message: str
) -> None:
    assert reader.page(url) == ReadError(url, message)


def test_a_feed_gives_its_items_pages_with_the_feed_date_and_reports_bad_items(
    web_server: WebServer, reader: WebReader
) -> None:
    web_server.routes["/undated"] = page("undated.html")
    web_server.routes["/meeting"] = page("meeting.html")
    web_server.routes["/rss"] = feed_reply(
        rss(
            item("Phone call", web_server.url("/undated"), "Wed, 06 Mar 2024 10:00:00 GMT"),
            item("No link here", None),
            item("Local file", "file:///etc/passwd"),
            item("Meeting", web_server.url("/meeting")),
        )
    )
    results = list(reader.read([], [web_server.url("/rss")]))
    articles = [r for r in results if isinstance(r, Article)]
    errors = [str(r) for r in results if isinstance(r, ReadError)]
    feed = web_server.url("/rss")
    assert errors == [
        f"{feed}: item 2 'No link here' has no link",
        f"{feed}: item 3 'Local file': unsupported URL scheme 'file': only http and https are fetched",
    ]
    assert [(a.url, a.date, a.date_source) for a in articles] == [
        (web_server.url("/undated"), "2024-03-06", "feed"),
        # The page's own metadata wins over the feed's date.
        (web_server.url("/meeting"), "2024-03-12", "meta"),
    ]
    assert not web_server.requests_to("/etc/passwd")
    assert (reader.counts.read, reader.counts.items, reader.counts.new_links) == (1, 2, 2)


@pytest.mark.parametrize(
    "body",
    [b"this is no feed, only words", b'<?xml version="1.0"?><html><body><p>a page</p></body></html>'],
)
def test_a_malformed_feed_is_one_clear_error(web_server: WebServer, reader: WebReader, body: bytes) -> None:
    web_server.routes["/bad.xml"] = feed_reply(body)
    results = list(reader.read([], [web_server.url("/bad.xml")]))
    assert len(results) == 1 and isinstance(results[0], ReadError)
    assert results[0].path == web_server.url("/bad.xml")
    assert results[0].message.startswith("malformed feed, not RSS or Atom")
    assert reader.counts.failed == 1


def test_a_polled_feed_is_asked_conditionally_and_only_new_links_are_fetched(
    web_server: WebServer, reader: WebReader
) -> None:
    web_server.routes["/meeting"] = page("meeting.html")
    web_server.routes["/dateline"] = page("dateline.html")
    version = {"etag": '"v1"', "items": [item("Meeting", web_server.url("/meeting"))]}

    def feed(headers: Message) -> Reply:
        if headers.get("If-None-Match") == version["etag"]:
            return Reply(status=304, headers={"ETag": version["etag"]})
        return feed_reply(rss(*version["items"]), etag=version["etag"])

    web_server.routes["/rss"] = feed
    url = web_server.url("/rss")
    assert [a.url for a in reader.read([], [url])] == [web_server.url("/meeting")]
    assert list(reader.read([], [url])) == []  # unchanged: 304, nothing fetched
    assert reader.counts.unchanged == 1
    assert web_server.requests_to("/rss")[1].status == 304
    version.update(etag='"v2"', items=[item("Talks", web_server.url("/dateline")), *version["items"]])
    assert [a.url for a in reader.read([], [url])] == [web_server.url("/dateline")]
    assert len(web_server.requests_to("/meeting")) == 1
    assert [r.headers.get("If-None-Match") for r in web_server.requests_to("/rss")] == [None, '"v1"', '"v1"']


def test_requests_to_one_host_are_spaced_by_the_polite_delay(web_server: WebServer) -> None:
    web_server.routes["/meeting"] = page("meeting.html")
    with Fetcher(Limits(host_delay=0.5)) as fetcher:
        reader = WebReader(fetcher)
        for _ in range(3):
            assert isinstance(reader.page(web_server.url("/meeting")), Article)
    times = [r.at for r in web_server.requests_to("/meeting")]
    assert all(later - earlier >= 0.45 for earlier, later in itertools.pairwise(times))


def test_a_kept_page_reads_back_the_same_article_without_the_network(
    web_server: WebServer, tmp_path: Path
) -> None:
    web_server.routes["/undated"] = page("undated.html")
    web_server.routes["/rss"] = feed_reply(rss(item("Phone call", web_server.url("/undated"))))
    with Fetcher(QUICK) as fetcher:
        fetched = list(WebReader(fetcher, keep_html=tmp_path / "kept").read([], [web_server.url("/rss")]))
    assert len(fetched) == 1 and isinstance(fetched[0], Article)
    kept = list(read_paths([str(tmp_path / "kept")]))
    assert len(kept) == 1 and isinstance(kept[0], Article)
    assert kept[0].id == fetched[0].id
    assert kept[0].url == web_server.url("/undated")
    assert (kept[0].date, kept[0].date_source) == ("2024-03-12", "feed")
    assert kept[0].path == fetched[0].path and kept[0].path.endswith(".html")


def test_a_50_mb_page_stops_at_the_default_10_mb_limit(web_server: WebServer) -> None:
    body = b"<p>" + b"x" * (50 * 1024 * 1024) + b"</p>"
    web_server.routes["/declared"] = Reply(body)
    web_server.routes["/streamed"] = Reply(body, chunked=True)
    with Fetcher(Limits(host_delay=0.0)) as fetcher:
        reader = WebReader(fetcher)
        declared = reader.page(web_server.url("/declared"))
        streamed = reader.page(web_server.url("/streamed"))
    assert declared == ReadError(web_server.url("/declared"), "larger than the 10 MB limit (50 MB)")
    assert streamed == ReadError(web_server.url("/streamed"), "larger than the 10 MB limit")


def test_a_feed_with_last_modified_is_asked_if_modified_since(
    web_server: WebServer, reader: WebReader
) -> None:
    stamp = "Tue, 12 Mar 2024 08:00:00 GMT"

    def feed(headers: Message) -> Reply:
        if headers.get("If-Modified-Since") == stamp:
            return Reply(status=304)
        return Reply(rss(), content_type="application/atom+xml", headers={"Last-Modified": stamp})

    web_server.routes["/rss"] = feed
    for _ in range(2):
        assert list(reader.read([], [web_server.url("/rss")])) == []
    assert [r.status for r in web_server.requests_to("/rss")] == [200, 304]
    assert (reader.counts.read, reader.counts.unchanged) == (1, 1)


def test_an_atom_feed_with_relative_links_is_read_against_its_own_url(
    web_server: WebServer, reader: WebReader
) -> None:
    web_server.routes["/news/undated"] = page("undated.html")
    web_server.routes["/news/atom.xml"] = Reply(
        b'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title>'
        b'<entry><title>Phone call</title><link href="undated"/><updated>2024-02-29T23:00:00Z</updated>'
        b"</entry></feed>",
        content_type="application/atom+xml",
    )
    [article] = list(reader.read([], [web_server.url("/news/atom.xml")]))
    assert isinstance(article, Article)
    assert article.url == web_server.url("/news/undated")
    assert (article.date, article.date_source) == ("2024-02-29", "feed")


def test_feed_values_are_urls_or_files_listing_urls(tmp_path: Path) -> None:
    listing = tmp_path / "feeds.txt"
    listing.write_text("# ministries\nhttps://a.example/rss\n\n  https://b.example/atom.xml  \n", "utf-8")
    urls, problems = feed_urls(["https://c.example/feed", str(listing), str(tmp_path / "typo.txt")])
    assert urls == ["https://c.example/feed", "https://a.example/rss", "https://b.example/atom.xml"]
    assert problems == [f"{tmp_path / 'typo.txt'}: neither a feed URL (http/https) nor a file of feed URLs"]
