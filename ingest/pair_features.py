"""Candidate relations of one article and the evidence features the learned pair model reads.

A candidate is a typed pair of entities that could stand in a relation: two Leaders named in
one sentence (a meeting, a call), a Leader and a place in one sentence or the dateline's place
(a visit), any actor and a country, region or body in one sentence (cooperation). Each gets a
set of binary features: which trigger classes of `triggers.tsv` occur in the sentences that
name both, which lie on the dependency path between the two mentions, the mentions' roles,
where in the article they stand, and which frame rule already found the pair. Nothing here
decides; `pair_model` weighs the features.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Span, Token

from .coref import Coref
from .entities import Entities, Entity
from .frames import SUBNATIONAL_NOUNS, lexicon
from .relations import PLACE_TYPES
from .titles import is_office_word

PARTNER_TYPES = frozenset({"Country", "Region", "Organization"})
ACTOR_TYPES = frozenset({"Leader", "Country", "Region", "Organization"})
SYMMETRIC = frozenset({"MET_WITH", "HELD_CALL"})
TYPES = ("MET_WITH", "HELD_CALL", "PLANS_VISIT", "VISITED", "PROPOSED_COOPERATION")
# prepositions whose object role tells the relation ("with X", "to X", "in X", "from X")
ROLE_PREPS = frozenset(
    {"with", "to", "in", "at", "from", "for", "by", "between", "among", "and", "of", "on", "into"}
)
MAX_PATH = 8


@dataclass
class Candidate:
    type: str
    source: Entity
    target: Entity
    # what holds of the pair as a whole (roles in the article, the rules' verdict)
    base: set[str] = field(default_factory=set)
    # per sentence that names both: its own features (the pair model picks the evidence)
    sentences: dict[int, tuple[Span, set[str]]] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str, str]:
        return self.type, self.source.id, self.target.id

    @property
    def features(self) -> set[str]:
        """The pair's features and those of every sentence naming both."""
        out = set(self.base)
        for _, feats in self.sentences.values():
            out |= feats
        return out


@cache
def _word_classes() -> dict[str, tuple[str, ...]]:
    """word -> the trigger classes it belongs to."""
    out: dict[str, list[str]] = defaultdict(list)
    for cls, words in lexicon().items():
        for word in words:
            out[word].append(cls)
    return {w: tuple(sorted(c)) for w, c in out.items()}


def classes_of(tok: Token) -> tuple[str, ...]:
    classes = _word_classes()
    return classes.get(tok.lemma_.lower(), ()) or classes.get(tok.lower_, ())


class Mentions:
    """Where each entity is named, sentence by sentence, pronouns and titles included."""

    def __init__(self, ents: Entities, coref: Coref) -> None:
        self.doc: Doc = ents.doc
        self.by_sent: dict[int, dict[str, tuple[Entity, int]]] = defaultdict(dict)
        self.first: dict[str, int] = {}
        self.count: dict[str, int] = defaultdict(int)
        for ent in ents.items:
            for start, end in ent.mentions:
                self._add(ent, self.doc[start:end].root.i)
        for i, leader in coref.nominals.items():
            self._add(leader, i)
        for tok in self.doc:
            if tok.pos_ == "PRON" and tok.i not in ents.by_token:
                leader = coref.leader_at(tok.i)
                if leader is not None:
                    self._add(leader, tok.i)

    def _add(self, ent: Entity, head: int) -> None:
        sent = self.doc[head].sent.start
        self.by_sent[sent].setdefault(ent.id, (ent, head))
        self.first[ent.id] = min(self.first.get(ent.id, head), head)
        self.count[ent.id] += 1


def _path(a: Token, b: Token) -> tuple[list[Token], Token, str, str] | None:
    """The dependency path between a and b: the tokens strictly between them, their lowest
    common governor, and the arcs by which each side hangs from it ('nsubj', 'dobj', 'prep');
    None if the two are too far apart."""
    up_a = [a, *a.ancestors]
    index = {t.i: k for k, t in enumerate(up_a)}
    down: list[Token] = []
    for t in [b, *b.ancestors]:
        if t.i in index:
            k = index[t.i]
            path = up_a[1 : k + 1] + list(reversed(down[1:]))
            path = [p for p in path if p.i not in (a.i, b.i)]
            arc_a = up_a[k - 1].dep_ if k else "self"
            arc_b = down[-1].dep_ if down else "self"
            return (path, t, arc_a, arc_b) if len(path) <= MAX_PATH else None
        down.append(t)
    return None


