"""Tests for where a person's name starts: after a rank, and after an organisation's name."""

from __future__ import annotations

import pytest

from discrepancy.extract.people import find_names


def people(sentence: str) -> list[tuple[str, str | None]]:
    return [(n.text, n.role) for n in find_names(sentence) if not n.is_organization]


def organizations(sentence: str) -> list[str]:
    return [n.text for n in find_names(sentence) if n.is_organization]


@pytest.mark.parametrize(
    ("sentence", "name", "role"),
    [
        ("The strike killed the adviser Gen. Karim Javadi, state media said.", "Karim Javadi",
         "gen"),
        ("Cpl. Dana Whitlock said the two men were hurt.", "Dana Whitlock", "cpl"),
        ("Insp. Hadi Karam said the car was found burnt out.", "Hadi Karam", "insp"),
        ("Brigadier Omar Tallal said two drones were downed.", "Omar Tallal", "brigadier"),
        ("Maj-Gen Petro Hlushko said the depot burned.", "Petro Hlushko", "maj-gen"),
        ("Field Marshal Idris Gannouf blamed the militia.", "Idris Gannouf", "marshal"),
        ("Ambassador Clara Woodley condemned the shelling.", "Clara Woodley", "ambassador"),
        ("Rabbi Ezra Melamed led the funeral of the victims.", "Ezra Melamed", "rabbi"),
        ("Coach Dale Pruitt said the bus was hit on the way home.", "Dale Pruitt", "coach"),
    ],
)  # fmt: skip
def test_a_rank_is_the_role_not_part_of_the_name(sentence: str, name: str, role: str) -> None:
    # Two reports, one with the rank and one without, name one person with one spelling.
    assert people(sentence) == [(name, role)]


def test_a_rank_before_one_name_and_its_alias() -> None:
    found = people("Those killed included Cmdr Nadir alias Lion, the group said.")
    assert found == [("Nadir alias Lion", "cmdr")]


@pytest.mark.parametrize(
    ("sentence", "organization", "name"),
    [
        ("The spokesman of the Houthis Omar Saleh told a TV channel the ship was hit.",
         "Houthis", "Omar Saleh"),
        ("An official of Hamas Khalil Nour said the toll had risen.", "Hamas", "Khalil Nour"),
    ],
)  # fmt: skip
def test_a_name_after_a_one_word_organisation_is_a_person(
    sentence: str, organization: str, name: str
) -> None:
    assert organizations(sentence) == [organization]
    assert [text for text, _ in people(sentence)] == [name]


def test_a_name_after_an_organisation_head_stays_the_organisations() -> None:
    # "Kataib" needs the words after it: they are the group's name, not a person's.
    sentence = "Fighters of Kataib Sayyid al-Shuhada were among the dead."
    assert organizations(sentence) == ["Kataib Sayyid al-Shuhada"]
    assert people(sentence) == []
