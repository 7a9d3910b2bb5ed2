"""One ingest run: read -> skip what is stored -> extract -> resolve -> write, article by article.

Articles stream through in chunks so memory does not grow with the corpus; each
article is written as one unit, so a failure never leaves half an article and a
re-run completes the job without duplicating anything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from typing import Any

from diplograph.graph.curation import Curation, apply_curation, seeded_resolver
from diplograph.graph.model import article_fragment
from diplograph.graph.resolve import Resolver
from diplograph.graph.stats import Counts, counts
from diplograph.graph.stores.base import Store
from diplograph.ingest.article import Article
from diplograph.ingest.extract import extract_articles
from diplograph.ingest.readers import ReadError

CHUNK = 64
# Articles in, their records out, in input order.
Extractor = Callable[[Iterable[Article]], Iterable[dict]]


@dataclass
class IngestSummary:
    new: int = 0
    skipped: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)
    added: Counts = field(default_factory=Counts)
    curation: list[str] = field(default_factory=list)  # changes made by curation, one line each


def _chunks(items: Iterable[Article | ReadError], size: int) -> Iterator[list[Article | ReadError]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def begin(store: Store, curation: Curation | None) -> tuple[Resolver, list[str]]:
    """Before a run's first article: curation and canonical ids applied (finishing what a
    killed run left), and a resolver that knows the stored people and the curation."""
    changes = apply_curation(store, curation)
    return seeded_resolver(store, curation), changes


def write_records(
    store: Store, records: Iterable[Mapping[str, Any]], curation: Curation | None = None
) -> list[str]:
    """Store extraction records as one run, as `ingest` does after extracting; the
    curation changes made."""
    resolver, changes = begin(store, curation)
    for record in records:
        store.write_fragment(article_fragment(record, resolver))
    return changes + apply_curation(store, curation)


def ingest(
    store: Store,
    items: Iterable[Article | ReadError],
    *,
    workers: int = 1,
    extract: Extractor | None = None,
    on_article: Callable[[str, str], None] | None = None,
    curation: Curation | None = None,
) -> IngestSummary:
    """Ingest articles into the store; `on_article(path_or_title, outcome)` reports progress.

    `extract` turns articles into their records in input order (default: `extract_articles`
    in `workers` processes; ingest.distributed gives one on a Dask cluster). Articles flow
    to it as one stream, so its workers stay busy across chunks, and every record is
    resolved and written here, in input order.

    Outcomes: "new", "skipped", "failed". A StoreError is not caught: the store is
    unusable, the caller reports it and exits non-zero. Curation (and the canonical ids
    of people) is applied before the first article, finishing what a killed run left,
    and after the last, so new articles follow it.
    """
    summary = IngestSummary()
    report = on_article or (lambda _name, _outcome: None)
    extractor = extract or partial(extract_articles, n_process=workers)
    before = counts(store)
    resolver, summary.curation = begin(store, curation)

    def fresh() -> Iterator[Article]:
        seen: set[str] = set()
        for chunk in _chunks(items, CHUNK):
            stored = store.stored_articles(a.id for a in chunk if isinstance(a, Article))
            for item in chunk:
                if isinstance(item, ReadError):
                    summary.failed += 1
                    summary.errors.append(str(item))
                    report(item.path, "failed")
                elif item.id in stored or item.id in seen:
                    summary.skipped += 1
                    report(item.path or item.title or item.id, "skipped")
                else:
                    seen.add(item.id)
                    yield item

    for record in extractor(fresh()):
        name = record["path"] or record["title"] or record["id"]
        if "error" in record:
            summary.failed += 1
            summary.errors.append(f"{name}: {record['error']}")
            report(name, "failed")
            continue
        store.write_fragment(article_fragment(record, resolver))
        summary.new += 1
        report(name, "new")
    summary.curation += apply_curation(store, curation)
    summary.added = counts(store).minus(before)
    return summary
