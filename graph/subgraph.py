"""Cut a graph down to what one page should show: an ego network, some relation types, a date window.

The page draws entities and their relations; `select` decides which. It works on the
networkx model of docs/ARCHITECTURE.md and returns a graph of the same shape (the
Article nodes and MENTIONS edges of the kept relations come along, since the page
reads evidence from them), so the result can also feed the exports.
"""

from __future__ import annotations

import calendar
import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx

from diplograph.graph.model import ENTITY_LABELS, EVENT_TYPES, node_key
from diplograph.ingest.textfold import fold

DEFAULT_MAX_NODES = 5000
"""The page stays usable (opens in under 10 s in headless Chromium) up to this many entities."""

DRAWN_TYPES = (*EVENT_TYPES, "LEADER_OF", "PART_OF")
"""Relation types a page can draw (MENTIONS only carries evidence)."""

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_FULL_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


class FocusNotFoundError(LookupError):
    """No entity has the focus name or alias; the message suggests close names."""


@dataclass(frozen=True)
class Selection:
    """What `select` kept; `warning` is set when the node limit cut the graph."""

    graph: nx.MultiDiGraph
    matched_nodes: int
    """entities that passed the filters, before the node limit"""
    warning: str | None = None

    @property
    def truncated(self) -> bool:
        return self.warning is not None


def date_span(value: Any) -> tuple[str, str] | None:
    """The first and last day a partial ISO date covers: '2021-02' -> ('2021-02-01', '2021-02-28')."""
    match = _DATE.match(value) if isinstance(value, str) else None
    if match is None:
        return None
    year, month, day = match.groups()
    if day:
        return f"{year}-{month}-{day}", f"{year}-{month}-{day}"
    if month:
        last = calendar.monthrange(int(year), int(month))[1] if "01" <= month <= "12" else 31
        return f"{year}-{month}-01", f"{year}-{month}-{last:02d}"
    return f"{year}-01-01", f"{year}-12-31"


def edge_date(data: Mapping[str, Any]) -> tuple[str, str] | None:
    """When an event edge happened: its `when_iso` if it parses, else the article date."""
    return date_span(data.get("when_iso")) or date_span(data.get("date"))


def entity_nodes(graph: nx.MultiDiGraph) -> list[str]:
    return [key for key, label in graph.nodes(data="label") if label in ENTITY_LABELS]


def find_nodes(graph: nx.MultiDiGraph, name: str) -> list[str]:
    """Entity nodes whose name or an alias equals `name`, case and accents folded.

    Raises FocusNotFoundError, with the closest names in its message, when none does.
    """
    wanted = fold(name)
    names: dict[str, list[str]] = {}
    for key in entity_nodes(graph):
        data = graph.nodes[key]
        for text in [data.get("name", ""), *data.get("aliases", [])]:
            names.setdefault(fold(str(text)), []).append(key)
    if wanted in names:
        return sorted(set(names[wanted]))
    close = difflib.get_close_matches(wanted, list(names), n=5, cutoff=0.6)
    hint = f"; did you mean: {', '.join(close)}?" if close else ""
    raise FocusNotFoundError(f"no entity is called {name!r}{hint}")


