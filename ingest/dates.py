"""The publication date of an article, and where it came from.

A page's own metadata wins (`meta`), then the date of the feed item it came from
(`feed`), then the text: a dateline opening the story ("Riyadh, 11 October 2021 (TDI):",
"OTTAWA, ON, Oct. 8, 2025 /CNW/ -", `dateline`), else a date line in the head of the
article ("Updated: 2018-07-28 07:32", "16:23, February 15, 2012", "Published 3 May 2024",
`text`). Only dates with a year count: "MOSCOW, July 8 (Reuters)" gives no year, and a
guessed year would put the article in the wrong place on the time filter. Dates in the
body ("talks held on 12 March") are events, not the publication, and are not used.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from dateutil import parser as dateutil_parser

from .article import Article
from .when import MONTHS

DATE_SOURCES = ("meta", "feed", "dateline", "text", "none")

_MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
# One date with its year, in the forms news pages print.
_DATE = (
    rf"(?:{_MONTH}\s+{_DAY},?\s+{_YEAR}"  # October 13, 2017 / Oct. 8, 2025
    rf"|{_DAY}\s+{_MONTH},?\s+{_YEAR}"  # 11 October 2021 / 20th August, 2019
    rf"|{_YEAR}-\d{{1,2}}-\d{{1,2}}"  # 2018-07-28
    rf"|\d{{1,2}}\.\d{{1,2}}\.{_YEAR}"  # 18.04.2024 (day first)
    rf"|\d{{1,2}}/\d{{1,2}}/{_YEAR})"  # 18/01/2023, 8/19/2024 (only when unambiguous)
)
_DATE_RE = re.compile(rf"(?<![\w/.-])(?P<date>{_DATE})(?![\w/-])", re.I)
# "PLACE, [REGION,] DATE (AGENCY)", "PLACE, DATE /AGENCY/", "PLACE. DATE. AGENCY/",
# "PLACE (AGENCY - DATE)": a dateline opens the story's first paragraph.
_PLACE = r"[A-Z][\w'’.-]*(?:[ -][A-Za-z][\w'’.-]*){0,3}"
_DATELINE = re.compile(
    rf"^\s*{_PLACE}(?:,\s*[A-Z][\w.]*(?: [A-Z][\w.]*)?)?[,.]\s+(?P<date>{_DATE})\.?\s*[(/:–—-]"
    rf"|^\s*{_PLACE}\s*\([^()\n]{{2,60}}?[-–—,]\s*(?P<date2>{_DATE})\)",
    re.I,
)
# A head line is short: a date with at most a few words around it (time, weekday,
# "Updated:", the outlet's name), before the story proper starts.
_HEAD_LINES = 6
_HEAD_LINE_WORDS = 12
_PUBLISHED = re.compile(rf"\b(?:published|posted|updated)\b[^.\n]{{0,20}}?(?P<date>{_DATE})", re.I)


def _parse(value: str) -> date | None:
    """The date a matched string names, or None when it is ambiguous or impossible."""
    value = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", value)
    numeric = re.fullmatch(r"(\d{1,2})([./])(\d{1,2})\2(\d{4})", value)
    try:
        if numeric:
            first, sep, second, year = numeric.groups()
            a, b = int(first), int(second)
            if sep == "/" and a <= 12 and b <= 12 and a != b:
                return None  # 05/06/2024: day-first and month-first disagree
            day, month = (a, b) if sep == "." or a > 12 else (b, a)
            return date(int(year), month, day)
        return dateutil_parser.parse(value).date()
    except (ValueError, OverflowError):
        return None


def _first_paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()][:_HEAD_LINES]


def text_date(text: str) -> tuple[str, str] | None:
    """(ISO date, "dateline" or "text") found in the head of the article text, or None."""
    lines = _first_paragraphs(text)
    for line in lines:
        match = _DATELINE.match(line)
        if match and (found := _parse(match.group("date") or match.group("date2"))):
            return found.isoformat(), "dateline"
    for line in lines:
        match = _PUBLISHED.search(line)
        if not match and len(line.split()) <= _HEAD_LINE_WORDS:
            match = _DATE_RE.search(line)
        if match and (found := _parse(match.group("date"))):
            return found.isoformat(), "text"
    return None


def dated(article: Article) -> Article:
    """The article with its date and `date_source` settled (metadata first, then the text)."""
    if article.date:
        return article if article.date_source else replace(article, date_source="meta")
    found = text_date(article.text)
    if found:
        return replace(article, date=found[0], date_source=found[1])
    return replace(article, date_source="none")
