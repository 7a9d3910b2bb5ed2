"""Train the pair model (ingest/data/pair_model.json) on annotated articles, with cross-validation.

    .venv/bin/python scripts/train_pair_model.py GOLD_DIR [GOLD_DIR ...] [--out FILE]
        [--exclude bench/validation_split.txt]

Every candidate relation of every article (ingest/pair_features.py) is labelled by the gold
file: a relation the annotators list (endpoints matched by name or alias, as the scorer
does), one they marked optional (left out), or none. Per relation type a logistic regression
is fitted; the regularisation and the decision threshold are chosen by grouped k-fold
cross-validation over articles, so no article is scored by a model that saw it. The script
prints the cross-validated scores of the rules alone and of rules plus model, per type and
headline, scored exactly as `diplograph eval` scores, then fits on everything and writes the
weights as JSON. Needs scikit-learn (`pip install -e '.[train]'`); the package does not.
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from diplograph.ingest.evaluate import Report, _forms, gold_article, read_gold, score_record
from diplograph.ingest.extract import analyse
from diplograph.ingest.nlp import get_nlp
from diplograph.ingest.pair_features import SYMMETRIC, TYPES, Candidate, candidates
from diplograph.ingest.pair_model import RULE_NAME
from diplograph.ingest.relations import Relation

C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
# a type's model ships only if it beats the rules alone by this much cross-validated F1
MIN_GAIN = 0.015
THRESHOLDS = tuple(np.round(np.arange(0.1, 0.96, 0.05), 2))


@dataclass
class Item:
    article: int
    cand: Candidate
    label: int | None  # 1 gold, 0 not, None optional only
    rule: Relation | None


def label(cand: Candidate, gold: dict) -> int | None:
    ents = {e["id"]: _forms(e) for e in gold.get("entities", [])}
    src, tgt = _forms(cand.source.record()), _forms(cand.target.record())
    hit = optional = False
    for g in gold.get("relations", []):
        if g["type"] != cand.type:
            continue
        gs, gt = ents.get(g["source"], set()), ents.get(g["target"], set())
        ok = (src & gs and tgt & gt) or (cand.type in SYMMETRIC and src & gt and tgt & gs)
        if ok and g.get("optional"):
            optional = True
        elif ok:
            hit = True
    return 1 if hit else (None if optional else 0)


def collect(
    dirs: list[Path], exclude: frozenset[str] = frozenset()
) -> tuple[list[Item], list[tuple[str, dict, dict]]]:
    """Candidates of every article, labelled; and (id, gold, record skeleton) per article."""
    golds = [(gid, g, d) for d in dirs for gid, g in read_gold(d) if gid not in exclude]
    articles = [gold_article(g) for _, g, _ in golds]
    items: list[Item] = []
    meta: list[tuple[str, dict, dict]] = []
    docs = get_nlp().pipe([a.text for a in articles], batch_size=16)
    for k, (doc, article, (gid, gold, _)) in enumerate(zip(docs, articles, golds, strict=True)):
        found = analyse(doc, article)
        rules = {(r.type, r.source.id, r.target.id): r for r in found.rules}
        for cand in candidates(found.ents, found.coref, set(rules)):
            items.append(Item(k, cand, label(cand, gold), rules.get(cand.key)))
        skeleton = {
            "entities": [e.record() for e in found.ents.items],
            "rules": [r.record() for r in found.rules],
        }
        meta.append((gid, gold, skeleton))
    return items, meta


def records(
    items: list[Item], meta: list[tuple[str, dict, dict]], accepted: dict[int, bool] | None, policy: str
) -> Report:
    """Score the articles with the rules alone (accepted None) or with the model's choices."""
    report = Report()
    extra: dict[int, list[dict]] = defaultdict(list)
    dropped: dict[int, set[tuple[str, str, str]]] = defaultdict(set)
    if accepted is not None:
        for idx, it in enumerate(items):
            if it.cand.type not in TYPES:
                continue
            if it.rule is None and accepted.get(idx):
                extra[it.article].append(
                    {"type": it.cand.type, "source": it.cand.source.id, "target": it.cand.target.id}
                )
            elif it.rule is not None and policy == "rescore" and not accepted.get(idx, True):
                dropped[it.article].add(it.cand.key)
    for k, (gid, gold, skeleton) in enumerate(meta):
        rels = [
            r for r in skeleton["rules"] if (r["type"], r["source"], r["target"]) not in dropped[k]
        ] + extra[k]
        score_record({"entities": skeleton["entities"], "relations": rels}, gold, report, gid)
    return report


