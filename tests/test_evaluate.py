"""The scorer: matching rules of ANNOTATION.md on hand-made records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from diplograph.ingest.evaluate import Report, evaluate, score_record

DEV = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"

GOLD = {
    "entities": [
        {"id": "a", "name": "Ana Ríos", "type": "Leader", "aliases": ["Ríos"]},
        {"id": "b", "name": "Bo Lind", "type": "Leader", "aliases": []},
        {"id": "x", "name": "Chile", "type": "Country", "aliases": ["Chilean"]},
    ],
    "relations": [
        {"type": "MET_WITH", "source": "a", "target": "b"},
        {"type": "PROPOSED_COOPERATION", "source": "a", "target": "x", "optional": True},
        {"type": "PLANS_VISIT", "source": "b", "target": "x"},
    ],
}


def _record(relations: list[dict]) -> dict:
    return {
        "entities": [
            {"id": "rios", "name": "Rios", "type": "Leader", "aliases": []},
            {"id": "lind", "name": "Bo Lind", "type": "Leader", "aliases": []},
            {"id": "chile", "name": "Chile", "type": "Country", "aliases": []},
            {"id": "peru", "name": "Peru", "type": "Country", "aliases": []},
        ],
        "relations": relations,
    }


def test_symmetric_match_either_direction_and_accent_folding() -> None:
    report = Report()
    score_record(_record([{"type": "MET_WITH", "source": "lind", "target": "rios"}]), GOLD, report, "t")
    assert report.relations["MET_WITH"].tp == 1
    assert report.relations["PLANS_VISIT"].fn == 1


def test_optional_gold_counts_in_neither_precision_nor_recall() -> None:
    report = Report()
    score_record(
        _record([{"type": "PROPOSED_COOPERATION", "source": "rios", "target": "chile"}]), GOLD, report, "t"
    )
    score = report.relations["PROPOSED_COOPERATION"]
    assert (score.tp, score.fp, score.fn) == (0, 0, 0)


def test_wrong_direction_of_asymmetric_type_is_a_false_positive() -> None:
    report = Report()
    score_record(_record([{"type": "PLANS_VISIT", "source": "chile", "target": "lind"}]), GOLD, report, "t")
    assert report.relations["PLANS_VISIT"].fp == 1
    misses = [m for m in report.false_positives if m.kind == "PLANS_VISIT"]
    assert misses[0].source == "Chile"


def test_entities_scored_and_rows() -> None:
    report = Report()
    score_record(_record([]), GOLD, report, "t")
    assert report.entities["Leader"].tp == 2
    assert report.entities["Country"].fp == 1  # Peru
    rows = {r["name"]: r for r in report.rows()}
    assert rows["entity:Country"]["precision"] == 0.5
    assert "HEADLINE" in rows


def test_evaluate_on_a_gold_dir(tmp_path: Path) -> None:
    gold = {
        "text": "Latvian President Edgars Rinkevics met with Estonian President Alar Karis in Riga.",
        "date": None,
        "title": None,
        "source": None,
        "url": None,
        "entities": [
            {"id": "r", "name": "Edgars Rinkevics", "type": "Leader", "aliases": []},
            {"id": "k", "name": "Alar Karis", "type": "Leader", "aliases": []},
        ],
        "relations": [{"type": "MET_WITH", "source": "r", "target": "k"}],
    }
    (tmp_path / "001.json").write_text(json.dumps(gold), "utf-8")
    report = evaluate(tmp_path)
    assert report.relations["MET_WITH"].tp == 1
    assert report.articles == 1


@pytest.mark.corpus
@pytest.mark.skipif(not DEV.exists(), reason="shared dev corpus absent")
def test_dev_headline_precision_floor() -> None:
    report = evaluate(DEV)
    assert report.headline.precision >= 0.75
    assert report.entities_total.f1 >= 0.9
