"""Reduce a news web page to its article: title, date, and the paragraphs of the story."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Page furniture whose text is never part of the story.
_SKIP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "button",
        "svg",
        "template",
        "iframe",
        "figure",
    }
)
_BLOCKS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "li", "blockquote", "div", "article", "section", "br", "tr", "td", "pre"}
)
_DATE_META = (
    "article:published_time",
    "og:article:published_time",
    "date",
    "dc.date",
    "pubdate",
    "publishdate",
    "datepublished",
)


@dataclass
class Page:
    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None


@dataclass
class _Collector(HTMLParser):
    """Collects text per block, separately for <article> and for the whole body."""

    skip_depth: int = 0
    article_depth: int = 0
    in_title: bool = False
    in_h1: bool = False
    title: str = ""
    h1: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    body: list[str] = field(default_factory=list)
    article: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): v or "" for k, v in attrs}
        if tag == "meta":
            key = values.get("property") or values.get("name") or values.get("itemprop") or ""
            if key and values.get("content"):
                self.meta[key.lower()] = values["content"]
            return
        if tag == "link" and values.get("rel") == "canonical" and values.get("href"):
            self.meta.setdefault("canonical", values["href"])
        if tag in _SKIP:
            self.skip_depth += 1
        elif tag == "article":
            self.article_depth += 1
        self.in_title = self.in_title or tag == "title"
        self.in_h1 = self.in_h1 or tag == "h1"
        if tag in _BLOCKS:
            self._newline()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP and self.skip_depth:
            self.skip_depth -= 1
        elif tag == "article" and self.article_depth:
            self.article_depth -= 1
        if tag == "title":
            self.in_title = False
        if tag == "h1":
            self.in_h1 = False
        if tag in _BLOCKS:
            self._newline()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
            return
        if self.skip_depth:
            return
        if self.in_h1:
            self.h1 += data
        self.body.append(data)
        if self.article_depth:
            self.article.append(data)

    def _newline(self) -> None:
        self.body.append("\n")
        if self.article_depth:
            self.article.append("\n")


def _paragraphs(chunks: list[str]) -> str:
    lines = (re.sub(r"\s+", " ", line).strip() for line in "".join(chunks).split("\n"))
    return "\n\n".join(line for line in lines if line)


def html_to_article(html: str) -> Page:
    """The story text of a page (its <article> when it has one), with title, date and URL."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    text = _paragraphs(collector.article) or _paragraphs(collector.body)
    meta = collector.meta
    title = (meta.get("og:title") or collector.h1 or collector.title).strip() or None
    date = next((meta[k] for k in _DATE_META if meta.get(k)), None)
    match = re.match(r"\d{4}-\d{2}-\d{2}", date or "")
    return Page(
        text=text,
        title=re.sub(r"\s+", " ", title) if title else None,
        date=match.group(0) if match else None,
        url=meta.get("og:url") or meta.get("canonical"),
        source=meta.get("og:site_name"),
    )
