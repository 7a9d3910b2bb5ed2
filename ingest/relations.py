"""Relation frames read off the dependency parse: meetings, calls, visits (made and planned)
and proposals of cooperation.

Each frame starts at a trigger (a verb or noun from `frames`), finds its participants through
the dependency arcs (subject, object, "with"/"to"/"of" phrases, conjunctions) and maps them to
entities, through coreference for pronouns and nominals. Planned actions ("will meet",
"expected to visit", "upcoming visit") never become MET_WITH or VISITED.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from .coref import Coref
from .entities import Entities, Entity
from .frames import (
    ARRIVAL_VERBS,
    ASSIST_VERBS,
    ATTEND_VERBS,
    CALL_VERBS,
    CALL_WORDS,
    CODES,
    COOP_NOUNS,
    COOP_VERBS,
    DEVELOP_WORDS,
    DEVELOPMENT_NOUNS,
    DISCUSS_VERBS,
    EVENT_NOUNS,
    FUTURE_AUX,
    FUTURE_DATE_WORDS,
    HOSPITALITY_NOUNS,
    HOST_VERBS,
    INTENT_WORDS,
    INVITE_NOUNS,
    INVITING_VERBS,
    JOINT_BODY_NOUNS,
    JOINT_WORDS,
    LIGHT_VERBS,
    MATERIAL_WORDS,
    MEET_NOUNS,
    MEET_VERBS,
    MOTION_VERBS,
    NEGATIVE_HEADS,
    ONGOING_VISIT_VERBS,
    PEER_NOUNS,
    PLAN_ADJ,
    PLAN_HEADS,
    PREPARE_NOUNS,
    PREPARE_VERBS,
    PROPOSAL_NOUNS,
    REGION_NOUNS,
    RESIDENT_TITLES,
    SAY_VERBS,
    SUBNATIONAL_NOUNS,
    TOGETHER_VERBS,
    VISIT_LIGHT_VERBS,
    VISIT_NOUNS,
    WEAK_COOP_NOUNS,
    WEAK_MEET_VERBS,
)
from .gazetteer import fold
from .titles import is_office_word
from .when import date_phrase, resolve_when

PLACE_TYPES = ("Country", "Region")
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
FIRST_PERSON = frozenset({"i", "we", "our", "us", "my"})
# what may stand between an office noun and its holder's name ("Ambassador to the country X")
TITLE_PHRASE_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "ADP", "PART"})
TITLE_ADPS = frozenset({"of", "to", "for", "'s", "\u2019s"})
# endings a plan word may carry when the lemmatiser leaves it inflected
INFLECTIONS = ("s", "es", "ed", "d", "ing")


@dataclass
class Relation:
    type: str
    source: Entity
    target: Entity
    sentences: list[Span] = field(default_factory=list)
    code: str = ""
    when: str | None = None
    when_iso: str | None = None
    rule: str = ""

    def record(self) -> dict:
        cameo, plover = CODES[self.code or self.type]
        rec: dict = {
            "type": self.type,
            "source": self.source.id,
            "target": self.target.id,
            "rule": self.rule,
            "evidence": [
                {"sentence": s.text, "start": s.start_char, "end": s.end_char} for s in self.sentences
            ],
            "cameo": cameo,
            "plover": plover,
        }
        if self.type == "PLANS_VISIT":
            rec["when"] = self.when
            rec["when_iso"] = self.when_iso
        return rec


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _conjuncts(tok: Token) -> list[Token]:
    return [tok, *tok.conjuncts]


def _is_plan_head(tok: Token) -> bool:
    """A word an action it governs is only intended by: 'plans', 'hopes' (which the
    lemmatiser may get wrong: 'hopes' -> 'hop'), 'looks forward to'."""
    low = tok.lower_
    if (
        _lemma(tok) in PLAN_HEADS
        or low in PLAN_HEADS
        or any(low.endswith(end) and low[: -len(end)] in PLAN_HEADS for end in INFLECTIONS)
    ):
        return True
    return _lemma(tok) == "look" and any(c.lower_ == "forward" for c in tok.children)


def _headline_infinitive(verb: Token) -> bool:
    """'Kishida to visit Brazil': a to-infinitive with no verb above it (headline-ese for
    what is about to happen), not one a verb governs ('went there to meet', 'became the
    first leader to visit')."""
    if verb.tag_ != "VB" or not any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children):
        return False
    # Token.ancestors is bounded by the document, a hand-written climb is not.
    return not any(cur.pos_ in {"VERB", "AUX"} for cur in verb.ancestors)


def _future_date(tok: Token) -> bool:
    """A time expression pointing ahead on the trigger: 'visit Japan next year'."""
    dates = [c for c in tok.children if c.dep_ in {"npadvmod", "advmod"}]
    dates += [p for c in tok.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    return any(d.ent_type_ == "DATE" and any(t.lower_ in FUTURE_DATE_WORDS for t in d.subtree) for d in dates)


def _is_planned(tok: Token) -> bool:
    """Future, intended or scheduled: 'will meet', 'plans to visit', 'is expected to',
    'hopes to visit', 'X to visit Y' (headline), 'visits Japan next year'."""
    cur = tok
    for _ in range(4):
        if any(
            c.dep_ in {"aux", "auxpass"} and (c.lower_ in FUTURE_AUX or _lemma(c) in FUTURE_AUX)
            for c in cur.children
        ):
            return True
        if any(c.dep_ in {"amod", "advmod"} and c.lower_ in PLAN_ADJ for c in cur.children):
            return True
        if _headline_infinitive(cur) or (cur is tok and _future_date(cur)):
            return True
        if cur.dep_ in {"xcomp", "acl", "advcl", "ccomp", "pcomp", "prep"} and _is_plan_head(cur.head):
            return True
        if (
            cur.dep_ == "relcl"
            and _is_plan_head(cur.head)
            and any(c.dep_ == "aux" and c.tag_ == "TO" for c in cur.children)
        ):
            return True  # "the invitation for X to visit", an infinitival relative
        if cur.dep_ == "xcomp" and any(
            c.dep_ == "acomp" and c.lower_ in PLAN_HEADS for c in cur.head.children
        ):
            return True
        if cur.dep_ in {
            "xcomp",
            "conj",
            "pobj",
            "dobj",
            "prep",
            "acl",
            "relcl",
            "advcl",
            "acomp",
            "advmod",
            "pcomp",
        } or (cur.pos_ in {"NOUN", "ADP"}):
            if cur.head is cur:
                break
            cur = cur.head
            continue
        break
    return False


def _is_negated(tok: Token) -> bool:
    """'did not meet', 'has no plans to visit', 'refused to meet', 'cancelled the visit':
    the action the trigger names does not (or will not) take place."""
    cur = tok
    for _ in range(3):
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in {"no", "never"}) for c in cur.children):
            return True
        if cur.head.i == cur.i or cur.dep_ not in {
            "xcomp",
            "acl",
            "dobj",
            "pobj",
            "prep",
            "nsubjpass",
            "advcl",
        }:
            return False
        if _lemma(cur.head) in NEGATIVE_HEADS:
            return True
        cur = cur.head
    return False


def visits_own_country(kind: str, source: Entity, target: Entity) -> bool:
    """A leader does not visit their own country: such a visit is a misreading."""
    return (
        kind in {"VISITED", "PLANS_VISIT"} and target.type == "Country" and (source.country == target.country)
    )


