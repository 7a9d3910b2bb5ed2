"""Text folding: the one place where names become matching keys.

Every look-up by name goes through here: the cross-article resolver, the gazetteer,
the named queries, `viz --focus` and the page's search box (whose JavaScript `fold`
applies the table `js_fold_table` gives it, so both sides compute the same key).

Folding is: compatibility decomposition (NFKD: "ﬁ" -> "fi", "é" -> "e" + accent), accents
dropped, every other non-ASCII letter transliterated by anyascii (Cyrillic, Greek, Arabic,
"Ł" -> "L", "ß" -> "ss"), lower case; `fold` then turns runs of anything but letters and
digits into one space. So "Владимир Путин", "Vladimir Putin" and "VLADIMIR  PUTIN" share
the key "vladimir putin", and "Łukasz" is "lukasz".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from anyascii import anyascii

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = re.compile(r"['\u2019\u02bc\u2018`]")

# Blocks every page carries in its fold table, whatever names it shows: Latin-1 and Latin
# Extended, Greek, Cyrillic (with its supplement) and Arabic, so a query typed in one of
# those scripts folds in the browser exactly as in Python.
_PAGE_BLOCKS = ((0x00A0, 0x024F), (0x0370, 0x03FF), (0x0400, 0x052F), (0x0600, 0x06FF), (0x1E00, 0x1FFF))


def _strip_marks(text: str) -> str:
    """NFKD without its marks (category M, as the page's /\\p{M}/u)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))


@lru_cache(maxsize=1 << 16)
def ascii_lower(text: str) -> str:
    """Accents dropped, every script transliterated to ASCII, lower case; punctuation kept."""
    return anyascii(_strip_marks(text)).lower()


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """The matching key of a name: ASCII words in lower case, separated by one space."""
    return _NON_ALNUM.sub(" ", ascii_lower(text)).strip()


def fold_tight(text: str) -> str:
    """`fold`, but apostrophes join what they separate: "Xi'an" and "Xian" share "xian"."""
    return fold(_APOSTROPHES.sub("", text))


def slug(text: str) -> str:
    """A node id from a name: folded words joined by '-', a leading 'the' dropped."""
    words = fold(text).split()
    if words and words[0] == "the":
        words = words[1:]
    return "-".join(words) or "unnamed"


def js_fold_table(names: Iterable[str]) -> dict[str, str]:
    """Non-ASCII character -> its ASCII form, for the page's JavaScript `fold`.

    Covers the characters of `names` (after decomposition and accent stripping) and the
    blocks every page carries; characters outside it fold to nothing in the browser.
    """
    chars = {chr(c) for start, end in _PAGE_BLOCKS for c in range(start, end + 1)}
    for name in names:
        chars.update(_strip_marks(name))
    table: dict[str, str] = {}
    for char in sorted(chars):
        if ord(char) < 128 or unicodedata.category(char).startswith("M"):
            continue
        # keys are characters the browser can meet after NFKD and mark stripping
        if _strip_marks(char) != char:
            continue
        table[char] = anyascii(char).lower()
    return table
