"""Likely duplicates and likely junk among the stored people, ranked, so that curation
starts from a list rather than a hunt (`diplograph entities --suspects`)."""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from diplograph.graph.resolve import _name_parts, is_person_name, name_words
from diplograph.ingest.textfold import fold


@dataclass(frozen=True)
class Suspect:
    score: float  # 0..1, higher first
    kind: str  # "duplicate" or "junk"
    nodes: tuple[str, ...]  # node ids
    reason: str


def _words(leader: Mapping[str, Any]) -> set[str]:
    return set(name_words(leader.get("name") or "")[0])


def _compatible_country(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    return not a.get("country") or not b.get("country") or a["country"] == b["country"]


def _pair(a: Mapping[str, Any], b: Mapping[str, Any]) -> Suspect | None:
    if not _compatible_country(a, b):
        return None
    names_a = [a.get("name") or "", *(a.get("aliases") or [])]
    names_b = [b.get("name") or "", *(b.get("aliases") or [])]
    surnames_a = {_name_parts(n)[1] for n in names_a} - {""}
    surnames_b = {_name_parts(n)[1] for n in names_b} - {""}
    words_a, words_b = _words(a), _words(b)
    similarity = difflib.SequenceMatcher(None, " ".join(sorted(words_a)), " ".join(sorted(words_b))).ratio()
    reasons, score = [], 0.0
    if surnames_a & surnames_b:
        reasons.append("same surname key")
        score += 0.4
    if words_a and words_b and (words_a <= words_b or words_b <= words_a):
        reasons.append("one name inside the other")
        score += 0.3
    if similarity >= 0.8:
        reasons.append(f"names {similarity:.0%} alike")
        score += 0.3 * similarity
    if a.get("country") and a.get("country") == b.get("country") and reasons:
        reasons.append(f"both {a['country']}")
        score += 0.1
    if not reasons or score < 0.3:
        return None
    return Suspect(round(min(score, 1.0), 2), "duplicate", (a["id"], b["id"]), ", ".join(reasons))


def _junk(leader: Mapping[str, Any], events: int) -> Suspect | None:
    name = leader.get("name") or ""
    reasons, score = [], 0.0
    if not is_person_name(name):
        reasons.append("not a person's name")
        score += 0.8
    words = name_words(name)[0]
    if len(words) == 1 and not leader.get("title"):
        reasons.append("one word, no title")
        score += 0.3
    if any(len(w) == 1 for w in fold(name).split()) and len(words) < 2:
        reasons.append("a fragment")
        score += 0.2
    if events == 0 and reasons:
        reasons.append("no event relation")
        score += 0.1
    if not reasons:
        return None
    return Suspect(round(min(score, 1.0), 2), "junk", (leader["id"],), ", ".join(reasons))


def suspects(leaders: Iterable[Mapping[str, Any]], events: Mapping[str, int]) -> list[Suspect]:
    """Pairs that may be one person and nodes that may be no person, best guesses first.

    Pairs are only compared within a block sharing a surname key or a name word, so the
    cost grows with the namesakes, not with the square of the store.
    """
    people = list(leaders)
    blocks: defaultdict[str, list[int]] = defaultdict(list)
    for i, leader in enumerate(people):
        keys = {_name_parts(n)[1] for n in [leader.get("name") or "", *(leader.get("aliases") or [])]}
        for key in (keys - {""}) | {f"w:{w}" for w in _words(leader) if len(w) > 3}:
            blocks[key].append(i)
    pairs = {pair for members in blocks.values() for pair in combinations(sorted(set(members)), 2)}
    found = [s for i, j in sorted(pairs) if (s := _pair(people[i], people[j]))]
    found += [s for leader in people if (s := _junk(leader, events.get(leader["id"], 0)))]
    return sorted(found, key=lambda s: (-s.score, s.kind, s.nodes))
