"""Regression tests for MET_WITH participants and sentence breaks before the first paragraph."""

from __future__ import annotations

from fixtures.extraction import extract, pairs


def _pairs(text: str, kind: str) -> set[frozenset[str] | tuple[str, str]]:
    """Symmetric types as unordered pairs."""
    found = pairs(extract(text), kind)
    return {frozenset(pair) for pair in found} if kind in {"MET_WITH", "HELD_CALL"} else set(found)


def test_counterpart_named_in_apposition() -> None:
    met = _pairs(
        "President Emmanuel Macron of France has travelled to Nigeria to hold talks "
        "with his counterpart, President Bola Tinubu.",
        "MET_WITH",
    )
    assert frozenset({"Emmanuel Macron", "Bola Tinubu"}) in met


def test_short_kicker_line_is_its_own_sentence() -> None:
    visits = _pairs(
        "Diplomacy\nMinister to discuss trade\nForeign Minister Penny Wong will "
        "visit Indonesia and Vietnam next week.",
        "PLANS_VISIT",
    )
    assert {("Penny Wong", "Indonesia"), ("Penny Wong", "Vietnam")} <= visits


def test_thanks_for_the_reception_is_a_meeting() -> None:
    met = _pairs(
        "Mongolian President Ukhnaagiin Khurelsukh visited Astana. Khurelsukh "
        "thanked Kazakh President Kassym-Jomart Tokayev for the warm hospitality.",
        "MET_WITH",
    )
    assert frozenset({"Ukhnaagiin Khurelsukh", "Kassym-Jomart Tokayev"}) in met


def test_discussed_after_a_phone_call_is_no_meeting() -> None:
    text = (
        "French President Emmanuel Macron and Ukrainian President Volodymyr Zelensky held a "
        "telephone conversation on Monday. The two presidents also discussed the energy "
        "situation."
    )
    assert not _pairs(text, "MET_WITH")
    assert frozenset({"Emmanuel Macron", "Volodymyr Zelensky"}) in _pairs(text, "HELD_CALL")


def test_first_lady_named_in_apposition() -> None:
    met = _pairs(
        "The wife of the Ghanaian president, Lordina Mahama, had a meeting with the "
        "First Lady of Kenya, Rachel Ruto.",
        "MET_WITH",
    )
    assert frozenset({"Lordina Mahama", "Rachel Ruto"}) in met


def test_called_on_is_a_courtesy_meeting_unless_an_appeal() -> None:
    assert frozenset({"Narendra Modi", "Ranil Wickremesinghe"}) in _pairs(
        "Indian Prime Minister Narendra Modi on Tuesday called on Sri Lankan President Ranil Wickremesinghe.",
        "MET_WITH",
    )
    assert not _pairs(
        "Indian Prime Minister Narendra Modi called on Sri Lankan President Ranil "
        "Wickremesinghe to release the fishermen.",
        "MET_WITH",
    )


def test_called_someone_is_a_phone_call() -> None:
    assert frozenset({"Narendra Modi", "Ranil Wickremesinghe"}) in _pairs(
        "Indian Prime Minister Narendra Modi called Sri Lankan President Ranil Wickremesinghe.", "HELD_CALL"
    )


def test_headline_discussing_by_phone_is_the_call() -> None:
    text = (
        "Ruto and Museveni discuss oil pipeline by phone\n\nNAIROBI, Kenya - Kenyan President "
        "William Ruto held a telephone conversation with Ugandan President Yoweri Museveni."
    )
    assert not _pairs(text, "MET_WITH")
    assert frozenset({"William Ruto", "Yoweri Museveni"}) in _pairs(text, "HELD_CALL")


def test_excited_to_speak_with_is_not_yet_a_meeting() -> None:
    assert not _pairs(
        "Brazilian President Luiz Inacio Lula da Silva said he was excited to speak "
        "with US President Joe Biden.",
        "MET_WITH",
    )
