"""From an article to its extraction record (the contract of docs/ARCHITECTURE.md)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from .article import Article
from .coref import Coref
from .entities import find_entities
from .nlp import get_nlp
from .relations import find_relations


def record_from_doc(doc: Doc, article: Article) -> dict:
    """The record of an article whose text `doc` is (parsed by `get_nlp()`)."""
    ents = find_entities(doc, article.source)
    coref = Coref(ents)
    coref.resolve_nominals()
    relations = find_relations(ents, coref, article.date)
    return {**article.metadata(), "entities": [e.record() for e in ents.items],
            "relations": relations}


def extract_article(article: Article) -> dict:
    return record_from_doc(get_nlp()(article.text), article)


def extract_articles(articles: Iterable[Article], n_process: int = 1,
                     batch_size: int = 16) -> Iterator[dict]:
    """Records of `articles`, streamed through `nlp.pipe`, in input order."""
    pairs = ((a.text, a) for a in articles)
    for doc, article in get_nlp().pipe(pairs, as_tuples=True, n_process=n_process,
                                       batch_size=batch_size):
        yield record_from_doc(doc, article)
