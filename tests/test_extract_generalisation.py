"""Regression tests for phenomena found on independently written text (sentences written
for these tests): headline infinitives, relative clauses, passive greetings, offers of help."""

from __future__ import annotations

import pytest
from test_extract_visits import _rels

from diplograph.ingest.article import Article
from diplograph.ingest.extract import extract_article


def test_headline_infinitive_is_a_plan() -> None:
    text = (
        "Japanese Prime Minister Fumio Kishida to visit Brazil\n"
        "Kishida will meet President Lula da Silva during the trip."
    )
    assert ("Fumio Kishida", "Brazil") in _rels(text, "PLANS_VISIT")
    assert not _rels(text, "VISITED")
    talks = (
        "Indian Prime Minister Narendra Modi to hold talks with Egyptian President "
        "Abdel Fattah al-Sisi in Cairo"
    )
    assert not _rels(talks, "MET_WITH")
    assert not _rels(talks, "VISITED")
    assert ("Narendra Modi", "Cairo") in _rels(talks, "PLANS_VISIT")


def test_headline_present_tense_is_a_visit() -> None:
    text = (
        "Mongolian President Ukhnaagiin Khurelsukh visits Japan\n"
        "Khurelsukh met Prime Minister Fumio Kishida in Tokyo on Tuesday."
    )
    assert ("Ukhnaagiin Khurelsukh", "Japan") in _rels(text, "VISITED")


def test_infinitive_under_a_verb_is_not_headline_future() -> None:
    text = "Narendra Modi flew to Cairo on Saturday to meet Egyptian President Abdel Fattah al-Sisi."
    assert not _rels(text, "PLANS_VISIT")


@pytest.mark.parametrize(
    "clause",
    [
        "who said he hopes to visit Japan next year",
        "who said he would like to visit Japan",
        "who is looking forward to visiting Japan",
        "who said that he hoped to travel to Japan in August",
    ],
)
def test_relative_clause_visitor_is_the_antecedent_and_a_hope_is_a_plan(clause: str) -> None:
    text = f"Chinese President Xi Jinping met with French President Emmanuel Macron, {clause}."
    assert ("Emmanuel Macron", "Japan") in _rels(text, "PLANS_VISIT")
    assert ("Xi Jinping", "Japan") not in _rels(text, "PLANS_VISIT")
    assert not _rels(text, "VISITED") - {("Emmanuel Macron", "China")}
    assert ("Emmanuel Macron", "Xi Jinping") in _rels(text, "MET_WITH") | {
        (b, a) for a, b in _rels(text, "MET_WITH")
    }


def test_speaker_hoping_to_visit_has_not_visited() -> None:
    text = (
        "Chinese President Xi Jinping met with French President Emmanuel Macron in Beijing. "
        "Macron said he hopes to visit Shanghai soon."
    )
    assert ("Emmanuel Macron", "Shanghai") in _rels(text, "PLANS_VISIT")
    assert ("Emmanuel Macron", "Shanghai") not in _rels(text, "VISITED")
    assert ("Emmanuel Macron", "Beijing") in _rels(text, "VISITED")


@pytest.mark.parametrize(
    "text",
    [
        "Turkish President Recep Tayyip Erdogan will pay a state visit to Germany in November.",
        "Turkish President Recep Tayyip Erdogan is expected to visit Germany.",
        "Turkish President Recep Tayyip Erdogan visits Germany next week.",
        "Turkish President Recep Tayyip Erdogan is set to travel to Berlin.",
    ],
)
def test_future_visits_are_never_visited(text: str) -> None:
    assert not _rels(text, "VISITED")
    assert _rels(text, "PLANS_VISIT")


