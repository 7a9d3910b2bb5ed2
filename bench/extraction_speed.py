"""Extraction speed against bare `nlp.pipe`: tokens/s of parsing alone and of parsing plus
the record building, best of three rounds each (the machine is shared). Usage:

    .venv/bin/python bench/extraction_speed.py ../shared/corpus/dev
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from diplograph.ingest.evaluate import gold_article, read_gold
from diplograph.ingest.extract import record_from_doc
from diplograph.ingest.nlp import get_nlp


def main(gold_dir: str, copies: int = 4, rounds: int = 3) -> None:
    articles = [gold_article(g) for _, g in read_gold(Path(gold_dir))] * copies
    texts = [a.text for a in articles]
    nlp = get_nlp()
    list(nlp.pipe(texts[:8]))  # warm up
    bare = full = float("inf")
    tokens = 0
    for _ in range(rounds):
        start = time.perf_counter()
        docs = list(nlp.pipe(texts))
        parsed = time.perf_counter()
        for doc, article in zip(docs, articles, strict=True):
            record_from_doc(doc, article)
        done = time.perf_counter()
        tokens = sum(len(d) for d in docs)
        bare = min(bare, parsed - start)
        full = min(full, (parsed - start) + (done - parsed))
    print(
        f"{tokens} tokens; bare nlp.pipe {tokens / bare:.0f} tok/s; with extraction "
        f"{tokens / full:.0f} tok/s; ratio {bare / full:.3f}"
    )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/dev")
