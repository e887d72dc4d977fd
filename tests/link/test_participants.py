"""Undated reports of two events of one kind part by the people only one event has."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from discrepancy.extract import extract
from discrepancy.link.grouping import group_articles
from discrepancy.link.participants import different_participants
from discrepancy.link.profile import Profile, profile
from discrepancy.link.scope import scope_claims
from discrepancy.models import Article

# Two title defences of one boxer years apart, told in the same words, with no dates.
FIRST_FIGHT = (
    "Heavyweight champion Ivo Marchetti stopped challenger Dane Okoro in the fifth round in "
    "Hamburg on Saturday night to keep his world titles. Marchetti floored Okoro twice before "
    "the referee waved the fight off. Okoro had never been stopped before."
)
FIRST_FIGHT_AGAIN = (
    "Ivo Marchetti kept his heavyweight belts on Saturday, stopping Dane Okoro in the fifth "
    "round in Hamburg. The champion dropped Okoro twice and the referee ended the contest."
)
SECOND_FIGHT = (
    "Heavyweight champion Ivo Marchetti stopped challenger Luis Fenner in the sixth round in "
    "Hamburg on Saturday night to keep his world titles. Marchetti floored Fenner twice before "
    "the referee waved the fight off. Fenner had never been stopped before."
)
SECOND_FIGHT_AGAIN = (
    "Ivo Marchetti kept his heavyweight belts on Saturday, stopping Luis Fenner in the sixth "
    "round in Hamburg. The champion dropped Fenner twice and the referee ended the contest."
)


def profiles(*texts: str, published: dt.date | None = None) -> list[Profile]:
    found = []
    for index, text in enumerate(texts):
        extraction = extract(Article(id=f"a{index}", text=text, published=published))
        found.append(profile(index, extraction, scope_claims(extraction)))
    return found


def test_undated_reports_of_two_fights_stay_two_events() -> None:
    found = profiles(FIRST_FIGHT, FIRST_FIGHT_AGAIN, SECOND_FIGHT, SECOND_FIGHT_AGAIN)
    assert different_participants(found, {0, 1}, {2, 3})
    assert sorted(map(sorted, group_articles(found))) == [[0, 1], [2, 3]]


def test_a_person_the_other_group_mentions_is_shared() -> None:
    # A report of the second fight recalls the first opponent: no person of its own.
    recalls = SECOND_FIGHT_AGAIN + " Marchetti beat Dane Okoro in the same hall."
    found = profiles(FIRST_FIGHT, FIRST_FIGHT_AGAIN, SECOND_FIGHT, recalls)
    assert not different_participants(found, {0, 1}, {2, 3})


def test_dated_reports_are_left_to_time() -> None:
    # Dated, a later report naming other people (a suspect after an arrest) is for time to
    # judge: the test does not part them.
    found = profiles(
        FIRST_FIGHT, FIRST_FIGHT_AGAIN, SECOND_FIGHT, SECOND_FIGHT_AGAIN,
        published=dt.date(2024, 3, 2),
    )  # fmt: skip
    assert not different_participants(found, {0, 1}, {2, 3})
    undated = [replace(p, published_ordinal=None) for p in found[2:]]
    assert different_participants([*found[:2], *undated], {0, 1}, {2, 3})


def test_one_report_alone_is_not_a_group() -> None:
    found = profiles(FIRST_FIGHT, SECOND_FIGHT, SECOND_FIGHT_AGAIN)
    assert not different_participants(found, {0}, {1, 2})


def test_a_name_with_and_without_its_accents_is_one_person() -> None:
    # One group writes the challenger's name with its accent, the other without: the same man.
    accented = FIRST_FIGHT.replace("Okoro", "Okorö")
    again = FIRST_FIGHT_AGAIN.replace("Okoro", "Okorö")
    plain = SECOND_FIGHT.replace("Fenner", "Okoro")
    plain_again = SECOND_FIGHT_AGAIN.replace("Fenner", "Okoro")
    found = profiles(accented, again, plain, plain_again)
    assert not different_participants(found, {0, 1}, {2, 3})
