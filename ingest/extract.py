"""From an article to its extraction record (the contract of docs/ARCHITECTURE.md)."""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from itertools import batched
from multiprocessing.pool import AsyncResult

from spacy.tokens import Doc

from .article import Article
from .coref import Coref
from .dates import dated
from .entities import Entities, find_entities
from .nlp import get_nlp
from .pair_model import decide
from .relations import Relation, find_relations


class OnError(StrEnum):
    """What a failure inside the rules does: RECORD costs only that article (its record is
    empty and carries an `error` line, and the batch goes on), as the CLI wants; RAISE lets
    the exception through, as tests want."""

    RECORD = "record"
    RAISE = "raise"


@dataclass
class Analysis:
    """What the extractor knows of one parsed article before it writes the record."""

    ents: Entities
    coref: Coref
    rules: list[Relation]


def analyse(doc: Doc, article: Article) -> Analysis:
    """Entities, coreference and the relations the frame rules find."""
    ents = find_entities(doc, article.source)
    coref = Coref(ents)
    coref.resolve_nominals()
    return Analysis(ents, coref, find_relations(ents, coref, article.date))


def record_from_doc(doc: Doc, article: Article, on_error: OnError = OnError.RECORD) -> dict:
    """The record of an article whose text `doc` is (parsed by `get_nlp()`). An article
    without a date gets the one its text gives (dateline, "Published ..."), with
    `date_source` saying where from."""
    article = dated(article)
    try:
        found = analyse(doc, article)
        relations = decide(found.ents, found.coref, found.rules, article.date)
        return {
            **article.metadata(),
            "entities": [e.record() for e in found.ents.items],
            "relations": [r.record() for r in relations],
        }
    except Exception as exc:
        if on_error is OnError.RAISE:
            raise
        return {
            **article.metadata(),
            "entities": [],
            "relations": [],
            "error": f"extraction failed: {type(exc).__name__}: {exc}",
        }


def extract_article(article: Article, on_error: OnError = OnError.RECORD) -> dict:
    return record_from_doc(get_nlp()(article.text), article, on_error)


def _records(articles: tuple[Article, ...], on_error: OnError) -> list[dict]:
    """One batch, start to finish, in a worker process."""
    docs = get_nlp().pipe([a.text for a in articles], batch_size=len(articles))
    return [record_from_doc(doc, article, on_error) for doc, article in zip(docs, articles, strict=True)]


def extract_articles(
    articles: Iterable[Article], n_process: int = 1, batch_size: int = 16, on_error: OnError = OnError.RECORD
) -> Iterator[dict]:
    """Records of `articles`, streamed through `nlp.pipe`, in input order.

    With `n_process` > 1 (-1: one per CPU) each worker process parses a batch and
    builds its records too, so only articles and records cross process boundaries.
    (spaCy's own n_process tokenises in the parent and ships whole Docs both ways,
    and the records were then built in the parent: it was busier than either worker.)
    At most two batches per worker are in flight, so memory does not grow with the input.
    """
    nlp = get_nlp()  # loaded before the workers fork, so they share it
    if n_process == -1:
        n_process = os.cpu_count() or 1
    if n_process == 1:
        pairs = ((a.text, a) for a in articles)
        for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
            yield record_from_doc(doc, article, on_error)
        return
    with multiprocessing.Pool(n_process) as pool:
        pending: deque[AsyncResult[list[dict]]] = deque()
        for batch in batched(articles, batch_size):
            pending.append(pool.apply_async(_records, (batch, on_error)))
            if len(pending) >= 2 * n_process:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