@pytest.mark.parametrize(
    "text",
    [
        "South Korean President Yoon Suk-yeol arrived in Vladivostok and was greeted by Governor "
        "Oleg Kozhemyako.",
        "South Korean President Yoon Suk-yeol was welcomed by Governor Oleg Kozhemyako at the airport.",
        "South Korean President Yoon Suk-yeol arrived in Vladivostok, where he was received by "
        "Governor Oleg Kozhemyako.",
    ],
)
def test_passive_greeting_is_a_meeting_with_the_agent(text: str) -> None:
    met = _rels(text, "MET_WITH")
    assert ("Oleg Kozhemyako", "Yoon Suk-yeol") in met | {(b, a) for a, b in met}


def test_readiness_to_help_another_economy_is_cooperation() -> None:
    text = (
        "Russian President Vladimir Putin met North Korean leader Kim Jong Un. Putin said "
        "Russia was ready to help develop the North Korean economy."
    )
    assert ("Vladimir Putin", "North Korea") in _rels(text, "PROPOSED_COOPERATION")
    helped = "Chinese Premier Li Qiang said China would help Kenya modernise its agriculture."
    assert ("Li Qiang", "Kenya") in _rels(helped, "PROPOSED_COOPERATION")


def test_help_given_in_the_past_or_refused_is_no_proposal() -> None:
    past = "Chinese Premier Li Qiang said China had helped develop the Kenyan economy."
    assert not _rels(past, "PROPOSED_COOPERATION")
    refused = "Russian President Vladimir Putin refused to help develop the Syrian economy."
    assert not _rels(refused, "PROPOSED_COOPERATION")


def _entities(text: str) -> dict[str, str]:
    record = extract_article(Article(text=text))
    return {e["name"]: e["type"] for e in record["entities"]}


def test_islands_and_peninsulas_are_regions() -> None:
    ents = _entities(
        "Japanese Prime Minister Fumio Kishida met Indonesian President Joko "
        "Widodo on Bali Island. Peace on the Korean Peninsula was discussed."
    )
    assert ents.get("Bali Island") == "Region"
    assert ents.get("Korean Peninsula") == "Region"
    record = extract_article(Article(text="The forum opened on Sakhalin Island on Monday."))
    island = next(e for e in record["entities"] if e["name"] == "Sakhalin Island")
    assert island["country"] == "RU"


def test_platforms_buildings_documents_and_bylines_are_not_leaders() -> None:
    text = (
        "By Example News writers Anna Petrova, Li Wen and Tom Berg\n\n"
        "Indonesian President Joko Widodo met Malaysian Prime Minister Anwar Ibrahim. "
        "Widodo wrote on Facebook that the talks were useful. The Summary was issued by "
        "Jakarta City Hall."
    )
    leaders = {name for name, kind in _entities(text).items() if kind == "Leader"}
    assert {"Joko Widodo", "Anwar Ibrahim"} <= leaders
    assert not leaders & {
        "Facebook",
        "Summary",
        "City Hall",
        "Jakarta City Hall",
        "Tom Berg",
        "Li Wen",
        "Anna Petrova",
    }


@pytest.mark.parametrize(
    "text",
    [
        "NAIROBI, Kenya - Ghanaian Vice President Mahamudu Bawumia, who arrived on Monday, met "
        "President William Ruto at State House.",
        "NAIROBI, Kenya - Ghanaian Vice President Mahamudu Bawumia, on a working visit, met "
        "President William Ruto.",
        "NAIROBI, Kenya - President William Ruto received Ghanaian Vice President Mahamudu "
        "Bawumia on Monday.",
    ],
)
def test_guest_who_came_to_the_dateline_city_visited_it(text: str) -> None:
    assert ("Mahamudu Bawumia", "Nairobi") in _rels(text, "VISITED")


@pytest.mark.parametrize(
    "text",
    [
        "NAIROBI, Kenya - President William Ruto met Ghanaian Vice President Mahamudu Bawumia "
        "at State House.",
        "NAIROBI, Kenya - President William Ruto will receive Ghanaian Vice President Mahamudu "
        "Bawumia at State House.",
    ],
)
def test_dateline_alone_or_a_planned_hosting_is_no_visit(text: str) -> None:
    assert not _rels(text, "VISITED")


