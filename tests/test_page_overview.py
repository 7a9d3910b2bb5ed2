"""Issue 9 in real headless Chromium, offline: the page an analyst can read.

On the sample articles plus an undated call (two relation types between Lukashenko and
Putin) and on a generated 560-entity graph shaped like the real corpus (most entities
only mentioned, 40% of the articles undated).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_page_support import (
    XSS_IMG,
    XSS_SCRIPT,
    PageSession,
    chromium,
    offline_page,
    open_page,
    paired_graph,
    xss_records,
)

from diplograph.graph.model import build_graph
from diplograph.graph.page import write_page
from diplograph.graph.page.synthetic import synthetic_graph

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as browser:
        yield browser


@pytest.fixture(scope="module")
def paired_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_page(paired_graph(), tmp_path_factory.mktemp("paired") / "graph.html").path


@pytest.fixture(scope="module")
def realistic_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    graph = synthetic_graph(560, 650, seed=3, isolated=0.4, undated=0.4)
    return write_page(graph, tmp_path_factory.mktemp("realistic") / "graph.html").path


def opened(browser: Any, path: Path) -> Iterator[PageSession]:
    with offline_page(browser) as session:
        open_page(session, path)
        settled(session)
        yield session
        assert session.external_requests == []
        assert session.errors == []


@pytest.fixture
def paired(browser: Any, paired_page: Path) -> Iterator[PageSession]:
    yield from opened(browser, paired_page)


@pytest.fixture
def realistic(browser: Any, realistic_page: Path) -> Iterator[PageSession]:
    yield from opened(browser, realistic_page)


def settled(session: PageSession) -> None:
    session.page.wait_for_selector("body[data-layout=settled]", state="attached")


def evaluate(session: PageSession, script: str, arg: Any = None) -> Any:
    return session.page.evaluate(script, arg)


def node_id(session: PageSession, name: str) -> int:
    return evaluate(session, "(name) => window.diplograph.nodes.get().find((n) => n.label === name).id", name)


def click_at(session: PageSession, point: dict[str, float]) -> None:
    box = session.page.locator("#network").bounding_box()
    session.page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def click_node(session: PageSession, name: str) -> None:
    click_at(session, evaluate(session, "(id) => window.diplograph.domPosition(id)", node_id(session, name)))


def edge_between(session: PageSession, a: str, b: str, rel_type: str) -> int:
    return evaluate(
        session,
        """([a, b, type]) => { const d = window.diplograph;
             return d.edges.get().find((e) => d.edgeType(e.id) === type
               && [e.from, e.to].sort().join() === [a, b].sort().join()).id; }""",
        [node_id(session, a), node_id(session, b), rel_type],
    )


def click_edge_middle(session: PageSession, edge: int) -> None:
    """Click the middle of the edge as drawn (curved or straight); vis-network's own geometry."""
    point = evaluate(
        session,
        """(id) => { const net = window.diplograph.network;
                     return net.canvasToDOM(net.body.edges[id].edgeType.getPoint(0.5)); }""",
        edge,
    )
    click_at(session, point)


def shown_nodes(session: PageSession) -> list[int]:
    return evaluate(session, "window.diplograph.nodes.get().filter((n) => !n.hidden).map((n) => n.id)")


def positions(session: PageSession) -> dict[str, dict[str, float]]:
    return evaluate(session, "window.diplograph.network.getPositions()")


def all_in_view(session: PageSession, ids: list[int]) -> bool:
    box = session.page.locator("#network").bounding_box()
    points = evaluate(session, "(ids) => ids.map((id) => window.diplograph.domPosition(id))", ids)
    return all(0 <= p["x"] <= box["width"] and 0 <= p["y"] <= box["height"] for p in points)


