"""Cross-article resolution cost: Leader look-ups against a growing table of people.

Synthetic names (seeded), so it needs nothing but the package: 5,000 people, 20,000
look-ups, a third of them by surname alone. Prints the time and a digest of the ids
handed out, so two versions of the resolver can be compared for identical results.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import string
import time

from diplograph.graph.resolve import Resolver


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(4, 9))).title()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=5000)
    parser.add_argument("--lookups", type=int, default=20000)
    args = parser.parse_args()
    rng = random.Random(3)
    people = [
        (f"{_word(rng)} {_word(rng)}", rng.choice(["RU", "BY", "CN", "US", None])) for _ in range(args.people)
    ]
    resolver = Resolver()
    ids: list[str] = []
    start = time.perf_counter()
    for i in range(args.lookups):
        name, country = people[i % args.people]
        if i % 3 == 0:
            name, country = people[rng.randrange(args.people)][0].split()[-1], None
        entity = {"id": "x", "name": name, "type": "Leader", "aliases": [], "country": country}
        found = resolver.resolve(entity)  # None: a name that is no person (a place, a title)
        ids.append(found[0] if found else "-")
    elapsed = time.perf_counter() - start
    digest = hashlib.sha256("\n".join(ids).encode()).hexdigest()[:12]
    print(
        f"{args.lookups} look-ups over {args.people} people: {elapsed:.2f} s, "
        f"{len(set(ids))} nodes, ids digest {digest}"
    )


if __name__ == "__main__":
    main()
