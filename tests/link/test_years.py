"""Two groups of undated reports of one kind of event, years apart, stay apart."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest

from discrepancy.extract import extract
from discrepancy.extract.when import latest_year
from discrepancy.link import grouping, years
from discrepancy.link.grouping import group_articles
from discrepancy.link.profile import Profile, profile
from discrepancy.link.scope import scope_claims
from discrepancy.link.years import GroupYears
from discrepancy.models import Article

# One rowing club wins one cup twice, with one coach, years apart; no report is dated.
FIRST_WIN = (
    "The Kestrel Bay Rowing Club won the Lindqvist Cup on the river on Saturday, beating "
    "Port Amsel by two lengths. Coach Marta Leclerc said her crew had trained since 2007 "
    "for the final.",
    "Kestrel Bay Rowing Club took the Lindqvist Cup on Saturday, two lengths ahead of Port "
    "Amsel. Coach Marta Leclerc, who took over the crew in 2006, praised the stroke.",
    "Rowers of the Kestrel Bay Rowing Club lifted the Lindqvist Cup after beating Port Amsel "
    "in the final. Marta Leclerc, their coach since 2006, said the 2008 season had been hard.",
)
SECOND_WIN = (
    "The Kestrel Bay Rowing Club won the Lindqvist Cup on the river on Saturday, beating "
    "Vossberg by a length. Coach Marta Leclerc said the crew had waited since 2009 for a "
    "second title, and the 2014 crew was her best.",
    "Kestrel Bay Rowing Club took the Lindqvist Cup on Saturday, a length ahead of Vossberg. "
    "Coach Marta Leclerc said the 2014 final was closer than the one her crew won years ago.",
    "Rowers of the Kestrel Bay Rowing Club lifted the Lindqvist Cup after beating Vossberg "
    "in the final. Marta Leclerc said the 2014 crew had trained on the river since March.",
)


def undated(*texts: str) -> list[Profile]:
    found = []
    for index, text in enumerate(texts):
        extraction = extract(Article(id=f"a{index}", text=text, published=None))
        found.append(profile(index, extraction, scope_claims(extraction)))
    return found


def grouped(found: Sequence[Profile]) -> list[list[int]]:
    return sorted(map(sorted, group_articles(found)))


def test_two_wins_years_apart_are_two_groups() -> None:
    assert grouped(undated(*FIRST_WIN, *SECOND_WIN)) == [[0, 1, 2], [3, 4, 5]]


@pytest.mark.parametrize(
    ("module", "setting", "value"),
    [(years, "YEARS_APART", 100), (grouping, "OTHER_YEARS_WEIGHT", 0.0)],
    ids=["without the groups' years", "without the pairs' years"],
)
def test_both_year_rules_keep_the_wins_apart(
    monkeypatch: pytest.MonkeyPatch, module: object, setting: str, value: float
) -> None:
    # The test above holds because of both rules: a pair of reports years apart links
    # weakly, and a group whose reports name a later year takes no earlier group in.
    monkeypatch.setattr(module, setting, value)
    assert grouped(undated(*FIRST_WIN, *SECOND_WIN)) == [[0, 1, 2, 3, 4, 5]]


def test_only_an_undated_report_keeps_its_latest_year() -> None:
    for published, year in ((None, 2014), (dt.date(2014, 6, 1), None)):
        extraction = extract(Article(id="d", text=SECOND_WIN[0], published=published))
        assert profile(0, extraction, scope_claims(extraction)).latest_year == year


def test_latest_year_skips_years_ahead_and_figures() -> None:
    assert latest_year("Trained since 2007; the 2009 final was won.") == 2009
    assert latest_year("Won in 2011; the contract runs until 2018 and by 2016 it ends.") == 2011
    assert latest_year("Some 2,013 fans and 2014.5 metres of rope.") is None
    assert latest_year("No year at all.") is None


def test_a_later_group_needs_two_reports_naming_its_year() -> None:
    # One report naming 2014 beside two naming 2014 only in passing: a group of two naming
    # 2014 is later than a group whose three reports name 2009 at the latest.
    found = GroupYears([2014, 2014, 2009, 2008, 2009])
    for one, other in ((0, 1), (2, 3), (2, 4)):
        found.merged(one, other)
    assert found.apart(0, 2)
    # One of two naming a later year is a year in passing: the group is no later.
    found = GroupYears([2014, 2003, 2009, 2008, 2009])
    for one, other in ((0, 1), (2, 3), (2, 4)):
        found.merged(one, other)
    assert not found.apart(0, 2)


def test_an_earlier_group_needs_three_reports_naming_years() -> None:
    # Two reports naming old years say little: the event may be of this year all the same.
    found = GroupYears([2014, 2014, 2009, 2008, None])
    for one, other in ((0, 1), (2, 3), (2, 4)):
        found.merged(one, other)
    assert not found.apart(0, 2)


def test_reports_naming_no_year_are_never_apart() -> None:
    assert not GroupYears([None, 2014]).apart(0, 1)
