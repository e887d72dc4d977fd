"""Tests for who a sentence credits for what it states."""

from __future__ import annotations

import pytest

from discrepancy.extract.attribution import attribution_at, find_attribution, same_source


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
        ("Village elders say nine fishermen drowned.", "Village elders"),
        (
            "The blast killed 19 people according to the governor and wounded 40.",
            "the governor",
        ),
        ("Six died, according to the ministry and the army.", "the ministry and the army"),
        ("The provincial governor put the toll at 21 on Monday.", "The provincial governor"),
        ("The ministry later raised its death toll to 40.", "The ministry"),
        ("The rebels claim they shot down two helicopters.", "The rebels"),
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


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Words between the source and its verb belong to the verb.
        ("Nine people were killed, the coast guard has said.", "the coast guard"),
        ("The port authority initially reported 40 injuries.", "The port authority"),
        ("State radio earlier reported that two guards died.", "State radio"),
        # "but said" continues the sentence's own subject.
        ("The navy confirmed the boat sank, but said no sailors were killed.", "The navy"),
        # A dash or bullet before the source is no part of it.
        ("- Governor Ana Brel said the road would reopen.", "Governor Ana Brel"),
    ],
)
def test_attribution_without_the_words_around_the_source(sentence: str, expected: str) -> None:
    assert find_attribution(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "It was initially reported that two guards died.",
        "According to the latest figures, 80 people were hurt.",
        "The coast guard has not confirmed how many sailors died.",
        "Earlier reports said four people were hurt.",
        "As reported, six people were hurt in the blast.",
        "The port corrected the toll to 14, not 15 as reported on Monday.",
        "The toll was revised to 30, more than reported at first.",
    ],
)
def test_clauses_that_name_no_source(sentence: str) -> None:
    assert find_attribution(sentence) is None


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("the health ministry", "Health Ministry", True),
        ("Lebanon's health ministry", "the Lebanese Health Ministry", True),
        ("Mayor Ana Brel", "Brel", True),
        ("the health ministry", "the defence ministry", False),
        ("police", "hospital officials", False),
    ],
)
def test_same_source(a: str, b: str, same: bool) -> None:
    assert same_source(a, b) is same


@pytest.mark.parametrize(
    ("sentence", "figure", "expected"),
    [
        # Two parties, two figures: each figure is its own party's.
        (
            "The provincial health office said 86 people were killed, while the army said "
            "fewer than 10 died.",
            "86",
            "The provincial health office",
        ),
        (
            "The provincial health office said 86 people were killed, while the army said "
            "fewer than 10 died.",
            "10",
            "the army",
        ),
        (
            "The navy said its drone hit a fuel depot and that no more than 4 were killed, "
            "contradicting the port authority, which says 23 died.",
            "4",
            "The navy",
        ),
        (
            "The navy said its drone hit a fuel depot and that no more than 4 were killed, "
            "contradicting the port authority, which says 23 died.",
            "23",
            "the port authority",
        ),
        # A semicolon turns from one party to the other; "say" credits as "said" does.
        (
            "Local officials say 31 people died in the flooding; the national agency claimed "
            "that no more than 12 were killed.",
            "31",
            "Local officials",
        ),
        (
            "Local officials say 31 people died in the flooding; the national agency claimed "
            "that no more than 12 were killed.",
            "12",
            "the national agency",
        ),
        # One party: the sentence's source, whatever turns the sentence takes.
        ("Nine were killed, but rescuers are still searching, police said.", "Nine", "police"),
    ],
)
def test_each_party_is_credited_with_its_own_figure(
    sentence: str, figure: str, expected: str
) -> None:
    whole = find_attribution(sentence)
    assert attribution_at(sentence, sentence.index(figure), whole) == expected
