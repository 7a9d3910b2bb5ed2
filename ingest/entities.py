"""Entity detection: Leaders, Countries, Regions and Organizations of one parsed article.

The statistical NER proposes spans; the gazetteer decides what a place is (and overrules a
PERSON label on "Primorsky Krai"); titles decide who is a Leader. Every surface form that
refers to an entity becomes one of its aliases, and each token of a mention points back to
its entity so the relation rules can read the parse.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .gazetteer import REGION_TYPE_WORDS, Place, fold, gazetteer
from .names import formal
from .nlp import get_nlp
from .titles import DOMAIN_WORDS, HONORIFICS, Title, is_office_word, title_before, title_in

# prepositions and verbs after which an unknown GPE is a place ("in Nagoya", "to Sochi")
LOCATIVE_HEADS = frozenset(
    {
        "in",
        "to",
        "at",
        "from",
        "near",
        "into",
        "visit",
        "across",
        "outside",
        "inside",
        "around",
        "leave",
        "arrive",
        "via",
        "reach",
    }
)
# nouns a demonym turns into an actor or a place of its state ("the Russian side")
ACTOR_NOUNS = frozenset(
    {
        "side",
        "government",
        "delegation",
        "leadership",
        "authorities",
        "authority",
        "official",
        "officials",
        "counterpart",
        "counterparts",
        "leader",
        "leaders",
        "president",
        "minister",
        "diplomat",
        "diplomats",
        "ambassador",
        "embassy",
        "ministry",
        "parliament",
        "partner",
        "partners",
        "company",
        "companies",
        "business",
        "businesses",
        "army",
        "military",
        "forces",
        "troops",
        "nation",
        "people",
        "colleague",
        "colleagues",
        "administration",
        "presidency",
        "consulate",
        "investors",
        "producers",
        "manufacturers",
        "enterprises",
        "region",
        "regions",
        "capital",
        "city",
        "cities",
        "territory",
        "territories",
        "state",
        "economy",
        "market",
        "goods",
        "products",
        "students",
        "universities",
        "team",
        "delegations",
        "premier",
        "envoy",
        "prime",
        "foreign",
        "defense",
        "defence",
        "head",
        "republic",
        "industry",
        "industries",
        "sector",
        "complex",
    }
)
# words that make an untitled 'name' a platform, building or document, not a person
NON_PERSON_WORDS = frozenset(
    {
        "twitter",
        "facebook",
        "instagram",
        "telegram",
        "youtube",
        "wechat",
        "weibo",
        "tiktok",
        "linkedin",
        "whatsapp",
        "hall",
        "palace",
        "tower",
        "square",
        "airport",
        "station",
        "stadium",
        "building",
        "readout",
        "communique",
        "transcript",
        "statement",
        "release",
        "declaration",
        "memorandum",
        "street",
        "avenue",
        "embassy",
    }
)
# named landforms that are places of their own ("Russky Island", "the Korean Peninsula")
LANDFORM_WORDS = frozenset({"island", "islands", "isle", "isles", "peninsula", "archipelago", "atoll"})
# how a capital stands for its state: subject, possessor, partner ("with Moscow")
METONYM_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})
BYLINE_WORDS = frozenset(
    {
        "by",
        "writer",
        "writers",
        "reporter",
        "reporters",
        "correspondent",
        "photo",
        "photos",
        "editor",
        "author",
        "source",
        "compiled",
    }
)
ORG_WORDS = frozenset(
    {
        "state",
        "union",
        "institute",
        "council",
        "ministry",
        "committee",
        "university",
        "bank",
        "party",
        "forum",
        "organization",
        "organisation",
        "association",
        "agency",
        "department",
        "office",
        "commission",
        "group",
        "company",
        "corporation",
        "fund",
        "summit",
        "assembly",
        "congress",
    }
)
# words of headlines that the NER folds into PERSON spans; never part of a name
HEADLINE_WORDS = frozenset(
    {
        "talks",
        "holds",
        "meets",
        "meet",
        "met",
        "as",
        "with",
        "and",
        "to",
        "on",
        "in",
        "for",
        "says",
        "visit",
        "visits",
        "calls",
        "praises",
    }
)
SLUG_DROP = re.compile(r"[^a-z0-9]+")
# words that chain a given name to the father's in Arabic names
PATRONYMIC_LINKS = frozenset({"bin", "ibn", "bint"})
# East Slavic patronymics: "Vladimir Vladimirovich", "Natalia Ivanovna" are people, never bodies
PATRONYMIC_ENDINGS = ("ovich", "evich", "ovna", "evna", "ichna")
# a dateline opens the article: within its first tokens (the headline line may come first)
DATELINE_WINDOW = 60
# words that may sit between an office word and its holder's name
TITLE_PHRASE_GLUE = frozenset(
    {
        "of",
        "to",
        "for",
        "the",
        "and",
        "&",
        "'s",
        "\u2019s",
        "on",
        "at",
        "in",
        "general",
        "deputy",
        "first",
        "state",
        "affairs",
    }
)
# heads of body names that a title phrase runs into ("the Federal Inland Revenue Service")
ORG_HEADS = frozenset(
    {
        "service",
        "services",
        "authority",
        "bureau",
        "board",
        "administration",
        "directorate",
        "inspectorate",
        "court",
        "house",
        "senate",
        "parliament",
        "police",
        "army",
        "forces",
        "navy",
        "guard",
        "centre",
        "center",
        "chamber",
        "foundation",
        "federation",
        "alliance",
        "network",
        "times",
        "news",
        "post",
    }
)
# prepositions of place and time: a title phrase does not run on through them
LOCATIVE_GLUE = frozenset({"in", "on", "at"})
# lower-case particles inside personal names ("Ursula von der Leyen", "Lula da Silva")
NAME_PARTICLES = frozenset(
    {"von", "der", "van", "de", "da", "di", "du", "la", "le", "bin", "al", "el", "ibn", "dos", "das"}
)
# NER labels a missed name carries in the small model (it has no reason to be a date, a number)
NAME_ENT_LABELS = frozenset({"", "PERSON", "ORG", "PRODUCT", "NORP", "WORK_OF_ART", "FAC", "LOC", "GPE"})


@cache
def agencies() -> frozenset[str]:
    text = resources.files(__package__).joinpath("data", "agencies.txt").read_text("utf-8")
    return frozenset(fold(line) for line in text.splitlines() if line.strip() and not line.startswith("#"))


@dataclass
class Entity:
    name: str
    type: str  # Leader | Country | Region | Organization | Person (not reported)
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    title: Title | None = None
    iso3166_2: str | None = None
    id: str = ""
    office: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)  # token [start, end)

    def add_form(self, form: str) -> None:
        form = form.strip().strip("-\u2013\u2014")
        if form and form != self.name and form not in self.aliases:
            self.aliases.append(form)

    def forms(self) -> set[str]:
        return {fold(self.name), *(fold(a) for a in self.aliases)}

    def record(self) -> dict:
        rec: dict = {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "country": self.country,
        }
        if self.type == "Leader":
            rec["title"] = self.title.text if self.title else None
            rec["office"] = self.office
        if self.type == "Region":
            rec["iso3166_2"] = self.iso3166_2
        return rec


@dataclass
class Entities:
    """The entities of one article, with token -> entity links for the relation rules."""

    doc: Doc
    items: list[Entity] = field(default_factory=list)
    by_token: dict[int, Entity] = field(default_factory=dict)
    dateline: Entity | None = None  # the place the dateline names ("MINSK (BelTA) -")

    def of_type(self, *types: str) -> list[Entity]:
        return [e for e in self.items if e.type in types]

    def link(self, entity: Entity, start: int, end: int) -> None:
        """Record a mention of `entity` over tokens [start, end)."""
        if (start, end) not in entity.mentions:
            entity.mentions.append((start, end))
        for i in range(start, end):
            self.by_token[i] = entity

    def country_entity(self, code: str) -> Entity | None:
        return next((e for e in self.items if e.type == "Country" and e.country == code), None)

    def find_form(self, form: str, *types: str) -> Entity | None:
        key = fold(form)
        return next((e for e in self.items if (not types or e.type in types) and key in e.forms()), None)


def _joined_names(doc: Doc) -> list[Span]:
    """The NER's spans, with PERSON spans that touch joined into one: English never sets two
    people's names side by side without a comma or a conjunction ("Abdel Fattah" + "el-Sisi")."""
    out: list[Span] = []
    for ent in doc.ents:
        prev = out[-1] if out else None
        if prev is not None and ent.label_ == prev.label_ == "PERSON" and ent.start == prev.end:
            out[-1] = Span(doc, prev.start, ent.end, label="PERSON")
        else:
            out.append(ent)
    return out


