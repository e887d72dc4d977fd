"""Tests for named people (with roles) and organisations, spelled exactly as the source does."""

from __future__ import annotations

import pytest

from discrepancy.extract.people import NameMention, find_names

# (text as written, is_organization, role)
Name = tuple[str, bool, str | None]


def names(sentence: str) -> list[NameMention]:
    """Every name in a sentence; each one's text is its own span, verbatim."""
    found = list(find_names(sentence))
    for name in found:
        assert name.text == sentence[name.start : name.end]
    return found


CASES: list[tuple[str, list[Name], list[str]]] = [
    (
        'The strike killed Khalid Hamid "Abu Jafar" al-Tamimi, a senior commander of Kataib'
        " Hezbollah, the group said.",
        [
            ('Khalid Hamid "Abu Jafar" al-Tamimi', False, "commander"),
            ("Kataib Hezbollah", True, None),
        ],
        ["Abu Jafar", "Khalid Hamid"],
    ),
    (
        # curly quotes and a curly apostrophe are kept as written
        "The strike killed Khalid Hamid “Abu Jafar” al-Tamimi, a commander of Kata’ib"
        " Hezbollah, the group said.",
        [
            ("Khalid Hamid “Abu Jafar” al-Tamimi", False, "commander"),
            ("Kata’ib Hezbollah", True, None),
        ],
        [],
    ),
    (
        "A senior commander of Kata'ib Hezbollah, Abu Jaafar al-Tamimi, was killed in the strike.",
        [("Abu Jaafar al-Tamimi", False, "commander"), ("Kata'ib Hezbollah", True, None)],
        [],
    ),
    (
        "The Kataeb Hezbollah commander, Abu Jafar al-Tamimi, was killed in the strike.",
        [("Abu Jafar al-Tamimi", False, "commander"), ("Kataeb Hezbollah", True, None)],
        ["Kataeb Hezbollah commander"],
    ),
    (
        "Haidar Salim al-Tamimi, a spokesman for the militia, said the group would respond.",
        [("Haidar Salim al-Tamimi", False, "spokesman")],
        [],
    ),
    (
        "Iraqi Prime Minister Mohammed Shia al-Sudani condemned the strike on Wednesday.",
        [("Mohammed Shia al-Sudani", False, "prime minister")],
        ["Iraqi Prime Minister Mohammed Shia al-Sudani", "Wednesday"],
    ),
    (
        "Mosul Governor Abdul-Qader al-Dakhil said the market would reopen.",
        [("Abdul-Qader al-Dakhil", False, "governor")],
        ["Mosul Governor Abdul-Qader al-Dakhil", "Mosul"],
    ),
    (
        "Sheriff Amanda Pruitt told reporters the shooter acted alone.",
        [("Amanda Pruitt", False, "sheriff")],
        ["Sheriff Amanda Pruitt"],
    ),
    (
        "Mayor Tom Becker said the city was grieving.",
        [("Tom Becker", False, "mayor")],
        [],
    ),
    (
        "Lena Ortiz, a police spokeswoman, said two people were shot.",
        [("Lena Ortiz", False, "spokeswoman")],
        [],
    ),
    (
        "The suspect, identified as Travis Neal Hollis, 34, was charged with murder.",
        [("Travis Neal Hollis", False, "suspect")],
        [],
    ),
    (
        "The victim was identified as Maria Delgado, 27.",
        [("Maria Delgado", False, "victim")],
        [],
    ),
    (
        "Harakat al-Nujaba said two of its fighters were killed.",
        [("Harakat al-Nujaba", True, None)],
        [],
    ),
    (
        "The Pentagon said the strike targeted Kataeb Hezbollah.",
        [("Pentagon", True, None), ("Kataeb Hezbollah", True, None)],
        [],
    ),
    (
        "U.S. Central Command said the strike killed a commander.",
        [("U.S. Central Command", True, None)],
        [],
    ),
    (
        "A spokesman for the Springfield Police Department said the gunman fled on foot.",
        [("Springfield Police Department", True, None)],
        ["Springfield"],
    ),
    (
        "Witnesses said a man in a black hoodie opened fire in Springfield on Monday.",
        [],
        ["Springfield", "Monday", "Witnesses"],
    ),
    (
        "The shooting happened on Main Street in Dayton, Ohio, on Monday.",
        [],
        ["Main Street", "Dayton", "Ohio", "Monday"],
    ),
]


