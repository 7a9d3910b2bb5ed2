"""Cross-article entity resolution: one node per person, country, region or body.

Countries and regions resolve through their ISO codes. People are harder: the same
leader is "Aleksandr Lukashenko" in one article and "Alexander Lukashenka" in the
next. Names are compared by a transliteration-tolerant consonant skeleton, and two
people sharing a surname stay apart when their first names or countries differ.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import pycountry

from diplograph.ingest.gazetteer import gazetteer
from diplograph.ingest.names import formal
from diplograph.ingest.textfold import fold, fold_tight, slug

_VOWELS = set("aeiouy")
# longest family name matched against the first word of a full name ("Xi", "Wang", "Yoon")
_FAMILY_FIRST_MAX = 4
_FEMININE_ENDINGS = ("ova", "eva", "ina", "yna", "aya")
_POSSESSIVE = re.compile(r"(?:['\u2019]s|s['\u2019])\s*$")
_BRACKETS = re.compile(r"\s*[(\[][^)\]]*[)\]]")


@dataclass(frozen=True)
class NameKnowledge:
    """The word lists of data/names.toml and data/places.toml, folded."""

    honorifics: frozenset[str]
    opening: tuple[str, ...]
    feminine: frozenset[str]
    patronymic_links: frozenset[str]
    patronymic_endings: tuple[str, ...]
    particles: frozenset[str]
    openers: frozenset[str]
    not_person_words: frozenset[str]
    not_person_names: frozenset[str]
    nicknames: dict[str, str]
    place_suffixes: frozenset[str]


def _data(name: str) -> dict[str, Any]:
    return tomllib.loads(resources.files(__package__).joinpath("data", name).read_text("utf-8"))


@cache
def knowledge() -> NameKnowledge:
    names, places = _data("names.toml"), _data("places.toml")

    def words(key: str, table: dict[str, Any] = names) -> frozenset[str]:
        return frozenset(fold(w) for w in table[key])

    titles = resources.files("diplograph.ingest").joinpath("data", "titles.txt").read_text("utf-8")
    title_words = {
        w for line in titles.splitlines() if not line.startswith("#") for w in fold(line).split()
    } - words("title_words_kept")
    return NameKnowledge(
        honorifics=words("honorifics") | title_words,
        opening=tuple(sorted((fold(w) for w in names["opening_honorifics"]), key=len, reverse=True)),
        feminine=words("feminine_honorifics"),
        patronymic_links=words("patronymic_links"),
        patronymic_endings=tuple(names["patronymic_endings"]),
        particles=words("family_particles"),
        openers=words("description_openers"),
        not_person_words=words("not_person_words"),
        not_person_names=words("not_person_names"),
        nicknames={fold(k): v for k, v in names["nicknames"].items()},
        place_suffixes=words("suffixes", places),
    )


@lru_cache(maxsize=1 << 16)
def clean_name(name: str) -> str:
    """A person's name without a possessive ending ("Fatih Donmez's" -> "Fatih Donmez") or a
    bracketed aside ("Joko Widodo (Jokowi)")."""
    return _POSSESSIVE.sub("", _BRACKETS.sub("", name).strip()).strip()


@lru_cache(maxsize=1 << 16)
def name_words(name: str) -> tuple[tuple[str, ...], bool]:
    """Folded words of a person's name with honorifics dropped, and whether a form of
    address marked a woman ("Mrs. Obama"). A well-known short form becomes the full name."""
    know = knowledge()
    key = fold(clean_name(name))
    for opening in know.opening:
        if key == opening or key.startswith(opening + " "):
            key = key[len(opening) :].strip()
            break
    raw = key.split()
    feminine = any(w in know.feminine for w in raw[:1])
    # an honorific after "bin" is a father's name: "Bandar bin Sultan"
    office = [
        w in know.honorifics and (i == 0 or raw[i - 1] not in know.patronymic_links)
        for i, w in enumerate(raw)
    ]
    # "Primorsky Krai Governor Oleg Kozhemyako": the name follows the last office word
    last = max((i for i, is_office in enumerate(office) if is_office), default=-1)
    if 0 <= last < len(raw) - 1:
        raw, office = raw[last + 1 :], office[last + 1 :]
    words = [w for w, is_office in zip(raw, office, strict=True) if not is_office]
    if len(words) == 1 and words[0] in know.nicknames:
        words = fold(know.nicknames[words[0]]).split()
        words = [w for w in words if w not in know.honorifics]
    return tuple(words), feminine


@lru_cache(maxsize=1 << 16)
def is_person_name(name: str) -> bool:
    """False for what is never a person: only honorifics ("Dato'"), a palace, a company."""
    know = knowledge()
    words, _ = name_words(name)
    if not words or " ".join(words) in know.not_person_names:
        return False
    if set(fold(name).split()) & know.not_person_words:
        return False
    places = gazetteer()
    last = clean_name(name).split()[-1]
    plural_people = last.endswith("s") and places.demonym(last) is not None
    return places.place(clean_name(name)) is None and not plural_people


@lru_cache(maxsize=1 << 16)
def is_name_alias(alias: str) -> bool:
    """An alias that names the person ("President Lukashenko", "Lukashenka"), not a generic
    description ("the president", "the head of state", "Belarusian leader"), which stays in
    the article's record for coreference but would match every leader as a node alias."""
    know = knowledge()
    surface = clean_name(alias).split()
    if not surface or fold(surface[0]) in know.openers:
        return False
    kept = [w for w in surface if fold(w) and fold(w) not in know.honorifics]
    if not kept or not all(
        w[:1].isupper() or not w[:1].isalpha() or fold(w) in know.patronymic_links for w in kept
    ):
        return False
    return not any(gazetteer().demonym(w) or gazetteer().country(w) for w in kept)