class RelationFinder:
    def __init__(self, ents: Entities, coref: Coref, article_date: str | None) -> None:
        self.ents = ents
        self.coref = coref
        self.doc = ents.doc
        self.date = article_date
        self.found: dict[tuple[str, str, str], Relation] = {}
        self.focus_place: Entity | None = None
        self.implicit: list[tuple[Entity, Span, str]] = []
        self.last_pair: tuple[Entity, Entity] | None = None
        self.meeting_place: Entity | None = None  # where the last located meeting was held
        # MET_WITH keys found only through weak verbs ("discuss"), and those found otherwise
        self.weak_meetings: set[tuple[str, str, str]] = set()
        self.found_strong: set[tuple[str, str, str]] = set()
        # guests who came somewhere the text does not name: hosted, arrived, on a visit
        self.came: list[tuple[Entity, Span]] = []
        # (host, guest, sentence) of a hosting with no place named
        self.hosted: list[tuple[Entity, Entity, Span]] = []
        # (companion, visitor, sentence): "X was accompanied by A and B"
        self.companions: list[tuple[Entity, Entity, Span]] = []
        self.rule = ""  # the frame running now, named on what it adds

    # -- participants ---------------------------------------------------------------------
    def entity(self, tok: Token, types: tuple[str, ...] = ("Leader",)) -> Entity | None:
        """The entity a noun phrase headed by `tok` names, looking into its compounds too."""
        if "Leader" in types:
            leader = self.coref.leader_at(tok.i)
            if leader is not None:
                return leader
        ent = self.ents.by_token.get(tok.i)
        if ent is not None and ent.type in types:
            return ent
        if "Leader" in types and tok.sent.start == 0 and is_office_word(tok.text):
            leader = self._headline_leader(tok)
            if leader is not None:
                return leader
        for child in tok.children:
            if child.dep_ == "amod" and tok.lower_ in SUBNATIONAL_NOUNS:
                continue  # "the Russian regions" are not Russia
            if child.dep_ in {"compound", "appos", "poss", "nmod", "amod"} and not (
                child.dep_ == "poss" and "Leader" in types
            ):
                ent = self.ents.by_token.get(child.i)
                # an adjective is a demonym (a Country), or a name the parser took for
                # one ("el-Sisi plans(NOUN) to visit")
                if (
                    ent is not None
                    and ent.type in types
                    and (child.dep_ != "amod" or ent.type in {"Country", "Leader"})
                ):
                    return ent
                if "Leader" in types and child.dep_ == "appos":
                    leader = self.coref.leader_at(child.i)
                    if leader is not None:
                        return leader
        if tok.lower_ in {"there", "here"} and set(types) & set(PLACE_TYPES):
            return self.focus_place
        if "Region" in types and tok.lower_ in REGION_NOUNS and [c.lower_ for c in tok.children] == ["the"]:
            return self._region_in_focus(tok.i)
        if "Leader" in types and (is_office_word(tok.text) or tok.lower_ in PEER_NOUNS):
            return self._titled_leader(tok)
        return None

    def _headline_leader(self, tok: Token) -> Entity | None:
        """'Kazakh president highlights ...' in a headline: the Leader the article goes on to
        name with that office (and country, if a demonym is given)."""
        country = next(
            (
                e.country
                for c in tok.children
                if c.dep_ in {"amod", "compound"}
                for e in [self.ents.by_token.get(c.i)]
                if e is not None and e.type == "Country"
            ),
            None,
        )
        office = fold(tok.text).rstrip("s")
        for _, leader in sorted((min(e.mentions), e) for e in self.ents.of_type("Leader") if e.mentions):
            title = set(fold(leader.title.text).split()) if leader.title else set()
            if office in title and (country is None or leader.country == country):
                return leader
        return None

    def _region_in_focus(self, i: int) -> Entity | None:
        """'the region', 'the city': the place in focus if a region, else the last region
        named before token i."""
        if self.focus_place is not None and self.focus_place.type == "Region":
            return self.focus_place
        before = [(start, e) for e in self.ents.of_type("Region") for start, _ in e.mentions if start < i]
        return max(before, key=lambda pair: pair[0])[1] if before else None

    def pair_phrase(self, tok: Token, latest: bool = False) -> list[Entity]:
        """'the two leaders/sides/presidents': the first two Leaders the article names or,
        with `latest`, the two who met or talked last (the pair a comment is about)."""
        bare = tok.lower_ in {"two", "both"} and tok.dep_ in SUBJECT_DEPS  # "for the two to"
        sides = tok.lower_ in {"sides", "parties"} and [c.lower_ for c in tok.children] == ["the"]
        if not (bare or sides) and (
            not any(c.lower_ in {"two", "both"} for c in tok.children) or tok.tag_ != "NNS"
        ):
            return []
        if latest and self.last_pair is not None:
            return list(self.last_pair)
        firsts = [
            e for _, e in sorted((min(e.mentions), e) for e in self.ents.of_type("Leader") if e.mentions)
        ]
        if len(firsts) < 2:
            return []
        # a bilateral pair: the first Leader and the first one from another country
        other = next(
            (e for e in firsts[1:] if e.country and firsts[0].country and e.country != firsts[0].country),
            None,
        )
        return [firsts[0], other] if other is not None else firsts[:2]

    def _titled_leader(self, tok: Token) -> Entity | None:
        """An office noun whose name follows inside its phrase or after a comma
        ('Russian Ambassador to the country Mikhail Bocharnikov', 'the chairperson of X, Y')."""
        for t in tok.subtree:
            leader = self.coref.leader_at(t.i) if t.i != tok.i else None
            if leader is not None and t.i > tok.i:
                return leader
        end = tok.right_edge.i + 1
        if end + 1 < len(self.doc) and self.doc[end].text == ",":
            return self._leader_ahead(end + 1, 6)
        return self._leader_ahead(tok.i + 1, 8)

    def _leader_ahead(self, start: int, width: int) -> Entity | None:
        """The Leader named within the title phrase starting at `start` ('President X')."""
        # a misattached name: "met with Russian Ambassador to the country Mikhail Bocharnikov"
        if start >= len(self.doc):
            return None  # the office word ends the text ("met PRESIDENT")
        for k in range(start, min(start + width, self.doc[start].sent.end)):
            t = self.doc[k]
            if t.pos_ not in TITLE_PHRASE_POS or (t.pos_ == "ADP" and t.lower_ not in TITLE_ADPS):
                break
            leader = self.ents.by_token.get(k)
            if leader is not None and leader.type == "Leader":
                return leader
        return None

    def group(self, tok: Token, types: tuple[str, ...] = ("Leader",)) -> list[Entity]:
        out: list[Entity] = []
        for t in _conjuncts(tok):
            ent = self.entity(t, types)
            if ent is not None and ent not in out:
                out.append(ent)
        return out

    def pobjs(self, tok: Token, preps: set[str]) -> list[Token]:
        """Objects of the preposition children of `tok` ('with X'); 'with visiting X', which
        the parser reads as a gerund, gives X."""
        out = []
        for c in tok.children:
            # the medium model reads "pay a visit to X" with "to" as a dative of the verb
            if c.dep_ not in {"prep", "agent", "dative"} or c.lower_ not in preps:
                continue
            for p in c.children:
                if p.dep_ == "pobj":
                    out.append(p)
                elif p.dep_ == "pcomp" and p.lower_ == "visiting":
                    out += [d for d in p.children if d.dep_ == "dobj"]
        return out

    def subjects(self, verb: Token, types: tuple[str, ...] = ("Leader",)) -> list[Entity]:
        """Subject of `verb`, climbing to the governing clause for participles and xcomps."""
        cur = verb
        for _ in range(4):
            for c in cur.children:
                if c.dep_ in {"nsubj", "csubj"}:
                    if c.lower_ in {"who", "that", "which"} and cur.dep_ == "relcl":
                        return self.group(cur.head, types)
                    found = self.group(c, types)
                    # a coordination the parser split into two subjects ("A and B have agreed")
                    for other in cur.children:
                        if other.dep_ == "nsubj" and other.i > c.i:
                            found += [e for e in self.group(other, types) if e not in found]
                    if found:
                        return found
                    return self.pair_phrase(c) or self._first_person(c, types)
                if c.dep_ == "nsubjpass" and _lemma(cur) not in MEET_VERBS:
                    return self.group(c, types)
            if cur.dep_ == "relcl":
                return self.group(cur.head, types)
            if cur is not verb and cur.pos_ in {"NOUN", "PROPN"}:
                found = self.group(cur, types)  # a misparse: "X plans(NOUN) to visit"
                if found:
                    return found
            if cur.dep_ in {"xcomp", "advcl", "conj", "acl", "pcomp", "ccomp", "acomp"} or (
                cur.dep_ == "pobj" or cur.pos_ in {"ADP", "NOUN"}
            ):
                if cur.head is cur:
                    break
                cur = cur.head
                continue
            break
        return []

    def _first_person(self, tok: Token, types: tuple[str, ...]) -> list[Entity]:
        """'we'/'I' inside a quote stand for the quoted speaker."""
        if tok.lower_ not in FIRST_PERSON or "Leader" not in types:
            return []
        speaker = self.speaker(tok.sent)
        return [speaker] if speaker else []

    def speaker(self, sent: Span) -> Entity | None:
        """Who says this sentence: a reporting verb's subject here or just after the quote."""
        for s in (sent, *self._next_sents(sent, 1)):
            for tok in s:
                if _lemma(tok) in SAY_VERBS and tok.pos_ == "VERB":
                    for c in tok.children:
                        if c.dep_ in SUBJECT_DEPS:
                            leader = self.entity(c)
                            if leader is not None:
                                return leader
        return None

    def _next_sents(self, sent: Span, n: int) -> list[Span]:
        out = []
        i = sent.end
        while i < len(self.doc) and len(out) < n:
            s = self.doc[i].sent
            out.append(s)
            i = s.end
        return out

    # -- recording ------------------------------------------------------------------------
    def add(
        self, kind: str, source: Entity, target: Entity, sent: Span, code: str = "", when: Token | None = None
    ) -> None:
        if source is target or source.id == target.id:
            return
        if visits_own_country(kind, source, target):
            return
        if kind in {"MET_WITH", "HELD_CALL"}:
            self.last_pair = (source, target)
            if source.id > target.id:
                source, target = target, source
        key = (kind, source.id, target.id)
        rel = self.found.get(key)
        if rel is None:
            rel = self.found[key] = Relation(kind, source, target, code=code, rule=self.rule)
        if sent not in rel.sentences:
            rel.sentences.append(sent)
        if kind == "PLANS_VISIT" and rel.when is None and when is not None:
            rel.when, rel.when_iso = self._when(when)

    def _when(self, tok: Token) -> tuple[str | None, str | None]:
        """The DATE expression in the clause of `tok` (with its preposition)."""
        for t in tok.subtree if tok.pos_ in {"VERB", "AUX"} else tok.head.subtree:
            if t.ent_type_ == "DATE" and t.ent_iob_ == "B":
                text = date_phrase(next(e for e in t.doc.ents if e.start == t.i))
                return text, resolve_when(text, self.date)
        return None, None

    # -- frames ---------------------------------------------------------------------------
    def run(self) -> list[Relation]:
        for tok in self.doc:
            lemma = _lemma(tok)
            if tok.pos_ in {"VERB", "AUX"}:
                if (
                    lemma in MEET_VERBS
                    or lemma in CALL_VERBS
                    or lemma in LIGHT_VERBS
                    or (lemma in TOGETHER_VERBS and any(c.lower_ == "together" for c in tok.children))
                    or (lemma == "shake" and any(c.lower_ == "hands" for c in tok.children))
                ):
                    self._frame(self.meeting_verb, tok)
                if lemma == "thank":
                    self._frame(self.thanks, tok)
                if lemma in ATTEND_VERBS or lemma == "be":
                    self._frame(self.attendance, tok)
                if lemma == "visit" or lemma in MOTION_VERBS or lemma in ARRIVAL_VERBS:
                    self._frame(self.visit_verb, tok)
                if lemma in COOP_VERBS:
                    self._frame(self.cooperation, tok)
                if lemma in ASSIST_VERBS:
                    self._frame(self.assistance, tok)
                if lemma in COOP_VERBS or lemma == "invest":
                    self._frame(self.invited_to_cooperate, tok)
                if lemma == "accompany":
                    self._frame(self.accompaniment, tok)
            elif tok.pos_ in {"NOUN", "PROPN"}:
                if tok.lower_ in MEET_NOUNS or lemma in MEET_NOUNS or lemma == "call":
                    self._frame(self.meeting_noun, tok)
                if lemma in VISIT_NOUNS:
                    self._frame(self.visit_noun, tok)
                if lemma in PROPOSAL_NOUNS:
                    self._frame(self.proposal, tok)
                if tok.lower_ in COOP_NOUNS or lemma in COOP_NOUNS or self._joint_body(tok):
                    self._frame(self.cooperation, tok)
        self._frame(self.resolve_implicit)
        self._frame(self._calls_not_meetings)
        self._frame(self._unplaced_visits)
        self._frame(self._companions_visit)
        self._frame(self._plans_not_visits)
        return list(self.found.values())

    def _frame(self, frame: Callable[..., None], *args: Token) -> None:
        """Run one frame; what it adds names it as the rule that made the relation."""
        self.rule = frame.__name__.lstrip("_")
        frame(*args)

    def _unplaced_visits(self) -> None:
        """Guests who came to a place the text does not name. One who was hosted visited the
        dateline's place if the host is at home there, else the host's country; one who
        arrived or is on a visit, and met a Leader of the dateline's country, visited the
        dateline's place. A Leader of no known country counts as at home at the dateline
        (news names home officials without a demonym)."""
        # an ambassador received by the host is posted there, not visiting
        visited = {rel.source.id for rel in self.found.values() if rel.type == "VISITED"} | {
            e.id
            for e in self.ents.of_type("Leader")
            if e.title and RESIDENT_TITLES & set(fold(e.title.text).split())
        }
        place = self.ents.dateline
        home = place.country if place is not None else None
        for host, guest, sent in self.hosted:
            if guest.id in visited or not guest.country:
                continue
            if home and host.country in {home, None}:
                where = place
            else:
                where = self.ents.country_entity(host.country) if host.country else None
            if where is not None and where.country != guest.country:
                self.add_visit(guest, where, sent)
        if place is None or not home:
            return
        met_home = {
            a.id
            for rel in self.found.values()
            if rel.type == "MET_WITH"
            for a, b in ((rel.source, rel.target), (rel.target, rel.source))
            if b.country in {home, None}
        }
        for guest, sent in self.came:
            if guest.id in met_home and guest.id not in visited and guest.country and guest.country != home:
                self.add_visit(guest, place, sent)

    def accompaniment(self, verb: Token) -> None:
        """'X was accompanied by his wife A and ministers B and C', 'A accompanied X': the
        companions go where X goes."""
        if _is_negated(verb) or _is_planned(verb):
            return
        if any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
            visitors = [
                e for c in verb.children if c.dep_ == "nsubjpass" for e in self.group(c)
            ] or self.subjects(verb)
            groups = self.pobjs(verb, {"by"})
        else:
            visitors = [e for c in verb.children if c.dep_ == "dobj" for e in self.group(c)]
            groups = [c for c in verb.children if c.dep_ == "nsubj"]
        companions = {
            e.id: e
            for g in groups
            for t in g.subtree
            if t.pos_ != "PRON"
            for e in [self.coref.leader_at(t.i)]
            if e is not None
        }
        for visitor in visitors:
            for companion in companions.values():
                if companion is not visitor:
                    self.companions.append((companion, visitor, verb.sent))

    def _companions_visit(self) -> None:
        for companion, visitor, sent in self.companions:
            for rel in list(self.found.values()):
                if rel.type == "VISITED" and rel.source is visitor:
                    self.add("VISITED", companion, rel.target, sent)

    def _plans_not_visits(self) -> None:
        """A visit read as planned from a sentence is not also made from that sentence: a
        VISITED whose every sentence carries a PLANS_VISIT of the same person to the same
        place goes, and so does the VISITED of that place's country; a country VISITED
        stays while a region of it visited in those sentences holds it ('X, who visited
        Beijing, said he would return to China')."""
        plans: dict[tuple[str, str], set[Span]] = {}
        for rel in self.found.values():
            if rel.type == "PLANS_VISIT":
                plans.setdefault((rel.source.id, rel.target.id), set()).update(rel.sentences)
        planned_regions = set()
        for key, rel in list(self.found.items()):
            if (
                rel.type == "VISITED"
                and rel.target.type == "Region"
                and set(rel.sentences) <= plans.get((rel.source.id, rel.target.id), set())
            ):
                planned_regions.add((rel.source.id, rel.target.country))
                del self.found[key]
        for key, rel in list(self.found.items()):
            if rel.type != "VISITED" or rel.target.type != "Country":
                continue
            pair = (rel.source.id, rel.target.id)
            if not (
                set(rel.sentences) <= plans.get(pair, set())
                or (rel.source.id, rel.target.country) in planned_regions
            ):
                continue
            held = any(
                o.type == "VISITED"
                and o.source is rel.source
                and o.target.type == "Region"
                and o.target.country == rel.target.country
                and set(o.sentences) & set(rel.sentences)
                for o in self.found.values()
            )
            if not held:
                del self.found[key]

    def _calls_not_meetings(self) -> None:
        """A pair that only 'discussed' and also held a call in the article (the headline
        'A and B discuss X by phone' comes before the call is named) had the call."""
        for key in self.weak_meetings:
            call = self.found.get(("HELD_CALL", key[1], key[2]))
            met = self.found.get(key)
            if call is not None and met is not None:
                call.sentences = [*met.sentences, *(s for s in call.sentences if s not in met.sentences)]
                del self.found[key]

    def _is_call(self, tok: Token) -> bool:
        window = [
            tok,
            *tok.children,
            tok.head,
            *[c for c in tok.head.children],
            *self.pobjs(tok, {"by", "over", "on", "via"}),
        ]  # "spoke by phone with"
        return _lemma(tok) in CALL_VERBS or any(
            t.lower_ in CALL_WORDS or _lemma(t) in CALL_VERBS for t in window
        )

    def meeting_verb(self, verb: Token) -> None:
        lemma = _lemma(verb)
        if _is_negated(verb):
            return
        if _is_planned(verb):
            if lemma in HOST_VERBS:
                self._hosted_visit(verb)
            elif lemma not in LIGHT_VERBS:
                people = self.subjects(verb) + [e for p in self.pobjs(verb, {"with"}) for e in self.group(p)]
                self._planned_place(verb, people, verb)
            return
        objects: list[Entity] = []
        is_call = self._is_call(verb)
        noun = None
        if lemma in LIGHT_VERBS:
            noun = next(
                (
                    c
                    for c in verb.children
                    if c.dep_ == "dobj"
                    and (c.lower_ in MEET_NOUNS or _lemma(c) in MEET_NOUNS or _lemma(c) == "call")
                ),
                None,
            )
            series = next(
                (
                    m
                    for c in verb.children
                    if c.dep_ == "dobj"
                    for m in self.pobjs(c, {"of"})
                    if _lemma(m) in MEET_NOUNS
                ),
                None,
            )
            noun = noun or series  # "held a series of bilateral meetings with ..."
            if noun is None:
                return
            if lemma in {"begin", "start"}:
                return
            is_call = is_call or self._is_call(noun)
            for p in self.pobjs(noun, {"with", "from"}) + self.pobjs(verb, {"with"}):
                objects += self.group(p)
            if not objects and not is_call and self.pobjs(verb, {"with"}):
                self._meeting_place(verb, [])  # unnamed partners: only where it was held
                return
        else:
            if lemma in {"discuss", "talk", "confer", "negotiate", "sit", "speak"}:
                # "discussed regional issues with X": the with-phrase hangs on the topic
                objects += [
                    e
                    for c in verb.children
                    if c.dep_ == "dobj"
                    for p in self.pobjs(c, {"with"})
                    for e in self.group(p)
                ]
            else:
                for c in verb.children:
                    # "called X" may parse X as an object predicate (oprd)
                    if c.dep_ == "dobj" or (c.dep_ == "oprd" and lemma in CALL_VERBS):
                        objects += self.group(c)
                        for agent in (t for t in c.subtree if t.dep_ == "agent"):
                            for p in agent.children:
                                objects += self.group(p)
                        if _lemma(c) == "call":
                            is_call = True
                            for p in self.pobjs(c, {"from"}):
                                objects += self.group(p)
            for p in self.pobjs(verb, {"with", "from"}):
                objects += self.group(p)
        if lemma == "call" and not objects:
            # "X called on Y": a courtesy meeting, unless an appeal ("called on Y to stop")
            courtesy = [e for p in self.pobjs(verb, {"on"}) for e in self.group(p)]
            if not courtesy or any(c.dep_ in {"xcomp", "ccomp", "advcl"} for c in verb.children):
                return
            objects, is_call = courtesy, False
        subjects = self.subjects(verb)
        if (
            not objects
            and lemma not in WEAK_MEET_VERBS
            and verb.dep_ not in {"ROOT", "conj", "ccomp", "xcomp", "advcl", "relcl", "acl"}
        ):
            left, objects = self._adjacent_leaders(verb)
            subjects = subjects or left
        if any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
            # "was received by X"; "arrived in Y and was greeted by Governor Z": the subject
            # of a passive conjunct is the first conjunct's
            agents = [e for p in self.pobjs(verb, {"by"}) for e in self.group(p)]
            passive = [e for c in verb.children if c.dep_ == "nsubjpass" for e in self.group(c)]
            if agents and not passive:
                passive = [e for e in subjects if e not in agents]
            subjects, objects = agents or subjects, objects or passive
        kind = "HELD_CALL" if is_call else "MET_WITH"
        code = "MET_WITH:host" if lemma in HOST_VERBS and not is_call else ""
        if code:  # "X received/hosted/welcomed Y": Y came to X
            self.hosted += [
                (host, guest, verb.sent) for guest in objects for host in subjects if guest is not host
            ]
        self._pairs(kind, subjects, objects, verb.sent, code, weak=lemma in WEAK_MEET_VERBS)
        if kind == "MET_WITH":
            self._meeting_place(verb, subjects + objects)

    def _adjacent_leaders(self, verb: Token) -> tuple[list[Entity], list[Entity]]:
        """A meeting verb the parser lost in a name ('President X al-Sisi hosted King Y'
        read as a modifier): the Leader named right before it and the one right after,
        with only title words between."""
        doc = self.doc
        left = self.ents.by_token.get(verb.i - 1)
        k = verb.i + 1
        while (
            k < verb.sent.end
            and k - verb.i <= 4
            and doc[k].i not in self.ents.by_token
            and (doc[k].pos_ in {"PROPN", "ADJ", "DET"} or doc[k].lower_ == "with")
        ):
            k += 1
        right = self.ents.by_token.get(k)
        if k < verb.sent.end and right is not None and right.type != "Leader":
            k += 1  # a demonym linked to its country: "Jordanian King Abdullah II"
            while k < verb.sent.end and k - verb.i <= 5 and k not in self.ents.by_token:
                k += 1
            right = self.ents.by_token.get(k)
        if left is None or right is None or left.type != "Leader" or right.type != "Leader":
            return [], []
        return [left], [right]

    def attendance(self, verb: Token) -> None:
        """'attends / will take part in the summit in Kazan', 'is in Brazil': a Leader from
        abroad at an event or in a place visits it (VISITED, or PLANS_VISIT if planned)."""
        lemma = _lemma(verb)
        if lemma == "be":
            if verb.dep_ not in {"ROOT", "conj", "ccomp"}:
                return
            places = [e for p in self.pobjs(verb, {"in"}) for e in self.group(p, PLACE_TYPES)]
        else:
            holder = verb
            if lemma == "take":  # "take part in"
                holder = next((c for c in verb.children if c.dep_ == "dobj" and c.lower_ == "part"), None)
                if holder is None:
                    return
            events = [c for c in verb.children if c.dep_ == "dobj" and lemma == "attend"]
            events += self.pobjs(holder, {"in"}) + self.pobjs(verb, {"in"})
            events = [e for e in events if _lemma(e) in EVENT_NOUNS or e.lower_ in EVENT_NOUNS]
            if not events:
                return
            places = [e for ev in events for e in self._places_in(ev)]
            places += [e for p in self.pobjs(verb, {"in"}) for e in self.group(p, PLACE_TYPES)]
        if not places or _is_negated(verb):
            return
        kind = "PLANS_VISIT" if _is_planned(verb) else "VISITED"
        for person in self.subjects(verb):
            for place in places:
                if person.country and place.country and person.country != place.country:
                    self.add_trip(kind, person, place, verb.sent, verb)
            self.focus_place = places[-1]

    def thanks(self, verb: Token) -> None:
        """'A thanked B for the warm reception/hospitality': B hosted A, so they met."""
        if not any(_lemma(p) in HOSPITALITY_NOUNS for p in self.pobjs(verb, {"for"})):
            return
        hosts = [e for c in verb.children if c.dep_ == "dobj" for e in self.group(c)]
        guests = self.subjects(verb)
        self._pairs("MET_WITH", guests, hosts, verb.sent, "MET_WITH:host")

    def _hosted_visit(self, verb: Token) -> None:
        """'A will host B for a state visit': B plans to visit A's country; 'A will host B
        in Moscow': B plans to visit Moscow."""
        guests = [e for c in verb.children if c.dep_ == "dobj" for e in self.group(c)]
        self._planned_place(verb, guests, verb)
        if not any(_lemma(p) in VISIT_NOUNS for p in self.pobjs(verb, {"for", "on"})):
            return
        for host in self.subjects(verb):
            country = self.ents.country_entity(host.country) if host.country else None
            for guest in guests:
                if country is not None and guest.country != host.country:
                    self.add("PLANS_VISIT", guest, country, verb.sent, when=verb)

    def _pairs(
        self,
        kind: str,
        subjects: list[Entity],
        objects: list[Entity],
        sent: Span,
        code: str = "",
        weak: bool = False,
    ) -> None:
        """Each subject with each object, or the subjects among themselves. A `weak` meeting
        word ('discussed', 'talked') between two who are already on the phone in this
        article continues the call, not a meeting."""
        if objects:
            pairs = [(s, o) for s in subjects for o in objects]
        else:
            pairs = [(s, o) for k, s in enumerate(subjects) for o in subjects[k + 1 :]]
        for s, o in pairs:
            on_call = weak and kind == "MET_WITH" and self._on_call(s, o)
            self.add("HELD_CALL" if on_call else kind, s, o, sent, "" if on_call else code)
            if kind == "MET_WITH" and not on_call:
                key = ("MET_WITH", *sorted((s.id, o.id)))
                if weak and key not in self.found_strong:
                    self.weak_meetings.add(key)
                else:
                    self.found_strong.add(key)
                    self.weak_meetings.discard(key)

    def _on_call(self, a: Entity, b: Entity) -> bool:
        first, second = sorted((a.id, b.id))
        return ("HELD_CALL", first, second) in self.found

    def _planned_place(self, trigger: Token, people: list[Entity], when: Token) -> None:
        """A planned meeting 'in <place>': each participant from abroad plans to visit it."""
        for place in self._places_in(trigger):
            for person in people:
                if person.country and place.country and person.country != place.country:
                    self.add("PLANS_VISIT", person, place, trigger.sent, when=when)

    def _places_in(self, trigger: Token) -> list[Entity]:
        """'in <place>' on the trigger, or on the event it is part of ('talks on the
        sidelines of the summit in Hiroshima')."""
        # on the trigger or on its object ("will host X in Moscow")
        holders = [trigger, *(c for c in trigger.children if c.dep_ == "dobj")]
        places = [e for h in holders for p in self.pobjs(h, {"in"}) for e in self.group(p, PLACE_TYPES)]
        if places:
            return places
        for p in self.pobjs(trigger, {"on", "at", "during"}):
            for event in [p, *(q for q in self.pobjs(p, {"of"}))]:
                places += [e for q in self.pobjs(event, {"in"}) for e in self.group(q, PLACE_TYPES)]
        return places

    def _ahead_of(self, noun: Token) -> bool:
        """'ahead of the talks', 'before the summit': the meeting is still to come."""
        return (
            noun.dep_ == "pobj"
            and noun.head.lower_ in {"of", "before"}
            and (noun.head.lower_ == "before" or noun.head.head.lower_ in {"ahead", "prior"})
        )

    def meeting_noun(self, noun: Token) -> None:
        if self._ahead_of(noun) or _is_planned(noun) or any(c.lower_ in PLAN_ADJ for c in noun.children):
            partners = [e for p in self.pobjs(noun, {"with"}) for e in self.group(p)]
            people = partners + self._noun_subject(noun, partners)
            # "A and B to hold talks in Moscow": the pair is the subject
            if (partners or len(people) > 1) and not self._is_call(noun):
                self._planned_place(noun, people, noun)
            return
        if noun.dep_ == "dobj" and _lemma(noun.head) in LIGHT_VERBS:
            return  # handled with its verb
        is_call = self._is_call(noun)
        partners = [e for p in self.pobjs(noun, {"with", "from"}) for e in self.group(p)]
        pair = [e for p in self.pobjs(noun, {"between", "of"}) for e in self.group(p)]
        owner = [e for c in noun.children if c.dep_ == "poss" for e in self.group(c)]
        kind = "HELD_CALL" if is_call else "MET_WITH"
        people: list[Entity] = []
        if partners:
            sources = owner or pair or self._noun_subject(noun, partners)
            self._pairs(kind, sources, partners, noun.sent)
            people = sources + partners
        elif len(pair) > 1:
            self._pairs(kind, pair, [], noun.sent)
            people = pair
        elif len(owner) > 1:
            self._pairs(kind, owner, [], noun.sent)
            people = owner
        if not people and kind == "MET_WITH" and self._same_meeting(noun):
            people = list(self.last_pair)  # "the meeting took place at ... in Abu Dhabi"
        if kind == "MET_WITH" and (people or self.pobjs(noun, {"with"})):
            self._meeting_place(noun, people)

    def _same_meeting(self, noun: Token) -> bool:
        """'The meeting took place ...', 'during their meeting at ...': the meeting just
        reported, of the last pair that met."""
        return (
            self.last_pair is not None
            and _lemma(noun) in {"meeting", "talk", "negotiation"}
            and any(c.lower_ in {"the", "this", "their", "that"} for c in noun.children)
            and (
                noun.dep_ in {"nsubj", "nsubjpass"}
                or (noun.dep_ == "pobj" and noun.head.lower_ in {"during", "at"})
            )
        )

    def _noun_subject(self, noun: Token, exclude: list[Entity]) -> list[Entity]:
        """Who had the meeting: the subject of the clause the noun sits in, else the sentence's."""
        found = [e for e in self.subjects(noun) if e not in exclude]
        if found:
            return found
        root = noun.sent.root
        found = [e for e in self.subjects(root) if e not in exclude]
        return found

    def _meeting_place(self, trigger: Token, people: list[Entity]) -> None:
        """A meeting 'in <place>' abroad means each visitor VISITED the place; so does a
        'visiting' participant the host's country. The place may hang on the trigger, its
        meeting noun, a participant or the venue ('met X in Seoul', 'held talks with X in
        Nairobi', 'at State House in Nairobi')."""
        holders = [
            trigger,
            *(
                c
                for c in trigger.children
                if c.dep_ == "dobj"
                and (c.lower_ in MEET_NOUNS or _lemma(c) in MEET_NOUNS or self.entity(c) is not None)
            ),
        ]
        if trigger.pos_ == "NOUN" and trigger.dep_ in {"nsubj", "nsubjpass"}:
            holders.append(trigger.head)  # "the talks were held / started in Moscow"
        holders += [p for h in list(holders) for p in self.pobjs(h, {"with", "at"})]
        # "on the sidelines of the G20 meeting in New Delhi"
        holders += [
            q
            for h in list(holders)
            for p in self.pobjs(h, {"on", "during"})
            for q in (p, *self.pobjs(p, {"of"}))
        ]
        places = [e for h in holders for p in self.pobjs(h, {"in"}) for e in self.group(p, PLACE_TYPES)]
        self._visiting(trigger.sent, people)
        if places:
            self.meeting_place = places[-1]
        elif self.meeting_place is not None:
            # the article's meetings go on where the last located one was held, if one
            # participant may be at home there ("Jaishankar also met with X")
            host = self.meeting_place.country
            if host and any(p.country in {host, None} for p in people):
                places = [self.meeting_place]
        for place in places:
            self.focus_place = place
            for person in people:
                if person.country and place.country and person.country != place.country:
                    self.add_visit(person, place, trigger.sent)

    def _visiting(self, sent: Span, people: list[Entity]) -> None:
        """'met with visiting Chinese Defense Minister X': X VISITED the country of the
        Leaders X met."""
        for tok in sent:
            if tok.lower_ != "visiting" or tok.i + 1 >= sent.end:
                continue
            visitor = self._leader_ahead(tok.i + 1, 6)
            if visitor is None or visitor not in people or not visitor.country:
                continue
            hosts = {p.country for p in people if p.country and p.country != visitor.country}
            if len(hosts) == 1:
                country = self.ents.country_entity(hosts.pop())
                if country is not None:
                    self.add_visit(visitor, country, sent)

    def _visit_kind(self, trigger: Token) -> str | None:
        if _is_negated(trigger):
            return None
        return "PLANS_VISIT" if _is_planned(trigger) else "VISITED"

    def visit_verb(self, verb: Token) -> None:
        lemma = _lemma(verb)
        targets: list[Entity] = []
        if lemma == "visit":
            for c in verb.children:
                if c.dep_ in {"dobj", "advmod"}:
                    targets += self.group(c, PLACE_TYPES)
        preps = {"in", "at"} if lemma in ARRIVAL_VERBS else {"to", "for"}
        for p in self.pobjs(verb, preps):
            targets += self.group(p, PLACE_TYPES)
        if lemma in MOTION_VERBS:
            targets += [e for c in verb.children if c.dep_ == "advmod" for e in self.group(c, PLACE_TYPES)]
        if lemma == "return":
            self._returned_from(verb)
        if not targets:
            if lemma in ARRIVAL_VERBS and self._visit_kind(verb) == "VISITED":
                self.came += [(v, verb.sent) for v in self.subjects(verb)]  # "who arrived"
            return
        kind = self._visit_kind(verb)
        if kind is None or (lemma in MOTION_VERBS and kind == "VISITED" and lemma != "come"):
            return
        visitors = self._invited(verb) or self.subjects(verb)
        for v in visitors:
            for t in targets:
                self.add_trip(kind, v, t, verb.sent, verb)
        self.focus_place = targets[-1]

    def _returned_from(self, verb: Token) -> None:
        """'after returning from Washington': one back from a place abroad visited it."""
        places = [e for p in self.pobjs(verb, {"from"}) for e in self.group(p, PLACE_TYPES)]
        if not places or self._visit_kind(verb) != "VISITED":
            return
        for person in self.subjects(verb):
            for place in places:
                if person.country and place.country and person.country != place.country:
                    self.add_visit(person, place, verb.sent)

    def _invited(self, verb: Token) -> list[Entity]:
        """Who an invitation to visit is for: 'invited X to visit', 'the invitation for Lula to
        visit Washington', 'accepted an invitation to visit India' (the one who accepts)."""
        noun = verb.head
        if verb.dep_ in {"xcomp", "advcl", "ccomp"} and _lemma(noun) in {"invite", "urge", "ask"}:
            return [e for c in noun.children if c.dep_ == "dobj" for e in self.group(c)]
        # "the invitation for X to visit": an acl, or a relcl in the medium model's parse
        if verb.dep_ not in {"acl", "relcl"} or _lemma(noun) not in INVITE_NOUNS:
            return []
        guests = [e for p in self.pobjs(noun, {"for", "to"}) for e in self.group(p)]
        if guests:
            return guests
        if _lemma(noun.head) in {"accept", "receive", "take"} and noun.dep_ == "dobj":
            return self.subjects(noun.head)
        return []

    def add_visit(self, person: Entity, place: Entity, sent: Span) -> None:
        """VISITED a place abroad, and the country of a region or city visited."""
        self.add("VISITED", person, place, sent)
        if place.type == "Region" and place.country and place.country != person.country:
            country = self.ents.country_entity(place.country)
            if country is not None:
                self.add("VISITED", person, country, sent)

    def add_trip(self, kind: str, person: Entity, place: Entity, sent: Span, when: Token) -> None:
        """A visit made (VISITED, with the country of a city) or planned (with its time)."""
        if kind == "VISITED":
            self.add_visit(person, place, sent)
        else:
            self.add(kind, person, place, sent, when=when)

    def visit_noun(self, noun: Token) -> None:
        targets = [e for p in self.pobjs(noun, {"to", "in"}) for e in self.group(p, PLACE_TYPES)]
        targets += [
            e
            for c in noun.children
            if c.dep_ in {"compound", "amod", "poss"}
            and self.ents.by_token.get(c.i) is not None
            and self.ents.by_token[c.i].type in PLACE_TYPES
            for e in [self.ents.by_token[c.i]]
        ]
        visitors = [e for c in noun.children if c.dep_ == "poss" for e in self.group(c)]
        if any(c.dep_ == "poss" and c.lower_ == "whose" for c in noun.children):
            # "Macron, whose visit to China begins ...": the relative clause's antecedent
            clause = next((h for h in (noun.head, noun.head.head) if h.dep_ == "relcl"), None)
            visitors += self.group(clause.head) if clause is not None else []
        target_toks = [p for p in self.pobjs(noun, {"to", "in"})]
        for holder in (noun, *target_toks):
            visitors += [e for p in self.pobjs(holder, {"of", "by"}) for e in self.group(p)]
        head = noun.head
        while (head.pos_ in {"ADP", "SCONJ"} or head.dep_ == "prep") and head.head is not head:
            head = head.head
        governing = head if head.pos_ in {"VERB", "AUX"} else None
        if (
            not targets
            and governing is not None
            and _lemma(governing) in VISIT_LIGHT_VERBS
            and noun.dep_ == "dobj"
        ):
            # "pay a visit to X" with "to X" attached to the verb (a PP-attachment choice)
            targets = [e for p in self.pobjs(governing, {"to"}) for e in self.group(p, PLACE_TYPES)]
        if not visitors and head.pos_ in {"PROPN", "NOUN"} and head is not noun:
            visitors = self.group(head)  # "X, on a visit to Y, laid a wreath"
        if (
            not visitors
            and governing is not None
            and (_lemma(governing) in VISIT_LIGHT_VERBS or noun.dep_ in {"dobj", "pobj"})
        ):
            visitors = self.subjects(governing)
        if not visitors:
            return
        planned = (
            any(c.lower_ in PLAN_ADJ for c in noun.children)
            or (governing is not None and _is_planned(governing))
            or _is_planned(noun)
        )
        if (
            governing is not None
            and noun.dep_ in {"dobj", "nsubjpass"}
            and _lemma(governing) in PREPARE_VERBS
        ):
            planned = True  # "announced / prepared the visit", not "announced during his visit"
        if (
            noun.dep_ == "pobj"
            and noun.head.lower_ in {"for", "of"}
            and _lemma(noun.head.head) in PREPARE_NOUNS
        ):
            planned = True  # "preparations for the visit"
        if governing is not None and _lemma(governing) in ONGOING_VISIT_VERBS:
            planned = False  # "will complete his visit to X": the visit is under way
        if _is_negated(noun) or (
            governing is not None and (_lemma(governing) in NEGATIVE_HEADS or _is_negated(governing))
        ):
            return  # "postponed his visit", "did not make the trip"
        kind = "PLANS_VISIT" if planned else "VISITED"
        if not targets:  # "X, on a visit, met Y", "during his visit"
            if kind == "VISITED":
                self.came += [(v, noun.sent) for v in visitors]
            return
        for v in visitors:
            for t in targets:
                self.add_trip(kind, v, t, noun.sent, governing or noun)
        self.focus_place = targets[-1]

    # -- cooperation ----------------------------------------------------------------------
    def cooperation(self, tok: Token) -> None:
        """An intent to develop cooperation with a partner: speaker/subject -> partner."""
        partner_types = ("Country", "Region", "Organization", "Leader")
        partners = [e for p in self.pobjs(tok, {"with"}) for e in self.group(p, partner_types)]
        pair = [e for p in self.pobjs(tok, {"between", "among"}) for e in self.group(p, partner_types)]
        pair += [
            e
            for c in tok.children
            if c.dep_ in {"compound", "amod", "nmod"}
            for e in self.group(c, ("Country", "Region"))
        ]
        if self._joint_body(tok):
            # "a joint water council of Kazakhstan and Uzbekistan"; "A and B set up a joint
            # venture": the body's members
            pair += [e for p in self.pobjs(tok, {"of"}) for e in self.group(p, PLACE_TYPES)]
            if tok.dep_ == "dobj":
                pair += [e for e in self.subjects(tok.head, PLACE_TYPES) if e not in pair]
        head = tok.head
        if not partners and tok.dep_ in {"dobj", "pobj"}:
            partners = [e for p in self.pobjs(head, {"with"}) for e in self.group(p, partner_types)]
        if partners:
            partners += self._channels(tok)
        if not self._intent(tok) or self._inner_cooperation(tok):
            return
        # a partner written but not a named entity ("with other Russian regions") is not the
        # unnamed partner of the meetings
        with_phrase = bool(
            self.pobjs(tok, {"with"}) or (tok.dep_ in {"dobj", "pobj"} and self.pobjs(head, {"with"}))
        )
        sources = self._coop_sources(tok)
        joint = self._their_countries(tok)
        if joint:  # "A and B confirmed that their countries and C will work together"
            sources, partners = joint
        partners = [p for p in map(self._as_place, partners) if p is not None]
        pair = [p for p in map(self._as_place, pair) if p is not None]
        code = "PROPOSED_COOPERATION:material" if any(t.lower_ in MATERIAL_WORDS for t in tok.sent) else ""
        mutual = (not partners or joint) and len(sources) > 1
        for source in sources:
            home = source.country
            targets = partners or [p for p in pair if p.country != home]
            if mutual:  # "both sides committed to foster their relations"
                targets = [
                    p for p in map(self._side_of, sources) if p is not None and p.country != home
                ] + partners
            if not targets and len(pair) < 2 and source.type == "Leader" and not with_phrase:
                self.implicit.append((source, tok.sent, code))
            for target in targets:
                if target.type == "Leader" or (home and target.country == home and target.type == "Country"):
                    continue
                self.add("PROPOSED_COOPERATION", source, target, tok.sent, code)

    def assistance(self, verb: Token) -> None:
        """'Russia is ready to help develop the North Korean economy', 'will assist Kenya in
        building its railways': an offer of help with another country's economy or
        development is an offer of (material) cooperation with that country."""
        if _is_negated(verb):
            return
        heads = [verb.head, verb.head.head]
        if not (
            _is_planned(verb)
            or any(_lemma(h) in INTENT_WORDS or h.lower_ in INTENT_WORDS for h in heads if h.i != verb.i)
        ):
            return
        # "help Kenya (to) modernise ...": the country helped is the object or the subject
        # of the complement
        helped = [c for c in verb.children if c.dep_ == "dobj"]
        helped += [
            s for c in verb.children if c.dep_ in {"xcomp", "ccomp"} for s in c.children if s.dep_ == "nsubj"
        ]
        targets = [e for c in helped for e in self.group(c, PLACE_TYPES)]
        for t in verb.subtree:
            if t.lower_ in DEVELOPMENT_NOUNS or _lemma(t) in DEVELOPMENT_NOUNS:
                targets += [
                    e
                    for c in t.children
                    if c.dep_ in {"amod", "poss", "compound"}
                    for e in self.group(c, PLACE_TYPES)
                ]
        if not targets:
            return
        for source in self._coop_sources(verb):
            for target in targets:
                if target.country != source.country:
                    self.add(
                        "PROPOSED_COOPERATION", source, target, verb.sent, "PROPOSED_COOPERATION:material"
                    )

    def invited_to_cooperate(self, verb: Token) -> None:
        """'invited Japanese companies to invest in Indonesia', 'urged Brazil to work with
        Vietnam': an invitation to invest or cooperate is a proposal to the invitee's country
        (the invitee may be the country itself or its companies, investors, businesses)."""
        head = verb.head
        if verb.dep_ not in {"xcomp", "ccomp"} or _lemma(head) not in INVITING_VERBS or _is_negated(head):
            return
        invitees = [c for c in head.children if c.dep_ == "dobj"] + self.pobjs(head, {"on"})
        targets = [e for c in invitees for e in self.group(c, ("Country",))]
        for source in self.subjects(head):
            for target in targets:
                if target.country != source.country:
                    self.add(
                        "PROPOSED_COOPERATION",
                        source,
                        target,
                        verb.sent,
                        "PROPOSED_COOPERATION:material" if _lemma(verb) == "invest" else "",
                    )

    @staticmethod
    def _joint_body(tok: Token) -> bool:
        """A joint body or venture set up together ('a joint water council', 'a joint
        venture'): a new channel of interaction, which the guide counts as cooperation."""
        if _lemma(tok) not in JOINT_BODY_NOUNS:
            return False
        if any(fold(c.text) in JOINT_WORDS for c in tok.children if c.dep_ in {"amod", "compound"}):
            return True
        # "the Bi-National Commission between Zambia and South Africa": a body of two sides
        return any(
            p.dep_ == "pobj" and p.conjuncts
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ == "between"
            for p in c.children
        )

    @staticmethod
    def _inner_cooperation(tok: Token) -> bool:
        """'a new direction of cooperation with China': the inner word carries the frame."""
        return any(
            p.lower_ in COOP_NOUNS or _lemma(p) in COOP_NOUNS
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ in {"of", "for", "in"}
            for p in c.children
            if p.dep_ == "pobj"
        )

    def proposal(self, noun: Token) -> None:
        """'Proposals prepared by the Primorsky Krai government for the Belarusian construction
        complex': the body or place that makes the proposals -> the one they are for."""
        holders = [noun, *(c for c in noun.children if c.dep_ == "acl")]
        sides = ("Country", "Region", "Organization")
        authors = [e for h in holders for p in self.pobjs(h, {"by", "from"}) for e in self.group(p, sides)]
        authors += [e for c in noun.children if c.dep_ == "poss" for e in self.group(c, sides)]
        # "for whom" may hang from the author's phrase too ("by the X government for Y")
        holders += [p for h in holders for p in self.pobjs(h, {"by", "from"})]
        for_whom = [
            e for h in holders for p in self.pobjs(h, {"for", "to"}) for e in self.group(p, PLACE_TYPES)
        ]
        for author in authors:
            for target in for_whom:
                if target.country != author.country or target.type != "Country":
                    self.add("PROPOSED_COOPERATION", author, target, noun.sent)

    def _their_countries(self, tok: Token) -> tuple[list[Entity], list[Entity]] | None:
        """A cooperation verb whose subject is 'their countries (and C)': the sources are the
        people 'their' stands for (the subjects of the clause above), the partners each
        other's countries and C."""
        if tok.pos_ != "VERB" or tok.dep_ not in {"ccomp", "xcomp", "advcl"}:
            return None
        subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if (
            subject is None
            or _lemma(subject) not in {"country", "nation", "side"}
            or not any(c.dep_ == "poss" and c.lower_ in {"their", "our"} for c in subject.children)
        ):
            return None
        sources = self.subjects(tok.head)
        if len(sources) < 2:
            return None
        others = [e for t in subject.conjuncts for e in self.group(t, ("Country", "Region", "Organization"))]
        return sources, others

    def _coop_sources(self, tok: Token) -> list[Entity]:
        """Who proposes: the nearest clause subject above the cooperation word, else the speaker."""
        types = ("Leader", "Country", "Region", "Organization")
        cur = tok
        for _ in range(8):
            if cur is not tok and (_lemma(cur) in INTENT_WORDS or cur.lower_ in INTENT_WORDS):
                owner = [
                    e
                    for c in cur.children
                    if c.dep_ == "poss"
                    for e in self.group(c, types)
                    if e.type != "Organization"
                ]
                if owner:  # "Washington's commitment to strengthening ..."
                    return owner[:1]
            for c in cur.children:
                if (
                    c.dep_ in {"nsubj", "nsubjpass"}
                    and c.i != tok.i
                    and (_lemma(cur) in INTENT_WORDS or _lemma(cur) in DEVELOP_WORDS)
                ):
                    # "the two countries push to deepen", not "the parties are cooperating"
                    parties = self.pair_parties(c)
                    if parties:
                        return parties
                if c.dep_ in {"nsubj", "nsubjpass"} and c.i != tok.i:
                    found = self.group(c, types)
                    if found and found[0].type != "Leader":
                        speaker = self.speaker(tok.sent)
                        found = [speaker] if speaker else found
                    if found and found[0].type != "Organization":
                        # "A and B agreed to step up cooperation": every Leader conjoined
                        leaders = [e for e in found if e.type == "Leader"]
                        return leaders if len(leaders) > 1 else found[:1]
                    first = self._first_person(c, ("Leader",))
                    if first:
                        return first
            if cur.head is cur:
                break
            cur = cur.head
        speaker = self.speaker(tok.sent)
        return [speaker] if speaker else []

    def pair_parties(self, tok: Token) -> list[Entity]:
        """'the two sides/leaders' are the article's two Leaders; 'the two countries' theirs."""
        leaders = self.pair_phrase(tok, latest=True)
        if leaders and _lemma(tok) in {"country", "nation", "state"}:
            places = [p for p in map(self._as_place, leaders) if p is not None]
            return places if len({p.id for p in places}) == 2 else []
        return leaders

    def _channels(self, tok: Token) -> list[Entity]:
        """'cooperation with China ... through Primorsky Krai': the place the channel runs
        through, named on the clause that governs the cooperation word."""
        out: list[Entity] = []
        cur = tok
        for _ in range(4):
            if cur.head.i == cur.i:
                break
            cur = cur.head
            out += [e for p in self.pobjs(cur, {"through", "via"}) for e in self.group(p, PLACE_TYPES)]
            if cur.pos_ in {"VERB", "AUX"}:
                break
        return out

    def _side_of(self, ent: Entity) -> Entity | None:
        """The side a Leader stands for: a governor's region, else the Leader's country."""
        if ent.type == "Leader" and ent.office:
            office = next((e for e in self.ents.items if e.id == ent.office), None)
            if office is not None and office.type == "Region":
                return office
        return self._as_place(ent)

    def _as_place(self, ent: Entity | None) -> Entity | None:
        if ent is not None and ent.type == "Leader":
            return self.ents.country_entity(ent.country) if ent.country else None
        return ent

    def resolve_implicit(self) -> None:
        """'bilateral cooperation' with no partner named: the partner is the other side of the
        source's meetings and calls in this article."""
        met: dict[str, set[str]] = {}
        for rel in list(self.found.values()):
            if rel.type in {"MET_WITH", "HELD_CALL"}:
                met.setdefault(rel.source.id, set()).add(rel.target.id)
                met.setdefault(rel.target.id, set()).add(rel.source.id)
        leaders = {e.id: e for e in self.ents.of_type("Leader")}
        by_id = {e.id: e for e in self.ents.items}
        for source, sent, code in self.implicit:
            partners = [
                leaders[o]
                for o in met.get(source.id, ())
                if o in leaders and leaders[o].country and leaders[o].country != source.country
            ]
            if len({p.country for p in partners}) != 1:
                continue  # several partners: which one the cooperation is with is unclear
            # a governor's or a mayor's side is the region or city the office is of
            offices = {
                by_id[p.office].id: by_id[p.office]
                for p in partners
                if p.office in by_id and by_id[p.office].type == "Region"
            }
            target = (
                next(iter(offices.values()))
                if len(offices) == 1 and len(partners) == 1
                else self.ents.country_entity(partners[0].country)
            )
            if target is not None:
                self.add("PROPOSED_COOPERATION", source, target, sent, code)

    def _intent(self, tok: Token) -> bool:
        """Is the cooperation wished, offered or to be developed (not merely reported)?"""
        return self._wished(tok) and not self._discussed(tok)

    @staticmethod
    def _discussed(tok: Token) -> bool:
        """Only talked about: the first clause above the cooperation word, past the verbs
        of developing, is a verb of discussing ('discussed the prospects for the development
        of cooperation'), which the guide leaves optional at most."""
        cur = tok
        while cur.head.i != cur.i:
            cur = cur.head
            if cur.pos_ == "VERB" and _lemma(cur) not in DEVELOP_WORDS:
                return _lemma(cur) in DISCUSS_VERBS
        return False

    def _wished(self, tok: Token) -> bool:
        cur = prev = tok
        weak = tok.lower_ in WEAK_COOP_NOUNS
        for c in tok.children:
            if c.lower_ in DEVELOP_WORDS or (c.lower_ in INTENT_WORDS and not weak):
                return True
        for _ in range(6):
            lemma = _lemma(cur)
            if cur is not tok:
                past = (
                    cur.tag_ in {"VBD", "VBN"} and not _is_planned(cur) and cur.dep_ not in {"amod", "acomp"}
                )
                if lemma in INTENT_WORDS or cur.lower_ in INTENT_WORDS:
                    return not past or lemma in {
                        "propose",
                        "suggest",
                        "offer",
                        "call",
                        "stress",
                        "emphasize",
                        "underline",
                        "agree",
                        "express",
                    }
                if (cur.lower_ if cur.pos_ == "NOUN" else lemma) in DEVELOP_WORDS and not past:
                    # "developments in cooperation" are events, and "ties are developing"
                    # a report, not a wish
                    return prev.dep_ not in {"nsubj", "nsubjpass"} or _is_planned(cur)
                if lemma in COOP_VERBS and _is_planned(cur):
                    return True
            if cur.head is cur or cur.dep_ in {"ROOT"}:
                break
            prev, cur = cur, cur.head
        return _is_planned(tok) and not weak


def find_relations(ents: Entities, coref: Coref, article_date: str | None) -> list[Relation]:
    """The relations the frames find in one article (symmetric types stored once)."""
    return RelationFinder(ents, coref, article_date).run()
