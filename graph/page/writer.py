"""Write the graph as one self-contained, offline HTML page drawn by vis-network (via pyvis).

Everything the page needs is inside the file: the vis-network script and stylesheet
that ship in the pyvis package, our own script and stylesheet (package data beside this
module), and the graph as JSON. A Content-Security-Policy forbids every network request
and runs only the page's own scripts, named by their hashes.

The JSON sits in a non-executed <script type="application/json"> block with `<`, `>`,
`&`, U+2028 and U+2029 escaped, so no text from an article can close the block, and the
page's script puts article text into the DOM with textContent only.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from collections.abc import Hashable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx
import pyvis
from markupsafe import Markup
from pyvis.network import Network

from diplograph.graph.model import ENTITY_LABELS, EVENT_TYPES, SYMMETRIC_TYPES, node_key
from diplograph.graph.page.layout import force_layout
from diplograph.graph.subgraph import DRAWN_TYPES, edge_date
from diplograph.ingest.textfold import js_fold_table

VIS_DIR = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"

NODE_STYLES: dict[str, dict[str, str]] = {
    # Okabe-Ito colours: told apart with the common colour-vision deficiencies
    "Leader": {"color": "#E69F00", "border": "#8a5f00", "shape": "dot"},
    "Country": {"color": "#0072B2", "border": "#00466e", "shape": "square"},
    "Region": {"color": "#009E73", "border": "#005c43", "shape": "triangle"},
    "Organization": {"color": "#CC79A7", "border": "#7d3f63", "shape": "diamond"},
}
EDGE_STYLES: dict[str, dict[str, Any]] = {
    "MET_WITH": {"color": "#D55E00", "dashes": False},
    "HELD_CALL": {"color": "#D55E00", "dashes": [8, 5]},
    "PROPOSED_COOPERATION": {"color": "#009E73", "dashes": False},
    "PLANS_VISIT": {"color": "#0072B2", "dashes": [8, 5]},
    "VISITED": {"color": "#0072B2", "dashes": False},
    "LEADER_OF": {"color": "#7f7f7f", "dashes": [2, 4]},
    "PART_OF": {"color": "#b0b0b0", "dashes": [10, 4, 2, 4]},
}
_BIG = 1500  # edges above which the page draws its overview itself and hides edges while panning
_UNDATED_OPACITY = 0.35
_GRID_STEP = 60.0  # spacing of the grid of entities without an event relation
# colours of the most frequent countries when the page colours by country (Okabe-Ito and Tol)
_COUNTRY_COLORS = [
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
    "#332288", "#88CCEE", "#44AA99", "#117733", "#999933", "#DDCC77", "#882255",
]  # fmt: skip


@dataclass(frozen=True)
class PageInfo:
    """What `write_page` wrote."""

    path: Path
    nodes: int
    """entities drawn"""
    edges: int
    """drawn edges (parallel relations of one type between a pair are one edge)"""
    relations: int
    """relations behind the drawn edges"""
    bytes: int


def write_page(
    graph: nx.MultiDiGraph, path: Path, *, title: str = "diplograph network", seed: int = 7
) -> PageInfo:
    """Write `graph` (the model of docs/ARCHITECTURE.md) as an HTML page at `path`.

    Article nodes and MENTIONS edges are not drawn: the articles appear as the evidence
    of the edges that cite them. `seed` fixes the layout.
    """
    data, net = _page_data(graph, seed)
    html = _render(net, data, title)
    path = Path(path)
    path.write_text(html, encoding="utf-8")
    return PageInfo(
        path=path,
        nodes=len(net.nodes),
        edges=len(net.edges),
        relations=sum(len(ev) for ev in data["evidence"]),
        bytes=len(html.encode("utf-8")),
    )


def _page_data(graph: nx.MultiDiGraph, seed: int) -> tuple[dict[str, Any], Network]:
    keys = _entities_by_degree(graph)
    index = {key: i for i, key in enumerate(keys)}

    groups: dict[tuple[str, int, int], list[dict[str, Any]]] = {}
    for u, v, data in graph.edges(data=True):
        rel_type = data.get("type")
        if rel_type not in DRAWN_TYPES or u not in index or v not in index:
            continue
        a, b = index[u], index[v]
        if rel_type in SYMMETRIC_TYPES and a > b:
            a, b = b, a
        groups.setdefault((rel_type, a, b), []).append(data)

    articles: dict[str, int] = {}
    article_rows: list[list[str]] = []

    def article_ref(article_id: str) -> int:
        if article_id not in articles:
            node = graph.nodes.get(node_key("Article", article_id), {})
            articles[article_id] = len(article_rows)
            article_rows.append(
                [str(node.get(f, "")) for f in ("title", "source", "date", "url")] + [article_id]
            )
        return articles[article_id]

    degree = [0] * len(keys)
    eventful = [False] * len(keys)
    for rel_type, a, b in groups:
        degree[a] += 1
        degree[b] += 1
        if rel_type in EVENT_TYPES:
            eventful[a] = eventful[b] = True
    positions = _positions(len(keys), [(a, b) for _, a, b in groups], eventful, seed)

    net = Network(directed=False)
    for i in range(len(keys)):
        label = graph.nodes[keys[i]]["label"]
        x, y = positions[i]
        net.add_node(
            i,
            label=str(graph.nodes[keys[i]].get("name") or keys[i]),
            shape=NODE_STYLES[label]["shape"],
            group=label,
            x=round(x, 1),
            y=round(y, 1),
            size=round(min(8 + 2.5 * math.sqrt(degree[i]), 30), 1),
        )
    bends = _bends(list(groups))
    evidence: list[list[dict[str, Any]]] = []
    for (rel_type, a, b), items in groups.items():
        style = EDGE_STYLES[rel_type]
        entries = [_evidence(item, article_ref) for item in items]
        undated = rel_type in EVENT_TYPES and not any("lo" in entry for entry in entries)
        _add_edge(
            net,
            a,
            b,
            id=len(evidence),
            # an undated event is drawn faint: the date filter cannot place it
            color={"color": style["color"], "opacity": _UNDATED_OPACITY} if undated else style["color"],
            dashes=style["dashes"],
            width=round(1 + 1.5 * math.log2(len(items)), 2),
            **({} if rel_type in SYMMETRIC_TYPES else {"arrows": "to"}),
            **({"smooth": bends[len(evidence)]} if bends[len(evidence)] else {}),
        )
        evidence.append(entries)

    mentions: list[list[int]] = [[] for _ in keys]
    for article_key, target, data in graph.edges(data=True):
        if data.get("type") == "MENTIONS" and target in index:
            article_id = graph.nodes[article_key].get("id")
            if article_id:
                mentions[index[target]].append(article_ref(str(article_id)))

    info = [_node_info(graph.nodes[key]) for key in keys]
    for i, node in enumerate(info):
        node["key"] = keys[i]
        node["ev"] = eventful[i]
        if mentions[i]:
            node["m"] = sorted(set(mentions[i]), key=lambda a: (article_rows[a][2], a), reverse=True)
    data = {
        "nodeStyles": NODE_STYLES,
        "edgeStyles": EDGE_STYLES,
        "directed": [t for t in DRAWN_TYPES if t not in SYMMETRIC_TYPES],
        "events": list(EVENT_TYPES),
        "info": info,
        "edgeTypes": [rel_type for rel_type, _, _ in groups],
        "evidence": evidence,
        "articles": article_rows,
        "countryColors": _COUNTRY_COLORS,
        # the search box folds names as Python does (ingest/textfold.py)
        "foldTable": js_fold_table(
            str(n)
            for key in keys
            for n in [graph.nodes[key].get("name") or "", *graph.nodes[key].get("aliases", [])]
        ),
    }
    return data, net


def _entities_by_degree(graph: nx.MultiDiGraph) -> list[str]:
    """Entity keys, least connected first (by drawn edges: pairs per relation type).

    vis-network draws nodes in the order of their ids and a click opens the topmost node
    under the pointer, so the most connected go last: drawn on top, a click on a hub opens it.
    """
    keys = [k for k, label in graph.nodes(data="label") if label in ENTITY_LABELS]
    wanted = set(keys)
    drawn = {
        (data["type"], *((u, v) if data["type"] not in SYMMETRIC_TYPES else sorted((u, v))))
        for u, v, data in graph.edges(data=True)
        if data.get("type") in DRAWN_TYPES and u in wanted and v in wanted
    }
    degree = dict.fromkeys(keys, 0)
    for _, u, v in drawn:
        degree[u] += 1
        degree[v] += 1
    order = {key: i for i, key in enumerate(keys)}
    return sorted(keys, key=lambda key: (degree[key], order[key]))


def _positions(
    n: int, pairs: list[tuple[int, int]], eventful: list[bool], seed: int
) -> list[tuple[float, float]]:
    """The overview's layout: entities with an event relation laid out by force, the rest in a
    grid to the right, out of the way (they are hidden until the reader asks for them)."""
    shown = [i for i in range(n) if eventful[i]]
    if not shown:
        return _grid(list(range(n)), 0.0, 0.0)
    laid = force_layout(shown, [(a, b) for a, b in pairs if eventful[a] and eventful[b]], seed=seed)
    positions: list[tuple[float, float]] = [(0.0, 0.0)] * n
    for i, xy in laid.items():
        positions[i] = xy
    xs = [xy[0] for xy in laid.values()]
    ys = [xy[1] for xy in laid.values()]
    rest = [i for i in range(n) if not eventful[i]]
    for i, xy in zip(rest, _grid(rest, max(xs) + 2 * _GRID_STEP, min(ys)), strict=True):
        positions[i] = xy
    return positions


def _grid(items: list[int], left: float, top: float) -> list[tuple[float, float]]:
    columns = max(1, math.ceil(math.sqrt(len(items))))
    return [(left + (k % columns) * _GRID_STEP, top + (k // columns) * _GRID_STEP) for k in range(len(items))]


def _bends(groups: list[tuple[str, int, int]]) -> list[dict[str, Any] | None]:
    """vis `smooth` options that draw several relation types between one pair apart.

    A pair with one type gets a straight line; with several, the k-th type bends
    alternately to either side, further each time. Bends are given for the pair's
    lower-to-higher direction and mirrored for edges drawn the other way.
    """
    by_pair: dict[tuple[int, int], list[int]] = {}
    for position, (_, a, b) in enumerate(groups):
        by_pair.setdefault((min(a, b), max(a, b)), []).append(position)
    bends: list[dict[str, Any] | None] = [None] * len(groups)
    for (low, _), positions in by_pair.items():
        if len(positions) < 2:
            continue
        for k, position in enumerate(positions):
            clockwise = k % 2 == 0
            if groups[position][1] != low:
                clockwise = not clockwise
            bends[position] = {
                "enabled": True,
                "type": "curvedCW" if clockwise else "curvedCCW",
                "roundness": round(0.2 * (k // 2 + 1), 2),
            }
    return bends


def _add_edge(net: Network, source: Hashable, target: Hashable, **options: Any) -> None:
    """pyvis's Edge record, appended without add_edge's per-edge scan of every node."""
    net.edges.append(pyvis.edge.Edge(source, target, **options).options)


def _node_info(node: dict[str, Any]) -> dict[str, Any]:
    info = {"type": node["label"], "name": str(node.get("name") or node.get("id", ""))}
    for field in ("title", "country"):
        if node.get(field):
            info[field] = str(node[field])
    aliases = [str(a) for a in node.get("aliases", []) if a and a != node.get("name")]
    if aliases:
        info["aliases"] = aliases
    return info


def _evidence(data: dict[str, Any], article_ref: Any) -> dict[str, Any]:
    """One relation's evidence, with the span of days it covers for the date filter."""
    item: dict[str, Any] = {"s": [str(s) for s in data.get("sentences", [])]}
    if data.get("article_id"):
        item["a"] = article_ref(str(data["article_id"]))
    for field, short in (("when", "w"), ("when_iso", "wi"), ("date", "d"), ("title", "t")):
        if data.get(field):
            item[short] = str(data[field])
    span = edge_date(data) if "article_id" in data else None
    if span is not None:
        item["lo"], item["hi"] = span
    return item


