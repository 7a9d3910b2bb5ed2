"""The learned pair model: weighs each candidate relation's features and keeps the likely ones.

The model is data (`data/pair_model.json`): per relation type a logistic regression's bias,
feature weights and decision threshold, trained on annotated articles by
`scripts/train_pair_model.py` and validated there by cross-validation over articles. With
`policy` "union" it adds to what the frame rules found; with "rescore" it also overrules them.
Without a model file the rules' relations pass unchanged.
"""

from __future__ import annotations

import json
import math
from functools import cache
from importlib import resources

from spacy.tokens import Span

from .coref import Coref
from .entities import Entities
from .pair_features import Candidate, candidates
from .relations import Relation, visits_own_country
from .when import date_phrase, resolve_when

MODEL_FILE = "pair_model.json"
RULE_NAME = "pair_model"


@cache
def load_model() -> dict | None:
    path = resources.files(__package__).joinpath("data", MODEL_FILE)
    return json.loads(path.read_text("utf-8")) if path.is_file() else None


def score(weights: dict[str, float], bias: float, features: set[str]) -> float:
    """The model's probability that the candidate is a relation the text reports."""
    z = bias + sum(weights.get(f, 0.0) for f in features)
    return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))


def _evidence(cand: Candidate, weights: dict[str, float], bias: float) -> list[Span]:
    """The sentence that by itself makes the relation likeliest."""
    if not cand.sentences:
        return []
    best = max(
        cand.sentences.values(), key=lambda pair: (score(weights, bias, cand.base | pair[1]), -pair[0].start)
    )
    return [best[0]]


def _when(sent: Span, article_date: str | None) -> tuple[str | None, str | None]:
    """The first DATE of the sentence, with its preposition ("in August"), and its ISO form."""
    date = next((e for e in sent.ents if e.label_ == "DATE"), None)
    if date is None:
        return None, None
    text = date_phrase(date)
    return text, resolve_when(text, article_date)


def decide(ents: Entities, coref: Coref, rules: list[Relation], article_date: str | None) -> list[Relation]:
    """The article's relations: the rules' and the model's, as the model's policy says."""
    model = load_model()
    if model is None:
        return rules
    by_key = {(r.type, r.source.id, r.target.id): r for r in rules}
    kept: list[Relation] = []
    for cand in candidates(ents, coref, set(by_key)):
        params = model["types"].get(cand.type)
        if params is None:
            continue
        rule = by_key.pop(cand.key, None)
        accepted = score(params["weights"], params["bias"], cand.features) >= params["threshold"]
        if rule is not None and (accepted or model["policy"] == "union"):
            kept.append(rule)
        elif accepted and rule is None:
            if visits_own_country(cand.type, cand.source, cand.target):
                continue
            rel = Relation(
                cand.type,
                cand.source,
                cand.target,
                rule=RULE_NAME,
                sentences=_evidence(cand, params["weights"], params["bias"]),
            )
            if rel.type == "PLANS_VISIT" and rel.sentences:
                rel.when, rel.when_iso = _when(rel.sentences[0], article_date)
            kept.append(rel)
    # rule relations of a type the model does not weigh pass as they are
    kept += by_key.values()
    return kept
