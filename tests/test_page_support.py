"""Shared by the page tests: small hand-written extraction records and a headless Chromium.

No tests here; pytest collects the module by its name and finds none.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from diplograph.graph.model import build_graph

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_SCRIPT = "</script><script>window.pwned=1</script>"


def _entity(eid: str, name: str, etype: str, **extra: Any) -> dict[str, Any]:
    return {"id": eid, "name": name, "type": etype, "aliases": [], "country": None, **extra}


def _relation(rtype: str, source: str, target: str, sentence: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": rtype,
        "source": source,
        "target": target,
        "evidence": [{"sentence": sentence, "start": 0, "end": len(sentence)}],
        **extra,
    }


def records() -> list[dict[str, Any]]:
    """Three articles: Belarus-Russia meetings twice, a visit plan, a call, cooperation."""
    lukashenko = _entity(
        "lukashenko",
        "Aleksandr Lukashenko",
        "Leader",
        aliases=["Lukashenko", "Łukašenka"],
        country="BY",
        title="President",
        office="belarus",
    )
    putin = _entity(
        "putin",
        "Vladimir Putin",
        "Leader",
        aliases=["Putin"],
        country="RU",
        title="President",
        office="russia",
    )
    belarus = _entity("belarus", "Belarus", "Country", aliases=["Belarusian"], country="BY")
    russia = _entity("russia", "Russia", "Country", country="RU")
    primorsky = _entity("primorsky", "Primorsky Krai", "Region", country="RU", iso3166_2="RU-PRI")
    eaeu = _entity("eaeu", "Eurasian Economic Union", "Organization", aliases=["EAEU"])
    tokayev = _entity(
        "tokayev", "Kassym-Jomart Tokayev", "Leader", aliases=["Tokayev"], country="KZ", title="President"
    )
    return [
        {
            "id": "a1",
            "title": "Lukashenko meets Putin in Sochi",
            "source": "BelTA",
            "url": "https://example.org/a1",
            "date": "2021-03-17",
            "path": "a1.txt",
            "entities": [lukashenko, putin, belarus, russia, primorsky],
            "relations": [
                _relation(
                    "MET_WITH",
                    "lukashenko",
                    "putin",
                    "Aleksandr Lukashenko met with Vladimir Putin in Sochi.",
                    cameo="040",
                    plover="CONSULT",
                ),
                _relation(
                    "PLANS_VISIT",
                    "lukashenko",
                    "primorsky",
                    "Lukashenko plans to visit Primorsky Krai in August.",
                    when="in August",
                    when_iso="2021-08",
                    cameo="036",
                    plover="CONSULT",
                ),
            ],
        },
        {
            "id": "a2",
            "title": "Second round of talks",
            "source": "TASS",
            "url": "javascript:alert(1)",
            "date": "2021-09-09",
            "path": "a2.txt",
            "entities": [lukashenko, putin, eaeu, belarus],
            "relations": [
                _relation(
                    "MET_WITH",
                    "putin",
                    "lukashenko",
                    "Putin and Lukashenko met again in Moscow.",
                    cameo="040",
                ),
                _relation(
                    "PROPOSED_COOPERATION",
                    "lukashenko",
                    "eaeu",
                    "Lukashenko proposed deeper cooperation within the EAEU.",
                ),
            ],
        },
        {
            "id": "a3",
            "title": "Phone call",
            "source": "Akorda",
            "url": None,
            "date": "2022-01-05",
            "path": "a3.txt",
            "entities": [tokayev, putin],
            "relations": [
                _relation("HELD_CALL", "tokayev", "putin", "Tokayev held a phone call with Putin."),
            ],
        },
    ]


def undated_call() -> dict[str, Any]:
    """An article without a date: Lukashenko and Putin also held a call (a second type for the pair)."""
    lukashenko, putin = (
        _entity("lukashenko", "Aleksandr Lukashenko", "Leader", country="BY", title="President"),
        _entity("putin", "Vladimir Putin", "Leader", country="RU", title="President"),
    )
    return {
        "id": "a4",
        "title": "Telephone conversation",
        "source": "BelTA",
        "url": "https://example.org/a4",
        "date": None,
        "path": "a4.txt",
        "entities": [lukashenko, putin],
        "relations": [
            _relation("HELD_CALL", "lukashenko", "putin", "Lukashenko spoke with Putin by telephone."),
        ],
    }


def xss_records() -> list[dict[str, Any]]:
    """An article whose names, sentences, title, source and URL try to inject HTML and script."""
    bad = _entity("bad", f"Evil {XSS_IMG}", "Leader", aliases=[XSS_SCRIPT], country="BY", title=XSS_SCRIPT)
    org = _entity("org", f"Org {XSS_SCRIPT}", "Organization", aliases=[XSS_IMG])
    return [
        {
            "id": "x1",
            "title": f"Title {XSS_SCRIPT}",
            "source": XSS_IMG,
            "url": f"https://example.org/?q={XSS_SCRIPT}",
            "date": "2021-05-05",
            "path": "x.txt",
            "entities": [bad, org],
            "relations": [
                _relation(
                    "PROPOSED_COOPERATION", "bad", "org", f"He said {XSS_IMG} and {XSS_SCRIPT} \u2028 twice."
                ),
            ],
        }
    ]


def sample_graph() -> nx.MultiDiGraph:
    return build_graph(records())


def paired_graph() -> nx.MultiDiGraph:
    """The sample plus the undated call: Lukashenko and Putin met and called."""
    return build_graph([*records(), undated_call()])


@dataclass
class PageSession:
    """A page in headless Chromium, with every request and console message it made."""

    page: Any
    requests: list[str] = field(default_factory=list)
    console: list[tuple[str, str]] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        return [text for kind, text in self.console if kind == "error"] + self.page_errors

    @property
    def external_requests(self) -> list[str]:
        return [url for url in self.requests if not url.startswith(("file:", "data:", "about:"))]


@contextmanager
def chromium() -> Iterator[Any]:
    """Headless Chromium from Debian (Playwright's own browser download is not reachable here).

    Playwright gives each launch a fresh temporary profile (--user-data-dir).
    """
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is not installed (apt-get install chromium chromium-driver)", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def offline_page(browser: Any, viewport: tuple[int, int] = (1400, 900)) -> Iterator[PageSession]:
    """A fresh offline context: every request is recorded; all but file: URLs are aborted."""
    context = browser.new_context(offline=True, viewport={"width": viewport[0], "height": viewport[1]})
    try:
        page = context.new_page()
        session = PageSession(page)
        page.on("request", lambda request: session.requests.append(request.url))
        page.on("console", lambda msg: session.console.append((msg.type, msg.text)))
        page.on("pageerror", lambda error: session.page_errors.append(str(error)))
        page.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith("file:")
                else route.abort("internetdisconnected")
            ),
        )
        yield session
    finally:
        context.close()


def open_page(session: PageSession, path: Path, timeout_ms: int = 20_000) -> None:
    session.page.goto(path.resolve().as_uri())
    session.page.wait_for_selector("body[data-ready=true]", state="attached", timeout=timeout_ms)


def time_to_usable(session: PageSession, path: Path, timeout_ms: int = 60_000) -> dict[str, Any]:
    """Seconds from starting to load `path` until it is drawn, and until a click on its most
    connected node has filled the details panel (the page answers a reader); `hub` is that
    node's id and `opened` the id of the node whose panel the click opened."""
    page = session.page
    start = time.perf_counter()
    open_page(session, path, timeout_ms)
    drawn = time.perf_counter() - start
    hub = page.evaluate(
        """() => { const d = window.diplograph;
                   const ids = d.nodes.getIds().filter((id) => !d.nodes.get(id).hidden);
                   return ids.reduce((a, b) => d.network.getConnectedEdges(b).length
                                                > d.network.getConnectedEdges(a).length ? b : a); }"""
    )
    box = page.locator("#network").bounding_box()
    point = page.evaluate("(id) => window.diplograph.domPosition(id)", hub)
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
    page.wait_for_selector("#details h2", timeout=timeout_ms)
    usable = time.perf_counter() - start
    return {
        "drawn_s": drawn,
        "drawn_in_page_s": page.evaluate("window.diplographReady") / 1000,
        "usable_s": usable,
        "hub": hub,
        "opened": page.evaluate("window.diplograph.focused()"),
    }


REDRAWS = """async (steps) => {
  // milliseconds from a pan or zoom of the view to the end of the frame that shows it,
  // on the page's own clock; alternately a pan by a tenth of the screen and a 10% zoom
  const net = window.diplograph.network;
  const frame = (move) => new Promise((done) => {
    const start = performance.now();
    net.once("afterDrawing", () => done(performance.now() - start));
    move();
  });
  const times = { pan: [], zoom: [] };
  for (let i = 0; i < steps; i++) {
    const view = net.getViewPosition();
    const scale = net.getScale();
    const step = (i % 4 < 2 ? 1 : -1) * net.body.container.clientWidth / 10 / scale;
    times.pan.push(await frame(() => net.moveTo({ position: { x: view.x + step, y: view.y } })));
    const factor = i % 4 < 2 ? 1.1 : 1 / 1.1;
    times.zoom.push(await frame(() => net.moveTo({ scale: scale * factor })));
  }
  return times;
}"""


def redraw_times(session: PageSession, steps: int = 20) -> dict[str, list[float]]:
    """Frame times (ms) of `steps` pans and `steps` zooms around the current view."""
    return session.page.evaluate(REDRAWS, steps)
