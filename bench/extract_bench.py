"""Extraction throughput: our pipeline against bare spaCy on the same texts, 1 and N workers.

    .venv/bin/python bench/extract_bench.py [--articles 520] [--reps 3] [--workers 1 2]

Configurations, run interleaved (every repetition runs each once, in a rotated order,
so load from other processes hits them alike); medians are reported:

- `spacy`: `spacy.load(MODEL).pipe(texts, n_process=N)`, the bare model, docs consumed;
- `pipeline` (only with `--configs`): our `get_nlp().pipe` (the model plus the `line_breaks`
  component), no records;
- `ours`: `extract_articles(articles, n_process=N)`, the records `diplograph extract` prints.

Tokens are counted once with the model's tokenizer. Ratios are taken per repetition
(side by side, same load) and their median reported. The records of every `ours` run
are checked to be the same whatever the number of workers.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import spacy

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import build_corpus

from diplograph.ingest.article import Article
from diplograph.ingest.extract import extract_articles
from diplograph.ingest.nlp import MODEL, get_nlp

BATCH_SIZE = 16  # extract_articles' default


def digest(records: list[dict]) -> str:
    return hashlib.sha256(json.dumps(records, sort_keys=True).encode()).hexdigest()[:12]


def runners(articles: list[Article]) -> dict[str, Callable[[int], str]]:
    """Each configuration: a function of the number of workers returning a digest of its output."""
    bare = spacy.load(MODEL)
    ours = get_nlp()
    texts = [a.text for a in articles]

    def run_spacy(workers: int) -> str:
        return str(sum(len(doc) for doc in bare.pipe(texts, n_process=workers, batch_size=BATCH_SIZE)))

    def run_pipeline(workers: int) -> str:
        return str(sum(len(doc) for doc in ours.pipe(texts, n_process=workers, batch_size=BATCH_SIZE)))

    def run_ours(workers: int) -> str:
        return digest(list(extract_articles(articles, n_process=workers, batch_size=BATCH_SIZE)))

    return {"spacy": run_spacy, "pipeline": run_pipeline, "ours": run_ours}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=520)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument(
        "--configs", nargs="+", choices=["spacy", "pipeline", "ours"], default=["spacy", "ours"]
    )
    args = parser.parse_args()

    corpus = build_corpus(args.articles)
    articles = corpus.articles
    tokens = sum(len(doc) for doc in get_nlp().tokenizer.pipe(a.text for a in articles))
    chars = sum(len(a.text) for a in articles)
    print(f"corpus: {len(articles)} articles, {tokens} tokens, {chars} characters, from {corpus.source}")

    run = runners(articles)
    names = args.configs
    configs = [(name, workers) for workers in args.workers for name in names]
    warm = runners(articles[:32])  # first calls fill lazy caches (vocab, lexemes, matchers)
    for name in names:
        warm[name](1)

    times: dict[tuple[str, int], list[float]] = {c: [] for c in configs}
    outputs: dict[tuple[str, int], set[str]] = {c: set() for c in configs}
    for rep in range(args.reps):
        shift = rep % len(configs)
        for name, workers in configs[shift:] + configs[:shift]:
            start = time.perf_counter()
            outputs[(name, workers)].add(run[name](workers))
            elapsed = time.perf_counter() - start
            times[(name, workers)].append(elapsed)
            print(f"  rep {rep + 1}: {name:8s} {workers} worker(s) {elapsed:7.2f} s", flush=True)

    print()
    print(f"{'config':<22}{'median s':>10}{'tokens/s':>12}{'articles/s':>12}   runs (s)")
    for name, workers in configs:
        median = statistics.median(times[(name, workers)])
        runs = " ".join(f"{t:.1f}" for t in times[(name, workers)])
        label = f"{name}, {workers} worker(s)"
        print(f"{label:<22}{median:>10.2f}{tokens / median:>12.0f}{len(articles) / median:>12.1f}   {runs}")

    def paired(a: tuple[str, int], b: tuple[str, int]) -> str:
        ratios = [tb / ta for ta, tb in zip(times[a], times[b], strict=True)]
        return f"median {statistics.median(ratios):.2f} (runs {' '.join(f'{r:.2f}' for r in ratios)})"

    print()
    for workers in args.workers:
        for name in names:
            if name != "spacy" and "spacy" in names:
                ratio = paired((name, workers), ("spacy", workers))
                print(f"{name} / spacy throughput, {workers} worker(s): {ratio}")
    for name in names:
        for workers in args.workers[1:]:
            first = args.workers[0]
            print(f"{name}: {workers} workers / {first} throughput: {paired((name, workers), (name, first))}")

    if "ours" in names:
        digests = set().union(*(outputs[("ours", w)] for w in args.workers))
        same = "identical" if len(digests) == 1 else f"DIFFERENT ({sorted(digests)})"
        print(f"records across runs and worker counts: {same}")


if __name__ == "__main__":
    main()