def select(
    graph: nx.MultiDiGraph,
    *,
    focus: str | None = None,
    depth: int = 1,
    types: Iterable[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    include_undated: bool = False,
    max_nodes: int | None = DEFAULT_MAX_NODES,
) -> Selection:
    """The part of `graph` a page shows.

    - `types`: relation types to keep (case-insensitive; any of DRAWN_TYPES).
    - `since` / `until`: ISO dates, partial ones allowed ('2021', '2021-08'); an event
      edge is kept when its date (`when_iso`, else the article date) overlaps the window;
      one with no date is dropped, unless `include_undated` (the page's "include undated
      relations" box does the same). LEADER_OF and PART_OF are undated: with a window
      they are kept only between entities that have a kept event.
    - With `types` or a window, entities left without any relation are dropped.
    - `focus` (a name or alias) and `depth`: the entities within `depth` hops of the
      focus over the kept relations, regardless of direction. Several entities with
      that name are all centres.
    - `max_nodes`: above it, the entities nearest the focus, then most connected,
      are kept and `warning` says what was cut; None means no limit.
    """
    kept_types = _check_types(types)
    window = _window(since, until)
    if depth < 0:
        raise ValueError("depth must be 0 or more")

    entities = set(entity_nodes(graph))
    edges = [
        (u, v, key, data)
        for u, v, key, data in graph.edges(keys=True, data=True)
        if u in entities
        and v in entities
        and data.get("type") in kept_types
        and _in_window(data, window, include_undated)
    ]
    if window is not None:
        dated = {n for u, v, _, d in edges if d.get("type") in EVENT_TYPES for n in (u, v)}
        edges = [e for e in edges if e[0] in dated and e[1] in dated]
    nodes = {n for u, v, _, _ in edges for n in (u, v)}
    if types is None and window is None:
        nodes = entities

    hops: dict[str, int] = {}
    if focus is not None:
        centres = find_nodes(graph, focus)
        hops = _hops(centres, edges, depth)
        nodes = set(hops)

    matched = len(nodes)
    warning = None
    if max_nodes is not None and matched > max_nodes:
        degree: dict[str, int] = {}
        for u, v, _, _ in edges:
            degree[u] = degree.get(u, 0) + 1
            degree[v] = degree.get(v, 0) + 1
        ranked = sorted(nodes, key=lambda n: (hops.get(n, 0), -degree.get(n, 0), n))
        nodes = set(ranked[:max_nodes])
        warning = (
            f"{matched} entities match; the page shows the {max_nodes} "
            f"{'nearest the focus' if focus else 'most connected'}. Narrow the selection with "
            "--focus NAME --depth N, relation types or a date range."
        )
    return Selection(_build(graph, nodes, edges), matched, warning)


def _check_types(types: Iterable[str] | None) -> frozenset[str]:
    if types is None:
        return frozenset(DRAWN_TYPES)
    wanted = {t.strip().upper() for t in types}
    unknown = wanted - set(DRAWN_TYPES)
    if unknown:
        raise ValueError(
            f"unknown relation type(s) {', '.join(sorted(unknown))}; known: {', '.join(DRAWN_TYPES)}"
        )
    return frozenset(wanted)


def _window(since: str | None, until: str | None) -> tuple[str, str] | None:
    if since is None and until is None:
        return None
    bounds = []
    for name, value, side, default in (("since", since, 0, "0000-01-01"), ("until", until, 1, "9999-12-31")):
        if value is None:
            bounds.append(default)
            continue
        span = date_span(value)
        if span is None or not _FULL_DATE.fullmatch(value):
            raise ValueError(f"{name} must be an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), got {value!r}")
        bounds.append(span[side])
    return bounds[0], bounds[1]


def _in_window(data: Mapping[str, Any], window: tuple[str, str] | None, include_undated: bool) -> bool:
    if window is None or data.get("type") not in EVENT_TYPES:
        return True
    span = edge_date(data)
    if span is None:
        return include_undated
    return span[1] >= window[0] and span[0] <= window[1]


def _hops(
    centres: list[str], edges: list[tuple[str, str, str, dict[str, Any]]], depth: int
) -> dict[str, int]:
    """Breadth-first distance from the nearest centre, up to `depth`, ignoring direction."""
    neighbours: dict[str, set[str]] = {}
    for u, v, _, _ in edges:
        neighbours.setdefault(u, set()).add(v)
        neighbours.setdefault(v, set()).add(u)
    hops = dict.fromkeys(centres, 0)
    frontier = list(hops)
    for distance in range(1, depth + 1):
        reached = []
        for node in frontier:
            for neighbour in neighbours.get(node, ()):
                if neighbour not in hops:
                    hops[neighbour] = distance
                    reached.append(neighbour)
        frontier = reached
    return hops


def _build(
    graph: nx.MultiDiGraph, nodes: set[str], edges: list[tuple[str, str, str, dict[str, Any]]]
) -> nx.MultiDiGraph:
    """The kept entities and relations, plus the articles those relations cite."""
    out = nx.MultiDiGraph()
    out.add_nodes_from((n, graph.nodes[n]) for n in graph if n in nodes)
    out.add_edges_from((u, v, key, data) for u, v, key, data in edges if u in nodes and v in nodes)
    cited = {data["article_id"] for _, _, data in out.edges(data=True) if "article_id" in data}
    for article in cited:
        article_key = node_key("Article", article)
        if article_key not in graph:
            continue
        out.add_node(article_key, **graph.nodes[article_key])
        for _, target, key, data in graph.out_edges(article_key, keys=True, data=True):
            if target in nodes:
                out.add_edge(article_key, target, key=key, **data)
    return out
