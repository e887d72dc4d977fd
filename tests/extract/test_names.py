"""Tests for name matching: transliteration folding, kunya and given/family name rules."""

from __future__ import annotations

import pytest

from discrepancy.extract.names import (
    fold,
    organization_rule,
    person_rule,
    same_spelling,
    split_name,
)

# --- folding: one spelling-insensitive form per name word -----------------------------------


@pytest.mark.parametrize(
    "spellings",
    [
        ["Kataib", "Kataeb", "Kata'ib", "Kata’ib", "KATAIB"],  # e/i, apostrophes, case
        ["Qasim", "Kasim", "Qassim"],  # q/k, doubled letters
        ["Jafar", "Jaafar", "Ja’far", "Ja'far"],  # doubled vowels, ayn marks
        ["al-Tamimi", "Al-Tamimi", "el-Tamimi", "Tamimi", "al-Tamiimi"],  # articles
        ["Hezbollah", "Hizbollah"],
        ["Yunus", "Younous"],
        ["Abdul-Karim", "Abdulkarim"],  # dashes
    ],
)
def test_fold_joins_transliterations(spellings: list[str]) -> None:
    assert len({fold(s) for s in spellings}) == 1, {s: fold(s) for s in spellings}


@pytest.mark.parametrize(
    ("a", "b"),
    [("Tamimi", "Tamami"), ("Jafar", "Bakr"), ("Hamid", "Hamad"), ("Salim", "Selma")],
)
def test_fold_keeps_different_names_apart(a: str, b: str) -> None:
    # Folding evens out spelling, not vowels that tell names apart; rules decide the rest.
    assert fold(a) != fold(b)


# --- same spelling: case, article, dashes and quote styles only -----------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Abu Jafar al-Tamimi", "Abu Jafar Al-Tamimi"),
        ("Abu Jafar al-Tamimi", "ABU JAFAR AL-TAMIMI"),
        ("Abu Jafar al-Tamimi", "Abu Jafar al Tamimi"),
        ('Khalid Hamid "Abu Jafar" al-Tamimi', "Khalid Hamid “Abu Jafar” al-Tamimi"),
        ("Kataib Hezbollah", "kataib hezbollah"),
        ("Kataib Hezbollah", "Kataib-Hezbollah"),
    ],
)
def test_same_spelling(a: str, b: str) -> None:
    assert same_spelling(a, b)
    assert person_rule(a, b) == "same spelling"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Abu Jafar al-Tamimi", "Abu Jaafar al-Tamimi"),
        ("Kataib Hezbollah", "Kataeb Hezbollah"),
        ("Kataib Hezbollah", "Kata'ib Hezbollah"),
        ("Qasim al-Jubouri", "Kasim al-Juburi"),
    ],
)
def test_transliterations_are_not_the_same_spelling(a: str, b: str) -> None:
    assert not same_spelling(a, b)


# --- splitting a name into given names, kunya and family name -------------------------------


@pytest.mark.parametrize(
    ("name", "given", "kunya", "family"),
    [
        ('Khalid Hamid "Abu Jafar" al-Tamimi', ("Khalid", "Hamid"), "Abu Jafar", "al-Tamimi"),
        ("Khalid Hamid “Abu Jafar” al-Tamimi", ("Khalid", "Hamid"), "Abu Jafar", "al-Tamimi"),
        ("Abu Jaafar al-Tamimi", (), "Abu Jaafar", "al-Tamimi"),
        ("Haidar Salim al-Tamimi", ("Haidar", "Salim"), None, "al-Tamimi"),
        ("Haidar Salim al Tamimi", ("Haidar", "Salim"), None, "al Tamimi"),
        ("Travis Neal Hollis Jr.", ("Travis", "Neal"), None, "Hollis"),
    ],
)
def test_split_name(name: str, given: tuple[str, ...], kunya: str | None, family: str) -> None:
    parts = split_name(name)
    assert (parts.given, parts.kunya, parts.family) == (given, kunya, family)


# --- person rule: same kunya or given name AND family name -> same person --------------------