@cache
def _place_matcher() -> PhraseMatcher:
    """Exact-case matcher over every gazetteer form (title case and upper case variants too)."""
    nlp = get_nlp()
    gaz = gazetteer()
    matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
    forms: set[str] = set()
    forms.update(gaz.country_names.values())
    extra = resources.files(__package__).joinpath("data", "countries.json").read_text("utf-8")
    regions = resources.files(__package__).joinpath("data", "regions.json").read_text("utf-8")
    bare: set[str] = set()
    for key, info in json.loads(extra).items():
        if not key.startswith("_"):
            forms.update(info["names"])
            forms.update(info["capitals"])
            bare.update(info["demonyms"])
    data = json.loads(regions)
    forms.update(data["supranational"])
    forms.update(data["cities"])
    for values in data["subdivisions"].values():
        forms.update(values)
    variants = set()
    for form in forms:
        variants.update({form, form.upper(), f"the {form}", f"The {form}"})
    for form in bare:
        variants.update({form, f"{form}s"})
    tokenizer = nlp.tokenizer
    matcher.add("PLACE", list(tokenizer.pipe(sorted(variants))))
    return matcher


def slug(text: str) -> str:
    return SLUG_DROP.sub("_", fold(text)).strip("_") or "entity"


def _strip_the(text: str) -> str:
    """The name without a leading article or the line breaks an entity span may end with."""
    text = text.strip()
    return text[4:] if text.lower().startswith("the ") else text


