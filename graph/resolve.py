"""Cross-article entity resolution: one node per person, country, region or body.

Countries and regions resolve through their ISO codes. People are harder: the same
leader is "Aleksandr Lukashenko" in one article and "Alexander Lukashenka" in the
next. Names are compared by a transliteration-tolerant consonant skeleton, and two
people sharing a surname stay apart when their first names or countries differ.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pycountry

from diplograph.ingest.gazetteer import gazetteer
from diplograph.ingest.names import formal

_HONORIFICS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "madam",
        "madame",
        "lady",
        "president",
        "minister",
        "prime",
        "ambassador",
        "governor",
        "mayor",
        "secretary",
        "general",
        "chairman",
        "chair",
        "premier",
        "king",
        "queen",
        "prince",
        "crown",
        "sheikh",
        "emir",
        "sultan",
        "his",
        "her",
        "excellency",
        "h.e.",
        "hon",
    ]
)
# honorifics that mark a woman: "Mrs. Obama" is not "Barack Obama"
_FEMININE_HONORIFICS = frozenset({"mrs", "ms", "madam", "madame", "lady"})
# words that link a given name to a father's name in Arabic names
_PATRONYMIC = frozenset({"bin", "ibn", "bint"})
_VOWELS = set("aeiouy")
# longest family name matched against the first word of a full name ("Xi", "Wang", "Yoon")
_FAMILY_FIRST_MAX = 4
_FEMININE_ENDINGS = ("ova", "eva", "ina", "yna", "aya")


def fold(text: str) -> str:
    """Lower case, accents stripped, punctuation turned to spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", " ", ascii_text).strip()


def slug(text: str) -> str:
    words = fold(text).split()
    if words and words[0] == "the":
        words = words[1:]
    return "-".join(words) or "unnamed"


def skeleton(word: str) -> str:
    """Consonant skeleton that survives common transliteration variants.

    Aleksandr/Alexander -> lksndr, Lukashenko/Lukashenka -> lkshnk, Tokayev/Tokaev -> tkv.
    """
    word = fold(word).replace(" ", "")
    # Slavic feminine surnames (Ivanova, Petrovna, Zakharova, -skaya) name other people
    # than the masculine form, unlike a final-vowel transliteration (Lukashenka).
    feminine = word.endswith(_FEMININE_ENDINGS)
    word = word.replace("x", "ks").replace("ph", "f").replace("w", "v").replace("kh", "h")
    word = word.replace("th", "t")  # Anthony/Antony, Thomas/Tomas
    word = word.replace("ck", "k").replace("q", "k").replace("j", "i")
    out: list[str] = []
    for i, char in enumerate(word):
        if char in _VOWELS and i > 0:
            continue
        if out and out[-1] == char:
            continue
        out.append(char)
    return "".join(out) + ("+f" if feminine else "")


def _name_parts(name: str) -> tuple[str, str]:
    """(given name key, surname key) of a person's name.

    An initial is kept as "<letter>." so that "J. Biden" meets "Joe Biden" but "Jill Biden"
    does not; "Mrs. Obama" has the given key "+f" (a woman of that surname, not Barack).
    In an Arabic name the family name is shared by a whole dynasty ("Al Nahyan"), so the
    surname key is the first patronymic: "Mohammed bin Salman [bin Abdulaziz Al Saud]" is
    ("mhmd", "bin:slmn"), "Mohammed bin Zayed Al Nahyan" ("mhmd", "bin:zd").
    """
    raw = fold(name).split()
    feminine = bool(raw) and raw[0] in _FEMININE_HONORIFICS
    words = [w for w in raw if w not in _HONORIFICS]
    if not words:
        return "", ""
    first = formal(words[0])
    given = skeleton(first) + "." if len(first) == 1 else skeleton(first)
    patronymic = next((k for k, w in enumerate(words[1:-1], 1) if w in _PATRONYMIC), None)
    if patronymic is not None:
        return given, f"bin:{skeleton(words[patronymic + 1])}"
    if len(words) == 1:
        return ("+f" if feminine else ""), skeleton(words[0])
    return given, skeleton(words[-1])


def _given_compatible(a: str, b: str) -> bool:
    if not a or not b or a == b:
        return True
    initial = next((x for x in (a, b) if x.endswith(".")), None)
    other = b if initial == a else a
    return initial is not None and not other.endswith(".") and other[0] == initial[0]