def _options(big: bool) -> str:
    groups = {
        label: {
            "shape": style["shape"],
            "color": {
                "background": style["color"],
                "border": style["border"],
                "highlight": {"background": style["color"], "border": "#000000"},
            },
        }
        for label, style in NODE_STYLES.items()
    }
    return json.dumps(
        {
            "physics": {"enabled": False},
            "layout": {"improvedLayout": False},
            "groups": groups,
            # a border is a canvas save/stroke/restore per node per frame: too slow at 5k nodes
            "nodes": {
                "physics": False,  # the page's re-layout switches it on for the shown nodes only
                "borderWidth": 0 if big else 1,
                "borderWidthSelected": 3,
                "font": {"size": 14, "face": "sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
            },
            "edges": {
                "physics": False,
                "smooth": False,
                "selectionWidth": 2,
                "arrows": {"to": {"scaleFactor": 0.6}},
            },
            "interaction": {
                "hover": False,
                "hideEdgesOnDrag": big,
                "hideEdgesOnZoom": big,
                "tooltipDelay": 300,
            },
        }
    )


def _safe_json(value: Any) -> str:
    """JSON that cannot end or comment out the <script> block it is embedded in."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _render(net: Network, data: dict[str, Any], title: str) -> str:
    big = len(net.edges) > _BIG
    net.set_options(_options(big=big))
    nodes, edges, _, _, _, options = net.get_network_data()
    package = resources.files("diplograph.graph.page")
    vis_js = (VIS_DIR / "vis-network.min.js").read_text(encoding="utf-8")
    page_js = package.joinpath("page.js").read_text(encoding="utf-8")
    data_json = _safe_json(
        {**data, "big": big, "nodes": nodes, "edges": edges, "options": json.loads(options)}
    )
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    template = env.from_string(package.joinpath("template.html").read_text(encoding="utf-8"))
    return template.render(
        title=title,
        csp_scripts=Markup(" ".join(_csp_hash(s) for s in (vis_js, page_js))),
        vis_css=Markup((VIS_DIR / "vis-network.css").read_text(encoding="utf-8")),
        page_css=Markup(package.joinpath("page.css").read_text(encoding="utf-8")),
        vis_js=Markup(vis_js),
        page_js=Markup(page_js),
        data_json=Markup(data_json),
    )
