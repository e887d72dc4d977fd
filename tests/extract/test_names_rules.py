"""Tests for the spelling rules an editor joins names by, each with invented names."""

from __future__ import annotations

import pytest

from discrepancy.extract.names import (
    ARTICLE_JOINED,
    GIVEN_NAME_FORM,
    SAME_ALIAS,
    SLAVIC_SPELLINGS,
    SPELLING_RULES,
    WORDS_JOINED,
    fold,
    organization_rule,
    person_rule,
)

# --- folding: one sound written several ways --------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kovitschenko", "Kovychenko"),  # German tsch and English ch
        ("Dominica", "Dominika"),  # a hard c
        ("Khattab", "Hattab"),  # kh and h
        ("Vakhri", "Fakhri"),  # Arabic has no v: one letter written f or v
        ("Rafiyah", "Rafiya"),  # a silent final h (ta marbuta)
        ("Zarichne", "Zaritschne"),
        ("Olexiy", "Oleksiy"),  # x and ks
        ("Andrij", "Andriy"),  # a final j after i (German and Polish spellings)
        ("ad-Din", "al-Din"),  # the article assimilated to a sun letter
        ("ash-Shahri", "Shahri"),
        ("ar-Rayes", "al-Rayes"),
    ],
)
def test_fold_joins_one_sound(a: str, b: str) -> None:
    assert fold(a) == fold(b)


@pytest.mark.parametrize(("a", "b"), [("Assaf", "Saf"), ("Eddie", "Die"), ("ad-Sami", "Sami")])
def test_only_a_written_assimilated_article_folds_away(a: str, b: str) -> None:
    # A glued "Ass-" or "Edd-" opens a name of its own; "ad-" before an s doubles no letter.
    assert fold(a) != fold(b)


@pytest.mark.parametrize(("a", "b"), [("Cecil", "Kekil"), ("Hannah", "Hanna"), ("Lucia", "Lukia")])
def test_fold_keeps_soft_c_and_inner_h(a: str, b: str) -> None:
    # A c before e/i is soft ("Cecil" is no "Kekil"); only a final h after a vowel is silent,
    # so "Hannah" and "Hanna" fold alike, while "Lucia" keeps its soft c.
    assert (fold(a) == fold(b)) == (a == "Hannah")


# --- person rules: each joining rule says its name ------------------------------------------

JOINED = [
    ("Maysa Abu Rafiyah", "Maisa Abu Rafiya", "same kunya and family name"),
    ("Rami Khattab", "Rami Hattab", "same given and family name"),
    ("Oleh Kovitschenko", "Oleh Kovychenko", "same given and family name"),
    ("Dominica Lasko", "Dominika Lasko", "same given and family name"),
    ("Nawal Vakhri", "Nawal Fakhri", "same given and family name"),
    ("Mykola Hrytsenko", "Nikolai Hrytsenko", GIVEN_NAME_FORM),
    ("Olha Bondar", "Olga Bondar", GIVEN_NAME_FORM),
    ("Serhiy Tkach", "Sergei Tkach", GIVEN_NAME_FORM),
    ("Rana Kamal Alrashidi", "Rana Kamal al-Rashidi", ARTICLE_JOINED),
    ("Hadi Nour Eldeen", "Hadi Nour al-Deen", ARTICLE_JOINED),
    ("Salma Idris Almansouri", "Salma Idris Mansouri", ARTICLE_JOINED),
    ("Mohammad Taqi Farzan", "Mohammadtaqi Farzan", WORDS_JOINED),
    ("Amirhossein Rostami", "Amir Hossein Rostami", WORDS_JOINED),
    ("Bob Kessler", "Robert Kessler", "nickname and family name"),
    ("Johnny Okafor", "John Okafor", "nickname and family name"),
    ("Rima Haddad", "Rima Nabil Haddad", "fuller form (a middle name)"),
    ("Paula Grant", "Paula J. Grant", "fuller form (an initial)"),
    ("Darnell Hughes", "Darnell Hughes Jr.", "suffix"),
    ("Kamal ad-Din Haidari", "Kamal al-Din Haidari", "same given and family name"),
    ("Serhij Lytvyn", "Serhiy Lytvyn", "same given and family name"),
    ("Olexandr Rudko", "Oleksandr Rudko", "same given and family name"),
    ("Yulia Shevchuk", "Julia Shevchuk", GIVEN_NAME_FORM),
    ("Jaroslav Koval", "Yaroslav Koval", GIVEN_NAME_FORM),
    # Ukrainian writes h where Russian writes g, in the given and the family name alike.
    ("Oleh Huzenko", "Oleg Guzenko", SLAVIC_SPELLINGS),
    ("Halyna Zhyhalo", "Galina Zhigalo", SLAVIC_SPELLINGS),
    ("Hennadiy Lohvyn", "Gennady Logvin", SLAVIC_SPELLINGS),
    ("Tarek alias Falcon", "Tare alias Falcon", SAME_ALIAS),  # a letter dropped
    ("Mounir alias Raven", "Monir alias Raven", "same kunya and family name"),
    ("Murtaza Qasemi", "Murtazi Qasemi", "same given and family name"),  # a slip, long name
]


