"""Regression tests for PROPOSED_COOPERATION frames: who proposes and to whom."""

from __future__ import annotations

from fixtures.extraction import extract, pairs


def _coop(text: str) -> set[tuple[str, str]]:
    return pairs(extract(text), "PROPOSED_COOPERATION")


def test_both_sides_commit_gives_each_side_toward_the_other() -> None:
    coop = _coop(
        "Egyptian President Abdel Fattah al-Sisi held talks with Greek Prime Minister "
        "Kyriakos Mitsotakis in Cairo. Both sides committed to expand their relations "
        "in energy and shipping."
    )
    assert ("Abdel Fattah al-Sisi", "Greece") in coop
    assert ("Kyriakos Mitsotakis", "Egypt") in coop


def test_possessor_of_an_intent_noun_is_the_source() -> None:
    coop = _coop(
        "The State Department on Monday reaffirmed Washington's commitment to "
        "deepening its defense partnership with Poland."
    )
    assert ("United States", "Poland") in coop


def test_channel_through_a_region_is_a_second_partner() -> None:
    coop = _coop(
        "Kazakh President Kassym-Jomart Tokayev proposed developing trade with China through Xinjiang."
    )
    assert ("Kassym-Jomart Tokayev", "China") in coop
    assert ("Kassym-Jomart Tokayev", "Xinjiang") in coop


def test_unnamed_partner_of_a_governor_is_his_region() -> None:
    coop = _coop(
        "Belarusian President Aleksandr Lukashenko met with Governor of Russia's "
        "Kaluga Region Vladislav Shapsha. Aleksandr Lukashenko proposed to expand "
        "cooperation in machine building."
    )
    assert any(target.startswith("Kaluga") for source, target in coop if source == "Aleksandr Lukashenko")
    assert ("Aleksandr Lukashenko", "Russia") not in coop


def test_recent_developments_in_cooperation_are_no_proposal() -> None:
    coop = _coop(
        "Indian Foreign Minister S. Jaishankar met Kenyan Foreign Minister Musalia "
        "Mudavadi. Both leaders noted recent developments in bilateral cooperation."
    )
    assert coop == set()


def test_their_countries_and_a_third_will_work_together() -> None:
    coop = _coop(
        "Indonesian President Prabowo Subianto and Malaysian Prime Minister Anwar "
        "Ibrahim have agreed that their countries and Japan will work closely together "
        "on maritime security."
    )
    assert {
        ("Prabowo Subianto", "Malaysia"),
        ("Prabowo Subianto", "Japan"),
        ("Anwar Ibrahim", "Indonesia"),
        ("Anwar Ibrahim", "Japan"),
    } <= coop


def test_ties_that_are_developing_are_a_report() -> None:
    coop = _coop(
        "Uzbek President Shavkat Mirziyoyev stressed that the ties between Uzbekistan "
        "and Tatarstan are developing dynamically."
    )
    assert coop == set()


def test_discussed_prospects_of_cooperation_are_no_proposal() -> None:
    coop = _coop(
        "Indian Defence Minister Rajnath Singh will hold talks with his Australian "
        "counterpart Richard Marles to discuss the prospects for the development of "
        "defence cooperation."
    )
    assert coop == set()


def test_headline_office_resolves_to_the_leader_named_later() -> None:
    coop = _coop(
        "Kyrgyz president highlights importance of expanding trade with Turkey\n\n"
        "Kyrgyz President Sadyr Japarov received the Turkish ambassador in Bishkek."
    )
    assert ("Sadyr Japarov", "Turkey") in coop
    assert ("Kyrgyzstan", "Turkey") not in coop


def test_regions_of_a_country_are_not_the_country_and_no_implicit_partner() -> None:
    coop = _coop(
        "Belarusian President Aleksandr Lukashenko met with Russian Ambassador Boris "
        "Gryzlov. Lukashenko called for more active development of relations with "
        "the Russian regions."
    )
    assert ("Aleksandr Lukashenko", "Russia") not in coop


def test_direction_of_cooperation_is_read_on_the_inner_word() -> None:
    coop = _coop(
        "Belarusian President Aleksandr Lukashenko met with Russian Ambassador Boris "
        'Gryzlov. "We will open a new direction of cooperation with Vietnam," '
        "Lukashenko said."
    )
    assert coop == {("Aleksandr Lukashenko", "Vietnam")}


def test_the_sides_agreeing_to_strengthen_cooperation() -> None:
    coop = _coop(
        "Uzbek President Shavkat Mirziyoyev met with Turkish President Recep Tayyip "
        "Erdogan. The sides agreed to strengthen cooperation in trade and energy."
    )
    assert {("Shavkat Mirziyoyev", "Turkey"), ("Recep Tayyip Erdogan", "Uzbekistan")} <= coop


def test_parties_already_cooperating_is_no_proposal() -> None:
    coop = _coop(
        "Uzbek President Shavkat Mirziyoyev met with Turkish President Recep Tayyip "
        "Erdogan. He listed the areas where the parties are already cooperating."
    )
    assert coop == set()


def test_open_to_cooperation_is_an_intent() -> None:
    coop = _coop("Belarusian President Aleksandr Lukashenko said Belarus is open to cooperation with Kenya.")
    assert ("Aleksandr Lukashenko", "Kenya") in coop


def test_joint_bodies_are_a_channel_of_cooperation() -> None:
    coop = _coop(
        "Mongolian President Ukhnaagiin Khurelsukh proposed setting up a joint "
        "energy council of Mongolia and Kazakhstan."
    )
    assert ("Ukhnaagiin Khurelsukh", "Kazakhstan") in coop
    coop = _coop(
        "Senegalese President Bassirou Diomaye Faye proposed a joint task force with "
        "Mauritania to patrol the coast."
    )
    assert ("Bassirou Diomaye Faye", "Mauritania") in coop


def test_a_trade_framework_is_no_channel_partner() -> None:
    coop = _coop(
        "Ghanaian President John Mahama said Ghana is interested in expanding trade "
        "with Togo through the African Continental Free Trade Area."
    )
    assert ("John Mahama", "Togo") in coop
    assert not any("Free Trade" in target for _, target in coop)


def test_two_leaders_agreeing_propose_to_each_other() -> None:
    coop = _coop(
        "Hungarian Prime Minister Viktor Orban and Chinese Premier Li Qiang agreed to "
        "step up cooperation in electric vehicles."
    )
    assert {("Viktor Orban", "China"), ("Li Qiang", "Hungary")} <= coop


def test_proposals_by_one_side_for_another() -> None:
    coop = _coop(
        '"Proposals prepared by the Kaluga Region government for the Belarusian '
        'machine-building industry are very interesting," the ambassador said.'
    )
    assert any(src.startswith("Kaluga") and tgt == "Belarus" for src, tgt in coop)
