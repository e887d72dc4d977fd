"""Grouping rules that hold across corpora (issue 15): what an article's place and day are
when its lead names an actor, a dateline or the day of the news, and how batch-wide caps
scale. Hand-written articles; invented towns, people and figures."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import replace

import pytest

from discrepancy.extract import extract
from discrepancy.link.grouping import (
    _candidate_pairs,
    _names_day_of,
    _vetoed,
    _without_boilerplate,
    pair_score,
)
from discrepancy.link.profile import Profile, profile
from discrepancy.link.scope import scope_claims
from discrepancy.models import Article
from tests.link.test_incidents import cleaned, groups, profiles, weights


def one(text: str, title: str | None = None, **fields: object) -> Profile:
    """The profile of one article."""
    item = Article(id="a", title=title, text=text, **fields)  # type: ignore[arg-type]
    extraction = extract(item)
    return profile(0, extraction, scope_claims(extraction))


# --- Places: an actor's, an outlet's or a possessive's country is not where it struck ---


def test_a_country_after_in_is_where_the_incident_struck() -> None:
    found = one("A drone strike hit a fuel depot in Yemen on Tuesday, killing six guards.")
    assert found.country == "YE" and found.country_confident


def test_a_country_that_speaks_is_an_actor_not_the_place() -> None:
    found = one("Israel said its jets struck a fuel depot, killing six guards on Tuesday.")
    # The country that speaks is not the incident's place at all, not even a weak one.
    assert found.country is None
    assert not found.country_confident
    assert found.countries == frozenset()


def test_a_possessive_country_names_whose_attack_not_where() -> None:
    found = one("A boy of eleven was killed in Israel's drone attack on a village market.")
    assert not found.country_confident
    # A place named in it is where: "in Iran's Sistan province".
    found = one("Missiles struck a village in Iran's Sistan province, killing nine people.")
    assert found.country == "IR" and found.country_confident


def test_a_datelines_city_is_where_the_outlet_files_not_a_veto() -> None:
    found = one(
        "Rebels said six guards were killed when missiles struck a depot near the coast.",
        dateline="DUBAI",
    )
    assert found.city == "Dubai"
    assert not found.country_confident


def test_an_actor_country_does_not_keep_two_reports_of_one_strike_apart() -> None:
    struck = Article(
        id="a",
        title=None,
        text="Missiles struck the Qarnawi fuel depot in Yemen on Tuesday, killing six guards "
        "and wounding nine, rebel officials said. The Qarnawi depot burned for hours.",
    )
    actor = Article(
        id="b",
        title=None,
        text="Israel said its jets struck the Qarnawi fuel depot, killing six guards and "
        "wounding nine. Smoke rose over the Qarnawi depot for hours.",
    )
    other = Article(
        id="c",
        title=None,
        text="A bus overturned on a mountain road in Peru, injuring twelve passengers.",
    )
    found = cleaned(profiles(struck, actor, other))
    assert not _vetoed(found[0], found[1])
    assert groups(struck, actor, other) == [["a", "b"], ["c"]]


# --- Days: an unresolved weekday may be the day of the news ---


STRIKE_THURSDAY = (
    "Warplanes struck an arms depot outside Veloria late on Thursday, killing seven fighters "
    "of the Saffron Brigade, the group said. The Veloria depot was destroyed."
)
STRIKE_SAID_SATURDAY = (
    "The Saffron Brigade said on Saturday that seven of its fighters were killed when "
    "warplanes struck its Veloria arms depot. Funerals for the fighters were held."
)


def test_an_unresolved_weekday_is_no_veto() -> None:
    first = Article(id="a", text=STRIKE_THURSDAY)
    second = Article(id="b", text=STRIKE_SAID_SATURDAY)
    found = cleaned(profiles(first, second))
    assert found[0].weekday is not None and found[1].weekday is not None
    assert found[0].weekday != found[1].weekday
    assert found[0].day_ordinal is None and found[1].day_ordinal is None
    assert not _vetoed(found[0], found[1])


def test_weekdays_a_day_apart_are_no_evidence_against() -> None:
    first = Article(id="a", text=STRIKE_THURSDAY)
    second = Article(id="b", text=STRIKE_SAID_SATURDAY)
    a, b = cleaned(profiles(first, second))
    vectors = weights([a, b])
    none = pair_score(replace(a, weekday=None), replace(b, weekday=None), *vectors)
    # Thursday night and early Friday: one night.
    apart = pair_score(replace(a, weekday=3), replace(b, weekday=4), *vectors)
    assert apart == none
    assert pair_score(replace(a, weekday=3), replace(b, weekday=6), *vectors) < none


def test_resolved_days_far_apart_still_veto() -> None:
    first = Article(
        id="a",
        title="Drone strike on Veloria depot",
        text="A drone struck an arms depot in Veloria on Thursday, killing two guards.",
        published=dt.date(2024, 3, 8),
    )
    second = Article(
        id="b",
        title="Drone strike on Veloria depot",
        text="A drone struck an arms depot in Veloria on Monday, killing two guards.",
        published=dt.date(2024, 4, 16),
    )
    a, b = cleaned(profiles(first, second))
    assert a.day_ordinal is not None and b.day_ordinal is not None
    assert _vetoed(a, b)


def test_an_old_date_both_name_is_not_their_incident() -> None:
    # Two strikes weeks apart both recall the war's first day, "since the March 3 raid".
    first = Article(
        id="a",
        text="A drone struck an arms depot in Veloria on Thursday, killing two guards. "
        "Strikes on the town have not stopped since the raid of March 3, 2023.",
        published=dt.date(2024, 3, 8),
    )
    second = Article(
        id="b",
        text="A drone struck a fuel truck in Veloria on Monday, killing two drivers. "
        "Strikes on the town have not stopped since the raid of March 3, 2023.",
        published=dt.date(2024, 4, 16),
    )
    a, b = cleaned(profiles(first, second))
    assert a.dates & b.dates
    assert not _names_day_of(a, b)
    assert groups(first, second) == [["a"], ["b"]]


def test_a_recent_date_both_name_is_their_incident() -> None:
    a = replace(
        one("A drone struck a depot."), published_ordinal=800_010, dates=frozenset({800_005})
    )
    b = replace(a, published_ordinal=800_030, dates=frozenset({800_005}))
    assert _names_day_of(a, b)


def test_a_lead_day_months_before_publication_is_not_named_by_the_other() -> None:
    # The lead's day is a war's first day, named as background; the other report names it too.
    a = replace(
        one("A drone struck a depot."),
        published_ordinal=800_200,
        day_ordinal=800_000,
        dates=frozenset(),
    )
    b = replace(a, published_ordinal=800_300, day_ordinal=800_290, dates=frozenset({800_000}))
    assert not _names_day_of(a, b)
    fresh = replace(a, published_ordinal=800_001)
    assert _names_day_of(fresh, b)


# --- Names: a name many reports share, and names that are no one's ---


def test_a_name_many_reports_of_a_large_batch_share_is_kept() -> None:
    base = replace(one("A drone struck a depot."), people=(), officials=(), areas=frozenset())
    batch = [
        replace(base, index=i, people=("Odalys Fenwick",) if i < 9 else ()) for i in range(200)
    ]
    kept = _without_boilerplate(batch, Counter())
    # 9 of 200 reports: a case the batch follows, not page furniture.
    assert kept[0].people == ("Odalys Fenwick",)


def test_a_story_batch_keeps_the_name_most_of_its_reports_give() -> None:
    # Twelve reports of one story, nine naming its subject: past the fixed cap of six, but
    # in a batch of one story the subject is in most reports.
    base = replace(one("A drone struck a depot."), people=(), officials=(), areas=frozenset())
    batch = [replace(base, index=i, people=("Odalys Fenwick",) if i < 9 else ()) for i in range(12)]
    assert _without_boilerplate(batch, Counter())[0].people == ("Odalys Fenwick",)
    # A name in every report of it is a byline, not the subject.
    every = [replace(base, index=i, people=("Odalys Fenwick",)) for i in range(12)]
    assert _without_boilerplate(every, Counter())[0].people == ()


def named_over_months(undated: int = 0) -> list[Profile]:
    """200 reports, 9 naming one man: the first `undated` of them undated, the others
    published 20 days apart."""
    base = replace(one("A drone struck a depot."), people=(), officials=(), areas=frozenset())
    return [
        replace(
            base,
            index=i,
            people=("Odalys Fenwick",) if i < 9 else (),
            published_ordinal=None if i < undated else 800_000 + 20 * i,
        )
        for i in range(200)
    ]


def test_a_name_many_reports_give_over_months_is_boilerplate() -> None:
    kept = _without_boilerplate(named_over_months(), Counter())
    # An activist or a columnist quoted over months: no one incident's.
    assert kept[0].people == ()


def test_an_undated_report_keeps_a_name_dated_reports_give_over_months() -> None:
    # The dated reports naming him spread over months, but an undated report has no time to
    # weigh that by: it may be of the one case the batch follows, and keeps his name.
    kept = _without_boilerplate(named_over_months(undated=2), Counter())
    assert kept[0].people == kept[1].people == ("Odalys Fenwick",)
    assert kept[2].people == ()


def test_a_name_in_a_large_share_of_the_batch_is_boilerplate() -> None:
    base = replace(one("A drone struck a depot."), people=(), officials=(), areas=frozenset())
    batch = [
        replace(base, index=i, people=("Caption Close",) if i < 40 else ()) for i in range(200)
    ]
    kept = _without_boilerplate(batch, Counter())
    assert kept[0].people == ()


def test_seas_regions_and_ministries_are_not_people() -> None:
    found = one(
        "Two sailors were wounded when rebels fired missiles at ships in the Red Sea on "
        "Tuesday, a blow to trade across the Middle East, the Foreign Affairs office said.",
    )
    assert "Red Sea" not in found.people
    assert "Middle East" not in found.people
    assert "Foreign Affairs" not in found.people


def test_a_nationality_is_not_an_area() -> None:
    found = one("Six guards were killed in Israeli strikes on a depot in Veloria on Tuesday.")
    assert "israeli" not in found.areas


# --- Undated reports without a headline: the text is read whole ---


def test_a_report_without_headline_or_crime_is_read_whole() -> None:
    found = one(
        "The actress Mirela Castagno has checked into the Brightwater clinic in Solvane, "
        "her publicist Denny Aldous said, for treatment she did not describe."
    )
    assert not found.headline_only
    assert "brightwater" in found.words
    assert "Mirela Castagno" in found.people


def test_undated_reports_of_one_event_group_and_another_stays_apart() -> None:
    first = Article(
        id="a",
        text="The actress Mirela Castagno has checked into the Brightwater clinic in Solvane, "
        "her publicist Denny Aldous said.",
    )
    second = Article(
        id="b",
        text="Mirela Castagno entered the Brightwater clinic in Solvane this week, publicist "
        "Denny Aldous confirmed to a magazine.",
    )
    third = Article(
        id="c",
        text="The singer Orrin Vale won the Harbour Prize for his third album at a ceremony "
        "in Kestwick, organisers announced.",
    )
    assert groups(first, second, third) == [["a", "b"], ["c"]]


def test_a_recent_date_both_name_does_not_lift_the_veto_of_their_own_days() -> None:
    # Two strikes a month apart, each dated by its lead, both recall a raid days before.
    first = Article(
        id="a",
        text="A drone struck an arms depot in Veloria on Thursday, killing two guards, a week "
        "after the raid of March 1, 2024.",
        published=dt.date(2024, 3, 8),
    )
    second = Article(
        id="b",
        text="A drone struck a fuel truck in Veloria on Monday, killing two drivers, weeks "
        "after the raid of March 1, 2024.",
        published=dt.date(2024, 4, 9),
    )
    a, b = cleaned(profiles(first, second))
    assert a.dates & b.dates
    assert _vetoed(a, b)


@pytest.mark.usefixtures("large_batch_blocking")
def test_an_undated_reports_story_words_propose_pairs() -> None:
    base = replace(
        one("A drone struck a depot."),
        people=(), officials=(), areas=frozenset(), organizations=frozenset(), city=None,
        words={}, blocks=frozenset(),
    )  # fmt: skip
    batch = [replace(base, index=i) for i in range(3)]
    leads = [{"depot": 1.0}, {"convoy": 1.0}, {"bridge": 1.0}]
    # The two first reports meet only past their leads, where their stories name the ferry.
    stories = {0: {"depot": 0.6, "vessbury": 0.8}, 1: {"convoy": 0.6, "vessbury": 0.8}}
    assert (0, 1) not in _candidate_pairs(batch, leads)
    assert (0, 1) in _candidate_pairs(batch, leads, stories)
    assert (0, 2) not in _candidate_pairs(batch, leads, stories)


@pytest.mark.usefixtures("large_batch_blocking")
def test_a_toll_few_incidents_have_proposes_a_pair() -> None:
    base = replace(
        one("A drone struck a depot."),
        people=(), officials=(), areas=frozenset(), organizations=frozenset(), city=None,
        words={}, blocks=frozenset(),
    )  # fmt: skip
    batch = [
        replace(base, index=0, killed=frozenset({9})),
        replace(base, index=1, killed=frozenset({9})),
        replace(base, index=2, killed=frozenset({1})),
        replace(base, index=3, killed=frozenset({1})),
    ]
    pairs = _candidate_pairs(batch, [{} for _ in batch])
    assert (0, 1) in pairs
    # One death is the commonest toll: it proposes nothing.
    assert (2, 3) not in pairs
