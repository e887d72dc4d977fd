"""Tests for time phrases resolved against the publication date, and the lead's date claim."""

from __future__ import annotations

import datetime as dt

import pytest

from discrepancy.extract import extract
from discrepancy.extract.when import clock_times, find_times, resolve_weekday
from discrepancy.models import Article, Kind

WED = dt.date(2024, 2, 7)  # a Wednesday
THU = dt.date(2024, 2, 8)


def times(sentence: str, published: dt.date | None) -> list[tuple[str, dt.date | None, str]]:
    """Every time phrase as (text, resolved day, precision); text is its own span."""
    found = list(find_times(sentence, published))
    for time in found:
        assert time.text == sentence[time.start : time.end]
    return [(t.text, t.date, t.precision) for t in found]


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        # a weekday on the publication day is that day
        ("The drone struck a house in Mosul on Wednesday.", WED, [("Wednesday", WED, "day")]),
        # otherwise the latest such day before publication
        ("The drone struck a house in Mosul on Wednesday.", THU, [("Wednesday", WED, "day")]),
        (
            "The drone struck a house in Mosul on Wednesday night.",
            THU,
            [("Wednesday night", WED, "day")],
        ),
        ("A gunman opened fire on Saturday.", WED, [("Saturday", dt.date(2024, 2, 3), "day")]),
        (
            "Sunday's strike killed six fighters.",
            dt.date(2024, 2, 11),
            [("Sunday's", dt.date(2024, 2, 11), "day")],
        ),
        (
            "The raid happened last Wednesday.",
            WED,
            [("last Wednesday", dt.date(2024, 1, 31), "day")],
        ),
        # relative days
        (
            "Police said the shooting happened yesterday.",
            WED,
            [("yesterday", dt.date(2024, 2, 6), "day")],
        ),
        (
            "Gunmen attacked a checkpoint early this morning.",
            WED,
            [("early this morning", WED, "day")],
        ),
        ("The blast was heard last night.", WED, [("last night", dt.date(2024, 2, 6), "day")]),
        # month and day, with and without a year, across a year boundary
        (
            "On January 28, three soldiers were killed.",
            WED,
            [("January 28", dt.date(2024, 1, 28), "day")],
        ),
        (
            "The attack happened on December 30.",
            dt.date(2024, 1, 5),
            [("December 30", dt.date(2023, 12, 30), "day")],
        ),
        # a day announced a few days ahead is this year's; weeks ahead, last year's
        (
            "The council will declare July 9 a day of mourning.",
            dt.date(2024, 7, 8),
            [("July 9", dt.date(2024, 7, 9), "day")],
        ),
        (
            "The convoy was ambushed on July 30.",
            dt.date(2024, 7, 8),
            [("July 30", dt.date(2023, 7, 30), "day")],
        ),
        (
            "It happened on 28 January 2024.",
            WED,
            [("28 January 2024", dt.date(2024, 1, 28), "day")],
        ),
        (
            "The shooting occurred on Feb. 3 near the mall.",
            WED,
            [("Feb. 3", dt.date(2024, 2, 3), "day")],
        ),
        ("The report is dated 2023-11-02.", None, [("2023-11-02", dt.date(2023, 11, 2), "day")]),
        # no publication date: nothing to resolve against
        ("The drone struck a house in Mosul on Wednesday.", None, [("Wednesday", None, "weekday")]),
        ("On January 28, three soldiers were killed.", None, [("January 28", None, "day")]),
        ("Police said the shooting happened yesterday.", None, [("yesterday", None, "relative")]),
    ],
)
def test_time_phrases_resolve_against_publication(
    sentence: str, published: dt.date | None, expected: list[tuple[str, dt.date | None, str]]
) -> None:
    assert times(sentence, published) == expected


def test_unresolved_weekday_keeps_its_weekday() -> None:
    (time,) = find_times("The drone struck on Wednesday.", None)
    assert time.weekday == 2