@lru_cache(maxsize=1 << 16)
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


@lru_cache(maxsize=1 << 16)
def _name_parts(name: str) -> tuple[str, str]:
    """(given name key, surname key) of a person's name.

    An initial is kept as "<letter>." so that "J. Biden" meets "Joe Biden" but "Jill Biden"
    does not; "Mrs. Obama" has the given key "+f" (a woman of that surname, not Barack).
    In an Arabic name the family name is shared by a whole dynasty ("Al Nahyan"), so the
    surname key is the first patronymic: "Mohammed bin Salman [bin Abdulaziz Al Saud]" is
    ("mhmd", "bin:slmn"), "Mohammed bin Zayed Al Nahyan" ("mhmd", "bin:zd"). A given name
    and an East Slavic patronymic alone ("Vladimir Vladimirovich") have the surname key
    "pat:<patronymic>".
    """
    know = knowledge()
    words, feminine = name_words(name)
    if not words:
        return "", ""
    first = formal(words[0])
    given = skeleton(first) + "." if len(first) == 1 else skeleton(first)
    patronymic = next((k for k, w in enumerate(words[1:-1], 1) if w in know.patronymic_links), None)
    if patronymic is not None:
        return given, f"bin:{skeleton(words[patronymic + 1])}"
    if len(words) == 1 or words[0] in know.particles:
        # a surname alone, or with its particle ("al-Menfi"): no given name
        return ("+f" if feminine else ""), skeleton(words[-1])
    if len(words) == 2 and words[1].endswith(know.patronymic_endings):
        return given, f"pat:{skeleton(words[1])}"
    return given, skeleton(words[-1])


def _given_compatible(a: str, b: str) -> bool:
    if not a or not b or a == b:
        return True
    initial = next((x for x in (a, b) if x.endswith(".")), None)
    other = b if initial == a else a
    return initial is not None and not other.endswith(".") and other[0] == initial[0]


def _full_names(aliases: Iterable[str]) -> list[str]:
    """Aliases that are names of two words or more ('Xi Jinping' for 'Xi'), not titles."""
    return [a for a in aliases if is_name_alias(a) and len(name_words(a)[0]) > 1]


def display_name(name: str) -> str:
    """A person's name without the honorifics and offices that open it ("President Recep
    Tayyip Erdogan" -> "Recep Tayyip Erdogan", "H.E. Mr. X Y" -> "X Y")."""
    know = knowledge()
    surface = clean_name(name).split()
    last = max((i for i, w in enumerate(surface) if fold(w) in know.honorifics), default=-1)
    if 0 <= last < len(surface) - 1:
        surface = surface[last + 1 :]
    while len(surface) > 1 and all(len(p) == 1 for p in fold(surface[0]).split()):
        surface = surface[1:]
    return " ".join(surface)


