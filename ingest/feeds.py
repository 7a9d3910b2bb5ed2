"""RSS and Atom feeds read by feedparser: the items' links and dates, and every problem.

An item is only followed when its link is http or https (no `file://` or other scheme a
feed might carry); an item without a link is reported, not guessed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import feedparser

from .fetch import check_url


@dataclass(frozen=True)
class FeedItem:
    link: str
    title: str | None
    date: str | None  # ISO date of the item (published, else updated)


@dataclass
class Feed:
    items: list[FeedItem]
    problems: list[str]  # one line each, naming the item when there is one
    malformed: bool = False  # not a feed at all: nothing could be read


def _iso(struct: time.struct_time | None) -> str | None:
    return time.strftime("%Y-%m-%d", struct) if struct else None


def parse_feed(body: bytes, url: str, content_type: str = "application/xml") -> Feed:
    """The items of a fetched feed; a body that is no feed at all gives no items and one problem."""
    # Bytes, never a string: feedparser would fetch or open a string that looks like a URL or path.
    parsed = feedparser.parse(body, response_headers={"content-location": url, "content-type": content_type})
    problems: list[str] = []
    if not parsed.version or (parsed.bozo and not parsed.entries):
        reason = parsed.get("bozo_exception")
        detail = f" ({reason})" if reason else ""
        return Feed([], [f"malformed feed, not RSS or Atom{detail}"], malformed=True)
    # Encoding and content-type quibbles are not damage; an XML error is (items may be lost).
    if parsed.bozo and not isinstance(parsed.bozo_exception, feedparser.ThingsNobodyCaresAboutButMe):
        problems.append(
            f"malformed feed ({parsed.bozo_exception}); read the {len(parsed.entries)} items found anyway"
        )
    items = []
    for number, entry in enumerate(parsed.entries, start=1):
        title = (entry.get("title") or "").strip() or None
        shown = f"item {number}" + (f" {title!r}" if title else "")
        link = (entry.get("link") or "").strip()
        if not link:
            problems.append(f"{shown} has no link")
            continue
        problem = check_url(link)
        if problem:
            problems.append(f"{shown}: {problem}")
            continue
        date = _iso(entry.get("published_parsed") or entry.get("updated_parsed"))
        items.append(FeedItem(link=link, title=title, date=date))
    return Feed(items, problems)


def feed_urls(values: list[str]) -> tuple[list[str], list[str]]:
    """The feed URLs given: each value is a URL, or a file listing one URL a line
    (blank lines and `#` comments skipped). Returns (urls, problems)."""
    urls: list[str] = []
    problems: list[str] = []
    for value in values:
        if "://" in value:
            urls.append(value)
            continue
        if not Path(value).is_file():
            problems.append(f"{value}: neither a feed URL (http/https) nor a file of feed URLs")
            continue
        try:
            lines = Path(value).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"{value}: cannot read the list of feeds: {exc}")
            continue
        urls.extend(line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#"))
    return urls, problems
