"""Extraction in several processes gives exactly the records of one process, in input order."""

from __future__ import annotations

from pathlib import Path

from diplograph.ingest.extract import extract_articles
from diplograph.ingest.readers import Article, read_paths

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_two_workers_give_the_same_records_in_order() -> None:
    articles = [a for a in read_paths([str(EXAMPLES)]) if isinstance(a, Article)]
    articles = articles * 3  # more batches than workers, so order across batches matters
    one = list(extract_articles(articles, n_process=1, batch_size=4))
    two = list(extract_articles(articles, n_process=2, batch_size=4))
    assert [r["id"] for r in two] == [a.id for a in articles]
    assert two == one
