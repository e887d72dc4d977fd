"""Tests for troop counts with whose and where, including "... and 900 in Syria"."""

from __future__ import annotations

import pytest

from discrepancy.extract.troops import find_troops

# (value as written, low, high, subject)
Troop = tuple[str, float | None, float | None, str]


def troops(sentence: str) -> list[Troop]:
    """Every troop count in a sentence as (text, low, high, subject)."""
    return [(sentence[t.start : t.end], t.low, t.high, t.subject) for t in find_troops(sentence)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The United States has around 2,500 troops in Iraq and 900 in Syria.",
            [
                ("around 2,500", 2250, 2750, "US troops in Iraq"),
                ("900", 900, 900, "US troops in Syria"),
            ],
        ),
        (
            "The US has some 2,500 troops in Iraq, and 900 in Syria.",
            [
                ("some 2,500", 2250, 2750, "US troops in Iraq"),
                ("900", 900, 900, "US troops in Syria"),
            ],
        ),
        (
            "Washington keeps about 2,500 troops in Iraq and around 900 in Syria as part of"
            " the coalition.",
            [
                ("about 2,500", 2250, 2750, "US troops in Iraq"),
                ("around 900", 810, 990, "US troops in Syria"),
            ],
        ),
        (
            "The US has about 2,500 American troops in Iraq and roughly 900 in Syria.",
            [
                ("about 2,500", 2250, 2750, "US troops in Iraq"),
                ("roughly 900", 810, 990, "US troops in Syria"),
            ],
        ),
        ("Washington has 2,500 troops in Iraq.", [("2,500", 2500, 2500, "US troops in Iraq")]),
        (
            "The Pentagon said some 2,500 U.S. troops in Iraq would stay.",
            [("some 2,500", 2250, 2750, "US troops in Iraq")],
        ),
        (
            "Britain keeps about 500 soldiers in Estonia.",
            [("about 500", 450, 550, "Britain troops in Estonia")],
        ),
        (
            "France has 600 soldiers stationed in Lebanon.",
            [("600", 600, 600, "France troops in Lebanon")],
        ),
    ],
)
def test_troop_counts_with_owner_and_place(sentence: str, expected: list[Troop]) -> None:
    assert troops(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # casualties among troops are tolls, not deployments
        "Three US soldiers were killed in Jordan.",
        "The strike killed three US soldiers in Jordan.",
        "The strike wounded 40 US troops in Iraq and Syria.",
        "Two soldiers in Mosul were wounded in the blast.",
        # no count
        "US troops in Iraq were put on high alert.",
        "The troops in Syria will stay, officials said.",
    ],
)
def test_not_a_troop_count(sentence: str) -> None:
    assert troops(sentence) == []


def test_ellipsis_keeps_the_owner_of_the_first_count() -> None:
    found = troops("Russia has 4,000 soldiers in Syria and 1,500 in Libya.")
    assert [t[3] for t in found] == ["Russia troops in Syria", "Russia troops in Libya"]
    assert [t[0] for t in found] == ["4,000", "1,500"]
