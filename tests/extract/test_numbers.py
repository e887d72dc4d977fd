"""Tests for count phrases read as intervals: qualifiers, number words, ranges, vague words."""

from __future__ import annotations

import re

import pytest

from discrepancy.extract.numbers import COUNT, count_interval, parse_number, qualify

Interval = tuple[float | None, float | None]


def interval(phrase: str) -> Interval | None:
    """The interval a whole count phrase allows (the phrase must be one COUNT)."""
    match = re.fullmatch(COUNT, phrase, re.IGNORECASE)
    assert match is not None, f"{phrase!r} is not read as a count phrase"
    return count_interval(match)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        # bare numbers are points
        ("four", (4, 4)),
        ("Seven", (7, 7)),
        ("6", (6, 6)),
        ("2,500", (2500, 2500)),
        ("twenty-one", (21, 21)),
        ("twenty one", (21, 21)),
        ("three hundred", (300, 300)),
        ("1.5 million", (1_500_000, 1_500_000)),
        # lower bounds
        ("at least four", (4, None)),
        ("At least 12", (12, None)),
        ("no fewer than 12", (12, None)),
        ("a minimum of 3", (3, None)),
        # newsroom "as many as 40 were killed" reports a toll that reached the figure
        ("as many as 40", (40, None)),
        # strict lower bounds: "more than 100" is 101 or more
        ("more than 100", (101, None)),
        ("More than 100", (101, None)),
        ("over 30", (31, None)),
        # upper bounds
        ("up to 30", (0, 30)),
        ("at most five", (0, 5)),
        ("fewer than ten", (0, 9)),
        ("less than 20", (0, 19)),
        # ranges
        ("between 10 and 15", (10, 15)),
        ("Between ten and fifteen", (10, 15)),
        ("10 to 15", (10, 15)),
        ("10-15", (10, 15)),
        ("ten to fifteen", (10, 15)),
        # vague quantities are open intervals
        ("dozens", (24, None)),
        ("dozens of", (24, None)),
        ("Dozens of", (24, None)),
        ("scores of", (40, None)),
        ("hundreds of", (200, None)),
        # "several" and "a number of" state no figure at all
        ("several", (None, None)),
        ("a number of", (None, None)),
        ("a dozen", (12, 12)),
        ("both", (2, 2)),
    ],
)
def test_count_phrase_interval(phrase: str, expected: Interval) -> None:
    assert interval(phrase) == expected


@pytest.mark.parametrize(
    "phrase",
    [
        "around 2,500",
        "about 2,500",
        "some 2,500",
        "roughly 2,500",
        "approximately 2,500",
        "an estimated 2,500",
    ],
)
def test_approximate_figure_is_a_small_band_around_it(phrase: str) -> None:
    low, high = interval(phrase) or (None, None)
    assert low is not None and high is not None
    assert low < 2500 < high
    # A band, not a licence: "around 2,500" must not agree with 1,500 or 4,000.
    assert low >= 2000 and high <= 3000


@pytest.mark.parametrize("phrase", ["around 5", "about 1", "some 15"])
def test_approximate_small_figures_still_get_a_band(phrase: str) -> None:
    value = parse_number(phrase.split()[-1])
    low, high = interval(phrase) or (None, None)
    assert value is not None and low is not None and high is not None
    assert low < value < high


@pytest.mark.parametrize("phrase", ["nearly 100", "almost 100", "close to 100"])
def test_nearly_stays_below_the_figure(phrase: str) -> None:
    low, high = interval(phrase) or (None, None)
    assert low is not None and high is not None
    assert 80 <= low <= high < 100


@pytest.mark.parametrize(
    "phrase",
    [
        "dozens",
        "dozens of",
        "scores",
        "scores of",
        "a few",
        "many",
        "numerous",
        "hundreds",
        "thousands of",
        "multiple",
    ],
)
def test_vague_quantity_is_never_a_point(phrase: str) -> None:
    low, high = interval(phrase) or (None, None)
    assert low is not None
    assert high is None or high > low


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        ("2,500", 2500),
        ("12", 12),
        ("3.5", 3.5),
        ("one", 1),
        ("eleven", 11),
        ("forty-two", 42),
        ("ninety nine", 99),
        ("one hundred", 100),
        ("two hundred and fifty", 250),
        ("three thousand", 3000),
        ("2 million", 2_000_000),
        ("1.5 million", 1_500_000),
    ],
)
def test_parse_number(phrase: str, value: float) -> None:
    assert parse_number(phrase) == value


@pytest.mark.parametrize(
    ("qualifier", "expected"),
    [
        (None, (4, 4)),
        ("at least", (4, None)),
        ("more than", (5, None)),
        ("up to", (0, 4)),
        ("fewer than", (0, 3)),
    ],
)
def test_qualify(qualifier: str | None, expected: Interval) -> None:
    assert qualify(4, qualifier) == expected


@pytest.mark.parametrize("phrase", ["20 to 10", "15-15"])
def test_backwards_or_empty_hyphen_range_is_not_a_count(phrase: str) -> None:
    assert interval(phrase) is None


@pytest.mark.parametrize("text", ["3rd", "9mm", "45%", "12km"])
def test_digits_glued_to_letters_or_symbols_are_not_counts(text: str) -> None:
    # A COUNT must end at a word boundary that is not a unit or a percent sign.
    match = re.match(COUNT, text, re.IGNORECASE)
    assert match is None or match.group() != text


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        # a qualifier on "a dozen" qualifies twelve: "more than a dozen" is 13 or more
        ("more than a dozen", (13, None)),
        ("at least a dozen", (12, None)),
        ("fewer than a dozen", (0, 11)),
        # "as high as 80" reached the figure, like "as many as"
        ("as high as 80", (80, None)),
    ],
)
def test_qualified_points(phrase: str, expected: Interval) -> None:
    assert interval(phrase) == expected


def test_a_second_count_reads_apart_by_its_suffix() -> None:
    from discrepancy.extract.numbers import count_pattern

    match = re.fullmatch(
        rf"{count_pattern()} and {count_pattern('_b')}", "at least two and five", re.IGNORECASE
    )
    assert match is not None
    assert count_interval(match) == (2, None)
    assert count_interval(match, "_b") == (5, 5)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        # scale words after one another: each further part starts with a scale word
        ("two thousand five hundred", (2500, 2500)),
        ("Three thousand two hundred and ten", (3210, 3210)),
        ("one hundred and twelve", (112, 112)),
        # "a hundred" is one hundred
        ("a hundred", (100, 100)),
        ("A thousand", (1000, 1000)),
        # half a dozen is six, not a dozen
        ("half a dozen", (6, 6)),
        ("a half-dozen", (6, 6)),
    ],
)
def test_number_words_of_every_form(phrase: str, expected: Interval) -> None:
    assert interval(phrase) == expected
