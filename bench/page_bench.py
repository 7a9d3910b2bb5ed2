"""Benchmark of the HTML page on a synthetic graph (default 5,000 entities, 20,000 relations).

Prints: time to write the page (layout included), its size, and in headless Chromium
(offline), on the browser's own clock: the first frame (navigation start -> first
`afterDrawing`), the time until a click on the hub has filled the panel (and checks that
the panel is the hub's), and the frame time of pans and zooms of the fitted overview and
of a zoomed-in view (each from `moveTo` to the end of the frame that shows it).

    .venv/bin/python bench/page_bench.py [--nodes 5000] [--edges 20000] [--runs 3] [--steps 20]

Needs Debian's chromium at /usr/bin/chromium and the playwright package.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

# the offline Chromium session and the probes are the page tests' own
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from test_page_support import chromium, offline_page, redraw_times, time_to_usable

from diplograph.graph.page import write_page
from diplograph.graph.page.synthetic import synthetic_graph


def _summary(values: list[float], unit: str = "s", scale: float = 1.0) -> str:
    values = sorted(v * scale for v in values)
    p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
    digits = 2 if unit == "s" else 0
    return (
        f"median {statistics.median(values):.{digits}f} {unit}, p95 {p95:.{digits}f} {unit}"
        f" (min {values[0]:.{digits}f}, max {values[-1]:.{digits}f}, n={len(values)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--edges", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=3, help="browser loads")
    parser.add_argument("--steps", type=int, default=20, help="pans and zooms per load and view")
    args = parser.parse_args()

    graph = synthetic_graph(args.nodes, args.edges, seed=1)
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        info = write_page(graph, Path(folder) / "page.html", title="benchmark")
        written = time.perf_counter() - start
        runs = []
        frames: dict[str, list[float]] = {"pan": [], "zoom": [], "pan_in": [], "zoom_in": []}
        with chromium() as browser:
            for _ in range(args.runs):
                with offline_page(browser) as session:
                    run = time_to_usable(session, info.path)
                    if run["opened"] != run["hub"]:
                        sys.exit(f"a click on the hub {run['hub']} opened {run['opened']}")
                    runs.append(run)
                    session.page.evaluate("window.diplograph.network.fit({ animation: false })")
                    overview = redraw_times(session, args.steps)
                    session.page.evaluate(
                        "(id) => window.diplograph.network.focus(id, { scale: 1.0 })", run["hub"]
                    )
                    zoomed = redraw_times(session, args.steps)
                    if session.external_requests or session.errors:
                        sys.exit(f"requests {session.external_requests}, errors {session.errors}")
                frames["pan"] += overview["pan"]
                frames["zoom"] += overview["zoom"]
                frames["pan_in"] += zoomed["pan"]
                frames["zoom_in"] += zoomed["zoom"]
    print(f"graph: {args.nodes} entities, {args.edges} relations -> {info.edges} drawn edges")
    print(f"write_page: {written:.2f} s, {info.bytes / 1e6:.2f} MB")
    print(f"hub click opened the hub (id {runs[0]['hub']}) in every run")
    for key, label in (
        ("drawn_in_page_s", "first frame (navigation start -> first frame, in-page clock)"),
        ("drawn_s", "drawn (goto -> ready, wall clock)"),
        ("usable_s", "usable (goto -> hub clicked, panel filled, wall clock)"),
    ):
        print(f"{label}: {_summary([run[key] for run in runs])}")
    for key, label in (
        ("pan", "pan, fitted overview"),
        ("zoom", "zoom, fitted overview"),
        ("pan_in", "pan, zoomed in on the hub (scale 1)"),
        ("zoom_in", "zoom, zoomed in on the hub (scale 1)"),
    ):
        print(f"{label}: {_summary(frames[key], 'ms')}")


if __name__ == "__main__":
    main()