def sentence_cues(sent: Span, classes: list[tuple[str, ...]]) -> frozenset[str]:
    """The trigger classes a sentence holds, whoever it names (computed once a sentence);
    `classes` holds each token's trigger classes, by token index."""
    feats: set[str] = {"pos:headline"} if sent.start == 0 else set()
    for tok in sent:
        for cls in classes[tok.i]:
            feats.add(f"s:{cls}")
            if tok.pos_ in {"VERB", "AUX"}:
                feats.add(f"s:{cls}:{tok.tag_}")
    return frozenset(feats)


def sentence_features(
    a: Token, b: Token, people: dict[int, str], cues: frozenset[str], classes: list[tuple[str, ...]]
) -> set[str]:
    """What one sentence says about the pair whose mentions are heads a and b; `people` maps
    the tokens of Leader mentions to their entity ids, `cues` are the sentence's own."""
    feats = set(cues)
    lo, hi = sorted((a.i, b.i))
    feats.add(f"gap:{min((hi - lo - 1) // 4, 5)}")
    for i in range(lo + 1, hi):
        for cls in classes[i]:
            feats.add(f"b:{cls}")
    found = _path(a, b)
    if found is None:
        feats.add("path:none")
    else:
        path, top, arc_a, arc_b = found
        feats.add(f"path:{min(len(path), 5)}")
        feats.add(f"arcs:{arc_a}:{arc_b}")
        # the word that governs both mentions, and how each hangs from it
        for cls in classes[top.i]:
            feats.add(f"top:{cls}")
            feats.add(f"top:{cls}:{arc_a}:{arc_b}")
        # a third person on the path is the likelier participant ("met X, whose visit to Y")
        if any(people.get(t.i) not in (None, people.get(a.i), people.get(b.i)) for t in path):
            feats.add("path:other_leader")
        for tok in path:
            feats.add(f"p:{tok.lemma_.lower()}" if classes[tok.i] else f"pd:{tok.dep_}")
            for cls in classes[tok.i]:
                feats.add(f"pc:{cls}")
    feats.add(f"adep:{a.dep_}")
    feats.add(f"bdep:{b.dep_}")
    if b.head.pos_ == "ADP" and b.head.lower_ in ROLE_PREPS:
        feats.add(f"bprep:{b.head.lower_}")
    if a.head.pos_ == "ADP" and a.head.lower_ in ROLE_PREPS:
        feats.add(f"aprep:{a.head.lower_}")
    feats.add("order:ab" if a.i < b.i else "order:ba")
    return feats


def _pair_features(
    kind: str,
    a: Entity,
    b: Entity,
    ents: Entities,
    mentions: Mentions,
    leader_rank: dict[str, int],
    n_sents: int,
) -> set[str]:
    feats = {
        f"st:{a.type}",
        f"tt:{b.type}",
        f"nsent:{min(n_sents, 3)}",
        f"arank:{min(leader_rank.get(a.id, 3), 3)}",
        f"brank:{min(leader_rank.get(b.id, 3), 3)}",
        f"acount:{min(mentions.count[a.id], 4)}",
        f"bcount:{min(mentions.count[b.id], 4)}",
    }
    if a.country and b.country:
        feats.add("same_country" if a.country == b.country else "other_country")
    else:
        feats.add("country_unknown")
    if ents.dateline is not None:
        if b is ents.dateline:
            feats.add("b_dateline")
        elif b.type == "Country" and b.country == ents.dateline.country:
            feats.add("b_dateline_country")
        if a.country and ents.dateline.country:
            feats.add("a_home_dateline" if a.country == ents.dateline.country else "a_abroad_dateline")
    if a.office == b.id:
        feats.add("b_office")
    if (
        b.type == "Country"
        and a.type == "Leader"
        and not any(b.id in named for named in mentions.by_sent.values())
    ):
        feats.add("b_unnamed_side")
    return feats


def _modifier_only(tok: Token, people: dict[int, str]) -> bool:
    """A demonym or country in a person's title ('Russian President X', 'China's Foreign
    Minister Y') says whose they are, and on units below the state ('the Russian regions')
    where they are: neither is a place visited or a partner."""
    return tok.dep_ in {"amod", "compound", "poss", "nmod"} and (
        tok.head.i in people or is_office_word(tok.head.text) or tok.head.lower_ in SUBNATIONAL_NOUNS
    )


