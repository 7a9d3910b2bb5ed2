"""Hypothesis fuzzing of the readers and the extraction (issue 13): whatever the text, JSON,
HTML, bytes or file name, the result is articles and one-line errors, never an exception."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from diplograph.cli.options import say_error
from diplograph.ingest.article import Article
from diplograph.ingest.extract import extract_article
from diplograph.ingest.readers import ReadError, read_paths, read_text

FUZZ = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SUFFIXES = [".txt", ".md", ".html", ".json", ".jsonl"]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["text", "title", "date", "url", "x"]) | st.text(max_size=5), inner, max_size=4
        )
    ),
    max_leaves=20,
)
html_pieces = st.sampled_from(
    [
        "<html>",
        "<head>",
        "<title>",
        "</title>",
        "<meta charset='koi8-r'>",
        "<meta charset=nonsense>",
        "<script>",
        "</script>",
        "<style>",
        "<article>",
        "<p>",
        "</p>",
        "<br>",
        "<!--",
        "-->",
        "&amp;",
        "&#0;",
        "&#xD800;",
        "<![CDATA[",
        "]]>",
        "<",
        ">",
        "'",
        '"',
        "Talks in Minsk.",
        "\u202e",
        "\x00",
    ]
)
names = st.text(
    alphabet=st.characters(blacklist_characters="/\x00", blacklist_categories=["Cs"]), min_size=1, max_size=40
).filter(lambda name: name not in {".", ".."})


def _checked(items: list[Article | ReadError]) -> None:
    for item in items:
        assert isinstance(item, Article | ReadError)
        if isinstance(item, ReadError):
            assert "\n" not in item.message
            say_error(str(item))  # printed literally, whatever the name holds


@FUZZ
@given(text=st.text(), suffix=st.sampled_from(SUFFIXES))
def test_any_text_in_any_format(text: str, suffix: str) -> None:
    _checked(list(read_text(text, "fuzz" + suffix, suffix)))


@FUZZ
@given(value=json_values, lines=st.booleans())
def test_any_json(value: object, lines: bool) -> None:
    text = json.dumps(value)
    _checked(list(read_text(text + "\n" + text if lines else text, "f.json", ".jsonl" if lines else ".json")))


@FUZZ
@given(pieces=st.lists(html_pieces | st.text(max_size=20), max_size=30))
def test_any_html(pieces: list[str]) -> None:
    _checked(list(read_text("".join(pieces), "page.html", ".html")))


@FUZZ
@given(raw=st.binary(max_size=2000), name=names, suffix=st.sampled_from(SUFFIXES))
def test_any_bytes_under_any_file_name(raw: bytes, name: str, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / (name[:40] + suffix)
        path.write_bytes(raw)
        _checked(list(read_paths([str(path)])))
        _checked(list(read_paths([folder])))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(min_size=1, max_size=400)
    | st.lists(
        st.sampled_from(
            [
                "President",
                "Putin",
                "met",
                "Lukashenko",
                "in",
                "Minsk",
                ".",
                "the",
                "will",
                "visit",
                "China",
                "Xi",
                "Jinping",
                "'s",
                "and",
                "proposed",
                "cooperation",
                "with",
                "Kazakhstan",
                "on",
                "Monday",
                ",",
                "he",
                "said",
                "\n\n",
                "“",
                "”",
                "(",
                ")",
                "-",
                "Governor",
                "of",
                "the",
                "Primorsky",
                "Krai",
            ]
        ),
        max_size=60,
    ).map(" ".join)
)
def test_extraction_never_fails_on_any_text(text: str) -> None:
    record = extract_article(Article(text=text, title="fuzz", path="fuzz.txt"))
    assert "error" not in record, record["error"]
    assert {"entities", "relations"} <= set(record)
