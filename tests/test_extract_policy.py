"""The extraction contract around the rules: the error policy, the rule named on every
relation, and the learned pair model's place beside the frame rules."""

from __future__ import annotations

import pytest
import spacy
from fixtures.extraction import extract

from diplograph.ingest.article import Article
from diplograph.ingest.extract import OnError, analyse, record_from_doc
from diplograph.ingest.nlp import get_nlp
from diplograph.ingest.pair_features import candidates
from diplograph.ingest.pair_model import RULE_NAME, decide, load_model, score

TEXT = (
    "Ruritanian President Anton Weiss met with Borduvian Prime Minister Lena Kovac in "
    "Strelsau on Monday. The two leaders agreed to expand cooperation in energy."
)


def _unparsed_doc(text: str):
    """A Doc from a blank English pipeline: tokens but no parse, so the rules fail for real."""
    return spacy.blank("en")(text)


def test_a_rule_failure_raises_when_asked() -> None:
    with pytest.raises(ValueError):
        record_from_doc(_unparsed_doc(TEXT), Article(text=TEXT), on_error=OnError.RAISE)


def test_a_rule_failure_costs_only_the_article_by_default() -> None:
    record = record_from_doc(_unparsed_doc(TEXT), Article(text=TEXT))
    assert record["relations"] == [] and record["entities"] == []
    assert record["error"].startswith("extraction failed: ValueError")


def test_every_relation_names_the_rule_that_made_it() -> None:
    record = extract(TEXT)
    assert record["relations"], "the meeting sentence yields relations"
    frames = {"meeting_verb", "meeting_noun", "cooperation", RULE_NAME}
    for rel in record["relations"]:
        assert rel["rule"], rel
    met = [r for r in record["relations"] if r["type"] == "MET_WITH"]
    assert met and all(r["rule"] in frames for r in met)


def test_pair_model_keeps_every_rule_relation_under_the_union_policy() -> None:
    model = load_model()
    assert model is not None and set(model["types"]) >= {"MET_WITH", "PROPOSED_COOPERATION"}
    doc = get_nlp()(TEXT)
    found = analyse(doc, Article(text=TEXT))
    kept = decide(found.ents, found.coref, found.rules, None)
    if model["policy"] == "union":
        assert {id(r) for r in found.rules} <= {id(r) for r in kept}
    for rel in kept:
        if rel.rule == RULE_NAME and rel.sentences:
            sent = rel.sentences[0].text
            assert rel.source.name.split()[-1] in sent or rel.source.type != "Leader"


def test_candidates_pair_the_leaders_named_in_one_sentence() -> None:
    doc = get_nlp()(TEXT)
    found = analyse(doc, Article(text=TEXT))
    keys = {(c.type, c.source.name, c.target.name) for c in candidates(found.ents, found.coref, set())}
    assert ("MET_WITH", "Anton Weiss", "Lena Kovac") in keys or (
        "MET_WITH",
        "Lena Kovac",
        "Anton Weiss",
    ) in keys
    # a sentence naming both, with a meeting verb between them, is evidence for the meeting
    met = next(c for c in candidates(found.ents, found.coref, set()) if c.type == "MET_WITH")
    assert any(f.startswith("top:meet_verbs") for f in met.features)


def test_score_grows_with_the_weight_of_present_features() -> None:
    weights = {"a": 2.0, "b": -1.0}
    assert score(weights, 0.0, {"a"}) > score(weights, 0.0, set()) > score(weights, 0.0, {"b"})


def test_an_office_word_ending_the_text_is_no_crash() -> None:
    # found by the fuzz test: the title scan looked one token past the end
    assert extract("met PRESIDENT")["relations"] == []
