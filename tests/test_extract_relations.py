"""Regression tests for the relation frames, on sentences written for these tests."""

from __future__ import annotations

from diplograph.ingest.article import Article
from diplograph.ingest.extract import extract_article


def _relations(text: str, date: str | None = None) -> set[tuple[str, str, str]]:
    record = extract_article(Article(text=text, date=date))
    names = {e["id"]: e["name"] for e in record["entities"]}
    return {(r["type"], names[r["source"]], names[r["target"]]) for r in record["relations"]}


def _has(rels: set[tuple[str, str, str]], kind: str, a: str, b: str) -> bool:
    """A relation of `kind` between a and b, in either direction."""
    return any(k == kind and {a, b} == {s, t} for k, s, t in rels)


def test_met_with_from_verb_and_title_premodifiers() -> None:
    rels = _relations(
        "Kazakh President Kassym-Jomart Tokayev met with Armenian Prime Minister "
        "Nikol Pashinyan in Astana on Tuesday."
    )
    assert _has(rels, "MET_WITH", "Kassym-Jomart Tokayev", "Nikol Pashinyan")


def test_phone_call_is_held_call_not_met_with() -> None:
    rels = _relations(
        "French President Emmanuel Macron held a telephone conversation with "
        "German Chancellor Olaf Scholz on Monday."
    )
    assert _has(rels, "HELD_CALL", "Emmanuel Macron", "Olaf Scholz")
    assert not _has(rels, "MET_WITH", "Emmanuel Macron", "Olaf Scholz")


def test_planned_meeting_is_not_met_with() -> None:
    rels = _relations(
        "Italian Prime Minister Giorgia Meloni will meet Spanish Prime Minister Pedro Sanchez next week."
    )
    assert not any(k == "MET_WITH" for k, _, _ in rels)


def test_plans_visit_with_when_resolved_against_article_date() -> None:
    record = extract_article(
        Article(
            text="Egyptian President Abdel Fattah el-Sisi plans to visit Kenya in August.", date="2021-03-17"
        )
    )
    visits = [r for r in record["relations"] if r["type"] == "PLANS_VISIT"]
    assert visits and visits[0]["when"] == "in August"
    assert visits[0]["when_iso"] == "2021-08"
    assert visits[0]["cameo"] == "036"


def test_when_iso_is_null_without_article_date() -> None:
    record = extract_article(
        Article(text="Egyptian President Abdel Fattah el-Sisi plans to visit Kenya in August.")
    )
    visits = [r for r in record["relations"] if r["type"] == "PLANS_VISIT"]
    assert visits and visits[0]["when_iso"] is None


def test_finished_visit_is_visited_not_plans_visit() -> None:
    rels = _relations("Polish President Andrzej Duda visited Lithuania on Friday.")
    assert ("VISITED", "Andrzej Duda", "Lithuania") in rels
    assert not any(k == "PLANS_VISIT" for k, _, _ in rels)


def test_forthcoming_visit_of_a_person_to_a_country() -> None:
    rels = _relations(
        "The ministers discussed the forthcoming visit to Mongolia of Japanese Prime Minister Fumio Kishida."
    )
    assert ("PLANS_VISIT", "Fumio Kishida", "Mongolia") in rels


def test_there_resolves_to_the_place_in_focus() -> None:
    rels = _relations(
        "Georgian Prime Minister Irakli Garibashvili said he plans to visit "
        'Tatarstan. "I will travel there in May," Garibashvili said.'
    )
    assert ("PLANS_VISIT", "Irakli Garibashvili", "Tatarstan") in rels


def test_proposed_cooperation_with_a_named_partner() -> None:
    rels = _relations(
        "Vietnamese Prime Minister Pham Minh Chinh proposed expanding trade cooperation with Brazil."
    )
    assert ("PROPOSED_COOPERATION", "Pham Minh Chinh", "Brazil") in rels


def test_evidence_offsets_point_at_the_sentence() -> None:
    text = (
        "Chilean President Gabriel Boric met with Argentine President Javier Milei. They talked for an hour."
    )
    record = extract_article(Article(text=text))
    for rel in record["relations"]:
        for ev in rel["evidence"]:
            assert text[ev["start"] : ev["end"]] == ev["sentence"]


def test_host_for_a_state_visit_is_the_guests_planned_visit() -> None:
    rels = _relations(
        "French President Emmanuel Macron will host Indonesian President "
        "Prabowo Subianto for a state visit in July."
    )
    assert ("PLANS_VISIT", "Prabowo Subianto", "France") in rels
    assert not any(k == "MET_WITH" for k, _, _ in rels)
