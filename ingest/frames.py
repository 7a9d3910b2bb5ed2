"""The knowledge the relation frames read, loaded once from data files under `data/`.

`triggers.tsv` holds the trigger lexicons, one word a line with its class (the role the word
plays in a frame); `event_codes.tsv` the CAMEO / PLOVER codes each relation carries. The
names below are the classes, so a frame reads `MEET_VERBS` as before; adding a word is a line
in the data file, never a change here.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from importlib import resources


def _rows(name: str) -> list[list[str]]:
    text = resources.files(__package__).joinpath("data", name).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@cache
def lexicon() -> dict[str, frozenset[str]]:
    """Every trigger class of `triggers.tsv` with its words."""
    classes: dict[str, set[str]] = defaultdict(set)
    for cls, word in _rows("triggers.tsv"):
        classes[cls].add(word)
    return {cls: frozenset(words) for cls, words in classes.items()}


def word_class(name: str) -> frozenset[str]:
    """The words of one class; a name missing from the data file is an error, not an empty set."""
    return lexicon()[name]


CODES: dict[str, tuple[str, str]] = {
    key: (cameo, plover) for key, cameo, plover, _meaning in _rows("event_codes.tsv")
}

MEET_VERBS = word_class("meet_verbs")
TOGETHER_VERBS = word_class("together_verbs")
LIGHT_VERBS = word_class("light_verbs")
MEET_NOUNS = word_class("meet_nouns")
CALL_WORDS = word_class("call_words")
CALL_VERBS = word_class("call_verbs")
VISIT_NOUNS = word_class("visit_nouns")
MOTION_VERBS = word_class("motion_verbs")
ARRIVAL_VERBS = word_class("arrival_verbs")
VISIT_LIGHT_VERBS = word_class("visit_light_verbs")
PLAN_HEADS = word_class("plan_heads")
PLAN_ADJ = word_class("plan_adj")
FUTURE_AUX = word_class("future_aux")
COOP_NOUNS = word_class("coop_nouns")
COOP_VERBS = word_class("coop_verbs")
WEAK_COOP_NOUNS = word_class("weak_coop_nouns")
INTENT_WORDS = word_class("intent_words")
DEVELOP_WORDS = word_class("develop_words")
SAY_VERBS = word_class("say_verbs")
MATERIAL_WORDS = word_class("material_words")
HOST_VERBS = word_class("host_verbs")
JOINT_BODY_NOUNS = word_class("joint_body_nouns")
JOINT_WORDS = word_class("joint_words")
PREPARE_VERBS = word_class("prepare_verbs")
PREPARE_NOUNS = word_class("prepare_nouns")
INVITING_VERBS = word_class("inviting_verbs")
RESIDENT_TITLES = word_class("resident_titles")
ASSIST_VERBS = word_class("assist_verbs")
DEVELOPMENT_NOUNS = word_class("development_nouns")
PROPOSAL_NOUNS = word_class("proposal_nouns")
ATTEND_VERBS = word_class("attend_verbs")
EVENT_NOUNS = word_class("event_nouns")
NEGATIVE_HEADS = word_class("negative_heads")
ONGOING_VISIT_VERBS = word_class("ongoing_visit_verbs")
DISCUSS_VERBS = word_class("discuss_verbs")
HOSPITALITY_NOUNS = word_class("hospitality_nouns")
WEAK_MEET_VERBS = word_class("weak_meet_verbs")
INVITE_NOUNS = word_class("invite_nouns")
SUBNATIONAL_NOUNS = word_class("subnational_nouns")
REGION_NOUNS = word_class("region_nouns")
PEER_NOUNS = word_class("peer_nouns")
FUTURE_DATE_WORDS = word_class("future_date_words")
