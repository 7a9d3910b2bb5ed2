"""The page in real headless Chromium, offline: panels, search, filters, screenshot, XSS."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from test_page_support import (
    XSS_IMG,
    XSS_SCRIPT,
    PageSession,
    chromium,
    offline_page,
    open_page,
    sample_graph,
    xss_records,
)

from diplograph.graph.model import build_graph
from diplograph.graph.page import write_page

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def sample_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_page(sample_graph(), tmp_path_factory.mktemp("page") / "graph.html").path


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as browser:
        yield browser


@pytest.fixture
def session(browser: Any, sample_page: Path) -> Iterator[PageSession]:
    with offline_page(browser) as session:
        open_page(session, sample_page)
        yield session
        assert session.external_requests == []
        assert session.errors == []


def node_id(session: PageSession, name: str) -> int:
    return session.page.evaluate(
        "(name) => window.diplograph.nodes.get().find((n) => n.label === name).id", name
    )


def click_node(session: PageSession, name: str) -> None:
    page = session.page
    box = page.locator("#network").bounding_box()
    point = page.evaluate("(id) => window.diplograph.domPosition(id)", node_id(session, name))
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def click_edge(session: PageSession, source: str, target: str, rel_type: str) -> None:
    """Click a point of the drawn edge that no node and no other edge covers."""
    page = session.page
    edge = page.evaluate(
        """([a, b, type]) => {
             const d = window.diplograph;
             const e = d.edges.get().find((e) => d.edgeType(e.id) === type
               && [e.from, e.to].sort().join() === [a, b].sort().join());
             const pa = d.domPosition(e.from), pb = d.domPosition(e.to);
             for (const t of [0.5, 0.4, 0.6, 0.3, 0.7]) {
               const p = { x: pa.x + (pb.x - pa.x) * t, y: pa.y + (pb.y - pa.y) * t };
               if (d.network.getEdgeAt(p) === e.id && d.network.getNodeAt(p) === undefined) return p;
             }
             return null;
           }""",
        [node_id(session, source), node_id(session, target), rel_type],
    )
    assert edge is not None, f"no clear point on the {rel_type} edge"
    box = page.locator("#network").bounding_box()
    page.mouse.click(box["x"] + edge["x"], box["y"] + edge["y"])


def settled(session: PageSession) -> None:
    """Wait until the re-layout and fit after a filter change are done."""
    session.page.wait_for_selector("body[data-layout=settled]", state="attached")


def details(session: PageSession) -> str:
    return session.page.inner_text("#details")


def test_loads_offline_with_no_request_and_no_console_error(session: PageSession) -> None:
    assert session.requests == [session.page.url]
    assert session.page.evaluate("window.diplograph.nodes.length") == 7
    # Belarus and Russia have no event relation: hidden until asked for
    assert session.page.inner_text("#counts") == "5 of 7 entities, 4 of 7 edges shown"
    legend = session.page.inner_text("#controls")
    for word in ("leader", "country", "region", "organization", "met with", "plans visit"):
        assert word in legend


def test_click_node_shows_its_details(session: PageSession) -> None:
    click_node(session, "Aleksandr Lukashenko")
    text = details(session)
    assert text.startswith("Aleksandr Lukashenko")
    for expected in ("Leader", "President", "BY", "Lukashenko, Łukašenka"):
        assert expected in text


def test_click_edge_shows_every_sentence_with_its_article(session: PageSession) -> None:
    click_edge(session, "Aleksandr Lukashenko", "Vladimir Putin", "MET_WITH")
    text = details(session)
    assert "MET_WITH" in text and "Reports\n2" in text.replace("\t", "\n")
    assert "Aleksandr Lukashenko met with Vladimir Putin in Sochi." in text
    assert "Putin and Lukashenko met again in Moscow." in text
    assert "Lukashenko meets Putin in Sochi" in text and "BelTA, 2021-03-17" in text
    assert "Second round of talks" in text and "TASS, 2021-09-09" in text
    links = session.page.eval_on_selector_all("#details a", "(as) => as.map((a) => a.href)")
    assert links == ["https://example.org/a1"]  # a2's javascript: URL stays text


def test_click_dated_edge_shows_when(session: PageSession) -> None:
    click_edge(session, "Aleksandr Lukashenko", "Primorsky Krai", "PLANS_VISIT")
    text = details(session)
    assert "in August (2021-08)" in text and "2021-03-17" in text
    assert "Lukashenko plans to visit Primorsky Krai in August." in text


def test_click_structural_edge_shows_the_office(session: PageSession) -> None:
    session.page.click("#show-lonely")
    settled(session)
    click_edge(session, "Aleksandr Lukashenko", "Belarus", "LEADER_OF")
    text = details(session)
    assert "LEADER_OF" in text and "President" in text
    assert "Aleksandr Lukashenko \u2192 Belarus" in text


def test_search_by_alias_focuses_the_node(session: PageSession) -> None:
    page = session.page
    page.fill("#search-input", "lukasenka")
    page.press("#search-input", "Enter")
    page.wait_for_selector("#details h2")
    assert page.inner_text("#details h2") == "Aleksandr Lukashenko"
    assert page.evaluate("window.diplograph.focused()") == node_id(session, "Aleksandr Lukashenko")
    selected = page.evaluate("window.diplograph.network.getSelectedNodes()")
    assert node_id(session, "Aleksandr Lukashenko") in selected  # with its neighbours
    page.fill("#search-input", "Nobody Known")
    page.click("#search button")
    assert "No entity called" in page.inner_text("#search-status")


def test_type_toggles_hide_edges_and_lonely_nodes(session: PageSession) -> None:
    page = session.page
    page.click("#relation-types input[value=HELD_CALL]")
    assert page.inner_text("#counts") == "4 of 7 entities, 3 of 7 edges shown"
    hidden = page.evaluate("window.diplograph.nodes.get().filter((n) => n.hidden).map((n) => n.label)")
    assert sorted(hidden) == ["Belarus", "Kassym-Jomart Tokayev", "Russia"]
    page.click("#show-lonely")  # every entity, with the relations left between them
    assert page.inner_text("#counts") == "7 of 7 entities, 6 of 7 edges shown"
    page.click("#entity-types input[value=Leader]")
    assert page.inner_text("#counts") == "4 of 7 entities, 1 of 7 edges shown"  # Primorsky-Russia
    page.click("#entity-types input[value=Leader]")
    page.click("#relation-types input[value=HELD_CALL]")
    assert page.inner_text("#counts") == "7 of 7 entities, 7 of 7 edges shown"
    page.click("#show-lonely")
    assert page.inner_text("#counts") == "5 of 7 entities, 4 of 7 edges shown"


def test_date_filter_keeps_edges_in_range(session: PageSession) -> None:
    page = session.page
    page.fill("#date-from", "2022-01-01")
    assert page.inner_text("#counts") == "2 of 7 entities, 1 of 7 edges shown"
    shown = page.evaluate("window.diplograph.edges.get().filter((e) => !e.hidden).map((e) => e.id)")
    types = page.evaluate("(ids) => ids.map((i) => window.diplograph.edgeType(i))", shown)
    assert types == ["HELD_CALL"]
    page.click("#show-lonely")  # offices and regions join the entities shown
    shown = page.evaluate("window.diplograph.edges.get().filter((e) => !e.hidden).map((e) => e.id)")
    types = page.evaluate("(ids) => ids.map((i) => window.diplograph.edgeType(i))", shown)
    assert sorted(types) == ["HELD_CALL", "LEADER_OF", "LEADER_OF", "PART_OF"]
    page.click("#show-lonely")
    page.click("#date-reset")
    assert page.inner_text("#counts") == "5 of 7 entities, 4 of 7 edges shown"


def test_screenshot_is_legible(session: PageSession, tmp_path: Path) -> None:
    click_edge(session, "Aleksandr Lukashenko", "Vladimir Putin", "MET_WITH")
    target = Path(os.environ.get("DIPLOGRAPH_SCREENSHOT_DIR", tmp_path)) / "page.png"
    session.page.screenshot(path=str(target))
    assert target.stat().st_size > 20_000


def test_injected_markup_shows_as_text_and_never_runs(browser: Any, tmp_path: Path) -> None:
    info = write_page(build_graph(xss_records()), tmp_path / "xss.html", title=f"T {XSS_IMG}")
    with offline_page(browser) as session:
        dialogs: list[str] = []
        session.page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        open_page(session, info.path)
        page = session.page
        assert page.title() == f"T {XSS_IMG}"
        click_node(session, f"Evil {XSS_IMG}")
        assert XSS_SCRIPT in details(session)  # title and alias, as text
        click_edge(session, f"Evil {XSS_IMG}", f"Org {XSS_SCRIPT}", "PROPOSED_COOPERATION")
        text = details(session)
        assert f"He said {XSS_IMG} and {XSS_SCRIPT}" in text
        assert f"Title {XSS_SCRIPT}" in text and XSS_IMG in text
        (href,) = page.eval_on_selector_all("#details a", "(as) => as.map((a) => a.href)")
        assert href.startswith("https://example.org/?q=")
        page.fill("#search-input", XSS_SCRIPT)
        page.press("#search-input", "Enter")
        assert page.inner_text("#details h2") == f"Evil {XSS_IMG}"
        assert page.evaluate("window.pwned") is None
        assert page.evaluate("document.images.length") == 0
        assert page.evaluate("document.querySelectorAll('script').length") == 3
        assert dialogs == []
        assert session.external_requests == [] and session.errors == []


def test_empty_and_undated_graphs_load_cleanly(browser: Any, tmp_path: Path) -> None:
    leader_only = build_graph(
        [
            {
                "id": "u1",
                "title": "Undated",
                "date": None,
                "entities": [
                    {"id": "l", "name": "Ann Leader", "type": "Leader", "country": "BY",
                     "office": "by"},
                    {"id": "by", "name": "Belarus", "type": "Country", "country": "BY"},
                ],
                "relations": [],
            }
        ]
    )  # fmt: skip
    for graph, counts in ((nx.MultiDiGraph(), "0 of 0 entities, 0 of 0 edges shown"),
                          (leader_only, "0 of 2 entities, 0 of 1 edges shown")):  # fmt: skip
        info = write_page(graph, tmp_path / "page.html")
        with offline_page(browser) as session:
            open_page(session, info.path)
            assert session.page.inner_text("#counts") == counts
            assert session.page.locator("#dates").is_hidden()
            assert session.external_requests == [] and session.errors == []
