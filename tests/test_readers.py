"""Reading files into articles, and one clear error per bad input."""

from __future__ import annotations

import json
from pathlib import Path

from diplograph.ingest.article import content_hash
from diplograph.ingest.readers import Article, ReadError, read_paths

STORY = "Foreign Minister Ana Petrova met with her Moldovan counterpart in Chisinau on Monday."


def _read(*paths: Path | str) -> list[Article | ReadError]:
    return list(read_paths([str(p) for p in paths]))


def test_markdown_front_matter_gives_metadata(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        f"---\ntitle: Talks in Chisinau\ndate: 2024-05-06T10:00\nsource: Wire\n"
        f"url: https://example.org/a\n---\n{STORY}\n",
        encoding="utf-8",
    )
    [article] = _read(path)
    assert isinstance(article, Article)
    assert (article.title, article.date, article.source, article.url) == (
        "Talks in Chisinau",
        "2024-05-06",
        "Wire",
        "https://example.org/a",
    )
    assert article.text.strip() == STORY


def test_html_is_reduced_to_the_article(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>T</title><meta property='article:published_time' content='2023-02-01'>"
        "<script>var junk = 'SCRIPT TEXT';</script></head><body><nav>Home | Sport</nav>"
        f"<article><h1>Headline</h1><p>{STORY}</p><p>Second &amp; last paragraph.</p></article>"
        "<footer>Copyright FOOTER</footer></body></html>",
        encoding="utf-8",
    )
    [article] = _read(path)
    assert isinstance(article, Article)
    assert article.title == "Headline"
    assert article.date == "2023-02-01"
    assert STORY in article.text and "Second & last paragraph." in article.text
    for furniture in ("SCRIPT TEXT", "Home | Sport", "FOOTER"):
        assert furniture not in article.text


def test_json_list_and_jsonl_with_a_bad_line(tmp_path: Path) -> None:
    listing = tmp_path / "many.json"
    listing.write_text(json.dumps([{"text": STORY, "date": "2020-01-02"}, {"title": "no text"}]))
    lines = tmp_path / "wire.jsonl"
    lines.write_text(
        json.dumps({"text": STORY + " Again."})
        + "\n{not json\n\n"
        + json.dumps({"text": "Third story."})
        + "\n"
    )
    items = _read(listing, lines)
    errors = [str(i) for i in items if isinstance(i, ReadError)]
    articles = [i for i in items if isinstance(i, Article)]
    assert [a.text for a in articles] == [STORY, STORY + " Again.", "Third story."]
    assert articles[0].date == "2020-01-02"
    assert errors == [
        f"{listing}[1]: JSON object has no non-empty 'text' field",
        f"{lines}:2: invalid JSON line: Expecting property name enclosed in double quotes",
    ]


def test_bad_inputs_each_give_one_error_naming_the_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x00\x00binary")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Caf\xe9".encode("latin-1"))
    broken = tmp_path / "broken.json"
    broken.write_text("{")
    good = tmp_path / "good.txt"
    good.write_text(STORY)
    (tmp_path / "x.pdf").write_bytes(b"%PDF-1.4")
    items = _read(tmp_path / "missing.txt", empty, binary, latin, broken, good, tmp_path / "x.pdf")
    errors = {Path(i.path).name: i.message for i in items if isinstance(i, ReadError)}
    assert errors == {
        "missing.txt": "no such file or folder",
        "empty.txt": "file is empty",
        "photo.txt": "binary file (contains NUL bytes), expected text",
        "latin.txt": "not UTF-8 text (byte 3)",
        "broken.json": "invalid JSON at line 1: Expecting property name enclosed in double quotes",
        "x.pdf": "unsupported file type '.pdf'; expected one of .htm, .html, .json, .jsonl, .md, .txt",
    }
    assert [i.text for i in items if isinstance(i, Article)] == [STORY]


def test_folder_is_read_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Second.")
    (tmp_path / "1.txt").write_text("First.")
    (tmp_path / "notes.csv").write_text("ignored")
    assert [a.text for a in _read(tmp_path)] == ["First.", "Second."]


def test_same_text_in_two_formats_has_one_id(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY + "\n")
    (tmp_path / "a.jsonl").write_text(json.dumps({"text": STORY}) + "\n")
    first, second = _read(tmp_path / "a.txt", tmp_path / "a.jsonl")
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.id == second.id == content_hash(STORY)