@pytest.mark.parametrize(("a", "b", "rule"), JOINED)
def test_rule_joins_and_names_itself(a: str, b: str, rule: str) -> None:
    assert person_rule(a, b) == rule
    assert person_rule(b, a) == rule


def test_spelling_rules_are_the_variants_an_editor_checks() -> None:
    # Transliteration rules flag a variant; a fuller form, an initial or a suffix does not.
    assert {GIVEN_NAME_FORM, SLAVIC_SPELLINGS, ARTICLE_JOINED, WORDS_JOINED, SAME_ALIAS} <= (
        SPELLING_RULES
    )
    assert (
        not {"fuller form (a middle name)", "fuller form (an initial)", "suffix"} & SPELLING_RULES
    )


APART = [
    ("Mykola Hrytsenko", "Oleh Hrytsenko"),  # other given name, same family
    ("Olha Bondar", "Olena Bondar"),  # two names of the table's different lines
    ("Dana Elmore", "Dana More"),  # a short word starting "El" is no article
    ("Ali Reza Karimi", "Alireza Kazemi"),  # joined given names, other family name
    ("Hussein Darwish", "Hassan Darwish"),  # vowels that tell names apart
    ("Rana Kamal Alrashidi", "Rana Kamal al-Rahimi"),
    ("Rima Nabil Haddad", "Rima Walid Haddad"),  # two different middle names
    ("Ruslan Kovach", "Ruslana Kovach"),  # a feminine form is a sister or a wife
    ("Dan Pruitt", "Dana Pruitt"),
    ("Taras Marchuk", "Taras and Olha Marchuk"),  # a pair is two people, not one of them
    ("Mario Quintero", "Maria Quintero"),  # the ending is the person's sex: a brother, a sister
    ("Antonio Ruelas", "Antonia Ruelas"),
    ("Hani Taweel", "Hana Taweel"),  # a short name's last vowel: a brother and a sister
    ("Ali Jaber Nassar", "Alaa Jaber Nassar"),  # two brothers' names, not two spellings
    ("Abu Omar Tarek", "Abu Omar Tare"),  # a kunya thousands share does not carry a slip
    ("Rami alias Falcon", "Sami alias Falcon"),  # another first letter, another name
    ("Tarek alias Falcon", "Tarek alias Heron"),  # one name, two aliases: two men
    ("Fadl alias Heron", "Fad alias Heron"),  # in a short name one letter is too much
    ("Ivan Huzenko", "Ivan Guzenko"),  # one given name: nothing says which spelling is whose
    ("Oleh Huzenko", "Oleg Gusenko"),  # another letter besides h and g
]


@pytest.mark.parametrize(("a", "b"), APART)
def test_different_people_stay_apart(a: str, b: str) -> None:
    assert person_rule(a, b) is None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Okhmatdyt", "Ohmatdyt"),
        ("Kyiv", "Kiev"),
        ("Kharkov", "Kharkiv"),
        ("Zaritschne Brigade", "Zarichne Brigade"),
    ],
)
def test_organisations_join_by_the_same_sounds(a: str, b: str) -> None:
    assert organization_rule(a, b) == "same name, other transliteration"


def test_pairs_of_first_names_join_by_each_name() -> None:
    rule = person_rule("Yuliya and Daria Marchuk", "Yulia and Darya Marchuk")
    assert rule == "same given and family name"
    assert person_rule("Yulia and Daria Marchuk", "Yulia and Olha Marchuk") is None


def test_alias_stands_as_the_kunya() -> None:
    assert person_rule("Bashir alias Tigar", "Bashir alias Tiger") == "same kunya and family name"
    assert person_rule("Naveed Ali aka Shahzad", "Navid Ali") == "same given and family name"
    assert person_rule("Bashir alias Tiger", "Bashir alias Wolf") is None
