"""Benchmark of the HTML page on a synthetic graph (default 5,000 entities, 20,000 relations).

Prints: time to write the page (layout included), its size, and in headless Chromium
(offline) the time until it is drawn and until a click on its hub fills the panel.

    .venv/bin/python bench/page_bench.py [--nodes 5000] [--edges 20000] [--runs 3]

Needs Debian's chromium at /usr/bin/chromium and the playwright package.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

# the offline Chromium session and the time-to-usable probe are the page tests' own
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from test_page_support import chromium, offline_page, time_to_usable

from diplograph.graph.page import write_page
from diplograph.graph.page.synthetic import synthetic_graph


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--edges", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=3, help="browser loads to take the median of")
    args = parser.parse_args()

    graph = synthetic_graph(args.nodes, args.edges, seed=1)
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        info = write_page(graph, Path(folder) / "page.html", title="benchmark")
        written = time.perf_counter() - start
        runs = []
        with chromium() as browser:
            for _ in range(args.runs):
                with offline_page(browser) as session:
                    runs.append(time_to_usable(session, info.path))
    print(f"graph: {args.nodes} entities, {args.edges} relations -> {info.edges} drawn edges")
    print(f"write_page: {written:.2f} s, {info.bytes / 1e6:.2f} MB")
    for key, label in (
        ("drawn_in_page_s", "drawn (navigation start -> first frame, in-page clock)"),
        ("drawn_s", "drawn (goto -> ready, wall clock)"),
        ("usable_s", "usable (goto -> hub clicked, panel filled)"),
    ):
        values = [run[key] for run in runs]
        print(
            f"{label}: median {statistics.median(values):.2f} s over {len(values)} runs"
            f" (min {min(values):.2f}, max {max(values):.2f})"
        )


if __name__ == "__main__":
    main()
