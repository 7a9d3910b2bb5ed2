"""A benchmark corpus of any size, built at run time from the dev articles.

The dev articles (`../shared/corpus/dev/*.json`) may not be copied into the project,
so the corpus is made in memory on each run: article `i` is dev article `i % n` with
its body paragraphs shuffled and its leaders' names swapped for those of other
articles (full names and surnames alike), seeded by `i`, so every text is different
(different content hash: the ingest skips nothing) and stays news-shaped.

Without `../shared`, the project's `examples/` are used instead and `source` says so;
their leader names then come from the pipeline's own extraction.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, replace
from pathlib import Path

from diplograph.ingest.article import Article
from diplograph.ingest.readers import read_paths

REPO = Path(__file__).resolve().parent.parent
DEV = REPO.parent / "shared" / "corpus" / "dev"
EXAMPLES = REPO / "examples"


@dataclass(frozen=True)
class Base:
    article: Article
    leaders: tuple[str, ...]  # full names of the article's leaders, longest first


@dataclass(frozen=True)
class Corpus:
    articles: list[Article]
    source: str  # where the texts came from, for the report


def _dev_bases() -> list[Base]:
    bases = []
    for path in sorted(DEV.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        names = {e["name"] for e in data.get("entities", []) if e.get("type") == "Leader"}
        article = Article(
            text=data["text"], title=data.get("title"), date=data.get("date"), source=data.get("source")
        )
        bases.append(Base(article, tuple(sorted(names, key=lambda n: (-len(n), n)))))
    return bases


def _example_bases() -> list[Base]:
    from diplograph.ingest.extract import extract_articles

    articles = [a for a in read_paths([str(EXAMPLES)]) if isinstance(a, Article)]
    bases = []
    for article, record in zip(articles, extract_articles(articles), strict=True):
        names = {e["name"] for e in record["entities"] if e["type"] == "Leader"}
        bases.append(Base(article, tuple(sorted(names, key=lambda n: (-len(n), n)))))
    return bases


def _swap_names(text: str, names: tuple[str, ...], pool: list[str], rng: random.Random) -> str:
    """Each full name (and its surname alone) becomes another leader's, in one pass."""
    mapping: dict[str, str] = {}
    for name in names:
        other = rng.choice(pool)
        mapping.setdefault(name, other)
        surname, other_surname = name.split()[-1], other.split()[-1]
        if surname != name:
            mapping.setdefault(surname, other_surname)
    if not mapping:
        return text
    alternatives = "|".join(re.escape(k) for k in sorted(mapping, key=len, reverse=True))
    pattern = re.compile(rf"\b(?:{alternatives})\b")
    return pattern.sub(lambda m: mapping[m.group(0)], text)


def _shuffle_paragraphs(text: str, rng: random.Random) -> str:
    """Headline and lead stay first; the later paragraphs come in a new order."""
    paragraphs = text.split("\n\n")
    head, body = paragraphs[:2], paragraphs[2:]
    rng.shuffle(body)
    return "\n\n".join(head + body)


def _variant(base: Base, pool: list[str], seed: int) -> Article:
    rng = random.Random(seed)
    text = _swap_names(_shuffle_paragraphs(base.article.text, rng), base.leaders, pool, rng)
    title = next(line for line in text.splitlines() if line.strip()).strip()
    return replace(base.article, text=text, title=title, path=f"bench/{seed:05d}")


def build_corpus(size: int) -> Corpus:
    """`size` articles, all texts distinct, the same for the same `size` on every run."""
    if DEV.is_dir() and any(DEV.glob("*.json")):
        bases, source = _dev_bases(), f"{DEV.resolve()} ({{n}} dev articles, varied)"
    else:
        bases, source = _example_bases(), f"{EXAMPLES} ({{n}} examples, varied; ../shared is absent)"
    pool = sorted({name for base in bases for name in base.leaders if " " in name})
    articles: list[Article] = []
    seen: set[str] = set()
    seed = 0
    while len(articles) < size:
        base = bases[seed % len(bases)]
        # the first round keeps each text as published; then variants
        article = base.article if seed < len(bases) else _variant(base, pool, seed)
        article = replace(article, path=article.path or f"bench/{seed:05d}")
        seed += 1
        if article.id not in seen:
            seen.add(article.id)
            articles.append(article)
        if seed > 50 * size + len(bases):
            raise RuntimeError(f"cannot vary {len(bases)} articles into {size} distinct texts")
    return Corpus(articles, source.format(n=len(bases)))
