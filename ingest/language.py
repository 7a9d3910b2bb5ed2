"""Is an article English? A script count and a function-word share, no model.

Extraction knows only English, and a Russian or Chinese article used to be processed
silently into junk (issue 13, case 8). Two cheap signals, both data-free beyond
`data/english_function_words.txt`:

- script: at least half the letters must be Latin (Unicode names "LATIN ...");
- function words: of the Latin-script words, at least MIN_FUNCTION_SHARE must be
  common English function words (the, of, and, ...); English news runs at 35-45 %,
  French, German or Spanish at a few per cent.

Texts too short to judge (under MIN_LETTERS letters or MIN_WORDS words) pass.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache
from importlib import resources

MIN_LETTERS = 40
MIN_WORDS = 30
MIN_LATIN_SHARE = 0.5
MIN_FUNCTION_SHARE = 0.15
_WORD = re.compile(r"[a-z]+")


@cache
def function_words() -> frozenset[str]:
    text = resources.files(__package__).joinpath("data", "english_function_words.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def _script(char: str) -> str:
    name = unicodedata.name(char, "")
    return name.split(" ", 1)[0] if name else "unknown"


def not_english(text: str) -> str | None:
    """Why `text` is not English (one short phrase), or None when it may be."""
    letters = [char for char in text if char.isalpha()]
    if len(letters) < MIN_LETTERS:
        return None
    scripts = Counter(_script(char) for char in letters)
    if scripts["LATIN"] / len(letters) < MIN_LATIN_SHARE:
        main = next(script for script, _ in scripts.most_common() if script != "LATIN")
        return f"mostly {main if len(main) <= 3 else main.title()} script"  # CJK, Cyrillic
    words = _WORD.findall(text.lower())
    if len(words) < MIN_WORDS:
        return None
    share = sum(word in function_words() for word in words) / len(words)
    if share < MIN_FUNCTION_SHARE:
        return f"only {share:.0%} of its words are common English words"
    return None
