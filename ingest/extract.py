"""From an article to its extraction record (the contract of docs/ARCHITECTURE.md)."""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import batched
from multiprocessing.pool import AsyncResult

from spacy.tokens import Doc

from .article import Article
from .coref import Coref
from .dates import dated
from .entities import find_entities
from .nlp import get_nlp
from .relations import find_relations


def record_from_doc(doc: Doc, article: Article) -> dict:
    """The record of an article whose text `doc` is (parsed by `get_nlp()`).

    A failure inside the rules costs only that article: its record is empty and
    carries an `error` line, and the batch goes on. An article without a date gets the
    one its text gives (dateline, "Published ..."), with `date_source` saying where from.
    """
    article = dated(article)
    try:
        return _record(doc, article)
    except Exception as exc:
        return {**article.metadata(), "entities": [], "relations": [],
                "error": f"extraction failed: {type(exc).__name__}: {exc}"}


def _record(doc: Doc, article: Article) -> dict:
    ents = find_entities(doc, article.source)
    coref = Coref(ents)
    coref.resolve_nominals()
    relations = find_relations(ents, coref, article.date)
    return {**article.metadata(), "entities": [e.record() for e in ents.items],
            "relations": relations}


def extract_article(article: Article) -> dict:
    return record_from_doc(get_nlp()(article.text), article)


def _records(articles: tuple[Article, ...]) -> list[dict]:
    """One batch, start to finish, in a worker process."""
    docs = get_nlp().pipe([a.text for a in articles], batch_size=len(articles))
    return [record_from_doc(doc, article) for doc, article in zip(docs, articles, strict=True)]


def extract_articles(articles: Iterable[Article], n_process: int = 1,
                     batch_size: int = 16) -> Iterator[dict]:
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
            yield record_from_doc(doc, article)
        return
    with multiprocessing.Pool(n_process) as pool:
        pending: deque[AsyncResult[list[dict]]] = deque()
        for batch in batched(articles, batch_size):
            pending.append(pool.apply_async(_records, (batch,)))
            if len(pending) >= 2 * n_process:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()
