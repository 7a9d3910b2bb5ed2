"""Reading the user's paths into Articles, with one clear error per bad input.

Formats: .txt and .md (optionally with a `---` front matter of title/date/source/url),
.html/.htm (reduced to the article text), .json (one article object or a list of them,
such as a gold file), .jsonl (one article object per line), and `-` for stdin.
A bad input yields a ReadError naming the file (and line) and the batch goes on.

Limits: a file over MAX_FILE_BYTES, an article over MAX_ARTICLE_CHARS (spaCy's
max_length: longer texts are not news articles and would abort the parse), a
non-regular file (FIFO, device, socket), JSON nested deeper than Python's parser goes,
and an article that is not English (language.py) are each one ReadError.

Decoding: a byte-order mark (UTF-8, UTF-16, UTF-32) wins; UTF-16 without a mark is
recognised by its NUL bytes in every other position; an HTML page is decoded by the
charset its <meta> declares; everything else must be UTF-8.
"""

from __future__ import annotations

import codecs
import errno
import json
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from diplograph.ingest.article import Article
from diplograph.ingest.language import not_english
from diplograph.ingest.webpage import page_article

SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".json", ".jsonl"})
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
_META_KEYS = ("title", "date", "source", "url")
MAX_FILE_BYTES = 32 * 2**20
MAX_ARTICLE_CHARS = 1_000_000
# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_FILE_KINDS = {
    stat.S_IFIFO: "a FIFO",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
}


