"""Tests for who speaks in a sentence, and for names with an assimilated Arabic article."""

from __future__ import annotations

import pytest

from discrepancy.extract.people import find_names, speaks


def speaker(sentence: str, name: str) -> bool:
    start = sentence.index(name)
    return speaks(sentence, start, start + len(name))


SPEAKERS = [
    ("On Tuesday, the interior minister Omar Haddad said the raid was over.", "Omar Haddad"),
    ("Later that day, the deputy Oksana Hrytsiv hinted that a school was hit.", "Oksana Hrytsiv"),
    ('"We will answer," said one of the navy\'s spokesmen, Karim Nassar.', "Karim Nassar"),
    ("Lena Ortiz, the mayor of the town, told reporters on Friday that nine died.", "Lena Ortiz"),
    ("According to spokesman Tomas Reyes, the toll rose on Friday.", "Tomas Reyes"),
    ("The governor, Ivan Sirko, on Monday warned of more strikes.", "Ivan Sirko"),
]


@pytest.mark.parametrize(("sentence", "name"), SPEAKERS)
def test_a_person_who_speaks(sentence: str, name: str) -> None:
    assert speaker(sentence, name)


NOT_SPEAKERS = [
    # The army speaks; the commander is who its jets struck.
    ("The air force said its jets had killed Tarek Saadi, a commander, on Sunday.", "Tarek Saadi"),
    ("Last month a strike killed Omar Haddad and his son.", "Omar Haddad"),
    ("Omar Haddad was killed on Friday, police said.", "Omar Haddad"),
    # After "say X" the name opens the reported clause: X did what follows.
    ("Police say Dion Marsh, 19, shot a neighbour on March 3.", "Dion Marsh"),
    ("Reports last week said Gale Whitman would not return.", "Gale Whitman"),
    # "claimed" an attack, "posted" points, "called" the police: acts, not speech.
    ("On Sunday, Rudi Kessel posted 16 points in the win.", "Rudi Kessel"),
    ("Nora Blum called police around 9 a.m. Tuesday.", "Nora Blum"),
]


@pytest.mark.parametrize(("sentence", "name"), NOT_SPEAKERS)
def test_a_person_spoken_of(sentence: str, name: str) -> None:
    assert not speaker(sentence, name)


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("A drone strike killed Kamal ad-Din Haidari, a commander.", ["Kamal ad-Din Haidari"]),
        (
            "The dead were named as Rami Abd ar-Rahman and Omar ash-Shahri.",
            ["Rami Abd ar-Rahman", "Omar ash-Shahri"],
        ),
    ],
)
def test_an_assimilated_article_is_part_of_the_name(sentence: str, names: list[str]) -> None:
    # "ad-Din" is "al-Din" as spoken: the name runs on through it, and "Rahman and Omar ..."
    # is no pair of first names.
    assert [n.text for n in find_names(sentence) if not n.is_organization] == names
