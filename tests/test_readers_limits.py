"""Odd and oversized inputs: one clear ReadError each, decoded when the bytes say how (issue 13)."""

from __future__ import annotations

import codecs
import os
import threading
from pathlib import Path

import pytest

from diplograph.ingest.language import not_english
from diplograph.ingest.readers import MAX_ARTICLE_CHARS, MAX_FILE_BYTES, Article, ReadError, read_paths

# Written for these tests (invented events).
STORY = (
    "President Ana Petrova of Moldova met with the Romanian prime minister in Chisinau on Monday. "
    "The two leaders discussed trade and energy, and agreed that their ministers would meet again "
    "in the spring to prepare a visit by the prime minister to the northern regions of the country."
)
RUSSIAN = (
    "Президент Молдавии Анна Петрова встретилась в понедельник в Кишинёве с премьер-министром "
    "Румынии. Стороны обсудили торговлю и энергетику и договорились о новой встрече весной."
)
CHINESE = (
    "摩尔多瓦总统安娜·彼得罗娃周一在基希讷乌会见了罗马尼亚总理。"
    "双方讨论了贸易和能源问题，并同意春季再次会晤。"
)
FRENCH = (
    "La présidente de la Moldavie, Ana Petrova, a rencontré lundi à Chisinau le Premier ministre "
    "roumain. Les deux dirigeants ont évoqué le commerce et l'énergie et sont convenus de se revoir "
    "au printemps pour préparer une visite du Premier ministre dans les régions du nord du pays."
)


def _read(*paths: Path | str) -> list[Article | ReadError]:
    return list(read_paths([str(p) for p in paths]))


def _one_error(path: Path | str) -> str:
    [item] = _read(path)
    assert isinstance(item, ReadError), item
    assert "\n" not in str(item)
    return str(item)


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-16-le", b""),
        ("utf-16-be", b""),
        ("utf-32-le", codecs.BOM_UTF32_LE),
        ("utf-8", codecs.BOM_UTF8),
    ],
)
def test_utf16_and_utf32_with_or_without_bom_are_decoded(tmp_path: Path, encoding: str, bom: bytes) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(bom + f"Talks in Chișinău\n\n{STORY}\n".encode(encoding))
    [article] = _read(path)
    assert isinstance(article, Article), article
    assert article.title == "Talks in Chișinău"
    assert STORY in article.text


@pytest.mark.parametrize(
    "meta",
    ['<meta charset="windows-1251">', '<meta http-equiv="Content-Type" content="text/html; charset=cp1251">'],
)
def test_html_declared_charset_is_used(tmp_path: Path, meta: str) -> None:
    path = tmp_path / "page.html"
    html = (
        f"<html><head>{meta}<title>Визит</title></head><body><article><p>{STORY}</p>"
        "<p>Quoted: «Добро пожаловать».</p></article></body></html>"
    )
    path.write_bytes(html.encode("windows-1251"))
    [article] = _read(path)
    assert isinstance(article, Article), article
    assert "«Добро пожаловать»" in article.text


def test_text_that_is_not_utf8_is_still_one_line(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(STORY.encode() + "«Добро»".encode("windows-1251"))
    assert "not UTF-8 text" in _one_error(path)


def test_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result: list[str] = []
    reader = threading.Thread(target=lambda: result.append(_one_error(fifo)), daemon=True)
    reader.start()
    reader.join(timeout=10)
    if reader.is_alive():  # release the reader blocked on the FIFO, then fail
        with open(fifo, "w"):
            pass
        pytest.fail("reading a FIFO blocked")
    assert result == [f"{fifo}: not a regular file (a FIFO), expected an article file"]


def test_a_symlink_loop_is_named_as_such(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    assert _one_error(loop) == f"{loop}: symbolic link loop (the link leads back to itself)"
    assert _one_error(tmp_path / "absent.txt").endswith("no such file or folder")


def test_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:  # sparse: 50 MB on paper, nothing on disk
        handle.truncate(50 * 10**6)
    message = _one_error(path)
    assert f"over the {MAX_FILE_BYTES // 2**20} MiB limit per file" in message


@pytest.mark.parametrize("suffix", [".txt", ".jsonl"])
def test_a_single_line_over_the_article_limit_is_one_error_and_the_rest_goes_on(
    tmp_path: Path, suffix: str
) -> None:
    line = ("Talks went on. " * (5 * 10**6 // 15 + 1))[: 5 * 10**6]
    (tmp_path / f"b-long{suffix}").write_text(line if suffix == ".txt" else f'{{"text": "{line}"}}\n')
    (tmp_path / "a-first.txt").write_text(STORY)
    (tmp_path / "c-last.txt").write_text(STORY + " Later.")
    items = _read(tmp_path)
    assert [type(item).__name__ for item in items] == ["Article", "ReadError", "Article"]
    assert f"over the {MAX_ARTICLE_CHARS:,} limit per article" in str(items[1])


@pytest.mark.parametrize(("suffix", "where"), [(".json", "deep.json"), (".jsonl", "deep.jsonl:1")])
def test_deeply_nested_json_is_one_error(tmp_path: Path, suffix: str, where: str) -> None:
    path = tmp_path / f"deep{suffix}"
    path.write_text("[" * 100_000 + "]" * 100_000 + "\n")
    assert _one_error(path) == f"{tmp_path / where}: invalid JSON: nested too deeply"


@pytest.mark.parametrize(
    ("text", "reason"), [(RUSSIAN, "mostly Cyrillic script"), (CHINESE, "mostly CJK script")]
)
def test_russian_and_chinese_articles_are_skipped_as_not_english(
    tmp_path: Path, text: str, reason: str
) -> None:
    path = tmp_path / "a.txt"
    path.write_text(text)
    assert _one_error(path) == (
        f"{path}: not English ({reason}); only English articles are supported, skipped"
    )


def test_language_check() -> None:
    assert not_english(STORY) is None
    assert not_english("Putin met Lukashenko.") is None  # too short to judge
    assert "common English words" in (not_english(FRENCH) or "")


def test_english_examples_and_fixtures_pass_the_language_check() -> None:
    root = Path(__file__).resolve().parents[1]
    for item in read_paths([str(root / "examples"), str(root / "tests" / "fixtures" / "gold")]):
        assert isinstance(item, Article), item


def test_closed_stdin_is_one_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", None)
    assert [str(item) for item in read_paths(["-"])] == ["<stdin>: standard input is closed"]
