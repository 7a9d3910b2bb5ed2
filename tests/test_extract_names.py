"""Regression tests: a person's name that a place shares, and a title before its holder's name."""

from __future__ import annotations

from fixtures.extraction import extract as _record
from fixtures.extraction import pairs as _pairs

from diplograph.ingest.gazetteer import gazetteer


def _names(record: dict, kind: str) -> set[str]:
    return {e["name"] for e in record["entities"] if e["type"] == kind}


def _country_of(record: dict, name_start: str) -> str | None:
    return next(
        e["country"] for e in record["entities"] if e["type"] == "Leader" and e["name"].startswith(name_start)
    )


def test_surname_shared_with_a_county_stays_a_person() -> None:
    rec = _record(
        "US Secretary of State John Kerry arrived in Moscow on Monday. "
        "Russian Foreign Minister Sergei Lavrov met with Kerry for three hours."
    )
    assert "Kerry" not in _names(rec, "Region")
    assert ("John Kerry", "Sergei Lavrov") in _pairs(rec, "MET_WITH") or (
        "Sergei Lavrov",
        "John Kerry",
    ) in _pairs(rec, "MET_WITH")


def test_title_with_of_phrase_before_name_is_not_a_nominal() -> None:
    rec = _record(
        "Kazakh President Kassym-Jomart Tokayev received a delegation led by "
        "the Governor of Omsk Region Vitaly Khotsenko."
    )
    met = _pairs(rec, "MET_WITH")
    assert ("Kassym-Jomart Tokayev", "Vitaly Khotsenko") in met or (
        "Vitaly Khotsenko",
        "Kassym-Jomart Tokayev",
    ) in met


def test_name_misattached_after_title_phrase() -> None:
    rec = _record(
        "Azerbaijani Foreign Minister Jeyhun Bayramov on Friday met with French "
        "Ambassador to the republic Olivier Decottignies."
    )
    met = _pairs(rec, "MET_WITH")
    assert {frozenset(p) for p in met} == {frozenset({"Jeyhun Bayramov", "Olivier Decottignies"})}


def test_titled_names_the_ner_misses_or_calls_an_org() -> None:
    rec = _record(
        "The delegation included the Minister of Mineral Resources, Thabo Mokoena, "
        "and the Chairman of the National Revenue Service (NRS), Kwame Asante."
    )
    leaders = _names(rec, "Leader")
    assert {"Thabo Mokoena", "Kwame Asante"} <= leaders
    assert "National Revenue Service" not in leaders


def test_family_name_written_first_used_alone() -> None:
    rec = _record(
        "Japanese Prime Minister Ishiba Shigeru arrived in Manila. Philippine "
        "President Ferdinand Marcos met with Ishiba on Friday."
    )
    met = _pairs(rec, "MET_WITH")
    assert {frozenset(p) for p in met} == {frozenset({"Ishiba Shigeru", "Ferdinand Marcos"})}


def test_first_name_shared_with_a_state_is_kept() -> None:
    rec = _record("US Under Secretary Victoria Nuland met Nepalese Foreign Minister Arzu Deuba.")
    assert "Victoria Nuland" in _names(rec, "Leader")


def test_title_completes_a_name_the_ner_cut_short() -> None:
    rec = _record(
        "Belgian Prime Minister Alexander De Croo met with the President of the "
        "European Commission, Ursula von der Leyen."
    )
    assert "Ursula von der Leyen" in _names(rec, "Leader")


def test_home_leader_without_demonym_takes_the_dateline_country() -> None:
    rec = _record(
        "ACCRA, Ghana - President John Mahama on Tuesday received the Ivorian Foreign "
        "Minister Kacou Houadja Leon Adom."
    )
    assert _country_of(rec, "John Mahama") == "GH"


def test_two_word_demonym_in_a_title_gives_the_country() -> None:
    rec = _record(
        "Japanese Prime Minister Ishiba Shigeru and South Korean President Lee Jae-myung met in Tokyo."
    )
    assert _country_of(rec, "Lee") == "KR"