SAME_PERSON = [
    ('Khalid Hamid "Abu Jafar" al-Tamimi', "Abu Jaafar al-Tamimi", "same kunya and family name"),
    ("Khalid Hamid “Abu Jafar” al-Tamimi", "Abu Jafar el-Tamimi", "same kunya and family name"),
    ('Khalid Hamid "Abu Jafar" al-Tamimi', "Khaled Hamid al-Tamimi", "same given and family name"),
    ("Khalid al-Tamimi", "Khaled el-Tamimi", "same given and family name"),
    ("Qasim al-Jubouri", "Kasim al-Juburi", "same given and family name"),
    ("Qassim al-Jubouri", "Kasem al-Jibouri", "same given and family name"),
    ("Mus'ab al-Rawi", "Musab al-Rawi", "same given and family name"),
    ("Nour al-Din Zaki", "Nur al-Din Zaki", "same given and family name"),
    ("Ahmed Hassan", "Ahmad Hasan", "same given and family name"),
    ("Haidar al-Tamimi", "Haidar al-Tamami", "same given and family name"),
    ("Abu Jafar", "Abu Jaafar", "same kunya"),
    ("Abu Jafar", "Abu Jaafar al-Tamimi", "same kunya"),
    ("al-Tamimi", "Abu Jafar al-Tamimi", "family name only"),
    # English spellings and short forms of a given name
    ("Erick Dominick Hale", "Erik Dominick Hale", "same given and family name"),
    ("Stephen Ruiz", "Steven Ruiz", "nickname and family name"),
    ("Joe Silvera", "Joseph Silvera", "nickname and family name"),
    ("Bill Okafor", "William Okafor", "nickname and family name"),
    ("Don Whitcombe Jr", "Donald Whitcombe", "nickname and family name"),
]

DIFFERENT_PEOPLE = [
    # differing given names block a match, whatever the family name
    ("Haidar Salim al-Tamimi", "Abu Jafar al-Tamimi"),
    ("Haidar Salim al-Tamimi", 'Khalid Hamid "Abu Jafar" al-Tamimi'),
    ("Haidar Salim al-Tamimi", "Khalid Hamid al-Tamimi"),
    ("Haidar al-Tamimi", "Khalid al-Tamami"),
    # different kunyas, same family
    ("Abu Jafar al-Tamimi", "Abu Bakr al-Tamimi"),
    # a kunya and a given name share nothing but the family name
    ("Abu Jafar al-Tamimi", "Khalid al-Tamimi"),
    ("Abu Jafar al-Tamimi", "Abu Jafar al-Jubouri"),
    ("John Miller", "Jane Miller"),
    ("Lena Ortiz", "Maria Delgado"),
    # a short form of another name, and two short forms of different names
    ("Joe Silvera", "James Silvera"),
    ("Jim Silvera", "Joe Silvera"),
    ("Bill Okafor", "Robert Okafor"),
]


@pytest.mark.parametrize(("a", "b", "rule"), SAME_PERSON)
def test_same_person(a: str, b: str, rule: str) -> None:
    assert person_rule(a, b) == rule
    assert person_rule(b, a) == rule


@pytest.mark.parametrize(("a", "b"), DIFFERENT_PEOPLE)
def test_different_people(a: str, b: str) -> None:
    assert person_rule(a, b) is None
    assert person_rule(b, a) is None


# --- organisations ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kataib Hezbollah", "Kataeb Hezbollah"),
        ("Kataib Hezbollah", "Kata'ib Hezbollah"),
        ("Kataib Hezbollah", "Kata’ib Hizbollah"),
        ("Kataeb Hezbollah", "Kata'ib Hizbollah"),
        ("Asaib Ahl al-Haq", "Asa'ib Ahl al-Haqq"),
        ("Harakat al-Nujaba", "Harakat el-Nujabaa"),
    ],
)
def test_organization_transliterations_join(a: str, b: str) -> None:
    assert organization_rule(a, b) == "same name, other transliteration"
    assert organization_rule(b, a) == "same name, other transliteration"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kataib Hezbollah", "Kataib Sayyid al-Shuhada"),
        ("Kataib Hezbollah", "Harakat al-Nujaba"),
        ("Kataib Hezbollah", "Asaib Ahl al-Haq"),
        ("Hamas", "Hezbollah"),
        ("Springfield Police Department", "Springfield Fire Department"),
        ("Kataib Hezbollah", "Kataib Hezbollah Brigades"),
    ],
)
def test_different_organizations_do_not_join(a: str, b: str) -> None:
    assert organization_rule(a, b) is None
    assert organization_rule(b, a) is None


def test_organization_case_only_is_same_spelling() -> None:
    assert organization_rule("Kataib Hezbollah", "KATAIB HEZBOLLAH") == "same spelling"