def _sides(leader: Entity, ents: Entities, by_id: dict[str, Entity]) -> list[Entity]:
    """The country a Leader represents, and the region or body whose office they hold."""
    out = [c] if leader.country and (c := ents.country_entity(leader.country)) else []
    office = by_id.get(leader.office or "")
    if office is not None and office not in out:
        out.append(office)
    return out


def candidates(ents: Entities, coref: Coref, found: set[tuple[str, str, str]]) -> list[Candidate]:
    """Every candidate relation of the article with its features.

    `found` holds the (type, source id, target id) keys the frame rules produced; they are
    candidates whatever the sentences say, and the rule's verdict is a feature.
    """
    doc = ents.doc
    mentions = Mentions(ents, coref)
    by_id = {e.id: e for e in ents.items}
    leaders = sorted((mentions.first[e.id], e.id) for e in ents.of_type("Leader") if e.id in mentions.first)
    leader_rank = {eid: k for k, (_, eid) in enumerate(leaders)}
    out: dict[tuple[str, str, str], Candidate] = {}
    people = {i: e.id for e in ents.of_type("Leader") for s, t in e.mentions for i in range(s, t)}
    people.update({i: e.id for i, e in coref.nominals.items()})
    cues: dict[int, frozenset[str]] = {}
    classes = [classes_of(tok) for tok in doc]

    def take(kind: str, a: Entity, b: Entity, sent: Span | None, ha: int, hb: int) -> None:
        if a.id == b.id:
            return
        if kind in SYMMETRIC and a.id > b.id:
            a, b, ha, hb = b, a, hb, ha
        cand = out.get((kind, a.id, b.id))
        if cand is None:
            cand = out[(kind, a.id, b.id)] = Candidate(kind, a, b)
        if sent is not None and sent.start not in cand.sentences:
            if sent.start not in cues:
                cues[sent.start] = sentence_cues(sent, classes)
            cand.sentences[sent.start] = (
                sent,
                sentence_features(doc[ha], doc[hb], people, cues[sent.start], classes),
            )

    for start, named in mentions.by_sent.items():
        sent = doc[start].sent
        items = list(named.values())
        for a, ha in items:
            for b, hb in items:
                if a is b:
                    continue
                if a.type == "Leader" and b.type == "Leader" and a.id < b.id:
                    take("MET_WITH", a, b, sent, ha, hb)
                    take("HELD_CALL", a, b, sent, ha, hb)
                if b.type == "Country" and _modifier_only(doc[hb], people):
                    continue
                if a.type == "Leader" and b.type in PLACE_TYPES:
                    take("VISITED", a, b, sent, ha, hb)
                    take("PLANS_VISIT", a, b, sent, ha, hb)
                if a.type in ACTOR_TYPES and b.type in PARTNER_TYPES:
                    take("PROPOSED_COOPERATION", a, b, sent, ha, hb)
                if a.type == "Leader" and b.type == "Leader":
                    # cooperation offered to a counterpart is cooperation with their side
                    for side in _sides(b, ents, by_id):
                        if side.id != a.office and side.country != a.country:
                            take("PROPOSED_COOPERATION", a, side, sent, ha, hb)
    if ents.dateline is not None:
        # a story filed from a place: its people may be visiting it, and its country
        places = [
            ents.dateline,
            *(
                [c]
                if (c := ents.country_entity(ents.dateline.country or "")) and c is not ents.dateline
                else []
            ),
        ]
        for leader in ents.of_type("Leader"):
            for place in places:
                for kind in ("VISITED", "PLANS_VISIT"):
                    take(kind, leader, place, None, 0, 0)
    for kind, sid, tid in found:
        if sid in by_id and tid in by_id and kind in TYPES:
            take(kind, by_id[sid], by_id[tid], None, 0, 0)

    found_pairs: dict[tuple[str, str], set[str]] = defaultdict(set)
    for kind, sid, tid in found:
        found_pairs[(sid, tid)].add(kind)
        if kind in SYMMETRIC:
            found_pairs[(tid, sid)].add(kind)
    for cand in out.values():
        cand.base = _pair_features(
            cand.type, cand.source, cand.target, ents, mentions, leader_rank, len(cand.sentences)
        )
        for kind in found_pairs.get((cand.source.id, cand.target.id), ()):
            cand.base.add("rule" if kind == cand.type else f"rule:{kind}")
        if not cand.sentences:
            cand.base.add("no_sentence")
    return list(out.values())