def test_overview_hides_entities_without_events_and_labels_the_hubs(realistic: PageSession) -> None:
    page = realistic.page
    data_info = evaluate(realistic, "JSON.parse(document.getElementById('graph-data').textContent).info")
    eventful = [i for i, n in enumerate(data_info) if n["ev"]]
    assert len(data_info) == 560 and 250 < len(eventful) < 300  # shaped like the real corpus
    assert sorted(shown_nodes(realistic)) == eventful
    assert page.inner_text("#lonely-count") == f"({560 - len(eventful)})"
    assert all_in_view(realistic, eventful)
    # fitted: vis-network's own labels would be too small; the page names the hubs instead
    assert evaluate(realistic, "window.diplograph.nativeLabels()") is False
    hubs = evaluate(realistic, "window.diplograph.hubLabels()")
    count = "(ids) => ids.map((id) => window.diplograph.network.getConnectedEdges(id).length)"
    degree = evaluate(realistic, count, eventful)
    top = eventful[max(range(len(eventful)), key=lambda k: (degree[k], -eventful[k]))]
    assert 20 <= len(hubs) <= 30 and hubs[0] == top
    # zoomed in: every label is vis-network's own
    evaluate(realistic, "new Promise((done) => { const net = window.diplograph.network;"
                        " net.once('afterDrawing', done); net.moveTo({ scale: 1.0 }); })")  # fmt: skip
    assert evaluate(realistic, "window.diplograph.nativeLabels()") is True
    assert evaluate(realistic, "window.diplograph.hubLabels()") == []


def test_filter_changes_lay_out_again_fit_and_come_back_the_same(realistic: PageSession) -> None:
    page = realistic.page
    before = positions(realistic)
    page.click("#relation-types input[value=MET_WITH]")
    settled(realistic)
    shown = shown_nodes(realistic)
    after = positions(realistic)
    assert len(shown) < len(before) and all_in_view(realistic, shown)
    assert sum(after[str(i)] != before[str(i)] for i in shown) > len(shown) // 2  # laid out again
    page.click("#relation-types input[value=MET_WITH]")
    settled(realistic)
    assert positions(realistic) == before  # the same view looks the same
    page.click("#show-lonely")
    settled(realistic)
    assert len(shown_nodes(realistic)) == 560 and all_in_view(realistic, list(range(560)))


def tooltip(session: PageSession, name: str) -> str:
    """Move the mouse onto the entity and return the tooltip vis-network shows."""
    box = session.page.locator("#network").bounding_box()
    point = evaluate(session, "(id) => window.diplograph.domPosition(id)", node_id(session, name))
    session.page.mouse.move(box["x"] + point["x"] + 20, box["y"] + point["y"] + 20)
    session.page.mouse.move(box["x"] + point["x"], box["y"] + point["y"], steps=4)
    return session.page.wait_for_selector("div.vis-tooltip", state="visible").inner_text()


def test_tooltip_on_hover_names_the_entity(paired: PageSession) -> None:
    expected = "Vladimir Putin\nLeader \u00b7 President \u00b7 RU\n4 relations"
    assert tooltip(paired, "Vladimir Putin") == expected


def test_node_panel_lists_counterparts_and_articles_and_marks_the_neighbourhood(paired: PageSession) -> None:
    click_node(paired, "Aleksandr Lukashenko")
    text = paired.page.inner_text("#details")
    for expected in (
        "Counterparts",
        "met with (1, 2 reports)",
        "Vladimir Putin \u00d72",
        "held a call with (1)",
        "plans to visit (1)",
        "proposed cooperation with (1)",
        "leader of (1)",
        "Belarus (hidden)",
        "Articles (3)",
        "Second round of talks (javascript:alert(1)) \u2014 TASS, 2021-09-09",
        "Telephone conversation \u2014 BelTA, undated",
    ):
        assert expected in text, expected
    links = paired.page.eval_on_selector_all("#details a", "(as) => as.map((a) => a.href)")
    # latest first, undated last; a2's javascript: URL stays text
    assert links == ["https://example.org/a1", "https://example.org/a4"]
    lukashenko = node_id(paired, "Aleksandr Lukashenko")
    neighbours = {node_id(paired, n) for n in ("Vladimir Putin", "Primorsky Krai", "Eurasian Economic Union")}
    assert set(evaluate(paired, "window.diplograph.network.getSelectedNodes()")) == neighbours | {lukashenko}
    assert evaluate(paired, "(id) => window.diplograph.nodes.get(id).shadow.enabled", lukashenko) is True
    # a counterpart opens its own panel and takes the focus mark
    paired.page.click("#details button.link:text('Vladimir Putin')")
    assert paired.page.inner_text("#details h2") == "Vladimir Putin"
    assert evaluate(paired, "(id) => window.diplograph.nodes.get(id).shadow.enabled", lukashenko) is False


