"""Extraction throughput: our pipeline against bare spaCy on the same texts, 1 and N workers.

    .venv/bin/python bench/extract_bench.py [--articles 520] [--reps 3] [--workers 1 2]

Configurations, run interleaved: the corpus is cut into `--slices` slices and each
slice is run by every configuration in turn (order rotated from slice to slice), so
the load from other processes on this shared machine hits them alike; a repetition's
time for a configuration is the sum over the slices; medians over `--reps` are reported:

- `spacy`: `spacy.load(MODEL).pipe(texts, n_process=N)`, the bare model, docs consumed;
- `pipeline` (only with `--configs`): our `get_nlp().pipe` (the model plus the `line_breaks`
  component), no records;
- `ours`: `extract_articles(articles, n_process=N)`, the records `diplograph extract` prints.

Tokens are counted once with our pipeline's tokenizer. Ratios are taken per repetition
(side by side, same load) and their median reported; for one worker also by CPU time
(this process and its children), which other processes disturb less than wall time.
The records of every `ours` run are checked to be the same whatever the number of workers.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
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


Runner = Callable[[list[Article], int], str]


def runners() -> dict[str, Runner]:
    """Each configuration: a function of (articles, workers) returning a digest of its output."""
    bare = spacy.load(MODEL)
    ours = get_nlp()

    def run_spacy(articles: list[Article], workers: int) -> str:
        docs = bare.pipe([a.text for a in articles], n_process=workers, batch_size=BATCH_SIZE)
        return str(sum(len(doc) for doc in docs))

    def run_pipeline(articles: list[Article], workers: int) -> str:
        docs = ours.pipe([a.text for a in articles], n_process=workers, batch_size=BATCH_SIZE)
        return str(sum(len(doc) for doc in docs))

    def run_ours(articles: list[Article], workers: int) -> str:
        return digest(list(extract_articles(articles, n_process=workers, batch_size=BATCH_SIZE)))

    return {"spacy": run_spacy, "pipeline": run_pipeline, "ours": run_ours}


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (the workers)."""
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=520)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument(
        "--slices", type=int, default=4, help="corpus slices, configurations alternate per slice"
    )
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

    run = runners()
    names = args.configs
    configs = [(name, workers) for workers in args.workers for name in names]
    for name in names:  # first calls fill lazy caches (vocab, lexemes, matchers)
        run[name](articles[:32], 1)
    size = -(-len(articles) // args.slices)
    slices = [articles[i : i + size] for i in range(0, len(articles), size)]

    times: dict[tuple[str, int], list[float]] = {c: [] for c in configs}
    cpu: dict[tuple[str, int], list[float]] = {c: [] for c in configs}
    outputs: dict[tuple[str, int], list[str]] = {c: [] for c in configs}
    for rep in range(args.reps):
        for config in configs:
            times[config].append(0.0)
            cpu[config].append(0.0)
        digests: dict[tuple[str, int], list[str]] = {c: [] for c in configs}
        for number, part in enumerate(slices):
            shift = (rep * len(slices) + number) % len(configs)
            for name, workers in configs[shift:] + configs[:shift]:
                start, start_cpu = time.perf_counter(), cpu_seconds()
                digests[(name, workers)].append(run[name](part, workers))
                times[(name, workers)][-1] += time.perf_counter() - start
                cpu[(name, workers)][-1] += cpu_seconds() - start_cpu
        for config in configs:
            outputs[config].append("".join(digests[config]))
        line = ", ".join(f"{n} {w}w {times[(n, w)][-1]:.1f} s" for n, w in configs)
        print(f"  rep {rep + 1}: {line}", flush=True)

    print()
    print(f"{'config':<22}{'median s':>10}{'tokens/s':>12}{'articles/s':>12}{'CPU s':>8}   runs (s)")
    for name, workers in configs:
        median = statistics.median(times[(name, workers)])
        runs = " ".join(f"{t:.1f}" for t in times[(name, workers)])
        label = f"{name}, {workers} worker(s)"
        cpu_median = statistics.median(cpu[(name, workers)])
        print(
            f"{label:<22}{median:>10.2f}{tokens / median:>12.0f}{len(articles) / median:>12.1f}"
            f"{cpu_median:>8.1f}   {runs}"
        )

    def paired(a: tuple[str, int], b: tuple[str, int], clock: dict[tuple[str, int], list[float]]) -> str:
        ratios = [tb / ta for ta, tb in zip(clock[a], clock[b], strict=True)]
        return f"median {statistics.median(ratios):.2f} (runs {' '.join(f'{r:.2f}' for r in ratios)})"

    print()
    for workers in args.workers:
        for name in names:
            if name != "spacy" and "spacy" in names:
                ratio = paired((name, workers), ("spacy", workers), times)
                print(f"{name} / spacy throughput, {workers} worker(s): {ratio}")
                if workers == 1:
                    ratio = paired((name, workers), ("spacy", workers), cpu)
                    print(f"{name} / spacy throughput by CPU time, {workers} worker(s): {ratio}")
    for name in names:
        for workers in args.workers[1:]:
            first = args.workers[0]
            ratio = paired((name, workers), (name, first), times)
            print(f"{name}: {workers} workers / {first} throughput: {ratio}")

    if "ours" in names:
        digests_all = set().union(*(outputs[("ours", w)] for w in args.workers))
        same = "identical" if len(digests_all) == 1 else "DIFFERENT"
        print(f"records across runs and worker counts: {same}")


if __name__ == "__main__":
    main()