def canonical_name(names: Iterable[str]) -> str | None:
    """The name a person's node is called and its id made from, whatever the order in
    which articles named them: of the full names (a given name, no initial), the one of
    three words or the longest below ("Recep Tayyip Erdogan" over "Tayyip Erdogan"), then
    the first slug in alphabetical order ("Aleksandr Lukashenko" over "Alexander
    Lukashenka")."""
    know = knowledge()
    ranked = []
    for name in names:
        words, _ = name_words(name)
        if len(words) < 2 or words[0] in know.particles or not is_name_alias(name):
            continue
        initials = sum(1 for w in words if len(w) == 1)
        ranked.append((initials, -min(len(words), 3), slug(" ".join(words)), display_name(name)))
    return min(ranked)[3] if ranked else None


def person_slug(name: str) -> str:
    """A person's id: the slug of the name without honorifics ("Mrs. Obama" -> "obama")."""
    words, feminine = name_words(name)
    if feminine and len(words) == 1:
        return slug(name)  # "Mrs. Kishida" is not the "Kishida" of the Prime Minister
    return slug(" ".join(words)) if words else slug(name)


def region_slug(name: str) -> str:
    """A region's id part: apostrophes joined (Xi'an = Xian) and a trailing type word
    dropped (Gaza Strip = Gaza, Omsk Region = Omsk)."""
    words = fold_tight(name).split()
    if words and words[0] == "the":
        words = words[1:]
    if len(words) > 1 and words[-1] in knowledge().place_suffixes:
        words = words[:-1]
    return "-".join(words) or "unnamed"


@dataclass
class _Person:
    node_id: str
    given: str
    surname: str
    country: str | None