def test_expand_reveals_neighbours_the_filters_hide(paired: PageSession) -> None:
    page = paired.page
    belarus = node_id(paired, "Belarus")
    assert belarus not in shown_nodes(paired)
    click_node(paired, "Aleksandr Lukashenko")
    page.click("#details button:text('Expand')")
    settled(paired)
    assert belarus in shown_nodes(paired)
    assert page.inner_text("#counts") == "6 of 7 entities, 6 of 8 edges shown"
    page.click("#details button:text('Collapse')")
    settled(paired)
    assert belarus not in shown_nodes(paired)


def test_types_between_one_pair_are_drawn_apart_and_the_panel_lists_them_all(paired: PageSession) -> None:
    call = edge_between(paired, "Aleksandr Lukashenko", "Vladimir Putin", "HELD_CALL")
    met = edge_between(paired, "Aleksandr Lukashenko", "Vladimir Putin", "MET_WITH")
    click_edge_middle(paired, call)
    heading = paired.page.inner_text("#details h2")
    assert sorted(heading.split(" \u2014 ")) == ["Aleksandr Lukashenko", "Vladimir Putin"]
    sections = paired.page.locator("#details section.pair").all_inner_texts()
    assert [s.splitlines()[0] for s in sections] == ["held call", "met with"]  # the clicked one first
    assert "Undated: none of its articles has a date." in sections[0]
    assert "Lukashenko spoke with Putin by telephone." in sections[0]
    assert "Aleksandr Lukashenko met with Vladimir Putin in Sochi." in sections[1]
    assert "Putin and Lukashenko met again in Moscow." in sections[1]
    click_edge_middle(paired, met)
    sections = paired.page.locator("#details section.pair").all_inner_texts()
    assert [s.splitlines()[0] for s in sections] == ["met with", "held call"]
    widths = evaluate(paired, "(ids) => ids.map((id) => window.diplograph.edges.get(id).width)", [met, call])
    assert widths[0] > widths[1]  # two articles against one


def shown_types(session: PageSession) -> list[str]:
    return sorted(
        evaluate(
            session,
            """window.diplograph.edges.get().filter((e) => !e.hidden)
                 .map((e) => window.diplograph.edgeType(e.id))""",
        )
    )


def set_slider(session: PageSession, slider: str, index: int) -> None:
    evaluate(
        session,
        """([slider, index]) => { const input = document.getElementById(slider);
             input.value = index; input.dispatchEvent(new Event('input')); }""",
        [slider, index],
    )


def test_time_slider_and_undated_relations(paired: PageSession) -> None:
    page = paired.page
    call = edge_between(paired, "Aleksandr Lukashenko", "Vladimir Putin", "HELD_CALL")
    assert evaluate(paired, "(id) => window.diplograph.edges.get(id).color.opacity", call) == 0.35
    assert page.inner_text("#undated-count") == "(1)"
    assert page.inner_text("#slider-label") == "all dates (2021-03 to 2022-01)"
    set_slider(paired, "slider-from", 6)  # 2021-09
    assert page.input_value("#date-from") == "2021-09-01" and page.input_value("#date-to") == "2022-01-31"
    assert page.inner_text("#slider-label") == "2021-09-01 to 2022-01-31"
    # the August visit plan and the undated call are out, as with viz --since 2021-09 --until 2022-01
    assert shown_types(paired) == ["HELD_CALL", "MET_WITH", "PROPOSED_COOPERATION"]
    page.click("#date-undated")
    assert shown_types(paired) == ["HELD_CALL", "HELD_CALL", "MET_WITH", "PROPOSED_COOPERATION"]
    page.click("#date-undated")
    set_slider(paired, "slider-to", 3)  # below "from": both move to 2021-06
    assert page.input_value("#date-from") == "2021-06-01" and page.input_value("#date-to") == "2021-06-30"
    assert page.inner_text("#counts") == "0 of 7 entities, 0 of 8 edges shown"
    page.click("#date-reset")
    assert page.inner_text("#counts") == "5 of 7 entities, 5 of 8 edges shown"