@pytest.mark.parametrize(("sentence", "must_find", "must_not"), CASES)
def test_names_with_roles(sentence: str, must_find: list[Name], must_not: list[str]) -> None:
    found = [(n.text, n.is_organization, n.role) for n in names(sentence)]
    for expected in must_find:
        assert expected in found, f"missing {expected} in {sentence!r}; found {found}"
    texts = {text for text, _, _ in found}
    for wrong in must_not:
        assert wrong not in texts, f"{wrong!r} read as a name in {sentence!r}"


@pytest.mark.parametrize(
    ("sentence", "person"),
    [
        (
            'Kataib Hezbollah named Khalid Hamid "Abu Jafar" al-Tamimi as its commander.',
            'Khalid Hamid "Abu Jafar" al-Tamimi',
        ),
        (
            "The strike killed Kataib Hezbollah’s commander, Abu Jafar al-Tamimi.",
            "Abu Jafar al-Tamimi",
        ),
        ("The group said Abu Jafar al-Tamimi was killed.", "Abu Jafar al-Tamimi"),
    ],
)
def test_organization_is_never_a_person(sentence: str, person: str) -> None:
    found = names(sentence)
    assert [n.text for n in found if not n.is_organization] == [person]
    assert all("Hezbollah" not in n.text for n in found if not n.is_organization)


@pytest.mark.parametrize(
    ("sentence", "street"),
    [
        ("A teen was shot in the 5200 block of Orwell Drive around 4 a.m. Sunday.", "Orwell Drive"),
        ("Two brothers were wounded near Kell Boulevard, police said.", "Kell Boulevard"),
    ],
)
def test_a_street_is_never_a_person(sentence: str, street: str) -> None:
    found = names(sentence)
    # Kept as a rare string for grouping, never as a person the story names.
    assert [(n.text, n.confident, n.role) for n in found if n.text == street] == [
        (street, False, None)
    ]


@pytest.mark.parametrize(
    ("sentence", "place"),
    [
        # A direction before a known place, a street with no street word, a precinct.
        ("Northern Dravia saw its worst day when a rocket killed nine people.", "Northern Dravia"),
        ("A man was killed on East Kellam late Friday, police said.", "East Kellam"),
        ("Two men were shot near South Baltimore on Friday.", "South Baltimore"),
        ("Officers from the North Precinct found the victim dead.", "North Precinct"),
    ],
)
def test_a_run_opening_with_a_direction_is_never_a_person(sentence: str, place: str) -> None:
    found = names(sentence)
    assert [(n.text, n.confident, n.role) for n in found if n.text == place] == [
        (place, False, None)
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Across Dravia, hundreds of pagers exploded at once, killing 11 people.",
        "Inside Lisky General, doctors treated the wounded.",
        "Amid Heavy Shelling, residents fled the town.",
    ],
)
def test_a_preposition_opening_a_sentence_is_no_part_of_a_name(sentence: str) -> None:
    opening = sentence.split()[0]
    assert not [n.text for n in names(sentence) if n.text.startswith(opening)]


@pytest.mark.parametrize(
    ("sentence", "person"),
    [
        ("Instead Dora Velk will host the gala, the producers said.", "Dora Velk"),
        ("Then Omar Haddad was shot twice, police said.", "Omar Haddad"),
        ("Meanwhile Lena Ortiz told reporters the suspect had fled.", "Lena Ortiz"),
    ],
)
def test_an_adverb_opening_a_sentence_is_no_part_of_a_name(sentence: str, person: str) -> None:
    assert [n.text for n in names(sentence) if not n.is_organization] == [person]


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        # "de" ending "outside" and "da" ending "Florida" are no name particles
        ("The man was shot outside Harlow on Friday.", []),
        ("The Florida Bingham case went to trial.", []),
        (
            "Police spoke with Juan de Leon and Ursula von Trier.",
            ["Juan de Leon", "Ursula von Trier"],
        ),
    ],
)
def test_a_name_particle_is_a_whole_word(sentence: str, names: list[str]) -> None:
    assert [m.text for m in find_names(sentence)] == names


def test_an_age_opening_the_sentence_is_not_part_of_the_name() -> None:
    found = find_names("Thirty-year-old Calder Vossberg was shot in the leg, police said.")
    assert [m.text for m in found] == ["Calder Vossberg"]
