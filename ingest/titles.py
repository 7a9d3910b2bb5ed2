"""Office titles: the lexicon, and the title a person's mention carries.

A title is read from the words before a name ("Belarusian President Aleksandr Lukashenko",
"Governor of Russia's Primorsky Krai Oleg Kozhemyako") or from an apposition
("Dauren Abayev, Kazakhstan's ambassador to Russia"; "X, the Minister of Foreign Affairs of Y").
The country comes from a demonym, a possessive country or an "of <Country>" inside the title.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from spacy.tokens import Doc, Span

from .gazetteer import Place, fold, gazetteer


def _word_list(name: str) -> frozenset[str]:
    text = resources.files(__package__).joinpath("data", name).read_text("utf-8")
    return frozenset(fold(line) for line in text.splitlines() if line.strip() and not line.startswith("#"))


# honorifics dropped from a name but not offices by themselves ("His Majesty", "Datuk Seri")
HONORIFICS = _word_list("honorifics.txt")
# words that can sit inside a title between office words ("Minister of Foreign Affairs of Russia")
TITLE_GLUE = frozenset({"of", "the", "for", "to", "and", "&", "'s", "\u2019s", "on", "at", "in"})
# descriptive words allowed before an office word ("outgoing Russian Ambassador")
TITLE_MODIFIERS = frozenset(
    {
        "outgoing",
        "incoming",
        "former",
        "then",
        "acting",
        "new",
        "newly",
        "appointed",
        "recently",
        "top",
        "senior",
        "visiting",
        "deputy",
        "first",
        "chief",
        "foreign",
        "interim",
        "elected",
    }
)
# nouns naming what a minister, ambassador... is in charge of, kept inside the title
DOMAIN_WORDS = frozenset(
    {
        "foreign",
        "affairs",
        "defense",
        "defence",
        "healthcare",
        "health",
        "finance",
        "trade",
        "economy",
        "economic",
        "energy",
        "interior",
        "internal",
        "justice",
        "education",
        "culture",
        "agriculture",
        "industry",
        "transport",
        "external",
        "state",
        "european",
        "political",
        "security",
        "national",
        "international",
        "relations",
        "cooperation",
        "natural",
        "resources",
        "emergency",
        "emergencies",
        "labour",
        "labor",
        "social",
        "development",
        "investment",
        "investments",
        "commerce",
        "tourism",
        "communications",
        "digital",
        "sports",
        "youth",
        "information",
        "science",
        "technology",
        "environment",
        "ecology",
        "mining",
        "oil",
        "gas",
        "water",
        "housing",
        "construction",
        "infrastructure",
        "special",
        "presidential",
        "extraordinary",
        "plenipotentiary",
        "general",
        "executive",
        "prime",
        "vice",
        "high",
    }
)


@cache
def office_words() -> frozenset[str]:
    """Folded single words that head a title ('president', 'minister', 'governor'...)."""
    text = resources.files(__package__).joinpath("data", "titles.txt").read_text("utf-8")
    words: set[str] = set()
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(fold(line).split()[-1])
    return frozenset(words)


@lru_cache(maxsize=1 << 15)
def is_office_word(word: str) -> bool:
    key = fold(word)
    return key in office_words() or (key.endswith("s") and key[:-1] in office_words())


@dataclass(frozen=True)
class Title:
    text: str  # as written ("Healthcare Minister", "Governor of Primorsky Krai")
    country: str | None  # ISO alpha-2 named by the title, if any
    office_place: str | None  # folded name of the place the office is OF ("primorsky krai")


def title_before(
    doc: Doc, start: int, sent_start: int, blocked: set[int] | frozenset[int] = frozenset()
) -> Title | None:
    """The title written right before the name starting at token `start`, if any."""
    i = start - 1
    while i >= sent_start:
        tok = doc[i]
        word, key = tok.text, fold(tok.text)
        if i in blocked:
            break
        lower_ok = word.islower() and (
            key in TITLE_GLUE or key in TITLE_MODIFIERS or key in DOMAIN_WORDS or is_office_word(word)
        )
        upper_ok = word[:1].isupper() and tok.pos_ in {"PROPN", "NOUN", "ADJ"}
        if word in {"'s", "\u2019s", "&"} or lower_ok or upper_ok:
            i -= 1
            continue
        break
    words = doc[i + 1 : start]
    # the title starts at the first office word or demonym/country of the run
    first = next(
        (
            k
            for k, t in enumerate(words)
            if is_office_word(t.text)
            or gazetteer().demonym(t.text)
            or gazetteer().country(t.text)
            or fold(t.text) in DOMAIN_WORDS
            or _place_bigram(words, k)
            or _region_before_office(words, k)
        ),
        None,
    )
    if first is None or not any(is_office_word(t.text) for t in words):
        return None
    while (
        first + 1 < len(words) and words[first + 1].lower_ == "of" and not is_office_word(words[first].text)
    ):
        # "the visit to Mongolia of Japanese Prime Minister X": a title never opens with
        # "<place> of"; it starts after it
        first = next(
            (
                k
                for k in range(first + 2, len(words))
                if is_office_word(words[k].text) or gazetteer().demonym(words[k].text)
            ),
            len(words) - 1,
        )
    span = words[first:]
    while len(span) and fold(span[0].text) in TITLE_GLUE:
        span = span[1:]
    while len(span) and (fold(span[-1].text) in TITLE_GLUE or span[-1].text in {",", "-"}):
        span = span[:-1]
    if not len(span) or not any(is_office_word(t.text) for t in span):
        return None
    return _title_from(span)


def _place_bigram(words: Span, k: int) -> Place | None:
    """The country two words from position k name together ('South Korean', 'New Zealand')."""
    if k + 1 >= len(words) or not words[k].text[:1].isupper():
        return None
    text = f"{words[k].text} {words[k + 1].text}"
    return gazetteer().demonym(text) or gazetteer().country(text)


def _region_before_office(words: Span, k: int) -> Place | None:
    """A region named right before an office word ('Kurdistan Region President')."""
    for n in (2, 1):
        if k + n < len(words) and words[k].text[:1].isupper() and is_office_word(words[k + n].text):
            place = gazetteer().region(words[k : k + n].text)
            if place is not None and place.country:
                return place
    return None


def title_in(span: Span) -> Title | None:
    """The title if `span` (an apposition or a nominal) is one: it must contain an office word."""
    if not any(is_office_word(t.text) for t in span):
        return None
    return _title_from(span)


def _title_from(span: Span) -> Title:
    gaz = gazetteer()
    country = None
    office_place = None
    tokens = list(span)
    text = span.text
    for k, tok in enumerate(tokens):
        bigram = _place_bigram(span, k)
        if bigram and country is None:  # "South Korean", "New Zealand"
            country = bigram.country
        dem = gaz.demonym(tok.text)
        if dem and country is None and tok.text[:1].isupper():
            country = dem.country
        place = gaz.country(tok.text)
        if place and country is None:
            country = place.country
    if country is None:  # "Kurdistan Region President": the region's country
        country = next(
            (
                p.country
                for k in range(len(tokens))
                for p in [_region_before_office(span, k)]
                if p is not None
            ),
            None,
        )
    # "of <Place>" names the office's country or region
    for k, tok in enumerate(tokens):
        if tok.lower_ == "of":
            rest = [t.text for t in tokens[k + 1 :]]
            for n in range(min(4, len(rest)), 0, -1):
                cand = " ".join(rest[:n])
                place = gaz.place(cand)
                if place:
                    office_place = fold(cand)
                    country = country or place.country
                    if n < len(rest) and rest[n] in {"'s", "\u2019s"}:
                        # "Governor of Russia's Voronezh Region": the office is the region's
                        inner = " ".join(rest[n + 1 : n + 4])
                        for m in range(3, 0, -1):
                            sub = " ".join(inner.split()[:m])
                            if sub and gaz.place(sub):
                                office_place = fold(sub)
                                break
                    break
    # drop leading article and descriptive modifiers from the title text
    start = 0
    while start < len(tokens) - 1 and (
        fold(tokens[start].text) in {"the", "a", "an"}
        or fold(tokens[start].text) in {"outgoing", "incoming", "former", "recently", "newly", "appointed"}
    ):
        start += 1
    text = span[start:].text if start else text
    return Title(text=text, country=country, office_place=office_place)
