"""A news web page reduced to its article by trafilatura: main text, title, site, date.

The same function reads a page just fetched and a page kept on disk (`--keep-html`): a
kept page starts with the browsers' "saved from url" comment and, when the page came
from a feed, the item's date, so that re-reading it needs no network and gives the same
article.
"""

from __future__ import annotations

import re
from pathlib import Path

import trafilatura

from .article import Article

_SAVED_FROM = re.compile(
    r"\A<!-- saved from url=\(\d+\)(?P<url>\S+) -->\n(?:<!-- feed date=(?P<date>[\d-]+) -->\n)?"
)


def keep_html(folder: Path, name: str, body: bytes, url: str, feed_date: str | None) -> Path:
    """Write a fetched page under `folder` with its URL (and feed date) in a header comment.

    The file is written beside and renamed into place, so a killed run never leaves half a page.
    """
    folder.mkdir(parents=True, exist_ok=True)
    header = f"<!-- saved from url=({len(url):04d}){url} -->\n"
    if feed_date:
        header += f"<!-- feed date={feed_date} -->\n"
    path = folder / name
    partial = path.with_suffix(".part")
    partial.write_bytes(header.encode("utf-8") + body)
    partial.replace(path)
    return path


def _paragraphs(text: str) -> str:
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def page_article(
    html: str | bytes, path: str, *, url: str | None = None, feed_date: str | None = None
) -> Article | None:
    """The article of one page (None when it has no article text); `url` and `feed_date`
    come from the fetch or the feed item."""
    head = html[:4096].decode("utf-8", "replace") if isinstance(html, bytes) else html[:4096]
    saved = _SAVED_FROM.match(head)
    if saved:
        url = url or saved.group("url")
        feed_date = feed_date or saved.group("date")
    document = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        # Only the page's own markup (meta tags, <time>, JSON-LD, the URL): a date found by
        # scanning the text is decided by diplograph.ingest.dates and labelled as such.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = _paragraphs(document.text or "") if document is not None else ""
    if not text:
        return None
    date, source = (document.date, "meta") if document.date else (feed_date, "feed" if feed_date else None)
    return Article(
        text=text,
        title=document.title or None,
        date=date,
        date_source=source,
        source=document.sitename or None,
        url=url or document.url or None,
        path=path,
    )
