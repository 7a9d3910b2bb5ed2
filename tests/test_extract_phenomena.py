"""Regression tests for the phenomena of issue #3, on sentences written for the tests:
coreference, entity types, meeting / cooperation / visit frames."""

from __future__ import annotations

import pytest
from fixtures.extraction import extract as _record
from fixtures.extraction import pairs


def _entity(record: dict, name: str) -> dict:
    return next(e for e in record["entities"] if e["name"] == name)


def _rels(record: dict, kind: str) -> set[tuple[str, str]]:
    """Symmetric types as sorted pairs."""
    if kind in {"MET_WITH", "HELD_CALL"}:
        return {tuple(sorted(pair)) for pair in pairs(record, kind)}
    return pairs(record, kind)


# -- coreference ---------------------------------------------------------------------------
def test_demonym_minister_and_the_president_resolve() -> None:
    rec = _record(
        "Turkish Foreign Minister Hakan Fidan arrived in Baku on Monday. President "
        "Ilham Aliyev received the Turkish minister. The president praised the "
        "growing trade between the two countries."
    )
    assert "the Turkish minister" in _entity(rec, "Hakan Fidan")["aliases"]
    assert ("Hakan Fidan", "Ilham Aliyev") in _rels(rec, "MET_WITH")


def test_bracketed_surname_after_name_and_patronymic() -> None:
    rec = _record(
        "Kazakh President Kassym-Jomart Tokayev spoke to his foreign minister. "
        '"Murat Magauovich [Nurtleu, Kazakh Foreign Minister], we should act," '
        "Tokayev said."
    )
    leader = _entity(rec, "Murat Magauovich")
    assert "Nurtleu" in leader["aliases"]


def test_the_region_is_the_place_in_focus() -> None:
    rec = _record(
        "Belarusian President Aleksandr Lukashenko met with the Governor of Russia's "
        "Tomsk Region Vladimir Mazur. Lukashenko said he intends to visit the region "
        "in September.",
        date="2024-05-10",
    )
    plans = _rels(rec, "PLANS_VISIT")
    assert any(src == "Aleksandr Lukashenko" and tgt.startswith("Tomsk") for src, tgt in plans)


# -- types ---------------------------------------------------------------------------------
def test_side_and_capital_as_actors_are_countries() -> None:
    rec = _record(
        "Armenian Foreign Minister Ararat Mirzoyan met the Iranian ambassador. The "
        "Iranian side is ready to expand trade with Armenia, and Tehran said it "
        "wants more flights."
    )
    iran = _entity(rec, "Iran")
    assert iran["type"] == "Country"
    assert {"Iranian", "Tehran"} <= set(iran["aliases"])


def test_news_agency_source_is_never_a_leader() -> None:
    rec = _record(
        "ASTANA (Kazinform) - Kazakh Prime Minister Olzhas Bektenov met with Uzbek "
        "Prime Minister Abdulla Aripov, Kazinform reports.",
    )
    leaders = {e["name"] for e in rec["entities"] if e["type"] == "Leader"}
    assert "Kazinform" not in leaders


# -- meetings ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence",
    [
        "Egyptian President Abdel Fattah al-Sisi received Jordanian King Abdullah II in Cairo.",
        "Egyptian President Abdel Fattah al-Sisi hosted Jordanian King Abdullah II in Cairo.",
        "Egyptian President Abdel Fattah al-Sisi welcomed Jordanian King Abdullah II in Cairo.",
        "Egyptian President Abdel Fattah al-Sisi held talks with Jordanian King Abdullah II.",
        "Egyptian President Abdel Fattah al-Sisi discussed regional issues with Jordanian King "
        "Abdullah II during their meeting in Cairo.",
        "On the sidelines of the Arab League summit, Egyptian President Abdel Fattah al-Sisi met "
        "Jordanian King Abdullah II.",
    ],
)
def test_meeting_frames(sentence: str) -> None:
    met = _rels(_record(sentence), "MET_WITH")
    assert len(met) == 1 and "Abdel Fattah al-Sisi" in next(iter(met))