@dataclass(frozen=True)
class ReadError:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def _utf16_without_bom(raw: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when NULs fill (nearly) every other byte, as in mostly-ASCII UTF-16."""
    sample = raw[:8192]
    if len(sample) < 4 or len(raw) % 2:
        return None
    odd, even = sample[1::2].count(0), sample[0::2].count(0)
    half = len(sample) // 2
    if odd > 0.4 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.4 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _declared_charset(raw: bytes) -> str | None:
    """The codec an HTML page's <meta charset> or http-equiv Content-Type names, if Python has it."""
    match = _META_CHARSET.search(raw[:4096])
    if not match:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def _decode(raw: bytes, where: str, *, html: bool = False) -> str | ReadError:
    codec = next((name for bom, name in _BOMS if raw.startswith(bom)), None) or _utf16_without_bom(raw)
    if codec is None and html:
        codec = _declared_charset(raw)
    if codec is not None:
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError as exc:
            return ReadError(where, f"not valid {codec} text (byte {exc.start})")
        return text if text.strip() else ReadError(where, "file is empty")
    if not raw.strip():
        return ReadError(where, "file is empty")
    if b"\x00" in raw[:8192]:
        return ReadError(where, "binary file (contains NUL bytes), expected text")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return ReadError(where, f"not UTF-8 text (byte {exc.start})")


def _checked(item: Article | ReadError, where: str) -> Article | ReadError:
    """The article, or why it is refused: too long for the parser, or not English."""
    if isinstance(item, ReadError):
        return item
    if len(item.text) > MAX_ARTICLE_CHARS:
        return ReadError(
            where,
            f"article text is {len(item.text):,} characters, over the {MAX_ARTICLE_CHARS:,} limit "
            "per article (split it into parts)",
        )
    reason = not_english(item.text)
    if reason:
        return ReadError(where, f"not English ({reason}); only English articles are supported, skipped")
    return item


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
    article = Article(
        text=text,
        title=meta.get("title") or first_line.lstrip("# ").strip(),
        date=_iso_date(meta.get("date")),
        source=meta.get("source") or None,
        url=meta.get("url") or None,
        path=path,
    )
    return _checked(article, path)


def _html_article(html: str, path: str) -> Article | ReadError:
    return page_article(html, path) or ReadError(path, "no article text found in the HTML")


def _object_article(obj: Any, where: str, path: str) -> Article | ReadError:
    if not isinstance(obj, dict):
        return ReadError(where, "expected a JSON object with a 'text' field")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return ReadError(where, "JSON object has no non-empty 'text' field")
    meta = {k: obj.get(k) if isinstance(obj.get(k), str) else None for k in _META_KEYS}
    article = Article(
        text=text,
        title=meta["title"],
        date=_iso_date(meta["date"]),
        source=meta["source"],
        url=meta["url"],
        path=path,
    )
    return _checked(article, where)


_TOO_DEEP = "invalid JSON: nested too deeply"


def _json_articles(text: str, path: str) -> Iterator[Article | ReadError]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield ReadError(path, f"invalid JSON at line {exc.lineno}: {exc.msg}")
        return
    except RecursionError:
        yield ReadError(path, _TOO_DEEP)
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
        except RecursionError:
            yield ReadError(where, _TOO_DEEP)
            continue
        yield _object_article(obj, where, path)


def read_text(text: str, path: str, suffix: str) -> Iterator[Article | ReadError]:
    """Articles in one file's decoded text, by the file's suffix."""
    if suffix in (".html", ".htm"):
        yield _checked(_html_article(text, path), path)
    elif suffix == ".json":
        yield from _json_articles(text, path)
    elif suffix == ".jsonl":
        yield from _jsonl_articles(text, path)
    else:
        yield _text_article(text, path)


def _os_problem(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop (the link leads back to itself)"
    if exc.errno == errno.ENOENT:
        return "no such file or folder"
    return f"cannot read: {exc.strerror or exc}"


def _read_bytes(path: Path, shown: str) -> bytes | ReadError:
    """The file's bytes, if it is a regular file within the size limit.

    Opened non-blocking and checked with fstat before reading, so a FIFO or a device
    is refused instead of waiting forever for a writer.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError as exc:
        return ReadError(shown, _os_problem(exc))
    with os.fdopen(fd, "rb") as handle:
        mode, size = os.fstat(fd).st_mode, os.fstat(fd).st_size
        if not stat.S_ISREG(mode):
            kind = _FILE_KINDS.get(stat.S_IFMT(mode), "a special file")
            return ReadError(shown, f"not a regular file ({kind}), expected an article file")
        if size > MAX_FILE_BYTES:
            return ReadError(
                shown,
                f"file is {size / 2**20:.1f} MiB, over the {MAX_FILE_BYTES // 2**20} MiB limit per file "
                "(split it into several files)",
            )
        try:
            return handle.read()
        except OSError as exc:
            return ReadError(shown, _os_problem(exc))


def _read_file(path: Path) -> Iterator[Article | ReadError]:
    shown = str(path)
    raw = _read_bytes(path, shown)
    if isinstance(raw, ReadError):
        yield raw
        return
    suffix = path.suffix.lower()
    text = _decode(raw, shown, html=suffix in (".html", ".htm"))
    if isinstance(text, ReadError):
        yield text
        return
    yield from read_text(text, shown, suffix)


def _read_stdin() -> Iterator[Article | ReadError]:
    if sys.stdin is None:  # started with stdin closed (`<&-`)
        yield ReadError("<stdin>", "standard input is closed")
        return
    raw = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        yield ReadError("<stdin>", f"input is over the {MAX_FILE_BYTES // 2**20} MiB limit per file")
        return
    text = _decode(raw, "<stdin>", html=raw.lstrip().startswith(b"<"))
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


def _missing(path: Path) -> str | None:
    """Why `path` cannot be found (absent, a symlink loop, ...), or None."""
    try:
        path.stat()
    except OSError as exc:
        return _os_problem(exc)
    return None


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
        elif problem := _missing(path):
            yield ReadError(name, problem)
        elif path.suffix.lower() not in SUFFIXES:
            yield ReadError(
                name,
                f"unsupported file type {path.suffix or '(none)'!r}; "
                f"expected one of {', '.join(sorted(SUFFIXES))}",
            )
        else:
            yield from _read_file(path)
