"""Leader nodes after cross-article resolution vs the distinct people of the gold files.

Extracts every gold article, builds the graph (`build_graph`) and counts Leader nodes; folds
the gold Leaders with the same resolver and lists what to hand-check: gold names merged into
one node (possible false merges) and nodes that share a surname skeleton or a name word
(possible splits). Usage:

    .venv/bin/python bench/leader_count.py ../shared/corpus/dev
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from diplograph.graph.model import build_graph
from diplograph.graph.resolve import Resolver, _name_parts, fold
from diplograph.ingest.evaluate import gold_article, read_gold
from diplograph.ingest.extract import extract_articles


def gold_people(gold_dir: Path) -> tuple[dict[str, set[str]], dict[tuple[str, str], str]]:
    """Resolver node id -> the gold names (file:name) folded into it, and (file, gold entity
    id) -> node id."""
    resolver = Resolver()
    nodes: dict[str, set[str]] = defaultdict(set)
    where: dict[tuple[str, str], str] = {}
    for gid, gold in read_gold(gold_dir):
        for entity in gold["entities"]:
            if entity["type"] == "Leader":
                node_id, _ = resolver.resolve(entity)
                nodes[node_id].add(f"{gid}:{entity['name']}")
                where[gid, entity["id"]] = node_id
    return nodes, where


def system_vs_gold(
    gold_dir: Path, records: list[dict], where: dict[tuple[str, str], str]
) -> tuple[dict[str, set[str]], list[str]]:
    """Extracted Leader node -> gold people it stands for (by the eval's name/alias rule),
    and the extracted nodes that match no gold Leader."""
    resolver = Resolver()
    people: dict[str, set[str]] = defaultdict(set)
    spurious = []
    for (gid, gold), record in zip(read_gold(gold_dir), records, strict=True):
        golds = [e for e in gold["entities"] if e["type"] == "Leader"]
        for entity in record["entities"]:
            if entity["type"] != "Leader":
                continue
            node_id, _ = resolver.resolve(entity)
            forms = {fold(f) for f in [entity["name"], *entity["aliases"]]}
            match = [g for g in golds if forms & {fold(f) for f in [g["name"], *g["aliases"]]}]
            if match:
                people[node_id].update(where[gid, g["id"]] for g in match)
            else:
                spurious.append(f"{gid}:{entity['name']}")
                people.setdefault(node_id, set())
    return people, spurious


def suspicious_splits(nodes: dict[str, set[str]]) -> list[tuple[str, str]]:
    """Pairs of nodes whose names share a surname skeleton or a word of four letters or more."""
    keys = sorted(nodes)
    out = []
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            names_a = {n.split(":", 1)[1] for n in nodes[a]}
            names_b = {n.split(":", 1)[1] for n in nodes[b]}
            words_a = {w for n in names_a for w in fold(n).split() if len(w) > 3}
            words_b = {w for n in names_b for w in fold(n).split() if len(w) > 3}
            sur_a = {_name_parts(n)[1] for n in names_a}
            sur_b = {_name_parts(n)[1] for n in names_b}
            if sur_a & sur_b or words_a & words_b:
                out.append((a, b))
    return out


def main(gold_dir: str) -> None:
    folder = Path(gold_dir)
    records = list(extract_articles(gold_article(g, folder / f"{gid}.json") for gid, g in read_gold(folder)))
    graph = build_graph(records)
    leaders = [k for k, d in graph.nodes(data=True) if d.get("label") == "Leader"]
    nodes, where = gold_people(folder)
    print(f"Leader nodes from extraction: {len(leaders)}")
    print(f"gold Leaders folded by the resolver: {len(nodes)}")
    people, spurious = system_vs_gold(folder, records, where)
    merged = {n: p for n, p in people.items() if len(p) > 1}
    owners: dict[str, set[str]] = defaultdict(set)
    for node_id, persons in people.items():
        for person in persons:
            owners[person].add(node_id)
    split = {p: n for p, n in owners.items() if len(n) > 1}
    print(f"extracted nodes matching no gold Leader: {len(spurious)} {spurious}")
    print(f"extracted nodes holding several gold people: {merged}")
    print(f"gold people spread over several extracted nodes: {split}")
    print(f"gold people never extracted: {sorted(set(nodes) - set(owners))}")
    print("\nmerged gold names (check each is one person):")
    for node_id, names in sorted(nodes.items()):
        distinct = {fold(n.split(":", 1)[1]) for n in names}
        if len(distinct) > 1:
            print(f"  {node_id}: {sorted(names)}")
    print("\npossible splits (check whether the two are one person):")
    for a, b in suspicious_splits(nodes):
        print(f"  {a} {sorted(nodes[a])}  <>  {b} {sorted(nodes[b])}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/dev")
