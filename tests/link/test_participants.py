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


# One strike, undated, reported by two pairs of outlets that quote different leaders reacting.
STRIKE_WITH_LEADER = (
    "A drone strike destroyed a fuel depot in the port of Velmora, killing four workers. "
    "Prime Minister Arno Keszler condemned the attack on the depot and vowed a response."
)
STRIKE_WITH_LEADER_AGAIN = (
    "Four workers died when a drone hit the fuel depot at Velmora port. Prime Minister Arno "
    "Keszler called the strike on the depot a crime."
)
STRIKE_WITH_MINISTER = (
    "A drone strike destroyed a fuel depot in the port of Velmora, killing four workers. "
    "Foreign Minister Hedda Rautio condemned the attack on the depot and summoned the envoy."
)
STRIKE_WITH_MINISTER_AGAIN = (
    "Four workers died when a drone hit the fuel depot at Velmora port. Foreign Minister "
    "Hedda Rautio called the strike on the depot a crime."
)


def test_leaders_who_speak_about_an_event_do_not_tell_it_apart() -> None:
    found = profiles(
        STRIKE_WITH_LEADER, STRIKE_WITH_LEADER_AGAIN, STRIKE_WITH_MINISTER,
        STRIKE_WITH_MINISTER_AGAIN,
    )  # fmt: skip
    assert found[0].figures == ("Arno Keszler",)
    assert found[2].figures == ("Hedda Rautio",)
    assert not different_participants(found, {0, 1}, {2, 3})


def test_leaders_killed_in_two_strikes_tell_the_strikes_apart() -> None:
    # Two strikes of one kind, undated: each killed a leader, whom the other never names.
    first = (
        "A drone strike on a convoy near Velmora killed the group's leader Arno Keszler. "
        "Leader Arno Keszler had survived two earlier attempts."
    )
    first_again = (
        "The group's leader Arno Keszler was among three men killed when a drone struck "
        "their convoy near Velmora. The assassination of Arno Keszler was confirmed."
    )
    second = first.replace("Arno Keszler", "Tomas Bruhn")
    second_again = first_again.replace("Arno Keszler", "Tomas Bruhn")
    found = profiles(first, first_again, second, second_again)
    assert all(p.figures == () for p in found)
    assert different_participants(found, {0, 1}, {2, 3})
