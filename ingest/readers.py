"""Reading the user's paths into Articles, with one clear error per bad input.

Formats: .txt and .md (optionally with a `---` front matter of title/date/source/url),
.html/.htm (reduced to the article text), .json (one article object or a list of them,
such as a gold file), .jsonl (one article object per line), and `-` for stdin.
A bad input yields a ReadError naming the file (and line) and the batch goes on.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from diplograph.ingest.article import Article
from diplograph.ingest.webpage import page_article

SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".json", ".jsonl"})
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
_META_KEYS = ("title", "date", "source", "url")


@dataclass(frozen=True)
class ReadError:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def _decode(raw: bytes, where: str) -> str | ReadError:
    if not raw.strip():
        return ReadError(where, "file is empty")
    if b"\x00" in raw[:8192]:
        return ReadError(where, "binary file (contains NUL bytes), expected text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return ReadError(where, f"not UTF-8 text (byte {exc.start})")


def _iso_date(value: Any) -> str | None:
    match = re.match(r"\d{4}-\d{2}-\d{2}", str(value or ""))
    return match.group(0) if match else None


def _text_article(text: str, path: str) -> Article | ReadError:
    meta: dict[str, str] = {}
    match = _FRONT_MATTER.match(text)
    if match:
        for line in match.group(1).splitlines():
            key, _, value = line.partition(":")
            if key.strip().lower() in _META_KEYS:
                meta[key.strip().lower()] = value.strip().strip('"')
        text = text[match.end() :]
    if not text.strip():
        return ReadError(path, "no article text")
    first_line = next(line for line in text.splitlines() if line.strip())
    return Article(
        text=text,
        title=meta.get("title") or first_line.lstrip("# ").strip(),
        date=_iso_date(meta.get("date")),
        source=meta.get("source") or None,
        url=meta.get("url") or None,
        path=path,
    )


def _html_article(html: str, path: str) -> Article | ReadError:
    return page_article(html, path) or ReadError(path, "no article text found in the HTML")


def _object_article(obj: Any, where: str, path: str) -> Article | ReadError:
    if not isinstance(obj, dict):
        return ReadError(where, "expected a JSON object with a 'text' field")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return ReadError(where, "JSON object has no non-empty 'text' field")
    meta = {k: obj.get(k) if isinstance(obj.get(k), str) else None for k in _META_KEYS}
    return Article(
        text=text,
        title=meta["title"],
        date=_iso_date(meta["date"]),
        source=meta["source"],
        url=meta["url"],
        path=path,
    )


def _json_articles(text: str, path: str) -> Iterator[Article | ReadError]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield ReadError(path, f"invalid JSON at line {exc.lineno}: {exc.msg}")
        return
    items = data if isinstance(data, list) else [data]
    for index, item in enumerate(items):
        where = f"{path}[{index}]" if isinstance(data, list) else path
        yield _object_article(item, where, path)


def _jsonl_articles(text: str, path: str) -> Iterator[Article | ReadError]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadError(where, f"invalid JSON line: {exc.msg}")
            continue
        yield _object_article(obj, where, path)


def read_text(text: str, path: str, suffix: str) -> Iterator[Article | ReadError]:
    """Articles in one file's decoded text, by the file's suffix."""
    if suffix in (".html", ".htm"):
        yield _html_article(text, path)
    elif suffix == ".json":
        yield from _json_articles(text, path)
    elif suffix == ".jsonl":
        yield from _jsonl_articles(text, path)
    else:
        yield _text_article(text, path)


def _read_file(path: Path) -> Iterator[Article | ReadError]:
    shown = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield ReadError(shown, f"cannot read: {exc.strerror or exc}")
        return
    text = _decode(raw, shown)
    if isinstance(text, ReadError):
        yield text
        return
    yield from read_text(text, shown, path.suffix.lower())


def _read_stdin() -> Iterator[Article | ReadError]:
    text = _decode(sys.stdin.buffer.read(), "<stdin>")
    if isinstance(text, ReadError):
        yield text
        return
    stripped = text.lstrip()
    if stripped.startswith("<"):
        suffix = ".html"
    elif stripped.startswith("{") and "\n{" in stripped:
        suffix = ".jsonl"
    elif stripped.startswith(("{", "[")):
        suffix = ".json"
    else:
        suffix = ".txt"
    yield from read_text(text, "<stdin>", suffix)


def read_paths(paths: Iterable[str]) -> Iterator[Article | ReadError]:
    """Every article under the given files and folders, in order, and every error."""
    for name in paths:
        if name == "-":
            yield from _read_stdin()
            continue
        path = Path(name)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            if not files:
                yield ReadError(name, f"no article files ({', '.join(sorted(SUFFIXES))}) in folder")
            for file in files:
                yield from _read_file(file)
        elif not path.exists():
            yield ReadError(name, "no such file or folder")
        elif path.suffix.lower() not in SUFFIXES:
            yield ReadError(
                name,
                f"unsupported file type {path.suffix or '(none)'!r}; "
                f"expected one of {', '.join(sorted(SUFFIXES))}",
            )
        else:
            yield from _read_file(path)
