"""Coreference of Leaders: nominal mentions ('the head of state', 'the Belarusian leader',
'the Turkish minister') and personal pronouns ('he said').

A nominal resolves to the most recently mentioned Leader whose title shares its office word
(and whose country matches its demonym); a pronoun to the Leader most recently mentioned as
a subject, else the most recent one. Both walk the article once, in reading order.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.matcher import Matcher
from spacy.tokens import Span

from .entities import Entities, Entity
from .gazetteer import fold, gazetteer
from .nlp import get_nlp
from .titles import DOMAIN_WORDS, is_office_word

# generic heads and the office words they can stand for
GENERIC_HEADS: dict[str, frozenset[str]] = {
    "leader": frozenset(
        {
            "president",
            "leader",
            "minister",
            "premier",
            "king",
            "emir",
            "sultan",
            "prince",
            "chancellor",
            "state",
        }
    ),
    "diplomat": frozenset(
        {"ambassador", "minister", "envoy", "diplomat", "secretary", "consul", "representative"}
    ),
    "state": frozenset({"president", "leader", "king", "emir", "sultan", "state", "prince"}),
    "counterpart": frozenset(),
    "guest": frozenset(),
}
PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


@cache
def _nominal_matcher() -> Matcher:
    """'the' + words: compiled once, on the shared pipeline's vocabulary."""
    matcher = Matcher(get_nlp().vocab)
    office = {"LOWER": {"NOT_IN": ["the"]}, "IS_ALPHA": True}
    matcher.add("NOMINAL", [[{"LOWER": "the"}, {**office, "OP": "+"}]])
    return matcher


def _head_word(span: Span) -> str:
    words = [fold(t.text) for t in span]
    if "of" in words:  # "the head of state" -> state; "the President of Brazil" -> president
        before = words[: words.index("of")]
        if before and before[-1] == "head":
            return words[words.index("of") + 1] if len(words) > words.index("of") + 1 else "head"
        return before[-1] if before else words[-1]
    return words[-1]


def _office_words(title: str) -> set[str]:
    """The words of the office itself, not of whom it serves: a 'Private Secretary to the
    President' is a secretary, never 'the President' of the article."""
    return set(re.split(r"\b(?:to|of|for)\b", fold(title), maxsplit=1)[0].split())


class Coref:
    def __init__(self, ents: Entities) -> None:
        self.ents = ents
        self.doc = ents.doc
        self.leaders = ents.of_type("Leader")
        self.nominals: dict[int, Entity] = {}  # token of a resolved nominal -> Leader
        self._order: list[tuple[int, Entity, bool]] = sorted(
            (s, e, self.doc[s:t].root.dep_ in SUBJECT_DEPS) for e in self.leaders for s, t in e.mentions
        )

    def resolve_nominals(self) -> None:
        """Link 'the <demonym> <office>' phrases that name no one to the Leader they stand for."""
        doc, gaz = self.doc, gazetteer()
        spans: list[Span] = []
        for _, start, end in _nominal_matcher()(doc):
            span = doc[start:end]
            words = span[1:]
            if not all(
                is_office_word(t.text)
                or gaz.demonym(t.text)
                or t.lower_ in DOMAIN_WORDS
                or t.lower_
                in {
                    "head",
                    "of",
                    "state",
                    "foreign",
                    "defense",
                    "defence",
                    "top",
                    "leader",
                    "diplomat",
                    "prime",
                }
                or (t.i > start + 1 and gaz.place(t.text))
                for t in words
            ):
                continue
            if not any(is_office_word(t.text) or t.lower_ in GENERIC_HEADS for t in words):
                continue
            if end < len(doc) and (doc[end].pos_ == "PROPN" or end in self.ents.by_token):
                continue  # a title before a name, not a mention on its own
            if any(
                i in self.ents.by_token and self.ents.by_token[i].type == "Leader" for i in range(start, end)
            ):
                continue
            if self._names_follow(span):
                continue  # "the President of Tatarstan Rustam Minnikhanov": a title
            spans.append(span)
        spans.sort(key=lambda s: (s.start, -len(s)))
        last_end = -1
        for span in spans:
            if span.start < last_end:
                continue
            last_end = span.end
            leader = self._nominal_target(span)
            if leader is not None:
                leader.add_form(span.text)
                for i in range(span.start, span.end):
                    self.nominals[i] = leader
                self.nominals[span.root.i] = leader

    def _names_follow(self, span: Span) -> bool:
        """A Leader's name inside the phrase the nominal heads, after it, makes it a title."""
        by_token = self.ents.by_token
        return any(
            t.i >= span.end and by_token.get(t.i) is not None and by_token[t.i].type == "Leader"
            for t in span.root.subtree
            if t.i < span.end + 8
        )

    def _nominal_target(self, span: Span) -> Entity | None:
        gaz = gazetteer()
        country = None
        for tok in span:
            place = gaz.demonym(tok.text) or (gaz.country(tok.text) if tok.i > span.start + 1 else None)
            if place:
                country = place.country
        head = _head_word(span)
        heads = GENERIC_HEADS.get(head, frozenset({head}))
        best = None
        for start, ent, _subj in self._order:
            if start >= span.start:
                break
            if country and ent.country != country:
                continue
            title_words = _office_words(ent.title.text) if ent.title else set()
            if heads and not (title_words & heads) and head not in {"counterpart", "guest"}:
                continue
            best = ent
        return best

    def leader_at(self, i: int) -> Entity | None:
        """The Leader token i refers to: a mention, a resolved nominal or a pronoun."""
        ent = self.ents.by_token.get(i)
        if ent is not None:
            return ent if ent.type == "Leader" else None
        if i in self.nominals:
            return self.nominals[i]
        tok = self.doc[i]
        if tok.lower_ in PRONOUNS and tok.pos_ == "PRON":
            return self.pronoun(i)
        return None

    def pronoun(self, i: int) -> Entity | None:
        """The speaker a reported clause's subject pronoun is bound to ('X said he hopes',
        'Y, who said he hopes': Y), else this sentence's last subject before the pronoun,
        else the last subject before it."""
        bound = self._bound_speaker(i)
        if bound is not None:
            return bound
        here = before = recent = None
        sent_start = self.doc[i].sent.start
        for start, ent, is_subj in self._order:
            if start >= i:
                break
            recent = ent
            if is_subj and start >= sent_start:
                here = ent
            elif is_subj:
                before = ent
        return here or before or recent

    def _bound_speaker(self, i: int) -> Entity | None:
        """'he' as the subject of a clause reported by a verb whose subject is a named Leader
        or a relative 'who' (then its antecedent): the reporter speaks of himself."""
        tok = self.doc[i]
        if tok.dep_ not in SUBJECT_DEPS or tok.head.dep_ != "ccomp" or tok.lower_ not in {"he", "she"}:
            return None
        verb = tok.head.head
        subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is None or subject.i >= i:
            return None
        if subject.lower_ in {"who", "that"} and verb.dep_ == "relcl":
            subject = verb.head
        ent = self.ents.by_token.get(subject.i)
        if ent is not None:
            return ent if ent.type == "Leader" else None
        return self.nominals.get(subject.i)
