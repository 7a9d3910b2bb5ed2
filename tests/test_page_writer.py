"""write_page() without a browser: what the file holds, self-containment, safe embedding."""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
from pathlib import Path

import networkx as nx
from test_page_support import XSS_IMG, XSS_SCRIPT, paired_graph, sample_graph, xss_records

from diplograph.graph.model import build_graph
from diplograph.graph.page import write_page
from diplograph.graph.page.layout import force_layout

SCRIPT = re.compile(r"<script([^>]*)>(.*?)</script>", re.S)


def page_data(html: str) -> dict:
    (block,) = [body for attrs, body in SCRIPT.findall(html) if 'id="graph-data"' in attrs]
    return json.loads(block)


def test_counts_and_aggregated_edges(tmp_path: Path) -> None:
    info = write_page(sample_graph(), tmp_path / "graph.html", title="Sample")
    assert (info.nodes, info.edges, info.relations) == (7, 7, 8)
    assert info.bytes == (tmp_path / "graph.html").stat().st_size
    data = page_data(info.path.read_text(encoding="utf-8"))
    assert "Article" not in {node["type"] for node in data["info"]}
    met = data["edgeTypes"].index("MET_WITH")
    assert data["edges"][met]["width"] > data["edges"][data["edgeTypes"].index("HELD_CALL")]["width"]
    assert "arrows" not in data["edges"][met]
    assert data["edges"][data["edgeTypes"].index("PLANS_VISIT")]["arrows"] == "to"
    sentences = [s for item in data["evidence"][met] for s in item["s"]]
    assert sentences == [
        "Aleksandr Lukashenko met with Vladimir Putin in Sochi.",
        "Putin and Lukashenko met again in Moscow.",
    ]
    visit = data["evidence"][data["edgeTypes"].index("PLANS_VISIT")][0]
    assert (visit["w"], visit["wi"], visit["d"]) == ("in August", "2021-08", "2021-03-17")
    assert (visit["lo"], visit["hi"]) == ("2021-08-01", "2021-08-31")
    leader = data["info"][[n["name"] for n in data["info"]].index("Aleksandr Lukashenko")]
    assert leader == {
        "type": "Leader",
        "name": "Aleksandr Lukashenko",
        "title": "President",
        "country": "BY",
        "aliases": ["Lukashenko", "Łukašenka"],
        "key": "Leader:aleksandr-lukashenko",
        "ev": True,
        "m": [1, 0],  # the articles that mention him, latest first
    }
    assert [data["articles"][a][0] for a in leader["m"]] == [
        "Second round of talks",
        "Lukashenko meets Putin in Sochi",
    ]
    belarus = data["info"][[n["name"] for n in data["info"]].index("Belarus")]
    assert belarus["ev"] is False  # only LEADER_OF: hidden from the overview by default


def test_pairs_with_several_types_are_drawn_apart_and_hubs_on_top(tmp_path: Path) -> None:
    graph = paired_graph()
    data = page_data(write_page(graph, tmp_path / "graph.html").path.read_text(encoding="utf-8"))
    names = [n["name"] for n in data["info"]]
    pair = {names.index("Aleksandr Lukashenko"), names.index("Vladimir Putin")}
    between = [i for i, e in enumerate(data["edges"]) if {e["from"], e["to"]} == pair]
    assert sorted(data["edgeTypes"][i] for i in between) == ["HELD_CALL", "MET_WITH"]
    bends = [data["edges"][i]["smooth"] for i in between]
    assert {b["type"] for b in bends} == {"curvedCW", "curvedCCW"}  # to either side
    single = data["edgeTypes"].index("PROPOSED_COOPERATION")
    assert "smooth" not in data["edges"][single]
    call = data["edges"][data["edgeTypes"].index("HELD_CALL")]
    assert call["color"] == {"color": "#D55E00", "opacity": 0.35}  # undated: faint
    assert data["edges"][data["edgeTypes"].index("MET_WITH")]["color"] == "#D55E00"
    degree = [0] * len(names)
    for e in data["edges"]:
        degree[e["from"]] += 1
        degree[e["to"]] += 1
    drawn = [degree[n["id"]] for n in data["nodes"]]
    assert drawn == sorted(drawn)  # the most connected drawn last: a click on it opens it


def test_entities_without_events_wait_in_a_grid_beside_the_overview(tmp_path: Path) -> None:
    data = page_data(write_page(sample_graph(), tmp_path / "graph.html").path.read_text(encoding="utf-8"))
    eventful = {i for i, n in enumerate(data["info"]) if n["ev"]}
    xs = {n["id"]: n["x"] for n in data["nodes"]}
    assert len(eventful) == 5
    assert min(xs[i] for i in range(7) if i not in eventful) > max(xs[i] for i in eventful)


def test_page_is_self_contained(tmp_path: Path) -> None:
    html = write_page(sample_graph(), tmp_path / "graph.html").path.read_text(encoding="utf-8")
    assert not re.search(r"<(link|img|iframe|object|embed)\b", html, re.I)
    assert not re.search(r"<script[^>]*\bsrc=", html, re.I)
    assert not re.search(r"@import|url\((?![\"']?data:)", html)
    assert "default-src 'none'" in html


def test_csp_allows_exactly_the_inline_scripts(tmp_path: Path) -> None:
    html = write_page(sample_graph(), tmp_path / "graph.html").path.read_text(encoding="utf-8")
    csp = re.search(r"script-src ([^;]*);", html).group(1).split()
    executable = [body for attrs, body in SCRIPT.findall(html) if "application/json" not in attrs]
    hashes = [
        "'sha256-" + base64.b64encode(hashlib.sha256(b.encode()).digest()).decode() + "'" for b in executable
    ]
    assert len(executable) == 2
    assert sorted(hashes) == sorted(csp)


def test_article_text_cannot_break_out_of_the_data_block(tmp_path: Path) -> None:
    info = write_page(build_graph(xss_records()), tmp_path / "x.html", title=f"T {XSS_SCRIPT}")
    html = info.path.read_text(encoding="utf-8")
    assert XSS_SCRIPT not in html and XSS_IMG not in html
    assert "<script>window" not in html
    assert "\u2028" not in html
    assert html.count("</script>") == 3  # the data block, vis-network and the page script
    data = page_data(html)
    assert data["info"][0]["name"] == f"Evil {XSS_IMG}"
    assert data["articles"][0][:2] == [f"Title {XSS_SCRIPT}", XSS_IMG]
    assert data["evidence"][0][0]["s"] == [f"He said {XSS_IMG} and {XSS_SCRIPT} \u2028 twice."]
    assert "<title>T &lt;/script&gt;" in html


def test_layout_is_deterministic_and_keeps_small_components_near() -> None:
    graph = nx.barabasi_albert_graph(1200, 2, seed=3)  # above the exact-repulsion limit
    graph.add_edges_from((2000 + i, 2001 + i) for i in range(0, 40, 2))  # 20 lone pairs
    graph.add_nodes_from(range(3000, 3020))  # 20 isolated nodes
    nodes, edges = list(graph.nodes), list(graph.edges)
    first = force_layout(nodes, edges, seed=5)
    assert first == force_layout(nodes, edges, seed=5)
    radius = {n: math.hypot(*first[n]) for n in nodes}
    assert all(math.isfinite(r) for r in radius.values())
    main = sorted(radius[n] for n in range(1200))
    outer = max(radius[n] for n in nodes if n >= 2000)
    assert outer < 2 * main[int(0.9 * len(main))]
