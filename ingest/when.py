"""Time expressions of planned visits, resolved against the article date.

"in August" in an article of 2021-03-17 is "2021-08"; "next week" an ISO week ("2018-W31");
"on April 5" a day; a weekday the next such day on or after the article date. Without an
article date nothing relative can be resolved: only expressions with an explicit year are.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from spacy.tokens import Span

MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {
    d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
}

_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_WORD = re.compile(r"[a-z]+|\d+")


def parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _month_after(ref: date, month: int) -> int:
    """Year of the next `month` on or after the reference date's month."""
    return ref.year if month >= ref.month else ref.year + 1


def resolve_when(text: str, article_date: str | None) -> str | None:
    """ISO form of `text` ("2021-08", "2019-04-05", "2018-W31", "2023"), or None."""
    ref = parse_date(article_date)
    words = _WORD.findall(text.lower())
    year_match = _YEAR.search(text)
    year = int(year_match.group()) if year_match else None
    month = next(
        (
            MONTHS[w]
            for w in words
            if w in MONTHS
            and not (
                w == "may"
                and words.index(w) > 0
                and words[words.index(w) - 1] not in {"in", "of", "early", "late", "mid", "on"}
            )
        ),
        None,
    )
    day = next((int(w) for w in words if w.isdigit() and 1 <= int(w) <= 31 and len(w) <= 2), None)
    if year is None and ref is not None:
        if "next" in words and "year" in words:
            year = ref.year + 1
        elif month is not None:
            year = _month_after(ref, month)
        else:
            year = ref.year
    if month is not None and year is not None:
        if day is not None:
            try:
                return date(year, month, day).isoformat()
            except ValueError:
                return f"{year:04d}-{month:02d}"
        return f"{year:04d}-{month:02d}"
    if ref is None:
        return str(year) if year else None
    if "today" in words or "tonight" in words:
        return ref.isoformat()
    if "tomorrow" in words:
        return (ref + timedelta(days=1)).isoformat()
    if "week" in words:
        target = ref + timedelta(weeks=1) if "next" in words else ref
        iso = target.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    if "month" in words:
        if "next" in words:
            nxt = (ref.replace(day=1) + timedelta(days=32)).replace(day=1)
            return f"{nxt.year:04d}-{nxt.month:02d}"
        return f"{ref.year:04d}-{ref.month:02d}"
    weekday = next((WEEKDAYS[w] for w in words if w in WEEKDAYS), None)
    if weekday is not None:
        return (ref + timedelta(days=(weekday - ref.weekday()) % 7)).isoformat()
    if "year" in words or year_match:
        return str(year)
    return None


def date_phrase(ent: Span) -> str:
    """A DATE entity's text with the preposition that governs it ("in August")."""
    start = ent.start
    if ent.root.dep_ == "pobj" and ent.root.head.i == start - 1:
        start -= 1
    return ent.doc[start : ent.end].text
