"""One node per person? Leader nodes after ingesting gold articles into one store, against
the distinct people of the gold files (issue 15).

Extracts every gold article's text, stores the records as one ingest run would (curation
and canonical ids included) in a fresh embedded FalkorDB store, then maps each Leader node
to the gold people of the articles that mention it: a gold Leader of that article whose
name or alias folds like one of the node's forms, or shares the node's surname key and
given-name key. Gold people: gold Leaders of different files are one person when they share
a name or alias of two words or more (folded), or the same given-name and surname keys;
each person is shown by the first gold name met. The split and merged lists show what
that grouping did, so it can be checked by hand.

Prints: Leader nodes vs distinct gold people; nodes that are no gold person (split into
"not a person" when the article's gold has that name as a Country, Region or
Organization, and "no gold Leader" otherwise: a person the gold does not count as a
leader, or a fragment); people split over several nodes; nodes holding several people;
nodes whose country is not the gold person's. Every error is listed.

Usage (the held-out validation split is left out while developing):

    .venv/bin/python bench/leader_resolution.py ../shared/corpus/dev ../shared/corpus/train \
        --exclude bench/validation_split.txt
    .venv/bin/python bench/leader_resolution.py ../shared/corpus/dev ../shared/corpus/train
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

from diplograph.graph.ingest_run import write_records
from diplograph.graph.resolve import _name_parts, is_name_alias
from diplograph.graph.stores.falkordb_lite import FalkorStore
from diplograph.ingest.evaluate import gold_article, read_gold
from diplograph.ingest.extract import extract_articles
from diplograph.ingest.textfold import fold


def _held_out(path: Path | None) -> set[str]:
    if path is None:
        return set()
    return {
        line.strip()
        for line in path.read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }


def _forms(entity: dict) -> set[str]:
    """Folded names and aliases of two words or more ("Biden" alone is Joe's and Jill's)."""
    names = [entity.get("name") or "", *(entity.get("aliases") or [])]
    return {fold(f) for f in names if " " in fold(f) and is_name_alias(f)}


def _keys(names: set[str] | list[str]) -> set[tuple[str, str]]:
    return {k for n in names if (k := _name_parts(n))[1] and k[0]}


def _gold_people(golds: list[dict]) -> tuple[dict[str, dict], dict[int, str]]:
    """Distinct gold people (shown name -> a gold entity) and each gold Leader's person."""
    entities = [e for gold in golds for e in gold["entities"] if e["type"] == "Leader"]
    parent = list(range(len(entities)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    seen: dict[object, int] = {}
    for i, entity in enumerate(entities):
        names = [n for n in [entity["name"], *entity.get("aliases", [])] if is_name_alias(n)]
        multiword = {fold(n) for n in names if " " in fold(n)}
        for key in [*multiword, *_keys([entity["name"]])]:
            if key in seen:
                parent[root(i)] = root(seen[key])
            else:
                seen[key] = i
    shown: dict[int, str] = {}
    for i, entity in enumerate(entities):
        shown.setdefault(root(i), fold(entity["name"]))
    people = {shown[root(i)]: e for i, e in reversed(list(enumerate(entities)))}
    return people, {id(e): shown[root(i)] for i, e in enumerate(entities)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("gold_dirs", nargs="+", type=Path)
    parser.add_argument("--exclude", type=Path, help="file of article ids (file stems) to leave out")
    args = parser.parse_args()
    skip = _held_out(args.exclude)

    golds = []
    for folder in args.gold_dirs:
        golds += [
            (f"{folder.name}/{gid}", gid, gold, folder / f"{gid}.json")
            for gid, gold in read_gold(folder)
            if gid not in skip
        ]
    started = time.perf_counter()
    records = list(extract_articles([gold_article(g, path) for _, _, g, path in golds]))
    extracted = time.perf_counter() - started

    with tempfile.TemporaryDirectory() as tmp, FalkorStore(Path(tmp) / "store") as store:
        started = time.perf_counter()
        write_records(store, [r for r in records if "error" not in r])
        stored = time.perf_counter() - started
        _, rows = store.run("MATCH (a:Article)-[:MENTIONS]->(l:Leader) RETURN a.id, l.id")
        leaders = {p["id"]: p for p in store.leaders()}

    by_article: defaultdict[str, set[str]] = defaultdict(set)
    for article_id, node_id in rows:
        by_article[article_id].add(node_id)

    people, person_of = _gold_people([g for _, _, g, _ in golds])
    node_people: defaultdict[str, set[str]] = defaultdict(set)
    non_person: defaultdict[str, set[str]] = defaultdict(set)
    for (name, _, gold, _), record in zip(golds, records, strict=True):
        gold_leaders = [e for e in gold["entities"] if e["type"] == "Leader"]
        other_forms = set().union(*(_forms(e) for e in gold["entities"] if e["type"] != "Leader"))
        for node_id in by_article.get(record["id"], ()):
            node = leaders[node_id]
            forms = _forms(node)
            keys = _keys([node["name"], *(node.get("aliases") or [])])
            bare = _name_parts(node["name"]) if not keys else None
            matched = {
                person_of[id(g)]
                for g in gold_leaders
                if forms & _forms(g)
                or keys & _keys([g["name"]])
                or fold(node["name"]) == fold(g["name"])
                or (bare and bare[1] == _name_parts(g["name"])[1])
            }
            node_people[node_id] |= matched
            if not matched and forms & other_forms:
                non_person[node_id].add(name)

    person_nodes: defaultdict[str, set[str]] = defaultdict(set)
    for node_id, found in node_people.items():
        for person in found:
            person_nodes[person].add(node_id)
    unmatched = sorted(n for n in leaders if not node_people.get(n))
    splits = {p: sorted(ns) for p, ns in person_nodes.items() if len(ns) > 1}
    merges = {n: sorted(ps) for n, ps in node_people.items() if len(ps) > 1}
    wrong_country = {
        n: (leaders[n].get("country"), sorted({people[p].get("country") or "-" for p in ps}))
        for n, ps in node_people.items()
        if len(ps) == 1
        and leaders[n].get("country")
        and leaders[n]["country"] != people[next(iter(ps))].get("country")
    }
    missed = sorted(set(people) - set(person_nodes))

    total = len(leaders)
    matched_nodes = total - len(unmatched)
    print(f"articles: {len(golds)}" + (f" ({len(skip)} held-out ids left out)" if skip else ""))
    print(f"extraction {extracted:.0f} s, storing and resolution {stored:.1f} s")
    print(f"distinct gold people: {len(people)}; gold people found by some node: {len(person_nodes)}")
    print(
        f"Leader nodes: {total} ({(total - len(people)) / len(people):+.1%} vs gold people); "
        f"nodes that are a gold person: {matched_nodes} "
        f"({(matched_nodes - len(person_nodes)) / max(len(person_nodes), 1):+.1%} vs people found)"
    )
    print(
        f"not a person (gold has the name as a place or body): {len(non_person)} "
        f"({len(non_person) / total:.1%} of nodes)"
    )
    print(f"no gold Leader (unannotated person or fragment): {len(unmatched) - len(non_person)}")
    print(f"people split over several nodes: {len(splits)}; nodes holding several people: {len(merges)}")
    judged = sum(1 for n, ps in node_people.items() if len(ps) == 1 and leaders[n].get("country"))
    print(
        f"wrong country: {len(wrong_country)} of {judged} nodes with a country "
        f"({len(wrong_country) / max(judged, 1):.1%})"
    )

    def section(title: str, lines: list[str]) -> None:
        print(f"\n## {title} ({len(lines)})")
        for line in lines:
            print(f"  {line}")

    section(
        "not a person",
        [f"{n} ({leaders[n]['name']}): {', '.join(sorted(a))}" for n, a in sorted(non_person.items())],
    )
    section("no gold Leader", [f"{n} ({leaders[n]['name']})" for n in unmatched if n not in non_person])
    section("split", [f"{p}: {', '.join(ns)}" for p, ns in sorted(splits.items())])
    section("merged", [f"{n}: {' | '.join(ps)}" for n, ps in sorted(merges.items())])
    section(
        "wrong country", [f"{n}: {c} (gold {', '.join(g)})" for n, (c, g) in sorted(wrong_country.items())]
    )
    section("gold people no node stands for", missed)
    countries = Counter(leaders[n].get("country") or "-" for n in leaders)
    print(f"\nnode countries: {dict(countries.most_common(8))}")


if __name__ == "__main__":
    main()