def test_run_on_period_before_a_bracket_splits_the_place() -> None:
    rec = _record("Brazilian President Lula da Silva will attend the summit in Kazan.(TASS)")
    assert "Kazan" in _names(rec, "Region")


def test_hyphenated_given_name_is_kept_whole() -> None:
    rec = _record("South Korean President Yoon Suk-yeol met Japanese Prime Minister Ishiba Shigeru in Seoul.")
    assert "Yoon Suk-yeol" in _names(rec, "Leader")


def test_first_name_that_is_also_a_town_stays_in_the_name() -> None:
    rec = _record(
        "US Secretary of State Antony J. Blinken met with Greek Foreign Minister "
        "Giorgos Gerapetritis in Athens."
    )
    assert any(name.startswith("Antony") for name in _names(rec, "Leader"))


def test_nickname_and_formal_name_are_one_entity() -> None:
    rec = _record(
        "President Joe Biden met Kenyan President William Ruto. Later, President "
        "Joseph Biden hosted a state dinner for Ruto."
    )
    assert [n for n in _names(rec, "Leader") if "Biden" in n] == ["Joe Biden"]


def test_adjectival_subdivision_names_have_english_stems() -> None:
    gaz = gazetteer()
    assert gaz.region("Omsk").iso3166_2 == "RU-OMS"
    assert gaz.region("Sverdlovsk").iso3166_2 == "RU-SVE"


def test_names_carry_no_line_breaks() -> None:
    rec = _record(
        "Putin, Xi hold talks in Astana\n\nChinese President Xi Jinping met with "
        "Russian President Vladimir Putin in Astana on Wednesday."
    )
    assert all(e["name"] == e["name"].strip() for e in rec["entities"])


def test_dateline_country_only_for_leaders_of_the_lead() -> None:
    rec = _record(
        "BAKU (Wire) - Azerbaijani Foreign Minister Jeyhun Bayramov held talks with "
        "Turkish Foreign Minister Hakan Fidan.\n\nThe ministers discussed transport."
        "\n\nThe Turkish minister said that President Recep Tayyip Erdogan will visit "
        "Azerbaijan in October."
    )
    assert _country_of(rec, "Recep Tayyip Erdogan") != "AZ"
    assert ("Recep Tayyip Erdogan", "Azerbaijan") in _pairs(rec, "PLANS_VISIT")


def test_title_phrase_does_not_run_through_place_and_time() -> None:
    rec = _record(
        "MINSK (Wire) - Belarusian President Aleksandr Lukashenko met with Kazakh "
        "Foreign Minister Murat Nurtleu in Minsk on Monday, Example Wire has learned."
    )
    assert "Example Wire" not in _names(rec, "Leader")


def test_father_and_son_in_arabic_names_stay_apart() -> None:
    rec = _record(
        "UAE President Mohammed bin Zayed Al Nahyan met the delegation, with Sheikh "
        "Hamdan bin Mohammed bin Zayed Al Nahyan in attendance."
    )
    leaders = _names(rec, "Leader")
    assert {"Mohammed bin Zayed Al Nahyan", "Hamdan bin Mohammed bin Zayed Al Nahyan"} <= leaders


def test_region_before_the_office_gives_the_country() -> None:
    rec = _record("Kurdistan Region President Nechirvan Barzani met the French consul.")
    assert _country_of(rec, "Nechirvan Barzani") == "IQ"


def test_styles_of_address_are_not_part_of_a_name() -> None:
    rec = _record(
        "His Majesty King Idris III received Datuk Seri Aman Rahimi, the Foreign "
        "Minister of Malaysia, at the palace on Tuesday."
    )
    leaders = _names(rec, "Leader")
    assert not any(n.split()[0] in {"Majesty", "His", "Datuk", "Seri"} for n in leaders), leaders
    assert any(n.endswith("Aman Rahimi") for n in leaders), leaders


def test_a_titled_name_of_a_building_is_no_leader() -> None:
    rec = _record(
        "President Tomas Varga was received at King Halvard International Airport "
        "by Governor Ilse Brandt. He later met Governor Brandt at Al-Noor Palace."
    )
    leaders = _names(rec, "Leader")
    assert not any("Airport" in n or "Palace" in n for n in leaders), leaders