def test_play_moves_the_window_month_by_month(paired: PageSession) -> None:
    page = paired.page
    page.click("#date-play")
    assert page.inner_text("#date-play") == "Stop"
    assert page.input_value("#date-from") == "2021-03-01" and page.input_value("#date-to") == "2021-05-31"
    seen = set()
    for _ in range(50):  # a step every 0.7 s (the page's CSP forbids wait_for_function's eval)
        seen.add((page.input_value("#date-from"), page.input_value("#date-to")))
        if ("2021-05-01", "2021-07-31") in seen:
            break
        page.wait_for_timeout(100)
    assert ("2021-04-01", "2021-06-30") in seen and ("2021-05-01", "2021-07-31") in seen
    page.click("#date-play")
    assert page.inner_text("#date-play") == "Play"
    settled(paired)


def test_colour_by_country_shows_blocs(paired: PageSession) -> None:
    page = paired.page
    page.click("#show-lonely")
    page.click("#by-country")
    colour = "(id) => window.diplograph.nodes.get(id).color.background"
    by = {name: evaluate(paired, colour, node_id(paired, name)) for name in
          ("Aleksandr Lukashenko", "Belarus", "Vladimir Putin", "Russia", "Primorsky Krai")}  # fmt: skip
    assert by["Aleksandr Lukashenko"] == by["Belarus"] != by["Vladimir Putin"]
    assert by["Vladimir Putin"] == by["Russia"] == by["Primorsky Krai"]
    assert "RU\n(3)" in page.inner_text("#countries").replace("\t", "\n")
    page.click("#by-country")
    assert evaluate(paired, colour, node_id(paired, "Vladimir Putin")) == "#E69F00"
    assert page.locator("#countries").is_hidden()


def test_exports_hold_what_is_shown(paired: PageSession) -> None:
    page = paired.page
    page.click("#relation-types input[value=HELD_CALL]")
    settled(paired)
    with page.expect_download() as download:
        page.click("#export-json")
    exported = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert download.value.suggested_filename == "diplograph.json"
    assert sorted(n["name"] for n in exported["nodes"]) == [
        "Aleksandr Lukashenko", "Eurasian Economic Union", "Primorsky Krai", "Vladimir Putin",
    ]  # fmt: skip
    met = next(e for e in exported["edges"] if e["type"] == "MET_WITH")
    assert [r["date"] for r in met["relations"]] == ["2021-03-17", "2021-09-09"]
    with page.expect_download() as download:
        page.click("#export-graphml")
    root = ET.parse(download.value.path()).getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert len(root.findall(".//g:node", ns)) == 4 and len(root.findall(".//g:edge", ns)) == 3
    with page.expect_download() as download:
        page.click("#export-png")
    png = Path(download.value.path()).read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5_000


def test_article_text_stays_text_in_tooltips_and_graphml(browser: Any, tmp_path: Path) -> None:
    info = write_page(build_graph(xss_records()), tmp_path / "xss.html")
    for session in opened(browser, info.path):
        assert tooltip(session, f"Evil {XSS_IMG}").startswith(f"Evil {XSS_IMG}\nLeader \u00b7 {XSS_SCRIPT}")
        assert evaluate(session, "document.images.length") == 0
        session.page.click("#show-lonely")
        root = ET.fromstring(evaluate(session, "window.diplograph.exportGraphml()"))
        ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
        names = sorted(d.text for d in root.findall(".//g:data[@key='name']", ns))
        assert names == [f"Evil {XSS_IMG}", f"Org {XSS_SCRIPT}"]
        assert evaluate(session, "window.pwned") is None
