"""Cross-article entity resolution: one node per person, tolerant of transliteration."""

from __future__ import annotations

from diplograph.graph.resolve import Resolver, canonical_name, skeleton, slug


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
    assert (country_id, country["name"]) == ("RU", "Russia")
    assert "the Russian Federation" in country["aliases"]
    assert region_id == "RU-PRI"
    assert far_east == "RU-far-east"
    assert slug("The Asia-Pacific Region") == "asia-pacific-region"


def test_th_spelling_and_nicknames_meet() -> None:
    resolver = Resolver()
    first, _ = resolver.resolve(_leader("Antony Blinken", "US"))
    second, _ = resolver.resolve(_leader("Anthony Blinken", "US"))
    joe, _ = resolver.resolve(_leader("Joe Manchin", "US"))
    joseph, _ = resolver.resolve(_leader("Joseph Manchin", "US"))
    assert first == second
    assert joe == joseph


def test_initial_meets_its_name_but_two_names_with_one_letter_do_not() -> None:
    resolver = Resolver()
    joe, _ = resolver.resolve(_leader("Joe Manchin", "US"))
    initial, _ = resolver.resolve(_leader("J. Manchin", "US"))
    jill, _ = resolver.resolve(_leader("Jill Manchin", "US"))
    assert initial == joe
    assert jill != joe


def test_mrs_with_a_surname_is_not_the_husband() -> None:
    resolver = Resolver()
    husband, _ = resolver.resolve(_leader("Emmanuel Macron", "FR"))
    wife, _ = resolver.resolve(_leader("Mrs. Macron", "FR"))
    assert wife != husband


def test_arabic_names_resolve_by_the_first_patronymic() -> None:
    resolver = Resolver()
    a, _ = resolver.resolve(_leader("Tamim bin Hamad", "QA"))
    b, _ = resolver.resolve(_leader("Sheikh Tamim bin Hamad bin Khalifa Al Thani", "QA"))
    c, _ = resolver.resolve(_leader("Crown Prince Tamim bin Hamad Al Thani", "QA"))
    other, _ = resolver.resolve(_leader("Mohammed bin Abdulrahman Al Thani", "QA"))
    cousin, _ = resolver.resolve(_leader("Tamim bin Saud Al Thani", "QA"))
    assert a == b == c
    assert len({a, other, cousin}) == 3


def test_short_family_name_alone_finds_the_full_name() -> None:
    resolver = Resolver()
    full, _ = resolver.resolve(_leader("Li Qiang", "CN"))
    alone, _ = resolver.resolve(_leader("Li", "CN"))
    assert alone == full


def test_surname_alone_goes_to_the_person_named_most() -> None:
    resolver = Resolver()
    for _ in range(3):
        resolver.resolve(_leader("Joe Manchin", "US"))
    resolver.resolve(_leader("Gayle Manchin", "US"))
    alone, _ = resolver.resolve(_leader("Manchin", "US"))
    assert alone == "joe-manchin"


def test_cyrillic_greek_and_arabic_script_names_meet_their_latin_form() -> None:
    resolver = Resolver()
    putin, _ = resolver.resolve(_leader("Vladimir Putin", "RU"))
    lukashenko, _ = resolver.resolve(_leader("Aleksandr Lukashenko", "BY"))
    mitsotakis, _ = resolver.resolve(_leader("Kyriakos Mitsotakis", "GR"))
    assert resolver.resolve(_leader("Владимир Путин", "RU"))[0] == putin
    assert resolver.resolve(_leader("Александр Лукашенко", "BY"))[0] == lukashenko
    assert resolver.resolve(_leader("Κυριάκος Μητσοτάκης", "GR"))[0] == mitsotakis
    assert len({putin, lukashenko, mitsotakis}) == 3
    assert "unnamed" not in {putin, lukashenko}


def test_a_cyrillic_name_seen_first_gets_a_latin_id() -> None:
    resolver = Resolver()
    first, _ = resolver.resolve(_leader("Александр Лукашенко", "BY"))
    other, _ = resolver.resolve(_leader("Владимир Путин", "RU"))
    assert first == "aleksandr-lukashenko"
    assert other == "vladimir-putin"


def test_arabic_script_patronymic_meets_the_latin_one() -> None:
    resolver = Resolver()
    latin, _ = resolver.resolve(_leader("Mohammed bin Salman", "SA"))
    arabic, _ = resolver.resolve(_leader("محمد بن سلمان", "SA"))
    assert arabic == latin


