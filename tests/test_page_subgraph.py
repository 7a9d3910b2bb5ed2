"""select(): ego networks, relation types, date windows and the node limit."""

from __future__ import annotations

import pytest
from test_page_support import paired_graph, sample_graph

from diplograph.graph.subgraph import FocusNotFoundError, Selection, date_span, find_nodes, select


def names(graph) -> set[str]:
    return {d["name"] for _, d in graph.nodes(data=True) if d["label"] != "Article"}


def relation_types(graph) -> set[str]:
    return {d["type"] for _, _, d in graph.edges(data=True) if d["type"] != "MENTIONS"}


ALL = {
    "Aleksandr Lukashenko", "Vladimir Putin", "Kassym-Jomart Tokayev", "Belarus",
    "Russia", "Primorsky Krai", "Eurasian Economic Union",
}  # fmt: skip


def test_no_filter_keeps_every_entity_and_the_cited_articles() -> None:
    selection = select(sample_graph())
    assert names(selection.graph) == ALL
    assert selection.matched_nodes == 7
    assert not selection.truncated and selection.warning is None
    articles = {k for k, d in selection.graph.nodes(data=True) if d["label"] == "Article"}
    assert articles == {"Article:a1", "Article:a2", "Article:a3"}
    assert selection.graph.nodes["Article:a1"]["title"] == "Lukashenko meets Putin in Sochi"


def test_focus_by_folded_alias_and_depth() -> None:
    graph = sample_graph()
    one = select(graph, focus="LUKAŠENKA", depth=1)
    assert names(one.graph) == {
        "Aleksandr Lukashenko", "Vladimir Putin", "Belarus", "Primorsky Krai",
        "Eurasian Economic Union",
    }  # fmt: skip
    two = select(graph, focus="  lukashenko ", depth=2)
    assert names(two.graph) == ALL
    zero = select(graph, focus="Putin", depth=0)
    assert names(zero.graph) == {"Vladimir Putin"}


def test_unknown_focus_suggests_close_names() -> None:
    with pytest.raises(FocusNotFoundError, match="did you mean: vladimir putin"):
        find_nodes(sample_graph(), "Vladimir Puttin")
    with pytest.raises(FocusNotFoundError):
        select(sample_graph(), focus="nobody at all")


def test_relation_types_drop_entities_left_alone() -> None:
    selection = select(sample_graph(), types=["met_with"])
    assert names(selection.graph) == {"Aleksandr Lukashenko", "Vladimir Putin"}
    assert relation_types(selection.graph) == {"MET_WITH"}
    assert len(list(selection.graph.edges(data=True))) - _mentions(selection.graph) == 2
    with pytest.raises(ValueError, match="unknown relation type"):
        select(sample_graph(), types=["MENTIONED_IN_PASSING"])


def _mentions(graph) -> int:
    return sum(1 for _, _, d in graph.edges(data=True) if d["type"] == "MENTIONS")


def test_date_window_uses_when_iso_then_article_date() -> None:
    graph = sample_graph()
    # PLANS_VISIT was reported in March 2021 for August 2021: its when_iso decides
    summer = select(graph, since="2021-06", until="2021-12")
    assert relation_types(summer.graph) == {"MET_WITH", "PLANS_VISIT", "PROPOSED_COOPERATION"}
    met = [d for _, _, d in summer.graph.edges(data=True) if d["type"] == "MET_WITH"]
    assert [d["article_id"] for d in met] == ["a2"]
    # LEADER_OF is undated: kept only between entities with a kept event (Belarus has none)
    assert "Belarus" not in names(summer.graph)
    later = select(graph, since="2022")
    assert names(later.graph) == {"Vladimir Putin", "Kassym-Jomart Tokayev"}
    with pytest.raises(ValueError, match="since must be an ISO date"):
        select(graph, since="March 2021")


def test_undated_relations_leave_a_window_unless_included() -> None:
    graph = paired_graph()

    def calls(selection: Selection) -> list[str]:
        edges = selection.graph.edges(data=True)
        return sorted(d["article_id"] for _, _, d in edges if d["type"] == "HELD_CALL")

    assert calls(select(graph)) == ["a3", "a4"]  # no window: every relation
    assert calls(select(graph, since="2022")) == ["a3"]  # the page's default with a range
    included = select(graph, since="2022", include_undated=True)
    assert calls(included) == ["a3", "a4"]  # the page's "include undated relations" box
    assert "Aleksandr Lukashenko" in names(included.graph)


def test_node_limit_keeps_the_nearest_then_most_connected_and_warns() -> None:
    graph = sample_graph()
    selection = select(graph, max_nodes=2)
    assert selection.truncated
    assert selection.matched_nodes == 7
    assert names(selection.graph) == {"Aleksandr Lukashenko", "Vladimir Putin"}
    assert "--focus" in selection.warning
    focused = select(graph, focus="Tokayev", depth=2, max_nodes=2)
    assert names(focused.graph) == {"Kassym-Jomart Tokayev", "Vladimir Putin"}
    assert select(graph, max_nodes=None).warning is None


def test_date_span_covers_partial_dates() -> None:
    assert date_span("2021-02") == ("2021-02-01", "2021-02-28")
    assert date_span("2024-02") == ("2024-02-01", "2024-02-29")
    assert date_span("2021") == ("2021-01-01", "2021-12-31")
    assert date_span("2021-08-15T10:00") == ("2021-08-15", "2021-08-15")
    assert date_span("next week") is None
    assert date_span(None) is None
