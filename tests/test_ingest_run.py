"""An ingest run: a failing article costs only itself; nothing stored is lost or duplicated."""

from __future__ import annotations

from pathlib import Path

import pytest

from diplograph.graph.ingest_run import ingest
from diplograph.graph.stats import counts
from diplograph.graph.stores.falkordb_lite import FalkorStore
from diplograph.ingest import extract
from diplograph.ingest.article import Article
from diplograph.ingest.readers import ReadError

GOOD = Article(
    "Latvian President Edgars Rinkevics met with Lithuanian President Gitanas Nauseda in Riga.",
    path="good.txt",
)
OTHER = Article(
    "Estonian Prime Minister Kristen Michal met with Finnish Prime Minister Petteri Orpo.", path="other.txt"
)
TRIGGER = "ZZ-FAULT"


def test_rule_failure_and_read_error_cost_only_their_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_analyse = extract.analyse

    def faulty(doc, article):  # a fault injected into the real pipeline for one article
        if TRIGGER in article.text:
            raise RuntimeError("rule crashed")
        return real_analyse(doc, article)

    monkeypatch.setattr(extract, "analyse", faulty)
    with FalkorStore(tmp_path / "store") as store:
        first = ingest(store, [GOOD])
        before = counts(store)
        bad = Article(f"{TRIGGER} Prime Minister Ana Rusu met with President Ion Dodon.", path="bad.txt")
        summary = ingest(store, [GOOD, bad, ReadError("gone.txt", "no such file or folder"), OTHER])
        after = counts(store)
    assert (first.new, first.failed) == (1, 0)
    assert (summary.new, summary.skipped, summary.failed) == (1, 1, 2)
    assert summary.errors == [
        "gone.txt: no such file or folder",
        "bad.txt: extraction failed: RuntimeError: rule crashed",
    ]
    assert after.nodes["Article"] == before.nodes["Article"] + 1
    assert after.relationships["MET_WITH"] == before.relationships["MET_WITH"] + 1
