"""A 5,000-entity, 20,000-relation page opens in Chromium without a request or an error, a
click on the hub opens the hub, and the overview is drawn in batches (the page's low-detail
mode). How fast: bench/page_bench.py measures it (a timed unit test only measures the load
of the machine it runs on).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from test_page_support import chromium, offline_page, redraw_times, time_to_usable

from diplograph.graph.page import write_page
from diplograph.graph.page.synthetic import synthetic_graph

pytestmark = pytest.mark.browser


def test_5k_nodes_20k_edges_open_and_the_hub_click_opens_the_hub(tmp_path: Path) -> None:
    graph = synthetic_graph(5000, 20000, seed=1)
    start = time.perf_counter()
    info = write_page(graph, tmp_path / "big.html", title="scale")
    written = time.perf_counter() - start
    assert (info.nodes, info.relations) == (5000, 20000)
    with chromium() as browser, offline_page(browser) as session:
        timings = time_to_usable(session, info.path, timeout_ms=120_000)
        assert timings["opened"] == timings["hub"]  # the hub is on top of whatever it covers
        assert session.page.evaluate("window.diplograph.lowDetail()") is True
        assert len(session.page.evaluate("window.diplograph.hubLabels()")) == 30
        frames = redraw_times(session, steps=4)
        assert session.external_requests == [] and session.errors == []
    print(f"\nwrite {written:.1f} s, {info.bytes / 1e6:.1f} MB, {info.edges} edges, {timings}, {frames}")
    assert len(frames["pan"]) == len(frames["zoom"]) == 4
