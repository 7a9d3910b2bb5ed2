"""Places by name: countries (names, demonyms, capitals), subdivisions, cities, supranational areas.

pycountry gives the ISO codes and official names; `data/countries.json` and `data/regions.json`
add the English forms news actually uses ("Russia", "the US", "Belarusian", "Primorye").
Lookups are on a folded key (case, accents and punctuation ignored, a leading "the" dropped),
so "the U.S." and "US" meet.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Literal

import pycountry

from diplograph.ingest.textfold import ascii_lower

PlaceKind = Literal["country", "region"]

_FOLD_DROP = re.compile(r"[^\w\s]")
_SPACES = re.compile(r"\s+")
# pycountry subdivision names carry their type word; news drops or translates it.
_SUBDIVISION_SUFFIX = re.compile(
    r"\s+(sheng|shi|zizhiqu|province|region|state|oblast'?|kray|krai|respublika|prefecture"
    r"|governorate|county|district|territory|municipality|city|ken|to|do|-do)$"
)
# adjective endings of subdivision names in Russian transliteration ("Omskaya oblast'")
_ADJECTIVE_ENDINGS = ("skaya", "skiy", "skij", "skaja")
# the type words that, after a name, make a subdivision or region mention
REGION_TYPE_WORDS = frozenset(
    {
        "region",
        "province",
        "state",
        "krai",
        "kray",
        "oblast",
        "republic",
        "territory",
        "governorate",
        "prefecture",
        "county",
        "district",
        "okrug",
        "emirate",
        "city",
    }
)


def _adjective_stems(key: str) -> list[str]:
    """English forms of a Russian-style adjectival subdivision name: 'omskaya' -> 'omsk',
    'tverskaya' -> 'tver', 'sverdlovskaya' -> 'sverdlovsk' (news writes 'Omsk Region')."""
    for ending in _ADJECTIVE_ENDINGS:
        if key.endswith(ending) and " " not in key:
            base = key[: -len(ending)]
            return [stem for stem in (base, base + "sk") if len(stem) >= 4]
    return []


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Matching key: transliterated and lower case (textfold), punctuation dropped, no leading 'the'.

    Cached: the extractor folds the same words (titles, place names) many times per article."""
    plain = ascii_lower(text).replace("-", " ")
    plain = _FOLD_DROP.sub("", plain)
    plain = _SPACES.sub(" ", plain).strip()
    return plain[4:] if plain.startswith("the ") else plain


@dataclass(frozen=True)
class Place:
    kind: PlaceKind
    name: str  # canonical English name
    country: str | None  # ISO 3166-1 alpha-2
    iso3166_2: str | None = None


def _load(name: str) -> dict:
    return json.loads(resources.files(__package__).joinpath("data", name).read_text("utf-8"))


def _country_name(code: str, extra: dict) -> str:
    names = extra.get(code, {}).get("names")
    if names:
        return names[0]
    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or country.name


class Gazetteer:
    """Name -> Place tables; build once with `gazetteer()`."""

    def __init__(self) -> None:
        extra = {k: v for k, v in _load("countries.json").items() if not k.startswith("_")}
        regions = _load("regions.json")
        self.countries: dict[str, Place] = {}
        self.demonyms: dict[str, Place] = {}
        self.capitals: dict[str, Place] = {}
        self.regions: dict[str, Place] = {}
        self.country_names: dict[str, str] = {}  # alpha-2 -> canonical name

        for country in pycountry.countries:
            code = country.alpha_2
            place = Place("country", _country_name(code, extra), code)
            self.country_names[code] = place.name
            for attr in ("name", "official_name", "common_name"):
                value = getattr(country, attr, None)
                if value and "," not in value:
                    self.countries.setdefault(fold(value), place)
        for code, info in extra.items():
            place = Place("country", info["names"][0], code)
            self.country_names[code] = place.name
            for form in info["names"]:
                self.countries[fold(form)] = place
            for form in info["demonyms"]:
                self.demonyms[fold(form)] = place
            for form in info["capitals"]:
                self.capitals[fold(form)] = Place("region", form, code)

        for sub in pycountry.subdivisions:
            key = _SUBDIVISION_SUFFIX.sub("", fold(sub.name))
            if "," in sub.name or key in self.countries:
                continue
            place = Place("region", sub.name, sub.country_code, sub.code)
            self.regions.setdefault(key, place)
            for stem in _adjective_stems(key):
                self.regions.setdefault(stem, place)
        for code, forms in regions["subdivisions"].items():
            place = Place("region", forms[0], code.split("-")[0], code)
            for form in forms:
                self.regions[fold(form)] = place
        for form, country in regions["cities"].items():
            self.regions.setdefault(fold(form), Place("region", form, country))
        for key, cap in self.capitals.items():
            iso = self.regions.get(key)
            code = iso.iso3166_2 if iso and iso.country == cap.country else None
            self.regions[key] = Place("region", cap.name, cap.country, code)
        self.supranational: dict[str, Place] = {
            fold(form): Place("region", form, country) for form, country in regions["supranational"].items()
        }

    def country(self, text: str) -> Place | None:
        """A country named by one of its names ('Russia', 'the US', 'Republic of Korea')."""
        return self.countries.get(fold(text))

    def demonym(self, text: str) -> Place | None:
        """The country of a demonym or adjective ('Belarusian' -> BY)."""
        key = fold(text)
        place = self.demonyms.get(key)
        if place is None and key.endswith("s"):
            place = self.demonyms.get(key[:-1])
        return place

    def capital(self, text: str) -> Place | None:
        """A capital city (a Region whose country the city may stand for)."""
        return self.capitals.get(fold(text))

    def region(self, text: str) -> Place | None:
        """A subdivision, city or supranational area; the type word is optional."""
        key = fold(text)
        for table in (self.supranational, self.regions):
            if key in table:
                return table[key]
        words = key.split()
        if len(words) > 1 and words[-1] in REGION_TYPE_WORDS:
            core = " ".join(words[:-1])
            place = self.regions.get(core)
            if place is not None:
                return Place("region", text.removeprefix("the ").strip(), place.country, place.iso3166_2)
        return None

    def place(self, text: str) -> Place | None:
        """Whatever the name is: a country first, then a region or a capital."""
        return self.country(text) or self.region(text)

    def name_of(self, code: str | None) -> str | None:
        """Canonical English name of a country code."""
        return self.country_names.get(code) if code else None


@cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer (tables are built once)."""
    return Gazetteer()
