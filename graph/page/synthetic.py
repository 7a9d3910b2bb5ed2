"""A large random graph in the model's shape, for the page's scale test and benchmark.

Real extraction output is far smaller today; this stands in for a corpus of years:
heavy-tailed degrees (a few leaders and countries in most stories), parallel reports
of the same meeting, partial `when_iso` dates, and the Article nodes the evidence cites.
"""

from __future__ import annotations

import itertools
import random

import networkx as nx

from diplograph.graph.model import EVENT_TYPES, SYMMETRIC_TYPES, node_key

_SHARE = {"Leader": 0.6, "Country": 0.05, "Region": 0.2, "Organization": 0.15}
_COUNTRIES = ["RU", "BY", "KZ", "CN", "US", "UZ", "AZ", "TR", "DE", "FR", "IN", "AM"]
_TARGETS = {
    "MET_WITH": ("Leader",),
    "HELD_CALL": ("Leader",),
    "PROPOSED_COOPERATION": ("Country", "Region", "Organization"),
    "PLANS_VISIT": ("Country", "Region"),
    "VISITED": ("Country", "Region"),
}


def synthetic_graph(
    nodes: int = 5000,
    edges: int = 20000,
    *,
    seed: int = 1,
    edges_per_article: int = 3,
    isolated: float = 0.0,
    undated: float = 0.0,
) -> nx.MultiDiGraph:
    """`nodes` entities and `edges` relations (events, LEADER_OF, PART_OF) between them.

    `isolated`: the share of entities that articles only mention, with no relation (on
    real news about half: places, ministries, people quoted). `undated`: the share of
    articles without a date.
    """
    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    by_label: dict[str, list[str]] = {label: [] for label in _SHARE}
    weights: dict[str, list[float]] = {label: [] for label in _SHARE}
    lonely: list[str] = []
    for i in range(nodes):
        label = rng.choices(list(_SHARE), weights=list(_SHARE.values()))[0]
        key = node_key(label, f"e{i}")
        name = f"{label} {i}"
        graph.add_node(key, label=label, id=f"e{i}", name=name, aliases=[f"{label[0]}{i}"])
        if label == "Leader":
            graph.nodes[key]["title"] = rng.choice(["President", "Prime Minister", "Governor"])
            graph.nodes[key]["country"] = _COUNTRIES[i % len(_COUNTRIES)]
        if isolated and rng.random() < isolated:
            lonely.append(key)
            continue
        by_label[label].append(key)
        weights[label].append(1.0 / (len(by_label[label]) ** 0.8))  # Zipf-like popularity

    cumulative = {label: list(itertools.accumulate(w)) for label, w in weights.items()}

    def pick(labels: tuple[str, ...]) -> str:
        label = rng.choice([lb for lb in labels if by_label[lb]])
        return rng.choices(by_label[label], cum_weights=cumulative[label])[0]

    structural = 0
    for leader in by_label["Leader"][: edges // 20]:
        graph.add_edge(
            leader,
            pick(("Country", "Region", "Organization")),
            key="LEADER_OF",
            type="LEADER_OF",
            title=graph.nodes[leader]["title"],
        )
        structural += 1
    for region in by_label["Region"][: edges // 20]:
        graph.add_edge(region, pick(("Country",)), key="PART_OF", type="PART_OF")
        structural += 1

    article = 0
    added = 0
    while added < edges - structural:
        if added % edges_per_article == 0:
            article += 1
            month = rng.randint(1, 12)
            outlet = rng.choice(["BelTA", "TASS", "Akorda"])
            date = f"{rng.randint(2018, 2024)}-{month:02d}-{rng.randint(1, 28):02d}"
            graph.add_node(
                node_key("Article", f"a{article}"),
                label="Article",
                id=f"a{article}",
                title=f"Report {article}",
                source=outlet,
                **({} if undated and rng.random() < undated else {"date": date}),
                url=f"https://news.example/{article}",
                path=f"a{article}.txt",
            )
            for mentioned in rng.sample(lonely, min(len(lonely), 3)):
                graph.add_edge(
                    node_key("Article", f"a{article}"), mentioned, key=f"MENTIONS:a{article}", type="MENTIONS"
                )
        rel_type = rng.choice(EVENT_TYPES)
        source, target = pick(("Leader",)), pick(_TARGETS[rel_type])
        if rel_type in SYMMETRIC_TYPES and source > target:
            source, target = target, source
        key = f"{rel_type}:a{article}"
        if source == target or graph.has_edge(source, target, key=key):
            continue
        article_key = node_key("Article", f"a{article}")
        sentence = f"{graph.nodes[source]['name']} and {graph.nodes[target]['name']} ({rel_type})."
        date = graph.nodes[article_key].get("date")
        props = {
            "article_id": f"a{article}",
            **({"date": date} if date else {}),
            "sentences": [sentence],
            "starts": [0],
            "ends": [len(sentence)],
        }
        if rel_type == "PLANS_VISIT" and date:
            props.update(when="next month", when_iso=date[:7])
        graph.add_edge(source, target, key=key, type=rel_type, **props)
        for entity in (source, target):
            graph.add_edge(article_key, entity, key=f"MENTIONS:a{article}", type="MENTIONS")
        added += 1
    return graph
