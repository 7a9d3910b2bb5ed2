"""Regression tests for entities: titles, demonyms, places, agencies, coreference."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from diplograph.ingest.article import Article
from diplograph.ingest.extract import extract_article, extract_articles
from diplograph.ingest.gazetteer import fold, gazetteer
from diplograph.ingest.when import resolve_when

DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"


def _entities(text: str, source: str | None = None) -> dict[str, dict]:
    record = extract_article(Article(text=text, source=source))
    return {e["name"]: e for e in record["entities"]}


def test_gazetteer_short_names_demonyms_and_subdivisions() -> None:
    gaz = gazetteer()
    assert gaz.country("the US").country == "US"
    assert gaz.country("South Korea").country == "KR"
    assert gaz.country("Russia").country == "RU"
    assert gaz.demonym("Belarusian").country == "BY"
    assert gaz.region("Primorye").iso3166_2 == "RU-PRI"
    assert gaz.region("Central Asia").country is None
    assert fold("Káčer's") == "kacers"


def test_title_premodifier_gives_title_and_country() -> None:
    ents = _entities("Mongolian Foreign Minister Battsetseg Batmunkh arrived in Seoul.")
    leader = ents["Battsetseg Batmunkh"]
    assert leader["type"] == "Leader"
    assert leader["country"] == "MN"
    assert "Minister" in leader["title"]
    assert ents["Mongolia"]["type"] == "Country"
    assert "Mongolian" in ents["Mongolia"]["aliases"]
    assert ents["Seoul"]["type"] == "Region"


def test_title_of_a_region_with_possessive_country() -> None:
    ents = _entities("Governor of Russia's Tver Region Igor Rudenya met the delegation.")
    assert ents["Igor Rudenya"]["title"].startswith("Governor")
    assert ents["Igor Rudenya"]["country"] == "RU"


def test_news_agency_is_organization_not_leader() -> None:
    ents = _entities(
        "KABUL (Xinhua) - Uzbek President Shavkat Mirziyoyev received the envoy, Xinhua has learned.",
        source="Xinhua",
    )
    assert "Xinhua" not in ents or ents["Xinhua"]["type"] == "Organization"
    assert ents["Shavkat Mirziyoyev"]["type"] == "Leader"


def test_dateline_city_is_a_region() -> None:
    ents = _entities("TASHKENT, May 4. Kyrgyz President Sadyr Japarov arrived for talks.")
    assert any(e["type"] == "Region" and fold(e["name"]) == "tashkent" for e in ents.values())


def test_nominal_head_of_state_joins_the_leader() -> None:
    ents = _entities(
        "Moldovan President Maia Sandu met with the ambassador. The head of state said the talks were useful."
    )
    assert "The head of state" in ents["Maia Sandu"]["aliases"]


def test_surname_alone_is_an_alias_and_no_duplicates() -> None:
    record = extract_article(
        Article(text="Finnish President Alexander Stubb spoke in Helsinki. Stubb also met students.")
    )
    names = [fold(e["name"]) for e in record["entities"]]
    assert len(names) == len(set(names))
    stubb = next(e for e in record["entities"] if e["name"] == "Alexander Stubb")
    assert "Stubb" in stubb["aliases"]


def test_when_resolution() -> None:
    assert resolve_when("in August", "2021-03-17") == "2021-08"
    assert resolve_when("next week", "2018-07-28") == "2018-W31"
    assert resolve_when("on April 5", "2019-03-07") == "2019-04-05"
    assert resolve_when("next month", "2023-05-10") == "2023-06"
    assert resolve_when("this year", None) is None


def test_extract_articles_streams_in_input_order() -> None:
    arts = [
        Article(text=f"Irish Prime Minister Leo Varadkar visited {c}.")
        for c in ("Norway", "Sweden", "Denmark")
    ]
    records = list(extract_articles(arts, batch_size=2))
    assert [r["id"] for r in records] == [a.id for a in arts]
    assert set(records[0]) == {
        "id",
        "title",
        "source",
        "url",
        "date",
        "date_source",
        "path",
        "entities",
        "relations",
    }


@pytest.mark.corpus
@pytest.mark.skipif(not (DEV / "000.json").exists(), reason="shared dev corpus absent")
def test_dev_000_must_pass() -> None:
    gold = json.loads((DEV / "000.json").read_text("utf-8"))
    record = extract_article(Article(text=gold["text"], date=gold.get("date")))
    names = {e["id"]: e["name"] for e in record["entities"]}
    rels = {(r["type"], names[r["source"]], names[r["target"]]) for r in record["relations"]}
    assert any(k == "MET_WITH" and {"Aleksandr Lukashenko", "Dmitry Mezentsev"} == {s, t} for k, s, t in rels)
    assert ("PLANS_VISIT", "Aleksandr Lukashenko", "Primorsky Krai") in rels
    assert not any(e["type"] == "Leader" and e["name"] == "BelTA" for e in record["entities"])


def test_headline_fragment_is_not_a_person() -> None:
    ents = _entities(
        "Orban-Fico Talks As Expected\n\nHungarian Prime Minister Viktor Orban "
        "met Slovak Prime Minister Robert Fico in Budapest."
    )
    assert not any("Talks" in name for name in ents)
    assert ents["Viktor Orban"]["type"] == "Leader"