def test_commission_between_two_countries_is_a_channel_of_cooperation() -> None:
    text = (
        "Zambian President Hakainde Hichilema called for strengthening the Bi-National "
        "Commission between Zambia and South Africa."
    )
    assert ("Hakainde Hichilema", "South Africa") in _rels(text, "PROPOSED_COOPERATION")
    revived = (
        "Zimbabwean President Emmerson Mnangagwa said the Joint Permanent Commission "
        "between Zimbabwe and Botswana should be revitalised."
    )
    assert ("Emmerson Mnangagwa", "Botswana") in _rels(revived, "PROPOSED_COOPERATION")
    report = "The Joint Permanent Commission between Zimbabwe and Botswana met in Gaborone last year."
    assert not _rels(report, "PROPOSED_COOPERATION")


def test_should_meet_is_not_a_meeting() -> None:
    text = (
        "Zambian President Hakainde Hichilema said he should meet South African President "
        "Cyril Ramaphosa soon."
    )
    assert not _rels(text, "MET_WITH")


def test_being_able_to_visit_is_done_unless_itself_future() -> None:
    done = "Indian Prime Minister Narendra Modi was able to visit Egypt last year."
    assert ("Narendra Modi", "Egypt") in _rels(done, "VISITED")
    for text in (
        "Indian Prime Minister Narendra Modi hopes to be able to visit Egypt.",
        "Indian Prime Minister Narendra Modi will be able to visit Egypt.",
    ):
        assert ("Narendra Modi", "Egypt") in _rels(text, "PLANS_VISIT")
        assert not _rels(text, "VISITED")


def test_guest_received_by_a_host_visited_the_hosts_country() -> None:
    text = (
        "British Prime Minister Theresa May on Wednesday received Saudi Crown Prince "
        "Mohammed bin Salman at her office."
    )
    assert ("Mohammed bin Salman", "United Kingdom") in _rels(text, "VISITED")
    abroad = (
        "Russian President Vladimir Putin received Chinese President Xi Jinping on the "
        "sidelines of the summit in Samarkand."
    )
    assert ("Xi Jinping", "Russia") not in _rels(abroad, "VISITED")


def test_ambassador_received_by_the_host_is_posted_not_visiting() -> None:
    text = (
        "MINSK (Example Wire) - Belarusian President Aleksandr Lukashenko received the "
        "Ambassador of Azerbaijan to Belarus Latif Gandilov."
    )
    assert not _rels(text, "VISITED")


def test_companions_go_where_the_visitor_goes() -> None:
    text = (
        "South African President Cyril Ramaphosa arrived in New Delhi on Friday. He was "
        "accompanied by his wife, Dr Tshepo Motsepe, and Minister of Energy Gwede "
        "Mantashe."
    )
    visits = _rels(text, "VISITED")
    assert {("Tshepo Motsepe", "New Delhi"), ("Gwede Mantashe", "New Delhi")} <= visits


def test_a_past_visit_and_a_planned_return_in_one_sentence() -> None:
    text = (
        "French President Emmanuel Macron, who visited Beijing last April, said he would "
        "return to China next year."
    )
    assert {("Emmanuel Macron", "Beijing"), ("Emmanuel Macron", "China")} <= _rels(text, "VISITED")
    assert ("Emmanuel Macron", "China") in _rels(text, "PLANS_VISIT")


def test_headline_pair_to_hold_talks_in_a_city() -> None:
    text = "Russian President Vladimir Putin and Chinese President Xi Jinping to hold talks in Moscow"
    assert _rels(text, "PLANS_VISIT") == {("Xi Jinping", "Moscow")}
    assert not _rels(text, "MET_WITH")


