"""Regression tests for PLANS_VISIT and VISITED frames."""

from __future__ import annotations

from fixtures.extraction import extract, pairs


def _rels(text: str, kind: str, date: str | None = None) -> set[tuple[str, str]]:
    return pairs(extract(text, date), kind)


def test_accepted_invitation_to_visit_is_planned() -> None:
    plans = _rels("Kenyan President William Ruto accepted an invitation to visit Japan.", "PLANS_VISIT")
    assert ("William Ruto", "Japan") in plans


def test_invitation_for_someone_to_visit() -> None:
    text = (
        "Chilean President Gabriel Boric said the invitation for German Chancellor Olaf "
        "Scholz to visit Santiago was extended in May."
    )
    assert ("Olaf Scholz", "Santiago") in _rels(text, "PLANS_VISIT")
    assert not _rels(text, "VISITED")


def test_expected_to_get_together_in_a_foreign_city() -> None:
    plans = _rels(
        "Argentine President Javier Milei and his Italian counterpart Giorgia Meloni "
        "are expected to get together in Rome next month.",
        "PLANS_VISIT",
    )
    assert ("Javier Milei", "Rome") in plans
    assert ("Giorgia Meloni", "Rome") not in plans


def test_arrival_in_a_city_is_a_visit_of_its_country_too() -> None:
    visits = _rels(
        "Turkish President Recep Tayyip Erdogan held talks with Hungarian Prime "
        "Minister Viktor Orban, who arrived in Ankara for a working visit.",
        "VISITED",
    )
    assert {("Viktor Orban", "Ankara"), ("Viktor Orban", "Turkey")} <= visits


def test_is_visiting_several_countries() -> None:
    visits = _rels(
        "US Under Secretary of State Victoria Nuland met officials in Dhaka. Nuland "
        "is visiting Bangladesh, Nepal and Bhutan this week.",
        "VISITED",
    )
    assert {("Victoria Nuland", "Nepal"), ("Victoria Nuland", "Bhutan")} <= visits


def test_planned_talks_on_the_sidelines_of_a_summit_in_a_city() -> None:
    plans = _rels(
        "Australian Prime Minister Anthony Albanese will coordinate with officials "
        "ahead of talks with Indian Prime Minister Narendra Modi on the sidelines of "
        "the summit in Johannesburg.",
        "PLANS_VISIT",
    )
    assert ("Narendra Modi", "Johannesburg") in plans
    assert ("Anthony Albanese", "Johannesburg") in plans


def test_meeting_place_on_the_partner_or_the_talks() -> None:
    visits = _rels(
        "Greek Prime Minister Kyriakos Mitsotakis has met Turkish President Recep "
        "Tayyip Erdogan in Ankara for the first time in a year.",
        "VISITED",
    )
    assert ("Kyriakos Mitsotakis", "Ankara") in visits
    visits = _rels(
        "Turkish President Recep Tayyip Erdogan held talks with Greek Prime Minister "
        "Kyriakos Mitsotakis at the Maximos Mansion in Athens, Greece.",
        "VISITED",
    )
    assert {("Recep Tayyip Erdogan", "Athens"), ("Recep Tayyip Erdogan", "Greece")} <= visits


def test_topic_in_a_place_is_no_visit() -> None:
    visits = _rels(
        "Turkish Foreign Minister Hakan Fidan discussed with Iranian Foreign Minister "
        "Abbas Araghchi the situation in Syria.",
        "VISITED",
    )
    assert not visits


def test_visiting_participant_visited_the_hosts_country() -> None:
    visits = _rels(
        "Egyptian President Abdel Fattah El Sisi held a meeting with visiting Saudi "
        "Foreign Minister Faisal bin Farhan on Sunday.",
        "VISITED",
    )
    assert ("Faisal bin Farhan", "Egypt") in visits


def test_talks_held_in_a_city() -> None:
    visits = _rels(
        "Talks between Russian Foreign Minister Sergei Lavrov and Indian External "
        "Affairs Minister S. Jaishankar were held in Moscow on Tuesday.",
        "VISITED",
    )
    assert ("S. Jaishankar", "Moscow") in visits


def test_will_complete_a_visit_is_under_way() -> None:
    text = (
        "Chinese Foreign Minister Wang Yi met US Secretary of State Antony Blinken. Wang "
        "will complete his three-day official visit to the United States later in the day."
    )
    assert ("Wang Yi", "United States") in _rels(text, "VISITED")
    assert not _rels(text, "PLANS_VISIT")


