"""The article as the pipeline sees it: text plus whatever metadata came with it."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass


def content_hash(text: str) -> str:
    """Stable id of an article: sha256 of its NFC-normalised, stripped text (16 hex chars).

    The same article read from a .txt, an .html page or a JSON line gets one id, so a
    re-ingest is recognised whatever the file format.
    """
    normal = unicodedata.normalize("NFC", text).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Article:
    text: str
    title: str | None = None
    date: str | None = None  # ISO date "YYYY-MM-DD" when known
    date_source: str | None = None  # where the date came from: meta, feed, dateline, text, none
    source: str | None = None
    url: str | None = None
    path: str | None = None

    @property
    def id(self) -> str:
        return content_hash(self.text)

    def metadata(self) -> dict[str, str | None]:
        """The record header: id, title, source, url, date, date_source, path."""
        return {
            "id": self.id,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "date": self.date,
            "date_source": self.date_source,
            "path": self.path,
        }
