"""Web pages and feed items as Articles, in the stream `ingest` and `extract` consume.

A bad source (unreachable host, HTTP error, wrong content type, over-size page,
malformed feed, item without link) becomes one ReadError line and the stream goes on.
A `WebReader` lives as long as a command: `watch` keeps it across polling rounds, so the
feeds' ETag/Last-Modified answers and the links already read are remembered, and an
unchanged feed costs one conditional request answered by 304.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from .article import Article
from .feeds import parse_feed
from .fetch import FEED_TYPES, HTML_TYPES, Fetcher, FetchError
from .readers import ReadError, read_paths
from .webpage import keep_html, page_article


def is_url(name: str) -> bool:
    """Whether a command-line source names a URL rather than a file (any scheme counts, so
    that `file://` or `ftp://` is refused clearly instead of being looked up as a path)."""
    return "://" in name


@dataclass
class FeedCounts:
    read: int = 0
    unchanged: int = 0  # answered 304 Not Modified
    failed: int = 0
    items: int = 0  # items with a usable link
    new_links: int = 0  # of those, links not read before


@dataclass
class WebReader:
    fetcher: Fetcher
    keep_html: Path | None = None
    # Links of feed items already stored, asked of the store per feed (by URL).
    known_links: Callable[[list[str]], set[str]] = lambda _links: set()
    stop: threading.Event = field(default_factory=threading.Event)
    counts: FeedCounts = field(default_factory=FeedCounts)
    _validators: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    _read_links: set[str] = field(default_factory=set)

    def page(self, url: str, feed_date: str | None = None) -> Article | ReadError:
        """The article at `url` (one fetch)."""
        try:
            fetched = self.fetcher.get(url, HTML_TYPES)
        except FetchError as exc:
            return ReadError(exc.url, exc.message)
        shown = url
        if self.keep_html is not None:
            host = urlsplit(url).hostname or "page"
            name = f"{host}-{hashlib.sha256(url.encode()).hexdigest()[:12]}.html"
            shown = str(keep_html(self.keep_html, name, fetched.body, url, feed_date))
        article = page_article(fetched.body, shown, url=url, feed_date=feed_date)
        return article or ReadError(url, "no article text found in the page")

    def feed(self, url: str) -> Iterator[Article | ReadError]:
        """The new items of one feed, each fetched as a page; a conditional request when
        this reader has polled the feed before."""
        etag, modified = self._validators.get(url, (None, None))
        try:
            fetched = self.fetcher.get(url, FEED_TYPES, etag=etag, last_modified=modified)
        except FetchError as exc:
            self.counts.failed += 1
            yield ReadError(exc.url, exc.message)
            return
        if fetched.not_modified:
            self.counts.unchanged += 1
            return
        feed = parse_feed(fetched.body, url, fetched.content_type or "application/xml")
        if feed.malformed:
            self.counts.failed += 1
        else:
            self.counts.read += 1
            # Validators only once the feed is understood: a broken answer is asked for again.
            self._validators[url] = (fetched.etag, fetched.last_modified)
        for problem in feed.problems:
            yield ReadError(url, problem)
        self.counts.items += len(feed.items)
        fresh = {item.link for item in feed.items} - self._read_links
        fresh -= self.known_links(sorted(fresh)) if fresh else set()
        for item in feed.items:
            if item.link not in fresh or self.stop.is_set():
                continue
            fresh.discard(item.link)  # a link listed twice is read once
            self.counts.new_links += 1
            article = self.page(item.link, feed_date=item.date)
            if isinstance(article, Article):
                self._read_links.add(item.link)
            yield article

    def read(self, sources: Iterable[str], feeds: Iterable[str] = ()) -> Iterator[Article | ReadError]:
        """Files and folders through `read_paths`, URLs fetched, then the feeds' new items;
        stops early (between articles) once `stop` is set."""
        for name in sources:
            if self.stop.is_set():
                return
            if is_url(name):
                yield self.page(name)
            else:
                yield from read_paths([name])
        for url in feeds:
            if self.stop.is_set():
                return
            yield from self.feed(url)
