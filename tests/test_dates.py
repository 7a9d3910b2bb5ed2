"""Publication dates from the article text, and the date_source every article carries."""

from __future__ import annotations

import pytest

from diplograph.ingest.article import Article
from diplograph.ingest.dates import dated, text_date
from diplograph.ingest.readers import read_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Riyadh, 11 October 2021 (TDI): The crown prince received a call.", ("2021-10-11", "dateline")),
        (
            "OTTAWA, ON, Oct. 8, 2025 /CNW/ - Today, the Prime Minister concluded a visit.",
            ("2025-10-08", "dateline"),
        ),
        ("Addis Ababa, October 13, 2017 (FBC) – The prime minister held talks.", ("2017-10-13", "dateline")),
        ("DUSHANBE, 18.04.2024 /Agency/. The president arrived.", ("2024-04-18", "dateline")),
        (
            "Talks in Moscow\n\nMOSCOW (Example News / Wire - 20th August, 2019) The Kremlin said.",
            ("2019-08-20", "dateline"),
        ),
        (
            "Ministers meet\nExample Daily | Updated: 2018-07-28 07:32\nThe minister will visit Malaysia.",
            ("2018-07-28", "text"),
        ),
        (
            "Leaders talk by phone\n\n18/01/2023\n\n"
            "On January 17, 2023, a telephone conversation took place.",
            ("2023-01-18", "text"),
        ),
        (
            "Trade talks\n\nPublished on 3 May 2024, the statement said the ministers met in Baku and "
            "discussed transit, energy and the new rail corridor at length.",
            ("2024-05-03", "text"),
        ),
    ],
)
def test_a_dateline_or_a_head_date_line_dates_the_article(text: str, expected: tuple[str, str]) -> None:
    assert text_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # No year: a guessed one would put the article in the wrong place on the time filter.
        "MOSCOW, July 8 (Reuters) - The president met the governor.",
        # Day-first and month-first disagree.
        "Ministers meet\n\n05/06/2024\n\nThe ministers met in Vienna.",
        # A date inside the story is an event's, not the publication's.
        "The president met the envoy.\n\nThe two leaders last met in Geneva on 12 March 2021, when they "
        "agreed to resume the talks that had stalled since the previous summer of the two countries.",
        # Impossible dates are no dates.
        "Ministers meet\n\n31.02.2024\n\nThe ministers met.",
    ],
)
def test_no_date_is_guessed(text: str) -> None:
    assert text_date(text) is None


def test_every_article_gets_a_date_source() -> None:
    assert dated(Article("Text.", date="2024-01-02")).date_source == "meta"
    assert dated(Article("Text.", date="2024-01-02", date_source="feed")).date_source == "feed"
    from_text = dated(Article("Riyadh, 11 October 2021 (TDI): The prince received a call."))
    assert (from_text.date, from_text.date_source) == ("2021-10-11", "dateline")
    undated = dated(Article("No date here."))
    assert (undated.date, undated.date_source) == (None, "none")


def test_a_front_matter_date_is_meta_and_wins_over_the_dateline() -> None:
    text = "---\ndate: 2025-06-03\n---\nMINSK, 2 June 2025 (Wire) – The president received the governor.\n"
    [article] = list(read_text(text, "a.md", ".md"))
    assert isinstance(article, Article)
    assert (dated(article).date, dated(article).date_source) == ("2025-06-03", "meta")
