"""Personal-name knowledge shared by the extractor and the cross-article resolver."""

from __future__ import annotations

# familiar forms of given names and the formal name they stand for ("Joe Biden" is
# "Joseph Biden" in the same article)
NICKNAMES: dict[str, str] = {
    "joe": "joseph",
    "bill": "william",
    "will": "william",
    "bob": "robert",
    "rob": "robert",
    "tony": "anthony",
    "mike": "michael",
    "jim": "james",
    "tom": "thomas",
    "dick": "richard",
    "alex": "alexander",
    "sasha": "alexander",
    "nick": "nicholas",
    "dave": "david",
    "steve": "stephen",
    "ben": "benjamin",
    "chris": "christopher",
    "andy": "andrew",
    "liz": "elizabeth",
}


def formal(word: str) -> str:
    """The formal given name of a folded word ('joe' -> 'joseph'), else the word."""
    return NICKNAMES.get(word, word)