def _full_names(aliases: Iterable[str]) -> list[str]:
    """Aliases that are names of two words or more ('Xi Jinping' for 'Xi'), not titles."""
    return [a for a in aliases if len(a.split()) > 1 and all(
        w[:1].isupper() or fold(w) in _PATRONYMIC for w in a.split())
        and not set(fold(a).split()) & _HONORIFICS]


@dataclass
class _Person:
    node_id: str
    given: str
    surname: str
    country: str | None


@dataclass
class Resolver:
    """Maps an article's entities to global node ids, learning people as it goes."""

    # People indexed by surname key and by given-name key, so a look-up costs the
    # namesakes, not the whole corpus; every node id handed out, for unique slugs.
    by_surname: defaultdict[str, list[_Person]] = field(default_factory=lambda: defaultdict(list))
    by_given: defaultdict[str, list[_Person]] = field(default_factory=lambda: defaultdict(list))
    taken: set[str] = field(default_factory=set)
    seen: Counter[str] = field(default_factory=Counter)  # node id -> entities resolved to it

    @classmethod
    def from_leaders(cls, leaders: Iterable[Mapping[str, Any]]) -> Resolver:
        """Seed with the Leader nodes already stored (id, name, aliases, country)."""
        resolver = cls()
        for leader in leaders:
            resolver._remember(leader["id"], leader["name"], leader.get("country"))
        return resolver

    def _remember(self, node_id: str, name: str, country: str | None) -> None:
        given, surname = _name_parts(name)
        if surname:
            person = _Person(node_id, given, surname, country)
            self.by_surname[surname].append(person)
            self.by_given[given].append(person)
            self.taken.add(node_id)

    def _new_person_id(self, name: str, country: str | None) -> str:
        """A slug of the name, made unique when another person already has it."""
        taken = self.taken
        base = slug(name)
        candidates = [base, f"{base}-{country.lower()}"] if country else [base]
        for candidate in candidates:
            if candidate not in taken:
                return candidate
        number = 2
        while f"{candidates[-1]}-{number}" in taken:
            number += 1
        return f"{candidates[-1]}-{number}"

    def _find_person(self, names: Iterable[str], country: str | None) -> str | None:
        for name in names:
            given, surname = _name_parts(name)
            if not surname:
                continue
            matches = {
                p.node_id
                for p in self.by_surname.get(surname, ())
                if _given_compatible(p.given, given)
                and (not p.country or not country or p.country == country)
            }
            if not matches and not given and len(fold(name)) <= _FAMILY_FIRST_MAX:
                # "Xi" alone: a short family name written first ("Xi Jinping")
                matches = {p.node_id for p in self.by_given.get(surname, ())
                           if not p.country or not country or p.country == country}
            if len(matches) == 1:
                return matches.pop()
            if len(matches) > 1 and not given:
                return self._dominant(matches)
        return None

    def _dominant(self, node_ids: set[str]) -> str | None:
        """A surname alone that several people share: the one the articles so far name at
        least twice as often as each other ("Biden" is Joe, not Jill Biden)."""
        ranked = sorted(node_ids, key=lambda n: -self.seen[n])
        top, runner_up = self.seen[ranked[0]], self.seen[ranked[1]]
        return ranked[0] if top >= 2 and top >= 2 * runner_up else None

    def resolve(self, entity: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
        """(global id, node properties) for one entity of an extraction record."""
        label, name = entity["type"], entity["name"]
        country = entity.get("country")
        aliases = sorted({a for a in entity.get("aliases", []) if a and a != name})
        props: dict[str, Any] = {"name": name, "aliases": aliases, "country": country}
        if label == "Country" and country:
            return country, {**self.country_props(country), "aliases": sorted({*aliases, name})}
        if label == "Region":
            region_id = entity.get("iso3166_2") or (f"{country}-{slug(name)}" if country else slug(name))
            return region_id, {**props, "id": region_id}
        if label == "Leader":
            props["title"] = entity.get("title")
            node_id = self._find_person([name, *_full_names(aliases)], country)
            if node_id is None:
                node_id = self._new_person_id(name, country)
                self._remember(node_id, name, country)
            self.seen[node_id] += 1
            return node_id, {**props, "id": node_id}
        org_id = slug(name)
        return org_id, {**props, "id": org_id}

    @staticmethod
    def country_props(code: str) -> dict[str, Any]:
        """The country's everyday English name ("Russia", not "Russian Federation")."""
        name = gazetteer().name_of(code)
        if name is None:
            country = pycountry.countries.get(alpha_2=code)
            name = getattr(country, "common_name", None) or getattr(country, "name", code)
        return {"id": code, "name": name, "country": code}
