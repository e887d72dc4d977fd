"""Tests for who a sentence credits for what it states."""

from __future__ import annotations

import pytest

from discrepancy.extract.attribution import find_attribution


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Two people were killed, police said.", "police"),
        ("The strike killed four fighters, Iraqi security sources said.", "Iraqi security sources"),
        ('"They fired from a moving car," a witness told reporters.', "a witness"),
        ('"We will not rest until they are caught," the mayor said.', "the mayor"),
        ("Seven were hurt, said a spokesman for the city police.", "a spokesman"),
        ("The Pentagon said the strike was in retaliation.", "The Pentagon"),
        ("A US official said the drone was launched from Iraq.", "A US official"),
        ("Mayor Tom Becker said the city was grieving.", "Mayor Tom Becker"),
        (
            "Two people were killed, according to the Nineveh health directorate.",
            "the Nineveh health directorate",
        ),
        ("Six were wounded, according to a hospital official.", "a hospital official"),
    ],
)
def test_attribution(sentence: str, expected: str) -> None:
    assert find_attribution(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Seven people were wounded.",
        "Six people were wounded, he said.",
        "Two were killed, they said.",
        "The blast shattered windows across the street.",
    ],
)
def test_no_attribution(sentence: str) -> None:
    assert find_attribution(sentence) is None
