"""Cross-article entity resolution: one node per person, tolerant of transliteration."""

from __future__ import annotations

from diplograph.graph.resolve import Resolver, skeleton, slug


def _leader(name: str, country: str | None) -> dict:
    return {"id": "x", "name": name, "type": "Leader", "aliases": [], "country": country}


def test_transliteration_variants_share_a_skeleton() -> None:
    assert skeleton("Aleksandr") == skeleton("Alexander")
    assert skeleton("Lukashenko") == skeleton("Lukashenka")
    assert skeleton("Tokayev") == skeleton("Tokaev")
    assert skeleton("Zelensky") == skeleton("Zelenskyy")
    assert skeleton("Ivanov") != skeleton("Ivanova")


def test_one_person_across_spellings_is_one_node() -> None:
    resolver = Resolver()
    first, _ = resolver.resolve(_leader("Aleksandr Lukashenko", "BY"))
    second, _ = resolver.resolve(_leader("Alexander Lukashenka", "BY"))
    third, _ = resolver.resolve(_leader("Lukashenko", None))
    assert first == second == third == "aleksandr-lukashenko"


def test_same_surname_different_first_name_or_country_stays_apart() -> None:
    resolver = Resolver()
    ivan, _ = resolver.resolve(_leader("Ivan Petrov", "RU"))
    oleg, _ = resolver.resolve(_leader("Oleg Petrov", "RU"))
    bulgarian, _ = resolver.resolve(_leader("Ivan Petrov", "BG"))
    assert len({ivan, oleg, bulgarian}) == 3


def test_surname_alone_is_not_merged_when_ambiguous() -> None:
    resolver = Resolver()
    resolver.resolve(_leader("Ivan Petrov", "RU"))
    resolver.resolve(_leader("Oleg Petrov", "RU"))
    alone, _ = resolver.resolve(_leader("Petrov", "RU"))
    assert alone not in {"ivan-petrov", "oleg-petrov"}


def test_seeded_from_stored_leaders() -> None:
    resolver = Resolver.from_leaders(
        [{"id": "kassym-jomart-tokayev", "name": "Kassym-Jomart Tokayev", "country": "KZ"}]
    )
    found, props = resolver.resolve(_leader("Kassym-Jomart Tokaev", "KZ"))
    assert found == "kassym-jomart-tokayev"
    assert props["name"] == "Kassym-Jomart Tokaev"


def test_places_resolve_by_iso_codes() -> None:
    resolver = Resolver()
    country_id, country = resolver.resolve(
        {
            "id": "c",
            "name": "the Russian Federation",
            "type": "Country",
            "aliases": ["Russian"],
            "country": "RU",
        }
    )
    region_id, _ = resolver.resolve(
        {
            "id": "r",
            "name": "Primorye",
            "type": "Region",
            "aliases": [],
            "country": "RU",
            "iso3166_2": "RU-PRI",
        }
    )
    far_east, _ = resolver.resolve({"id": "f", "name": "the Far East", "type": "Region", "country": "RU"})
    assert (country_id, country["name"]) == ("RU", "Russian Federation")
    assert "the Russian Federation" in country["aliases"]
    assert region_id == "RU-PRI"
    assert far_east == "RU-far-east"
    assert slug("The Asia-Pacific Region") == "asia-pacific-region"
