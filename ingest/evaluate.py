"""Scoring extraction records against gold files, as `shared/spec/ANNOTATION.md` defines it.

Entities (Leader, Country, Region) match by type and by any shared surface form (name or alias,
folded). Relations match by type and by endpoints whose entities match; symmetric types match
either way round; a system relation that matches only optional gold relations counts in neither
precision nor recall. Counts are summed over articles (micro average).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .article import Article
from .extract import extract_articles
from .gazetteer import fold

RELATION_TYPES = ("MET_WITH", "PROPOSED_COOPERATION", "PLANS_VISIT", "VISITED", "HELD_CALL")
HEADLINE_TYPES = ("MET_WITH", "PROPOSED_COOPERATION", "PLANS_VISIT")
SYMMETRIC_TYPES = frozenset({"MET_WITH", "HELD_CALL"})
SCORED_ENTITY_TYPES = ("Leader", "Country", "Region")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass(frozen=True)
class Miss:
    """One false positive or false negative, readable: endpoints by name."""

    article: str
    kind: str  # relation type or entity type
    source: str
    target: str | None = None


@dataclass
class Report:
    relations: dict[str, Score] = field(default_factory=lambda: {t: Score() for t in RELATION_TYPES})
    entities: dict[str, Score] = field(default_factory=lambda: {t: Score() for t in SCORED_ENTITY_TYPES})
    false_positives: list[Miss] = field(default_factory=list)
    false_negatives: list[Miss] = field(default_factory=list)
    articles: int = 0

    @property
    def headline(self) -> Score:
        total = Score()
        for kind in HEADLINE_TYPES:
            total.add(self.relations[kind])
        return total

    @property
    def entities_total(self) -> Score:
        total = Score()
        for score in self.entities.values():
            total.add(score)
        return total

    def rows(self) -> list[dict[str, str | int | float]]:
        """One dict per figure (relation types, headline, entity types, entities), for printing."""
        named = [
            *self.relations.items(),
            ("HEADLINE", self.headline),
            *((f"entity:{k}", v) for k, v in self.entities.items()),
            ("entity:ALL", self.entities_total),
        ]
        return [
            {
                "name": name,
                "precision": round(s.precision, 3),
                "recall": round(s.recall, 3),
                "f1": round(s.f1, 3),
                "tp": s.tp,
                "fp": s.fp,
                "fn": s.fn,
            }
            for name, s in named
        ]


def _forms(entity: dict) -> set[str]:
    forms = {fold(entity.get("name") or "")} | {fold(a) for a in entity.get("aliases") or []}
    forms.discard("")
    return forms


def _matches(system: dict, gold: dict) -> bool:
    return system.get("type") == gold.get("type") and bool(_forms(system) & _forms(gold))


def score_record(record: dict, gold: dict, report: Report, article_id: str) -> None:
    """Add one article's counts (and its misses) to `report`."""
    report.articles += 1
    sys_entities = {e["id"]: e for e in record.get("entities", [])}
    gold_entities = {e["id"]: e for e in gold.get("entities", [])}

    for kind in SCORED_ENTITY_TYPES:
        sys_of = [e for e in sys_entities.values() if e["type"] == kind]
        gold_of = [e for e in gold_entities.values() if e["type"] == kind]
        score = report.entities[kind]
        for g in gold_of:
            if any(_matches(s, g) for s in sys_of):
                score.tp += 1
            else:
                score.fn += 1
                report.false_negatives.append(Miss(article_id, kind, g["name"]))
        for s in sys_of:
            if not any(_matches(s, g) for g in gold_of):
                score.fp += 1
                report.false_positives.append(Miss(article_id, kind, s["name"]))

    def endpoint_match(sys_id: str, gold_id: str) -> bool:
        s, g = sys_entities.get(sys_id), gold_entities.get(gold_id)
        return s is not None and g is not None and bool(_forms(s) & _forms(g))

    def rel_match(s: dict, g: dict) -> bool:
        if s["type"] != g["type"]:
            return False
        forward = endpoint_match(s["source"], g["source"]) and endpoint_match(s["target"], g["target"])
        if forward or s["type"] not in SYMMETRIC_TYPES:
            return forward
        return endpoint_match(s["source"], g["target"]) and endpoint_match(s["target"], g["source"])

    def name(entities: dict[str, dict], key: str) -> str:
        return entities[key]["name"] if key in entities else key

    gold_rels = gold.get("relations", [])
    sys_rels = record.get("relations", [])
    for kind in RELATION_TYPES:
        score = report.relations[kind]
        gold_of = [g for g in gold_rels if g["type"] == kind]
        sys_of = [s for s in sys_rels if s["type"] == kind]
        for g in gold_of:
            if g.get("optional"):
                continue
            if any(rel_match(s, g) for s in sys_of):
                score.tp += 1
            else:
                score.fn += 1
                report.false_negatives.append(
                    Miss(article_id, kind, name(gold_entities, g["source"]), name(gold_entities, g["target"]))
                )
        for s in sys_of:
            matched = [g for g in gold_of if rel_match(s, g)]
            if not matched:
                score.fp += 1
                report.false_positives.append(
                    Miss(article_id, kind, name(sys_entities, s["source"]), name(sys_entities, s["target"]))
                )
            # a match with a non-optional gold relation was counted as a tp above;
            # a match with optional ones only is left out of both counts


def read_gold(gold_dir: Path) -> Iterator[tuple[str, dict]]:
    """(article id, gold dict) for each `*.json` in the folder, in name order."""
    for path in sorted(Path(gold_dir).glob("*.json")):
        yield path.stem, json.loads(path.read_text("utf-8"))


def gold_article(gold: dict, path: Path | None = None) -> Article:
    return Article(
        text=gold["text"],
        title=gold.get("title"),
        date=gold.get("date"),
        source=gold.get("source"),
        url=gold.get("url"),
        path=str(path) if path else None,
    )


def evaluate(
    gold_dir: Path, extract: Callable[[Iterable[Article]], Iterable[dict]] = extract_articles
) -> Report:
    """Extract every gold article's text with `extract` and score the records."""
    golds = list(read_gold(gold_dir))
    articles = [gold_article(g, Path(gold_dir) / f"{gid}.json") for gid, g in golds]
    report = Report()
    for (gid, gold), record in zip(golds, extract(articles), strict=True):
        score_record(record, gold, report, gid)
    return report