def headline_row(name: str, report: Report) -> str:
    cells = [f"{t} {report.relations[t].f1:.3f}" for t in TYPES]
    h = report.headline
    return f"{name:<22} headline P {h.precision:.3f} R {h.recall:.3f} F1 {h.f1:.3f} | " + " | ".join(cells)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dirs", nargs="+", type=Path)
    ap.add_argument("--out", type=Path, default=Path("ingest/data/pair_model.json"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--policy", choices=("union", "rescore"), default="union")
    ap.add_argument("--exclude", type=Path, help="file of article ids to leave out (held out)")
    args = ap.parse_args()

    exclude = (
        frozenset(
            line.strip()
            for line in args.exclude.read_text("utf-8").splitlines()
            if line.strip() and not line.startswith("#")
        )
        if args.exclude
        else frozenset()
    )
    items, meta = collect(args.dirs, exclude)
    vec = DictVectorizer()
    X = vec.fit_transform([dict.fromkeys(it.cand.features, 1) for it in items])
    groups = np.array([it.article for it in items])
    print(f"{len(meta)} articles, {len(items)} candidates, {X.shape[1]} features")
    alone = records(items, meta, None, args.policy)
    print(headline_row("rules alone", alone))
    every = dict.fromkeys(range(len(items)), True)
    ceiling = records(items, meta, every, "union")
    print("candidate recall ceiling: " + ", ".join(f"{t} {ceiling.relations[t].recall:.3f}" for t in TYPES))

    chosen: dict[str, tuple[float, float]] = {}
    oof_accept: dict[int, bool] = {}
    for kind in TYPES:
        idx = np.array([i for i, it in enumerate(items) if it.cand.type == kind and it.label is not None])
        y = np.array([items[i].label for i in idx])
        if y.sum() < 5:
            continue
        gold_total = ceiling.relations[kind].tp + ceiling.relations[kind].fn
        rule = np.array([items[i].rule is not None for i in idx])
        best = None
        for c in C_GRID:
            oof = np.zeros(len(idx))
            for train, test in GroupKFold(args.folds).split(idx, y, groups[idx]):
                model = LogisticRegression(C=c, max_iter=3000)
                model.fit(X[idx[train]], y[train])
                oof[test] = model.predict_proba(X[idx[test]])[:, 1]
            for t in THRESHOLDS:
                accept = oof >= t
                if args.policy == "union":
                    accept = accept | rule
                tp = int((accept & (y == 1)).sum())
                fp = int((accept & (y == 0)).sum())
                f1 = 2 * tp / (2 * tp + fp + (gold_total - tp)) if tp else 0.0
                if best is None or f1 > best[0]:
                    best = (f1, c, float(t), dict(zip(idx.tolist(), accept.tolist(), strict=True)))
        assert best is not None
        gain = best[0] - alone.relations[kind].f1
        verdict = "kept" if gain >= MIN_GAIN else "dropped: the rules alone do as well"
        print(
            f"  {kind}: C={best[1]} threshold={best[2]} cross-validated F1 {best[0]:.3f} "
            f"(rules alone {alone.relations[kind].f1:.3f}) {verdict}"
        )
        if gain >= MIN_GAIN:
            chosen[kind] = (best[1], best[2])
            oof_accept.update(best[3])
    print(headline_row("rules + model (CV)", records(items, meta, oof_accept, args.policy)))

    out: dict = {"policy": args.policy, "trained_on": len(meta), "types": {}}
    names = vec.get_feature_names_out()
    for kind, (c, t) in chosen.items():
        idx = np.array([i for i, it in enumerate(items) if it.cand.type == kind and it.label is not None])
        y = np.array([items[i].label for i in idx])
        model = LogisticRegression(C=c, max_iter=3000)
        model.fit(X[idx], y)
        weights = {str(names[j]): round(float(w), 4) for j, w in enumerate(model.coef_[0]) if abs(w) >= 1e-3}
        out["types"][kind] = {
            "bias": round(float(model.intercept_[0]), 4),
            "threshold": t,
            "C": c,
            "weights": dict(sorted(weights.items())),
        }
    args.out.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n", "utf-8")
    print(f"wrote {args.out} ({RULE_NAME}: {', '.join(chosen)})")


if __name__ == "__main__":
    main()
