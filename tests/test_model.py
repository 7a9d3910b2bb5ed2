"""Extraction records become the networkx graph the stores, page and exports share."""

from __future__ import annotations

from diplograph.graph.export import to_graphml, to_json
from diplograph.graph.model import article_fragment, build_graph
from diplograph.graph.resolve import Resolver

SENTENCE = "President Ana Petrova received Foreign Minister Ion Rusu in Chisinau."


def _record(article_id: str, *, rusu_spelling: str = "Ion Rusu") -> dict:
    return {
        "id": article_id,
        "title": "Talks",
        "source": "Wire",
        "url": None,
        "date": "2024-05-06",
        "path": "a.txt",
        "entities": [
            {
                "id": "petrova",
                "name": "Ana Petrova",
                "type": "Leader",
                "aliases": ["the president"],
                "country": "MD",
                "title": "President",
                "office": "moldova",
            },
            {
                "id": "rusu",
                "name": rusu_spelling,
                "type": "Leader",
                "aliases": [],
                "country": "RO",
                "title": "Foreign Minister",
            },
            {"id": "moldova", "name": "Moldova", "type": "Country", "aliases": ["Moldovan"], "country": "MD"},
            {
                "id": "chisinau",
                "name": "Chisinau",
                "type": "Region",
                "aliases": [],
                "country": "MD",
                "iso3166_2": "MD-CU",
            },
        ],
        "relations": [
            {
                "type": "MET_WITH",
                "source": "rusu",
                "target": "petrova",
                "evidence": [{"sentence": SENTENCE, "start": 0, "end": len(SENTENCE)}],
                "cameo": "040",
                "plover": "CONSULT",
            },
            {
                "type": "PLANS_VISIT",
                "source": "petrova",
                "target": "chisinau",
                "evidence": [],
                "when": "in May",
                "when_iso": "2024-05",
            },
            {"type": "MET_WITH", "source": "petrova", "target": "nobody", "evidence": []},
        ],
    }


def test_fragment_nodes_edges_and_provenance() -> None:
    graph = article_fragment(_record("a1"), Resolver())
    assert set(graph.nodes) == {
        "Article:a1",
        "Leader:ana-petrova",
        "Leader:ion-rusu",
        "Country:MD",
        "Region:MD-CU",
    }
    types = sorted(d["type"] for _, _, d in graph.edges(data=True))
    assert types == [
        "LEADER_OF",
        "MENTIONS",
        "MENTIONS",
        "MENTIONS",
        "MENTIONS",
        "MET_WITH",
        "PART_OF",
        "PLANS_VISIT",
    ]
    [(source, target, met)] = [(s, t, d) for s, t, d in graph.edges(data=True) if d["type"] == "MET_WITH"]
    # symmetric: stored once, from the lower key to the higher, whatever the record's direction
    assert (source, target) == ("Leader:ana-petrova", "Leader:ion-rusu")
    assert met["sentences"] == [SENTENCE] and met["starts"] == [0] and met["ends"] == [len(SENTENCE)]
    assert (met["article_id"], met["date"], met["cameo"]) == ("a1", "2024-05-06", "040")
    visit = next(d for _, _, d in graph.edges(data=True) if d["type"] == "PLANS_VISIT")
    assert (visit["when"], visit["when_iso"]) == ("in May", "2024-05")
    assert "url" not in graph.nodes["Article:a1"]  # None is never stored


def test_two_articles_give_one_person_and_one_edge_per_article() -> None:
    graph = build_graph([_record("a1"), _record("a2", rusu_spelling="Ion Rusu")])
    leaders = [n for n, d in graph.nodes(data=True) if d["label"] == "Leader"]
    assert sorted(leaders) == ["Leader:ana-petrova", "Leader:ion-rusu"]
    meetings = [k for _, _, k, d in graph.edges(keys=True, data=True) if d["type"] == "MET_WITH"]
    assert sorted(meetings) == ["MET_WITH:a1", "MET_WITH:a2"]


def test_exports_keep_every_property() -> None:
    graph = build_graph([_record("a1")])
    assert '"sentences": [' in to_json(graph)
    graphml = to_graphml(graph)
    assert "President Ana Petrova received" in graphml and "MD-CU" in graphml