def test_attending_a_summit_abroad() -> None:
    plans = _rels(
        "Chinese President Xi Jinping will attend the BRICS summit in Kazan next week.", "PLANS_VISIT"
    )
    assert ("Xi Jinping", "Kazan") in plans
    visits = _rels(
        "Indian Prime Minister Narendra Modi attended the G20 summit in Rio de Janeiro on Monday.", "VISITED"
    )
    assert ("Narendra Modi", "Rio de Janeiro") in visits
    plans = _rels(
        "Turkish President Recep Tayyip Erdogan is expected to take part in the "
        "forum in St. Petersburg in June.",
        "PLANS_VISIT",
    )
    assert ("Recep Tayyip Erdogan", "St. Petersburg") in plans


def test_being_in_a_foreign_country_is_a_visit_at_home_is_not() -> None:
    assert ("Narendra Modi", "Brazil") in _rels(
        "Indian Prime Minister Narendra Modi is in Brazil to attend the G20 summit.", "VISITED"
    )
    assert not _rels("Russian President Vladimir Putin was in Moscow on Monday.", "VISITED")


def test_invited_to_visit_is_the_guests_plan_and_nobody_visits_home() -> None:
    text = "Azerbaijani President Ilham Aliyev invited Turkish President Recep Tayyip Erdogan to visit Baku."
    assert _rels(text, "PLANS_VISIT") == {("Recep Tayyip Erdogan", "Baku")}
    assert not _rels(
        "Japanese Prime Minister Ishiba Shigeru returned to Japan on Sunday after "
        "visiting Japan's embassy in Seoul.",
        "VISITED",
    ) & {("Ishiba Shigeru", "Japan")}


def test_may_travel_there_after_accepting_is_planned() -> None:
    text = (
        "Belarusian President Aleksandr Lukashenko met with Governor of Russia's Omsk "
        "Region Vitaly Khotsenko. Khotsenko invited the president to visit Omsk. "
        "Lukashenko accepted the invitation and said he may travel there in September."
    )
    record = extract(text, "2024-05-14")
    names = {e["id"]: e["name"] for e in record["entities"]}
    plans = [
        (names[r["source"]], names[r["target"]], r["when_iso"])
        for r in record["relations"]
        if r["type"] == "PLANS_VISIT"
    ]
    assert ("Aleksandr Lukashenko", "Omsk", "2024-09") in plans


def test_the_meeting_took_place_in_a_city() -> None:
    visits = _rels(
        "Qatari Emir Tamim bin Hamad Al Thani met with Iraqi Kurdistan Region "
        "President Nechirvan Barzani on Friday. The meeting took place at the Amiri "
        "Diwan in Doha.",
        "VISITED",
    )
    assert ("Nechirvan Barzani", "Doha") in visits


def test_their_meeting_at_a_venue_in_a_city() -> None:
    visits = _rels(
        "Saudi Foreign Minister Faisal bin Farhan discussed regional issues with "
        "French Foreign Minister Jean-Noel Barrot. This came during their meeting at "
        "the Diplomatic Club in Riyadh.",
        "VISITED",
    )
    assert ("Jean-Noel Barrot", "Riyadh") in visits


def test_due_to_arrive_and_will_host_in_a_city_are_plans() -> None:
    assert ("Narendra Modi", "Moscow") in _rels(
        "Indian Prime Minister Narendra Modi is due to arrive in Moscow on Monday for talks.", "PLANS_VISIT"
    )
    assert ("Narendra Modi", "Moscow") in _rels(
        "Russian President Vladimir Putin will host Indian Prime Minister Narendra Modi in Moscow.",
        "PLANS_VISIT",
    )
    assert ("Narendra Modi", "Moscow") in _rels(
        "Indian Prime Minister Narendra Modi arrived in Moscow on Monday.", "VISITED"
    )


def test_later_meetings_happen_where_the_event_was_held() -> None:
    visits = _rels(
        "Brazilian Foreign Minister Mauro Vieira held a series of bilateral meetings "
        "with his counterparts on the sidelines of the BRICS summit in Rio de Janeiro. "
        "Vieira also met with Egyptian Foreign Minister Badr Abdelatty.",
        "VISITED",
    )
    assert ("Badr Abdelatty", "Rio de Janeiro") in visits
    assert not any(src == "Mauro Vieira" for src, _ in visits)


def test_light_verb_visit_with_the_place_on_the_verb() -> None:
    text = "Kenyan President Amara Odu will pay an official visit to Norway next month."
    assert ("Amara Odu", "Norway") in _rels(text, "PLANS_VISIT")
    assert not _rels(text, "VISITED")