def test_letters_without_a_decomposition_fold_to_their_base() -> None:
    resolver = Resolver()
    first, _ = resolver.resolve(_leader("Łukasz Nowak", "PL"))
    second, _ = resolver.resolve(_leader("Lukasz Nowak", "PL"))
    assert first == second == "lukasz-nowak"


def test_family_name_first_is_the_same_person_whichever_comes_first() -> None:
    for names in (["Fumio Kishida", "Kishida Fumio"], ["Kishida Fumio", "Fumio Kishida"]):
        resolver = Resolver()
        ids = {resolver.resolve(_leader(name, "JP"))[0] for name in names}
        assert len(ids) == 1


def test_well_known_short_form_is_the_full_name() -> None:
    for names in (["Joko Widodo", "Jokowi"], ["Jokowi", "Joko Widodo"]):
        resolver = Resolver()
        ids = {resolver.resolve(_leader(name, "ID"))[0] for name in names}
        assert ids == {"joko-widodo"}


def test_honorifics_and_possessives_are_not_part_of_the_key() -> None:
    resolver = Resolver()
    plain, _ = resolver.resolve(_leader("Mohammed bin Rashid Al Maktoum", "AE"))
    for form in ("His Highness Sheikh Mohammed bin Rashid Al Maktoum", "H.H. Mohammed bin Rashid"):
        assert resolver.resolve(_leader(form, "AE"))[0] == plain
    anwar, _ = resolver.resolve(_leader("Dato' Seri Anwar Ibrahim", "MY"))
    assert anwar == resolver.resolve(_leader("Anwar Ibrahim", "MY"))[0] == "anwar-ibrahim"
    donmez, _ = resolver.resolve(_leader("Fatih Donmez", "TR"))
    assert resolver.resolve(_leader("Fatih Donmez's", "TR"))[0] == donmez == "fatih-donmez"
    assert resolver.resolve(_leader("Dr. Fatih Donmez", "TR"))[0] == donmez


def test_an_honorific_or_a_palace_is_never_a_leader() -> None:
    resolver = Resolver()
    assert resolver.resolve(_leader("Dato'", "MY")) is None
    assert resolver.resolve(_leader("Qasr Al Watan", "AE")) is None
    assert resolver.resolve(_leader("Petkim", "TR")) is None
    assert resolver.resolve(_leader("Armed Forces", "TR")) is None


def test_generic_titles_are_not_node_aliases() -> None:
    resolver = Resolver()
    entity = {
        **_leader("Aleksandr Lukashenko", "BY"),
        "aliases": [
            "the president",
            "the head of state",
            "Belarusian leader",
            "President Lukashenko",
            "Lukashenka",
        ],
    }
    _, props = resolver.resolve(entity)
    assert props["aliases"] == ["Aleksandr Lukashenko", "Lukashenka", "President Lukashenko"]


def test_places_written_two_ways_are_one_region() -> None:
    resolver = Resolver()
    region = {"id": "r", "type": "Region", "aliases": [], "country": "CN"}
    xian, _ = resolver.resolve({**region, "name": "Xi'an"})
    assert resolver.resolve({**region, "name": "Xian"})[0] == xian == "CN-xian"
    gaza, _ = resolver.resolve({**region, "name": "Gaza", "country": "PS"})
    assert resolver.resolve({**region, "name": "the Gaza Strip", "country": "PS"})[0] == gaza


def test_an_arab_leader_called_by_the_given_name() -> None:
    resolver = Resolver()
    full, _ = resolver.resolve(_leader("Tamim bin Hamad Al Thani", "QA"))
    assert resolver.resolve(_leader("Tamim", "QA"))[0] == full
    assert resolver.resolve(_leader("Sheikh Tamim's", None))[0] == full


def test_a_place_or_a_people_is_not_a_person_and_brackets_are_not_the_name() -> None:
    resolver = Resolver()
    assert resolver.resolve(_leader("Astrakhan Kazakhs", "RU")) is None
    assert resolver.resolve(_leader("Tbilisi", "GE")) is None
    found, props = resolver.resolve(_leader("Joko Widodo (Jokowi)", "ID"))
    assert found == "joko-widodo" and canonical_name(props["aliases"]) == "Joko Widodo"
    father, _ = resolver.resolve(_leader("Bandar bin Sultan bin Abdulaziz", "SA"))
    assert father == "bandar-bin-sultan-bin-abdulaziz"
    kozhemyako, _ = resolver.resolve(_leader("Oleg Kozhemyako", "RU"))
    assert resolver.resolve(_leader("Primorsky Krai Governor Oleg Kozhemyako", "RU"))[0] == kozhemyako
