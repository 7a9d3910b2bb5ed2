"""Extraction on the project's own annotated articles (gold in tests/fixtures/gold: examples/ and more).

These articles were written and annotated for this project, independently of the dev
corpus, so they also check that the rules generalise beyond it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from diplograph.ingest.article import Article
from diplograph.ingest.evaluate import evaluate
from diplograph.ingest.extract import extract_article

GOLD = Path(__file__).parent / "fixtures" / "gold"


@pytest.fixture(scope="module")
def report():
    return evaluate(GOLD)


def test_headline_on_own_fixtures(report) -> None:
    assert report.articles == 17
    assert report.headline.precision >= 0.85
    assert report.headline.recall >= 0.80


def test_entities_on_own_fixtures(report) -> None:
    for kind in ("Leader", "Country", "Region"):
        assert report.entities[kind].f1 >= 0.85, kind


def test_article_without_diplomacy_gives_nothing(report) -> None:
    assert not [m for m in report.false_positives if m.article in {"06-sports", "16-statistics"}]


@pytest.mark.parametrize(
    "dateline",
    ["RIGA (Example Wire) – ", "VILNIUS, March 3, 2024 – ", "TALLINN, May 5 (Example Wire) -- ", ""],
)
def test_dateline_does_not_hide_the_opening_meeting(dateline: str) -> None:
    text = (
        f"{dateline}Latvian Prime Minister Evika Silina met with Estonian Prime Minister "
        "Kristen Michal in Riga on Monday, Example Wire has learned."
    )
    record = extract_article(Article(text=text, date="2024-03-04"))
    names = {e["id"]: e["name"] for e in record["entities"]}
    meetings = {
        frozenset((names[r["source"]], names[r["target"]]))
        for r in record["relations"]
        if r["type"] == "MET_WITH"
    }
    assert meetings == {frozenset({"Evika Silina", "Kristen Michal"})}