@dataclass
class Resolver:
    """Maps an article's entities to global node ids, learning people as it goes.

    `blocked` holds node keys ("Leader:dato") curation says are never nodes, and
    `redirect` node keys curation merged into another; `resolve` returns None for an
    entity that must not become a node.
    """

    # People indexed by surname key and by given-name key, so a look-up costs the
    # namesakes, not the whole corpus; every node id handed out, for unique slugs.
    by_surname: defaultdict[str, list[_Person]] = field(default_factory=lambda: defaultdict(list))
    by_given: defaultdict[str, list[_Person]] = field(default_factory=lambda: defaultdict(list))
    taken: set[str] = field(default_factory=set)
    seen: Counter[str] = field(default_factory=Counter)  # node id -> entities resolved to it
    full: set[str] = field(default_factory=set)  # node ids known by a name with a given name
    blocked: set[str] = field(default_factory=set)
    redirect: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_leaders(cls, leaders: Iterable[Mapping[str, Any]]) -> Resolver:
        """Seed with the Leader nodes already stored (id, name, aliases, country and, when
        known, `mentions`: how many articles name them)."""
        resolver = cls()
        for leader in leaders:
            names = [leader["name"], *_full_names(leader.get("aliases") or [])]
            for name in dict.fromkeys(names):
                resolver._remember(leader["id"], name, leader.get("country"))
            resolver.seen[leader["id"]] += int(leader.get("mentions") or 0)
        return resolver

    def _remember(self, node_id: str, name: str, country: str | None) -> None:
        given, surname = _name_parts(name)
        if not surname:
            return
        known = self.by_surname[surname]
        if any(p.node_id == node_id and p.given == given for p in known):
            return
        person = _Person(node_id, given, surname, country)
        known.append(person)
        self.by_given[given].append(person)
        self.taken.add(node_id)
        if given and given != "+f":
            self.full.add(node_id)

    def _new_person_id(self, name: str, country: str | None) -> str:
        """A slug of the name, made unique when another person already has it."""
        taken = self.taken
        base = person_slug(name)
        candidates = [base, f"{base}-{country.lower()}"] if country else [base]
        for candidate in candidates:
            if candidate not in taken:
                return candidate
        number = 2
        while f"{candidates[-1]}-{number}" in taken:
            number += 1
        return f"{candidates[-1]}-{number}"

    def _matches(self, people: Iterable[_Person], given: str, country: str | None) -> set[str]:
        """Node ids of `people` compatible with a given-name key and a country. A node is
        compared by all its names: once "Joe Biden" and "J. Biden" are one node, "Jill
        Biden" is not it; and a node known by a full name is not matched through the bare
        surname it was first seen as."""
        by_node: defaultdict[str, list[_Person]] = defaultdict(list)
        for person in people:
            by_node[person.node_id].append(person)
        found = set()
        for node_id, entries in by_node.items():
            givens = [p.given for p in entries if p.given not in ("", "+f")]
            if node_id in self.full and given and not givens:
                continue
            if not all(_given_compatible(g, given) for g in givens or [p.given for p in entries]):
                continue
            if any(p.country and country and p.country != country for p in entries):
                continue
            found.add(node_id)
        if given and found & self.full:
            # a full name goes to the people known by a full name before a bare surname
            found &= self.full
        return found

    def _find_person(self, names: Iterable[str], country: str | None) -> str | None:
        for name in names:
            given, surname = _name_parts(name)
            if not surname:
                continue
            matches = self._matches(self.by_surname.get(surname, ()), given, country)
            if not matches and given and not given.endswith(".") and not surname.startswith(("bin:", "pat:")):
                # family name written first: "Kishida Fumio" is "Fumio Kishida"
                matches = {
                    p.node_id
                    for p in self.by_surname.get(given, ())
                    if p.given == surname and (not p.country or not country or p.country == country)
                }
            if not matches and not given:
                # "Xi" alone: a short family name written first ("Xi Jinping"); "Tamim"
                # alone: an Arab leader called by the given name ("Tamim bin Hamad")
                matches = {
                    p.node_id
                    for p in self.by_given.get(surname, ())
                    if (len(fold(name)) <= _FAMILY_FIRST_MAX or p.surname.startswith("bin:"))
                    and (not p.country or not country or p.country == country)
                }
            if len(matches) == 1:
                return matches.pop()
            if len(matches) > 1 and not given:
                return self._dominant(matches)
        return None

    def _dominant(self, node_ids: set[str]) -> str | None:
        """A surname alone that several people share: the one the articles so far name at
        least twice as often as each other ("Biden" is Joe, not Jill Biden)."""
        ranked = sorted(node_ids, key=lambda n: (-self.seen[n], n))
        top, runner_up = self.seen[ranked[0]], self.seen[ranked[1]]
        return ranked[0] if top >= 2 and top >= 2 * runner_up else None

    def resolve(self, entity: Mapping[str, Any]) -> tuple[str, dict[str, Any]] | None:
        """(global id, node properties) for one entity of an extraction record, or None
        when it must not be a node (not a person, or blocked by curation)."""
        found = self.resolve_key(entity)
        return None if found is None else (found[0].split(":", 1)[1], found[1])

    def resolve_key(self, entity: Mapping[str, Any]) -> tuple[str, dict[str, Any]] | None:
        """`resolve`, giving the node key ("Leader:joko-widodo"): curation may move an
        entity to another label (an Organization that is a person)."""
        label, name = entity["type"], entity["name"]
        country = entity.get("country")
        aliases = sorted({a for a in entity.get("aliases", []) if a and a != name})
        props: dict[str, Any] = {"name": name, "aliases": aliases, "country": country}
        if label == "Country" and country:
            node_id, props = country, {**self.country_props(country), "aliases": sorted({*aliases, name})}
        elif label == "Region":
            node_id = entity.get("iso3166_2") or (
                f"{country}-{region_slug(name)}" if country else region_slug(name)
            )
            props = {**props, "id": node_id}
        elif label == "Leader":
            if not is_person_name(name):
                return None
            # the name is an alias too: the node may be called otherwise already, and the
            # canonical name is chosen among every form (curation.canonical_people)
            aliases = sorted({name, *(a for a in aliases if is_name_alias(a))})
            props = {**props, "name": name, "aliases": aliases, "title": entity.get("title")}
            full = _full_names(aliases)
            # a bare surname is looked up only when the article gives no full name: "President
            # Biden" with the alias "Joe Biden" is Joe even if only Jill is known so far
            node_id = self._find_person(full or [name], country)
            if node_id is None:
                node_id = self._new_person_id(name, country)
            for known in [name, *_full_names(aliases)]:
                self._remember(node_id, known, country)
            self.seen[node_id] += 1
            props["id"] = node_id
        else:
            node_id = slug(name)
            props = {**props, "id": node_id}
        key = f"{label}:{node_id}"
        key = self.redirect.get(key, key)
        if key in self.blocked:
            return None
        return key, {**props, "id": key.split(":", 1)[1]}

    @staticmethod
    def country_props(code: str) -> dict[str, Any]:
        """The country's everyday English name ("Russia", not "Russian Federation")."""
        name = gazetteer().name_of(code)
        if name is None:
            country = pycountry.countries.get(alpha_2=code)
            name = getattr(country, "common_name", None) or getattr(country, "name", code)
        return {"id": code, "name": name, "country": code}