def test_announcing_or_preparing_a_visit_is_a_plan_but_not_what_is_said_during_one() -> None:
    for text in (
        "The Kremlin announced Chinese President Xi Jinping's visit to Russia.",
        "The ministers discussed preparations for the visit of Chinese President Xi Jinping to Russia.",
    ):
        assert ("Xi Jinping", "Russia") in _rels(text, "PLANS_VISIT")
        assert not _rels(text, "VISITED")
    during = (
        "Chinese President Xi Jinping announced during his visit to Kenya that China would build a railway."
    )
    assert ("Xi Jinping", "Kenya") in _rels(during, "VISITED")
    assert not _rels(during, "PLANS_VISIT")


def test_back_from_a_place_abroad_visited_it() -> None:
    text = (
        "Kenyan President William Ruto, speaking in Nairobi after returning from "
        "Washington, said Kenya wants to expand trade with the United States."
    )
    assert ("William Ruto", "Washington") in _rels(text, "VISITED")
    home = "Indian Prime Minister Narendra Modi returned from Mumbai on Sunday."
    assert not _rels(home, "VISITED")


@pytest.mark.parametrize(
    ("text", "target"),
    [
        (
            "Indonesian President Joko Widodo invited Japanese companies to invest in Indonesia's new "
            "capital.",
            "Japan",
        ),
        (
            "Indonesian President Joko Widodo urged South Korea to invest more in the nickel industry.",
            "South Korea",
        ),
        ("Indonesian President Joko Widodo called on Chinese investors to work with local firms.", "China"),
    ],
)
def test_invitation_to_invest_or_cooperate_is_a_proposal_to_the_invitee(text: str, target: str) -> None:
    assert ("Joko Widodo", target) in _rels(text, "PROPOSED_COOPERATION")


def test_no_invitation_no_proposal() -> None:
    text = "Indonesian President Joko Widodo did not invite Japanese companies to invest in the capital."
    assert not _rels(text, "PROPOSED_COOPERATION")


def test_shaking_hands_is_a_meeting_unless_planned() -> None:
    met = _rels(
        "US President Joe Biden shook hands with Chinese President Xi Jinping at the start of their meeting.",
        "MET_WITH",
    )
    assert met == {("Joe Biden", "Xi Jinping")} or met == {("Xi Jinping", "Joe Biden")}
    assert not _rels("US President Joe Biden will shake hands with Chinese President Xi Jinping.", "MET_WITH")


def test_whose_visit_belongs_to_the_antecedent() -> None:
    text = (
        "Chinese President Xi Jinping met French President Emmanuel Macron, whose state "
        "visit to Japan ended on Friday."
    )
    assert _rels(text, "VISITED") == {("Emmanuel Macron", "Japan")}
    planned = (
        "Chinese President Xi Jinping met French President Emmanuel Macron, whose state "
        "visit to Japan will begin on Monday."
    )
    assert _rels(planned, "PLANS_VISIT") == {("Emmanuel Macron", "Japan")}
    assert not _rels(planned, "VISITED")


def test_a_name_never_starts_with_punctuation() -> None:
    ents = _entities(
        "Georgian Foreign Minister Ilia Darchiashvili praised the mediation in the "
        "Serbia-Kosovo dialogue and the Armenia-Azerbaijan Nagorno-Karabakh "
        "conflict."
    )
    assert not [n for n, kind in ents.items() if kind == "Leader" and not n[:1].isalnum()]
    assert ents.get("Ilia Darchiashvili") == "Leader"


def test_an_aide_to_the_president_is_not_the_president() -> None:
    text = (
        "President Ama Owusu received the trade envoy of Togo on Monday. "
        "Chief of Staff to the President Kofi Mensah and Minister of Trade Efua Boateng also attended. "
        "The President said Ghana is ready to expand cooperation with Togo."
    )
    record = extract_article(Article(text=text, date="2024-02-05"))
    aliases = {
        e["name"]: {a.lower() for a in e["aliases"]} for e in record["entities"] if e["type"] == "Leader"
    }
    assert "the president" in aliases["Ama Owusu"]
    assert "the president" not in aliases["Kofi Mensah"]