class _Builder:
    def __init__(self, doc: Doc, source: str | None) -> None:
        self.doc = doc
        self.gaz = gazetteer()
        self.ents = Entities(doc)
        self.source_forms = {fold(p) for p in re.split(r"[()|,]", source or "") if p.strip()}
        self.taken: set[int] = set()

    # -- places ---------------------------------------------------------------------------
    def place_entity(self, place: Place, surface: str, start: int, end: int) -> Entity:
        gaz = self.gaz
        surface = surface.strip()
        if place.kind == "country":
            ent = self.ents.country_entity(place.country)
            if ent is None:
                ent = Entity(place.name, "Country", place.country)
                self.ents.items.append(ent)
        else:
            name = _strip_the(surface) if surface.isupper() is False else place.name
            ent = self.ents.find_form(name, "Region") or self.ents.find_form(place.name, "Region")
            if ent is None:
                ent = Entity(name, "Region", place.country, iso3166_2=place.iso3166_2)
                self.ents.items.append(ent)
            ent.add_form(place.name)
        ent.add_form(surface)
        ent.add_form(_strip_the(surface))
        if place.kind == "country":
            ent.add_form(gaz.name_of(place.country) or "")
        self.ents.link(ent, start, end)
        self.taken.update(range(start, end))
        return ent

    def is_dateline(self, span: Span) -> bool:
        doc = self.doc
        at_line_start = (
            span.start == 0
            or "\n" in doc[span.start - 1].whitespace_ + doc[span.start - 1].text
            or doc[span.start - 1].text in {"\n", "\n\n"}
        )
        nxt = doc[span.end].text if span.end < len(doc) else ""
        return at_line_start and (
            nxt[:1] in {",", "(", ".", ":", "\u2014", "\u2013", "-"} or nxt.startswith("\n")
        )

    def demonym_is_actor(self, tok_i: int) -> bool:
        tok = self.doc[tok_i]
        head = tok.head
        if tok.dep_ in {"amod", "compound", "nmod"} and head.lower_ in ACTOR_NOUNS:
            return True
        if tok.dep_ in {"nsubj", "nsubjpass", "pobj", "dobj"} and tok.pos_ in {"PROPN", "NOUN"}:
            return True
        return is_office_word(head.text) and head.i > tok.i

    def add_places(self) -> None:
        doc, gaz = self.doc, self.gaz
        matches = [doc[s:e] for _, s, e in _place_matcher()(doc)]
        ner = [e for e in doc.ents if e.label_ in {"GPE", "LOC", "NORP", "ORG"}]
        region_typed = self._typed_regions()
        name_parts = self._person_name_parts()
        self.name_parts = name_parts
        # the gazetteer's places first; the NER's spans only where they overlap none of them
        # (the medium model reads "Tver Region Igor Rudenya" as one LOC)
        # (the medium model reads "Tver Region Igor Rudenya" as one LOC); a span that only
        # adds a landform or a region word ("Bali Island") is the longer name of the place
        known = filter_spans(matches + region_typed)
        in_known = {i for span in known for i in range(span.start, span.end)}
        ner = [
            e
            for e in ner
            if all(
                i not in in_known
                or all(t.i in in_known or t.lower_ in LANDFORM_WORDS | REGION_TYPE_WORDS for t in e)
                for i in range(e.start, e.end)
            )
        ]
        for span in filter_spans(known + ner):
            text = span.text
            if text in name_parts and not gaz.country(text):
                continue  # "Kerry", "Victoria": a person's name that a county shares
            if span.label_ == "ORG" and not gaz.place(text):
                continue
            if gaz.country(text):
                self.place_entity(gaz.country(text), text, span.start, span.end)
                continue
            dem = gaz.demonym(text) if span.label_ != "GPE" or gaz.place(text) is None else None
            if dem and not gaz.place(text):
                self.demonyms.append((span, dem))
                continue
            cap = gaz.capital(text)
            dateline = self.is_dateline(span) and span.start < DATELINE_WINDOW
            if dateline and self.dateline is None:
                self.dateline = gaz.place(text)
                self.dateline_end = span.end
            if cap and not dateline and self._is_metonym(span):
                country = Place("country", gaz.name_of(cap.country) or cap.name, cap.country)
                self.place_entity(country, text, span.start, span.end)
                continue
            place = gaz.region(text)
            if place is None and span.label_ == "GPE" and self._unknown_gpe_ok(span):
                place = Place("region", _strip_the(text), None)
            if place is None and span.label_ == "LOC" and fold(text).split()[-1] in REGION_TYPE_WORDS:
                place = Place("region", _strip_the(text), None)
            if place is not None:
                if text.isupper() and len(text) > 3:
                    place = Place(
                        place.kind,
                        place.name if gaz.region(place.name) else text.title(),
                        place.country,
                        place.iso3166_2,
                    )
                self.place_entity(place, text, span.start, span.end)

    def add_landforms(self) -> None:
        """'Russky Island', 'the Kamchatka Peninsula': a named island, peninsula or
        archipelago is a Region (the NER calls it LOC, FAC or ORG at will). Its country is
        that of its core name when the gazetteer knows it, else of the place it is said to
        be in ('Russky Island in Vladivostok')."""
        doc, gaz = self.doc, self.gaz
        for tok in doc:
            if tok.lower_ not in LANDFORM_WORDS or not tok.text[:1].isupper() or tok.i in self.taken:
                continue
            start = tok.i
            while (
                start > 0
                and tok.i - start < 3
                and doc[start - 1].is_title
                and doc[start - 1].pos_ in {"PROPN", "ADJ"}
                and start - 1 not in self.taken
                and not is_office_word(doc[start - 1].text)
            ):
                start -= 1
            if start == tok.i:
                continue
            core = gaz.place(doc[start : tok.i].text)
            country = core.country if core else None
            if country is None and tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ in {"in", "off", "of"}:
                after = self.ents.by_token.get(tok.i + 2)
                country = after.country if after is not None and after.type in {"Country", "Region"} else None
            self.place_entity(
                Place("region", doc[start : tok.i + 1].text, country),
                doc[start : tok.i + 1].text,
                start,
                tok.i + 1,
            )

    def _person_name_parts(self) -> frozenset[str]:
        """Words of the NER's multi-word PERSON names: the same word alone is that person,
        not the county or state the subdivision tables list under it ('John Kerry')."""
        return frozenset(
            t.text
            for e in self.doc.ents
            if e.label_ == "PERSON" and len(e) > 1
            for t in e
            if t.text[:1].isupper()
            and not self.gaz.country(t.text)
            and not self.gaz.demonym(t.text)
            and not is_office_word(t.text)
        )

    def _typed_regions(self) -> list[Span]:
        """'<Name> Region/Province/State/Krai...' spans whose name the gazetteer knows."""
        doc, spans = self.doc, []
        for tok in doc:
            if (tok.lower_ in REGION_TYPE_WORDS and tok.i > 0 and tok.text[:1].isupper()) or (
                tok.lower_ in {"region", "province", "krai", "oblast"} and tok.i > 0
            ):
                start = tok.i
                while (
                    start > 0
                    and doc[start - 1].text[:1].isupper()
                    and doc[start - 1].pos_ == "PROPN"
                    and tok.i - start < 3
                ):
                    start -= 1
                if start < tok.i and self.gaz.region(doc[start : tok.i + 1].text):
                    spans.append(doc[start : tok.i + 1])
        return spans

    def _is_metonym(self, span: Span) -> bool:
        root = span.root
        if root.dep_ in METONYM_DEPS:
            return True
        return (root.dep_ == "pobj" and root.head.lower_ in {"with", "between", "and"}) or (
            root.dep_ == "conj" and root.head.dep_ in METONYM_DEPS
        )

    def _unknown_gpe_ok(self, span: Span) -> bool:
        root = span.root
        if self.is_dateline(span):
            return True
        head = root.head
        if (
            root.dep_ == "pobj"
            and head.lower_ == "for"
            and head.head.lemma_ in {"leave", "depart", "head", "set"}
        ):
            return True
        return (root.dep_ in {"pobj", "dobj"} and head.lemma_.lower() in LOCATIVE_HEADS) or (
            root.dep_ == "appos" and head.ent_type_ == "GPE"
        )

    # -- people ---------------------------------------------------------------------------
    def clean_person(self, span: Span) -> Span | None:
        """Drop leading titles, honorifics and places, trailing possessives; None if no name."""
        start, end = span.start, span.end
        doc, gaz = self.doc, self.gaz
        while (
            end + 1 < len(doc)
            and doc[end].text == "-"
            and not doc[end - 1].whitespace_
            and not doc[end].whitespace_
            and doc[end + 1].is_alpha
        ):
            end += 2  # the NER stops at a hyphen: "Yoon Suk" + "-yeol"
        for k in range(start, end - 2):  # "Tver Region Igor Rudenya" -> "Igor Rudenya"
            if doc[k].lower_ in REGION_TYPE_WORDS:
                start = k + 1
        while start < end - 1 and (
            fold(doc[start].text) in HONORIFICS
            or is_office_word(doc[start].text)
            or gaz.country(doc[start].text)
            or (gaz.place(doc[start].text) and end - start > 2 and self._title_word(doc[start + 1].text))
            or gaz.demonym(doc[start].text)
            or doc[start].text in {"of", "the"}
            or not doc[start].text[:1].isalnum()
        ):  # "[", "(", "-"
            start += 1
        for k in range(start, end):
            if doc[k].text in {"'s", "\u2019s"}:
                end = k
                break
        while end > start and doc[end - 1].text in {"'", "]", ")", ",", "."}:
            end -= 1
        if end <= start:
            return None
        name = doc[start:end]
        if all(fold(t.text) in HONORIFICS for t in name):
            return None  # a style of address alone ("Datuk Seri"), no name
        if (
            not any(t.text[:1].isupper() for t in name)
            or is_office_word(name[-1].text)
            or all(fold(t.text) in DOMAIN_WORDS for t in name)
        ):
            return None
        if any(fold(t.text) in HEADLINE_WORDS for t in name) or (len(name) > 1 and name.text.isupper()):
            return None  # a headline fragment ("Putin-Macron Talks As"), not a name
        return name

    def _title_word(self, word: str) -> bool:
        """An office, region-type or place word: what may follow a place in a title
        ('Tver Region Igor Rudenya', 'Moscow Mayor ...'), unlike a first name ('Antony')."""
        return (
            is_office_word(word)
            or fold(word) in REGION_TYPE_WORDS
            or bool(self.gaz.place(word) or self.gaz.demonym(word))
        )

    def is_agency(self, span: Span) -> bool:
        key = fold(span.text)
        if key in agencies() or key in self.source_forms:
            return True
        word = span.text
        return len(span) == 1 and (word.isupper() or bool(re.search(r"[a-z][A-Z]", word)))

    def titled_names(self) -> list[Span]:
        """Names the NER missed or took for an ORG right after a title: '<office> [of/to ...]
        [,] Firstname Lastname' ending the noun phrase ('the Foreign Minister of the
        Netherlands Wopke Hoekstra', 'the Minister of State Security, Dipuo Letsatsi-Duba')."""
        doc, gaz, out = self.doc, self.gaz, []
        for tok in doc:
            if not (tok.text[:1].isupper() and is_office_word(tok.text)):
                continue
            sent_end = tok.sent.end

            def title_word(k: int, names: bool) -> bool:
                t = doc[k]
                if names and (t.lower_ in LOCATIVE_GLUE or t.ent_type_ in {"PERSON", "DATE"}):
                    return False  # "Minister X in Minsk on Monday, Wire has learned"
                return (
                    t.lower_ in TITLE_PHRASE_GLUE
                    or fold(t.text) in DOMAIN_WORDS
                    or is_office_word(t.text)
                    or bool(gaz.place(t.text))
                    or t.lower_ in REGION_TYPE_WORDS
                    or (t.pos_ == "NOUN" and t.is_lower)
                    or k in self.taken
                    or (names and t.pos_ == "PROPN" and t.text[:1].isupper())
                )

            # "<office> of Mineral Resources, Name": the name is after the comma; without
            # a comma it ends the phrase ("Foreign Minister of the Netherlands Name")
            k = tok.i + 1
            while k < sent_end and k - tok.i < 10 and title_word(k, True):
                k += 1
            if not (k < sent_end and doc[k].text == ","):
                k = tok.i + 1
                while k < sent_end and k - tok.i < 10 and title_word(k, False):
                    k += 1
            if k < sent_end and doc[k].text == ",":
                k += 1
            start = k
            while k < sent_end and (
                doc[k].lower_ in REGION_TYPE_WORDS
                or (k + 1 < sent_end and doc[k + 1].lower_ in REGION_TYPE_WORDS)
            ):
                k += 1  # "... Tver Region Igor Rudenya": the region's name is not the person's
                start = k
            while (
                k < sent_end
                and k - start < 4
                and (
                    (
                        doc[k].pos_ == "PROPN"
                        and doc[k].text[:1].isupper()
                        and k not in self.taken
                        and not is_office_word(doc[k].text)
                        and fold(doc[k].text) not in ORG_WORDS | ORG_HEADS
                        and not gaz.place(doc[k].text)
                    )
                    or (k > start and doc[k].lower_ in NAME_PARTICLES)
                    or (k > start and doc[k].text == "-" and not doc[k - 1].whitespace_)
                )
            ):
                k += 1
            while k > start and not doc[k - 1].text[:1].isupper():
                k -= 1
            if k - start < 2 or (k < sent_end and (doc[k].pos_ == "PROPN" or doc[k].text == "(")):
                continue
            if any(t.ent_type_ not in NAME_ENT_LABELS for t in doc[start:k]):
                continue
            out.append(doc[start:k])
        return out

    def add_people(self) -> None:
        doc, gaz = self.doc, self.gaz
        people: list[Span] = []
        orgs: list[Span] = []
        titled = self.titled_names()
        covered: set[int] = set()
        for ent in _joined_names(doc):
            if ent.label_ not in {"PERSON", "ORG"}:
                continue
            inside = [n for n in titled if n.start >= ent.start and n.end <= ent.end]
            if ent.label_ == "ORG" and inside:
                people.extend(inside)
                covered.update(range(ent.start, ent.end))
                continue
            longer = [n for n in titled if n.start <= ent.start and n.end >= ent.end and len(n) > len(ent)]
            if ent.label_ == "PERSON" and longer:  # "Ursula von der" + "Leyen", "Antony" + "J. Blinken"
                people.extend(longer)
                covered.update(range(longer[0].start, longer[0].end))
                continue
            if self.is_agency(ent):
                self.organization(ent)
                continue
            name = self.clean_person(ent)
            if name is None or any(i in self.taken for i in range(name.start, name.end)):
                continue
            if (gaz.place(name.text) or gaz.demonym(name.text)) and not (
                name.text in self.name_parts and not gaz.country(name.text)
            ):
                self.place_entity(
                    gaz.place(name.text) or gaz.demonym(name.text), name.text, name.start, name.end
                )
            elif self.is_agency(name):
                self.organization(name)
            elif (
                ent.label_ == "ORG"
                and not self.titled_name_in_org(ent, name)
                and not (len(name) > 1 and fold(name[-1].text).endswith(PATRONYMIC_ENDINGS))
            ):
                orgs.append(ent)
            else:
                people.append(name)
        seen = covered | {i for e in doc.ents if e.label_ in {"PERSON", "ORG"} for i in range(e.start, e.end)}
        people.extend(n for n in titled if not any(i in seen for i in range(n.start, n.end)))
        # longest names first so that "Lukashenko" joins "Aleksandr Lukashenko"
        for span in sorted(people, key=lambda s: -len(s)):
            self.person_mention(span)
        self.add_bare_surnames()
        for span in orgs:
            words = {fold(t.text) for t in span}
            person = next(
                (e for e in self.ents.of_type("Person") if words <= set(fold(e.name).split())), None
            )
            if person is not None:
                self.person_mention(span)
            else:
                self.organization(span)

    def titled_name_in_org(self, ent: Span, name: Span) -> bool:
        """An ORG span like 'Kazakhstan Kassym-Jomart Tokayev' hides a titled person's name."""
        prefix = self.doc[max(ent.start - 1, 0) : name.start]
        return (
            len(name) >= 2
            and any(
                self.gaz.place(t.text) or is_office_word(t.text) or t.lower_ in REGION_TYPE_WORDS
                for t in prefix
            )
            and all((t.pos_ == "PROPN" and t.text[:1].isupper()) or t.text == "-" for t in name)
            and not any(fold(t.text) in ORG_WORDS for t in name)
        )

    def organization(self, span: Span) -> None:
        if any(i in self.taken for i in range(span.start, span.end)):
            return
        ent = self.ents.find_form(_strip_the(span.text), "Organization")
        if ent is None:
            ent = Entity(_strip_the(span.text), "Organization")
            self.ents.items.append(ent)
        ent.add_form(span.text)
        self.ents.link(ent, span.start, span.end)
        self.taken.update(range(span.start, span.end))

    def person_mention(self, span: Span) -> Entity | None:
        if any(i in self.taken for i in range(span.start, span.end)):
            return None
        words = [formal(fold(t.text)) for t in span if fold(t.text)]
        target = None
        for ent in self.ents.of_type("Person"):
            ent_words = [formal(w) for w in fold(ent.name).split()]
            if (
                words
                and all(w in ent_words for w in words)
                and not (PATRONYMIC_LINKS & set(words) and words[0] != ent_words[0])
            ):
                # "Mohammed bin Zayed" is not "Hamdan bin Mohammed bin Zayed" (his son)
                target = ent
                break
        if target is None:
            target = Entity(span.text.strip(), "Person")
            self.ents.items.append(target)
        target.add_form(span.text)
        self.ents.link(target, span.start, span.end)
        self.taken.update(range(span.start, span.end))
        return target

    def add_bare_surnames(self) -> None:
        """Name parts the NER missed or mislabelled ('Lavrov' as ORG) join their person."""
        parts: dict[str, Entity] = {}
        firsts: dict[str, list[Entity]] = {}
        for ent in self.ents.of_type("Person"):
            words = ent.name.split()
            if len(words) > 1 and len(words[-1]) > 2 and words[-1][:1].isupper():
                parts.setdefault(words[-1], ent)
            if len(words) > 1 and len(words[0]) > 1 and words[0][:1].isupper():
                firsts.setdefault(words[0], []).append(ent)
        # a family name written first ("Yoon Suk-yeol", "Kishida Fumio") used alone
        for word, ents in firsts.items():
            if len(ents) == 1 and word not in parts and not self.gaz.place(word):
                parts[word] = ents[0]
        for tok in self.doc:
            if tok.i in self.taken or tok.text not in parts or tok.pos_ != "PROPN":
                continue
            ent = parts[tok.text]
            words = ent.name.split()
            if (
                tok.i + 1 < len(self.doc)
                and len(words) > 1
                and tok.text == words[0]
                and self.doc[tok.i + 1].text == words[1]
            ):
                continue  # the full name the NER missed this time, not a bare family name
            ent.add_form(tok.text)
            self.ents.link(ent, tok.i, tok.i + 1)
            self.taken.add(tok.i)

    def assign_titles(self) -> None:
        doc = self.doc
        for ent in self.ents.of_type("Person"):
            for start, end in sorted(ent.mentions):
                if self.ents.by_token.get(start - 1) is ent:
                    continue
                while (
                    start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].text in ent.name.split()
                ):
                    start -= 1
                sent_start = doc[start].sent.start
                if sent_start > 0:  # the parser cut "Kyrgyz | President X" in two
                    before = doc[sent_start - 1].sent
                    if len(before) <= 2 and before[-1].text[:1].isupper():
                        sent_start = before.start
                blocked = {i for i, e in self.ents.by_token.items() if e.type == "Person"}
                title = title_before(doc, start, sent_start, blocked) or self._apposition(start, end)
                if title is None:
                    continue
                if ent.title is None or len(title.text) > len(ent.title.text):
                    ent.title = title
                ent.add_form(f"{title.text} {doc[start:end].text}")

    def _apposition(self, start: int, end: int) -> Title | None:
        doc = self.doc
        sent = doc[start].sent
        # "X, the Minister of Foreign Affairs of Y," / "X [Y, Belarusian Minister ...]"
        if end < sent.end and doc[end].text in {",", "[", "("}:
            close = {"[": "]", "(": ")"}.get(doc[end].text)
            k = end + 1
            while (
                k < sent.end
                and k - end < 16
                and doc[k].text not in {",", ".", ";", "]", ")"}
                and doc[k].pos_ not in {"VERB", "AUX"}
            ):
                k += 1
            inner = doc[end + 1 : k]
            if not close and k < sent.end and doc[k].pos_ in {"VERB", "AUX"}:
                return None
            if close and len(inner) and inner[0].ent_type_ == "PERSON":
                return None
            name = doc[start:end]
            if (
                not close
                and not any(t.dep_ == "appos" and t.head.i in range(start, end) for t in inner)
                and name.root.dep_ != "appos"
            ):
                return None
            if (
                (len(inner) and doc[end + 1].pos_ != "PROPN")
                or (len(inner) and is_office_word(inner[0].text))
                or (len(inner) and self.gaz.demonym(inner[0].text))
            ):
                return title_in(inner) if len(inner) else None
        # "Kazakhstan's ambassador to Russia, Dauren Abayev"
        if start - 1 > sent.start and doc[start - 1].text == ",":
            k = start - 2
            while (
                k >= sent.start
                and doc[k].text not in {",", ";", ":"}
                and (doc[k].pos_ not in {"VERB", "AUX"})
                and not (doc[k].pos_ == "ADP" and doc[k].lower_ not in {"of", "for", "to"})
            ):
                k -= 1
            inner = doc[k + 1 : start - 1]
            name = doc[start:end]
            linked = (
                (name.root.dep_ == "appos" and name.root.head.i in range(inner.start, inner.end))
                or (inner.root.dep_ == "appos" and inner.root.head.i in range(start, end))
                if len(inner)
                else False
            )
            if linked and not any(t.ent_type_ == "PERSON" for t in inner):
                return title_in(inner)
        return None

    def bracket_aliases(self) -> None:
        """'Vladimir Vladimirovich [Makei, ...]': the bracketed name is the same person."""
        doc = self.doc
        for ent in self.ents.of_type("Person"):
            for _start, end in list(ent.mentions):
                if end + 1 >= len(doc) or doc[end].text not in {"[", "("}:
                    continue
                other = self.ents.by_token.get(end + 1)
                if (
                    other is not None
                    and other.type == "Organization"
                    and other.mentions == [(end + 1, end + 2)]
                    and doc[end + 2].text in {",", "]", ")"}
                ):
                    self.ents.items.remove(other)  # "[Makei, ...]" the NER called an ORG
                    del self.ents.by_token[end + 1]
                    self.taken.discard(end + 1)
                    other = None
                if other is not None and other is not ent and other.type == "Person":
                    self.merge(ent, other)
                elif (
                    other is None
                    and doc[end + 1].pos_ == "PROPN"
                    and doc[end + 1].text[:1].isupper()
                    and doc[end + 2].text in {",", "]", ")"}
                ):
                    ent.add_form(doc[end + 1].text)
                    ent.add_form(f"{ent.name} {doc[end + 1].text}")
                    self.ents.link(ent, end + 1, end + 2)
                    self.taken.add(end + 1)
                    if ent.title is None and doc[end + 2].text == ",":
                        ent.title = self._apposition(end + 1, end + 2)

    def merge(self, keep: Entity, drop: Entity) -> None:
        for form in [drop.name, *drop.aliases]:
            keep.add_form(form)
        for start, end in drop.mentions:
            self.ents.link(keep, start, end)
        keep.title = keep.title or drop.title
        self.ents.items.remove(drop)

    def decide_leaders(self) -> None:
        """Titled people are Leaders; untitled ones too in a political article, bylines never."""
        persons = self.ents.of_type("Person")
        political = any(p.title for p in persons)
        for ent in persons:
            if self._thing_name(ent) or (
                ent.title is None and (self._byline(ent) or self._not_a_person(ent))
            ):
                continue
            if ent.title or political:
                ent.type = "Leader"
                if ent.title and ent.title.country:
                    ent.country = ent.title.country
                    self.ensure_country(ent.title.country)

    def _byline(self, ent: Entity) -> bool:
        """Every mention follows a byline word, across a list of names ('By Xinhua writers
        A, B and C')."""
        doc = self.doc
        for s, _ in ent.mentions:
            k = s
            while (
                k > doc[s].sent.start
                and (doc[k - 1].pos_ == "PROPN" or doc[k - 1].text in {",", "and"})
                and fold(doc[k - 1].text) not in BYLINE_WORDS
            ):
                k -= 1
            if not any(fold(t.text) in BYLINE_WORDS for t in doc[max(doc[s].sent.start, k - 4) : s]):
                return False
        return True

    @staticmethod
    def _thing_name(ent: Entity) -> bool:
        """A 'name' with a platform, building or document word ('on Twitter', 'Al-Salam
        Palace', 'King Khalid Airport', 'Readout') names a thing, titled or not."""
        return any(fold(w) in NON_PERSON_WORDS for w in ent.name.split())

    def _not_a_person(self, ent: Entity) -> bool:
        """An untitled 'name' the NER calls a person but that takes an article at every
        mention ('The following Readout', 'the Castro brothers'), which personal names do not."""
        doc = self.doc
        return all(
            (s > 0 and doc[s - 1].lower_ in {"the", "a", "an", "this", "that"})
            or (s > 1 and doc[s - 2].lower_ in {"the", "a", "an"} and doc[s - 1].pos_ == "ADJ")
            for s, _ in ent.mentions
        )

    def ensure_country(self, code: str) -> Entity:
        ent = self.ents.country_entity(code)
        if ent is None:
            ent = Entity(self.gaz.name_of(code) or code, "Country", code)
            self.ents.items.append(ent)
        return ent

    def home_leaders(self) -> None:
        """'NAIROBI, Kenya - President William Ruto': news names the home country's leaders
        without a demonym, foreign ones with it; a titled Leader whose title names no place,
        named in the dateline's sentence or the next, is of the dateline's country (when the
        article names that country). Later in the text a foreign leader may lose the demonym
        ("the Turkish minister said President Erdogan will visit")."""
        home = self.dateline.country if self.dateline else None
        if home is None or self.ents.country_entity(home) is None:
            return
        lead = self.doc[self.dateline_end - 1].sent
        lead_end = self.doc[lead.end].sent.end if lead.end < len(self.doc) else lead.end
        for ent in self.ents.of_type("Leader"):
            if (
                ent.country is None
                and ent.title
                and ent.title.office_place is None
                and min(ent.mentions)[0] < lead_end
            ):
                ent.country = home

    def add_demonyms(self) -> None:
        for span, place in self.demonyms:
            ent = self.ents.country_entity(place.country)
            in_title = any(
                span.start in range(s - 6, s)
                for e in self.ents.of_type("Leader")
                if e.country == place.country
                for s, _ in e.mentions
            )
            if ent is None and (in_title or self.demonym_is_actor(span.root.i)):
                ent = self.ensure_country(place.country)
            if ent is not None:
                ent.add_form(span.text)
                if span.text.lower() != span.text:
                    self.ents.link(ent, span.start, span.end)

    def finish(self) -> None:
        used: set[str] = set()
        for ent in self.ents.items:
            if ent.type == "Person":
                continue
            base = slug(ent.name)
            ident, n = base, 2
            while ident in used:
                ident, n = f"{base}_{n}", n + 1
            used.add(ident)
            ent.id = ident
            if ent.type == "Country":
                ent.add_form(self.gaz.name_of(ent.country) or "")
        for ent in self.ents.of_type("Leader"):
            if ent.title and ent.title.office_place:
                office = self.ents.find_form(ent.title.office_place, "Country", "Region", "Organization")
                ent.office = office.id if office else None
            if ent.office is None and ent.country:
                country = self.ents.country_entity(ent.country)
                ent.office = country.id if country else None
            if ent.country is None and ent.office:
                office = next(e for e in self.ents.items if e.id == ent.office)
                ent.country = office.country

    def build(self) -> Entities:
        self.demonyms: list[tuple[Span, Place]] = []
        self.dateline: Place | None = None
        self.dateline_end = 0
        self.add_places()
        self.add_landforms()
        self.add_people()
        self.assign_titles()
        self.bracket_aliases()
        self.decide_leaders()
        self.add_demonyms()
        self.home_leaders()
        self.ents.items = [e for e in self.ents.items if e.type != "Person"]
        self.ents.by_token = {i: e for i, e in self.ents.by_token.items() if e.type != "Person"}
        self.finish()
        if self.dateline is not None:
            ent = self.ents.by_token.get(self.dateline_end - 1)
            self.ents.dateline = ent if ent is not None and ent.type in {"Country", "Region"} else None
        return self.ents


def find_entities(doc: Doc, source: str | None = None) -> Entities:
    """Entities of a parsed article; `source` (the outlet) is never taken for a person."""
    return _Builder(doc, source).build()