@pytest.mark.parametrize(
    ("sentence", "month"),
    [
        ("In late January a drone strike killed three troops in Jordan.", 1),
        ("The base was attacked in March.", 3),
        ("The strikes began in mid-October 2023.", 10),
    ],
)
def test_month_only(sentence: str, month: int) -> None:
    found = list(find_times(sentence, WED))
    assert [(t.precision, t.month, t.date) for t in found] == [("month", month, None)]


@pytest.mark.parametrize(
    "sentence",
    [
        "We were at home when we heard the blast, a resident said.",
        '"We will respond," a spokesman said.',
        "We have no further details, we said.",
        "WE ARE SAFE, the sign read.",
        "Officials may release more details.",
        "Protesters will march to the square.",
        "The wedding guests were wounded.",
    ],
)
def test_we_and_common_words_are_not_dates(sentence: str) -> None:
    assert times(sentence, WED) == []


@pytest.mark.parametrize(
    ("weekday", "published", "expected"),
    [
        (2, WED, WED),
        (2, THU, WED),
        (3, WED, dt.date(2024, 2, 1)),
        (6, dt.date(2024, 2, 11), dt.date(2024, 2, 11)),
        (2, None, None),
    ],
)
def test_resolve_weekday(weekday: int, published: dt.date | None, expected: dt.date | None) -> None:
    assert resolve_weekday(weekday, published) == expected


# --- the article's date claim ------------------------------------------------------------------


def date_claims(text: str, published: dt.date | None) -> list[tuple[str, str | None]]:
    """The date claims of an article as (value, normalized)."""
    article = Article(id="a", text=text, published=published)
    claims = [c for c in extract(article).claims if c.kind == Kind.DATE]
    for claim in claims:
        assert article.text[claim.start : claim.end] == claim.value
    return [(c.value, c.normalized) for c in claims]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "A drone strike killed two fighters in Mosul on Wednesday.",
            WED,
            [("Wednesday", "2024-02-07")],
        ),
        (
            "A drone strike killed two fighters in Mosul on Wednesday.",
            THU,
            [("Wednesday", "2024-02-07")],
        ),
        (
            "A drone strike killed two fighters in Mosul on Wednesday.",
            None,
            [("Wednesday", "weekday:wednesday")],
        ),
        (
            "A drone strike killed two fighters in Mosul yesterday.",
            WED,
            [("yesterday", "2024-02-06")],
        ),
        (
            "Police in Dayton said a gunman killed two people on Main Street late on Saturday.",
            WED,
            [("Saturday", "2024-02-03")],
        ),
        # the first day in the lead is the incident's, not a later background one
        (
            "Gunmen killed two soldiers in Mosul on Tuesday. On January 28, three soldiers were"
            " killed in Jordan.",
            WED,
            [("Tuesday", "2024-02-06")],
        ),
        # a background phrase before the day does not make it the incident's date
        (
            "Last month, on January 10, a strike killed a commander. Gunmen killed two soldiers in"
            " Mosul on Tuesday.",
            WED,
            [("Tuesday", "2024-02-06")],
        ),
    ],
)
def test_lead_date_claim(
    text: str, published: dt.date | None, expected: list[tuple[str, str | None]]
) -> None:
    assert date_claims(text, published) == expected


def test_we_is_not_read_as_wednesday_in_an_article() -> None:
    text = (
        "We were at home when we heard the blast in Mosul, a resident said. We saw smoke"
        " over the market. Two people were killed, police said."
    )
    assert date_claims(text, WED) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Shots rang out at about 9 p.m. Friday.", {"9:00pm"}),
        ("Police were called at 9:00 pm and again at 11:30a.m.", {"9:00pm", "11:30am"}),
        ("The call came in around 11:40 P.M.", {"11:40pm"}),
        # numbers that are no clock time
        ("A 19-year-old was shot twice; 3 men were hurt.", set()),
        ("I am sure the 2 amps were stolen, he said.", set()),
    ],
)
def test_clock_times_have_one_spelling(text: str, expected: set[str]) -> None:
    assert clock_times(text) == expected
