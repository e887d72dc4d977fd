"""Tests for people named with no role word: a known first name makes the run a person."""

from __future__ import annotations

import pytest

from discrepancy.extract.given_names import is_given_name
from discrepancy.extract.people import find_names


def people(sentence: str) -> dict[str, bool]:
    """Each person-like name in the sentence and whether it is confident."""
    return {n.text: n.confident for n in find_names(sentence) if not n.is_organization}


@pytest.mark.parametrize("word", ["Oksana", "Taras", "Nadia", "Yusuf", "Marguerite"])
def test_known_first_names(word: str) -> None:
    assert is_given_name(word)


@pytest.mark.parametrize("word", ["Heights", "Committee", "White", "Sea", "Red"])
def test_words_and_places_are_no_first_names(word: str) -> None:
    assert not is_given_name(word)


def test_two_word_name_without_role_is_a_person() -> None:
    found = people("Oksana Hrebeniuk laid flowers at the gate on Tuesday morning.")
    assert found == {"Oksana Hrebeniuk": True}


def test_run_without_first_name_stays_unconfident() -> None:
    found = people("Ships crossing the Bitter Straits slowed near Port Ilmar after dusk.")
    assert all(not confident for confident in found.values())


def test_body_word_keeps_a_first_name_run_out() -> None:
    # "Marguerite" is a first name, but a run naming a street is not a person.
    found = people("Traffic was stopped on Marguerite Heights Road for hours.")
    assert not any(found.values())


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("The speech by United Nations envoy Taras Melnyk drew no reply.", "Taras Melnyk"),
        ("A deputy at Lutsk City Administration Nadia Vovk spoke to reporters.", "Nadia Vovk"),
        (
            "Regional Military Administration Oleh Sytnyk wrote that the fire was out.",
            "Oleh Sytnyk",
        ),
    ],
)
def test_body_before_the_name_is_cut(sentence: str, name: str) -> None:
    assert name in people(sentence)


def test_body_without_a_person_stays_whole() -> None:
    # No first name follows: the run is kept as written (a rare string reports may share).
    found = people("Officials at the Zarichne Regional Military Administration gave no figure.")
    assert "Zarichne Regional Military Administration" in found or not found


def test_plural_victims_is_casualty_context() -> None:
    found = {
        n.text: n.role
        for n in find_names("The victims were named as Ilse Vantrot and Oumar Bekele.")
    }
    assert found.get("Ilse Vantrot") == "victim"


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("The speech was answered by UN Ambassador Ivan Sirko within the hour.", "Ivan Sirko"),
        ("Hours later the MP Oksana Dovha wrote that the hall had been hit.", "Oksana Dovha"),
        # An unknown first name after a city and nothing else in the run: the city is cut.
        ("The consul in Lutsk Zoreslav Hnatyk was hurt in the blast.", "Zoreslav Hnatyk"),
    ],
)
def test_acronym_post_or_place_before_the_name_is_cut(sentence: str, name: str) -> None:
    assert name in people(sentence)


def test_large_city_closing_a_long_run_is_cut() -> None:
    found = people("Ministry spokesman Hadi Reza Saberi Tehran will answer, he said.")
    assert "Hadi Reza Saberi" in found


def test_small_city_as_family_name_stays() -> None:
    # A family name that is also a small town stays part of the name.
    assert "Mary Ellen Poltava" in people("Officer Mary Ellen Poltava was shot on Friday.")


def test_first_name_paired_by_and_names_the_sibling() -> None:
    found = people("The twins Olha and Daria Marchuk were killed in the strike.")
    assert {"Daria Marchuk", "Olha and Daria Marchuk"} <= set(found)


def test_full_name_before_and_is_not_paired() -> None:
    # "Omar" is a first name, but here the family name of the first reporter.
    found = people("The report was written by Lina Omar and Sami Haddad in Beirut.")
    assert not any(" and " in name for name in found)


@pytest.mark.parametrize(
    "sentence",
    [
        # "Deir al-..." has the shape of an Arabic name but opens like a town's.
        "Medics in Deir al-Hawa counted the dead on Monday.",
        "A strike on a car in Khan Rabiya killed three men, medics said.",
        "Shelling hit Qasr Nadim overnight, wounding two farmers.",
        # A named facility: "the Vesna Druk printing house" is no victim's name.
        "A missile struck the Vesna Druk printing house, killing seven workers.",
    ],
)
def test_a_town_or_a_named_facility_is_no_person(sentence: str) -> None:
    assert not any(people(sentence).values())


def test_name_followed_by_a_kind_of_place_is_no_person() -> None:
    # "Omar" and "Salim" are first names, but the run names a district.
    found = people("The car was hit near the Omar Salim district after dark.")
    assert not any(found.values())


def test_name_with_alias_is_one_person() -> None:
    found = people("Raids hit the hideouts of Bashir alias Tiger and Naveed Ali aka Shahzad.")
    assert {"Bashir alias Tiger", "Naveed Ali aka Shahzad"} <= set(found)