def test_announced_meeting_and_call_are_not_meetings() -> None:
    rec = _record(
        "Polish President Andrzej Duda will meet Lithuanian President Gitanas Nauseda "
        "next week. Duda also spoke by phone with Latvian President Edgars Rinkevics."
    )
    assert not _rels(rec, "MET_WITH")
    assert _rels(rec, "HELD_CALL") == {("Andrzej Duda", "Edgars Rinkevics")}


# -- cooperation ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence",
    [
        "Vietnamese Prime Minister Pham Minh Chinh proposed expanding trade with Brazil.",
        "Vietnamese Prime Minister Pham Minh Chinh said Vietnam is ready to deepen its partnership "
        "with Brazil.",
        "Vietnamese Prime Minister Pham Minh Chinh is interested in joint projects with Brazil.",
        "Vietnamese Prime Minister Pham Minh Chinh called for stronger cooperation with Brazil.",
    ],
)
def test_cooperation_frames(sentence: str) -> None:
    coop = _rels(_record(sentence), "PROPOSED_COOPERATION")
    assert ("Pham Minh Chinh", "Brazil") in coop or ("Vietnam", "Brazil") in coop


def test_praise_of_existing_relations_is_no_proposal() -> None:
    rec = _record("Vietnamese Prime Minister Pham Minh Chinh praised the excellent relations with Brazil.")
    assert not _rels(rec, "PROPOSED_COOPERATION")


# -- visits --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence",
    [
        "Chilean President Gabriel Boric plans to visit Peru in August.",
        "Chilean President Gabriel Boric intends to visit Peru in August.",
        "Chilean President Gabriel Boric is expected to visit Peru in August.",
        "Chilean President Gabriel Boric is scheduled to visit Peru in August.",
        "Chilean President Gabriel Boric will pay a state visit to Peru in August.",
    ],
)
def test_planned_visit_frames_with_when(sentence: str) -> None:
    rec = _record(sentence, date="2024-03-17")
    plans = [r for r in rec["relations"] if r["type"] == "PLANS_VISIT"]
    assert len(plans) == 1
    assert plans[0]["when"] == "in August" and plans[0]["when_iso"] == "2024-08"
    assert plans[0]["cameo"] == "036" and plans[0]["plover"] == "CONSULT"
    assert not _rels(rec, "VISITED")


@pytest.mark.parametrize(
    "sentence",
    [
        "Chilean President Gabriel Boric, who is visiting Peru, met Peruvian President Dina Boluarte.",
        "During his visit to Peru, Chilean President Gabriel Boric met Peruvian President Dina Boluarte.",
        "Chilean President Gabriel Boric arrived in Lima, Peru, on a two-day visit.",
        "Chilean President Gabriel Boric, on a visit to Peru, laid a wreath.",
    ],
)
def test_visit_under_way_is_visited(sentence: str) -> None:
    rec = _record(sentence)
    visited = _rels(rec, "VISITED")
    assert ("Gabriel Boric", "Peru") in visited
    assert not _rels(rec, "PLANS_VISIT")


# -- negation ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        (
            "Chinese President Xi Jinping and US President Joe Biden did not meet during the summit.",
            "MET_WITH",
        ),
        (
            "Ukrainian President Volodymyr Zelensky refused to meet Russian President Vladimir Putin.",
            "MET_WITH",
        ),
        (
            "Russian President Vladimir Putin has no plans to visit Kyiv, Kremlin spokesman Dmitry "
            "Peskov said.",
            "PLANS_VISIT",
        ),
        ("US President Joe Biden postponed his visit to Australia.", "VISITED"),
        ("US President Joe Biden postponed his visit to Australia.", "PLANS_VISIT"),
    ],
)
def test_negated_or_refused_actions_give_nothing(sentence: str, kind: str) -> None:
    assert not _rels(_record(sentence), kind)
