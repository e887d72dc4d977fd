"""Tests for scoped counts: a figure for one group, hospital, place or subset of the wounded is
kept with its scope as subject and never read as the incident's total."""

from __future__ import annotations

import datetime as dt

import pytest

from discrepancy.extract import extract
from discrepancy.link.scope import MAIN, scope_claims
from discrepancy.models import Article, Claim, Kind, Status
from discrepancy.pipeline import run_articles

PUBLISHED = dt.date(2025, 3, 6)  # a Thursday
LEAD = (
    "A missile strike on a market in Dravsk on Wednesday killed 14 people and wounded 60 others,"
    " regional officials said."
)
COUNTS = (Kind.KILLED, Kind.WOUNDED)


def counts_after(lead: str, other: str) -> tuple[list[Claim], list[Claim]]:
    """The lead's count claims and the other text's, both after scoping."""
    article = Article(id="a", text=f"{lead} {other}", published=PUBLISHED)
    claims = [c for c in scope_claims(extract(article)) if c.kind in COUNTS]
    split = len(lead)
    return [c for c in claims if c.start < split], [c for c in claims if c.start > split]


SCOPED = [
    # A group among a broader count.
    ("Three children were among the 14 people killed.", Kind.KILLED, "Three", "children"),
    # A group beside a count of everyone in the same article.
    (
        "Two sisters, aged nine and eleven, were killed as they shopped.",
        Kind.KILLED,
        "Two",
        "sisters",
    ),
    # One hospital's intake or its dead.
    (
        "The director of Saint Vorin Hospital said it had received eight dead and 30 wounded"
        " people.",
        Kind.WOUNDED,
        "30",
        "at Saint Vorin hospital",
    ),
    (
        "Footage showed the bodies of six dead at Saint Vorin Hospital in the town.",
        Kind.KILLED,
        "six",
        "at Saint Vorin hospital",
    ),
    (
        "Three people died in the Saint Vorin clinic, the ministry said.",
        Kind.KILLED,
        "Three",
        "at Saint Vorin clinic",
    ),
    ("Nine people have been hospitalised.", Kind.WOUNDED, "Nine", "hospitalised"),
    (
        "A drone strike on the Saint Vorin children's hospital killed two nurses and wounded 11"
        " people, doctors said.",
        Kind.WOUNDED,
        "11",
        "at Saint Vorin hospital",
    ),
    # Parts of a sum, each with its own place.
    (
        "Officials said 40 people were wounded in the old town, while 20 were wounded in Lisky.",
        Kind.WOUNDED,
        "20",
        "in Lisky",
    ),
    (
        "Five people were killed in the town hall, 3 were killed in the Lisky depot and 2 were"
        " killed in the north quarter.",
        Kind.KILLED,
        "3",
        "in the Lisky depot",
    ),
    # One district of a city, and a count for the wider region, not the site.
    (
        "In the Kelm district of the city, a shell hit a school, 5 people were killed and 8"
        " injured.",
        Kind.WOUNDED,
        "8",
        "in the Kelm district",
    ),
    (
        "Another 25 people in the region were injured during the day.",
        Kind.WOUNDED,
        "25",
        "in the region",
    ),
    # Deaths added to an earlier toll.
    ("Two more people died in hospital overnight.", Kind.KILLED, "Two", "additional deaths"),
    (
        "Three men were also killed nearby, bringing the toll to 17.",
        Kind.KILLED,
        "Three",
        "additional deaths",
    ),
    # Counted beside victims already told.
    (
        "A guard died at the gate. Police said two other people were killed inside.",
        Kind.KILLED,
        "two",
        "others",
    ),
    # A place's figure given "alone" is a part of the toll, after the count or before it.
    (
        "According to the mayor, five people died in the Lisky depot alone.",
        Kind.KILLED,
        "five",
        "in the Lisky depot",
    ),
    ("In Lisky alone, 6 people were wounded.", Kind.WOUNDED, "6", "in Lisky"),
]


@pytest.mark.parametrize(("other", "kind", "value", "subject"), SCOPED)
def test_scoped_counts_get_their_scope_as_subject(
    other: str, kind: Kind, value: str, subject: str
) -> None:
    lead, rest = counts_after(LEAD, other)
    assert all(c.subject is None for c in lead)
    found = [c for c in rest if c.kind == kind and c.value == value]
    assert found, [(c.kind, c.value) for c in rest]
    assert {c.subject for c in found} == {subject}
    assert all(c.scope == MAIN for c in found)


TOTALS = [
    # The group is everyone the article counts: it is the toll.
    (
        "Two sisters were killed when a drone hit their farm near Dravsk on Wednesday.",
        Kind.KILLED,
        "Two",
    ),
    # "others" beside the dead are the wounded total.
    (
        "A shell hit a bus stop in Dravsk on Wednesday, killing four people and injuring 11 others.",
        Kind.WOUNDED,
        "11",
    ),
    # "taken to hospital" says where the incident's own casualties went.
    (
        "A gunman shot five people at a bar in Dravsk on Wednesday; all five were taken to a"
        " hospital.",
        Kind.SHOT,
        "five",
    ),
    # "taken to" a named hospital: still the incident's own dead.
    (
        "A shell killed six people at a market in Dravsk on Wednesday. The bodies of the six dead"
        " were taken to Saint Vorin Hospital.",
        Kind.KILLED,
        "six",
    ),
    # Dying alone is no part of the toll; nor is the attack "alone".
    (
        "A missile hit a block of flats in Dravsk on Wednesday; three people died alone in"
        " their homes.",
        Kind.KILLED,
        "three",
    ),
    (
        "A missile strike killed 14 people in Dravsk on Wednesday, 14 in the attack alone.",
        Kind.KILLED,
        "14",
    ),
    # One count with its place is the incident's own.
    (
        "Officials said 40 people were wounded in the old town of Dravsk on Wednesday.",
        Kind.WOUNDED,
        "40",
    ),
]


@pytest.mark.parametrize(("text", "kind", "value"), TOTALS)
def test_whole_incident_counts_keep_no_subject(text: str, kind: Kind, value: str) -> None:
    article = Article(id="a", text=text, published=PUBLISHED)
    claims = [c for c in scope_claims(extract(article)) if c.kind == kind and c.value == value]
    assert claims
    assert all(c.subject is None for c in claims)


def test_scoped_figures_never_conflict_with_the_total() -> None:
    first = Article(
        id="one",
        text=(
            "A missile strike on a market in Dravsk on Wednesday killed 14 people, regional"
            " officials said. Four children were among the 14 people killed. Footage showed the"
            " bodies of six dead at Saint Vorin Hospital."
        ),
        published=PUBLISHED,
    )
    second = Article(
        id="two",
        text=(
            "Fourteen people were killed on Wednesday when a missile hit a market in Dravsk,"
            " officials said. Three children were among the 14 people killed."
        ),
        published=PUBLISHED,
    )
    report = run_articles([first, second])
    incident = next(i for i in report.incidents if i.articles)
    killed = [f for f in incident.facts if f.kind == Kind.KILLED]
    total = next(f for f in killed if f.subject is None)
    assert total.status != Status.CONFLICT
    assert {c.low for c in total.claims} == {14.0}
    children = next(f for f in killed if f.subject == "children")
    # Two outlets disagreeing about the children among the dead is a conflict of that scope.
    assert children.status == Status.CONFLICT


OTHER_EVENTS = [
    # The incident followed or answered another one: that one is background.
    "The shelling followed Vostran's raid on a border post that killed five guards.",
    "The strike came in retaliation for mortar fire from the hills that killed three people.",
    "In a recent incident, rebels claimed an ambush on a convoy that killed nine soldiers.",
    # A weekend event told in a report of a Wednesday strike.
    "Residents said the weekend rocket attack, which killed eight people, shocked the town.",
]


@pytest.mark.parametrize("other", OTHER_EVENTS)
def test_counts_of_an_event_the_incident_followed_are_background(other: str) -> None:
    lead, rest = counts_after(LEAD, other)
    assert rest
    assert all(c.scope == MAIN for c in lead)
    assert all(c.scope != MAIN for c in rest)


def test_a_weekend_event_is_the_incident_itself_when_it_fell_on_a_weekend() -> None:
    lead = (
        "A rocket hit a stadium in Dravsk on Saturday, killing eight people, regional officials"
        " said."
    )
    other = "Residents said the weekend rocket attack, which killed eight people, shocked the town."
    _, rest = counts_after(lead, other)
    assert rest
    assert all(c.scope == MAIN for c in rest)


@pytest.mark.parametrize(
    "other",
    [
        "As of Saturday morning, 16 people had been killed in the strike, officials said.",
        "As of 9 a.m. on Saturday, 16 people had died of their wounds, the mayor said.",
    ],
)
def test_the_time_a_toll_was_counted_is_not_another_incident(other: str) -> None:
    text = f"{LEAD} {other}"
    article = Article(id="a", text=text, published=dt.date(2025, 3, 8))  # a Saturday
    claims = [c for c in scope_claims(extract(article)) if c.kind == Kind.KILLED]
    later = [c for c in claims if c.start > len(LEAD)]
    assert later
    assert all(c.scope == MAIN for c in later)


def test_a_mention_of_another_incident_of_the_batch_aligns_with_it() -> None:
    first = Article(
        id="first",
        text=(
            "A missile hit a crowded market in Rivne on Saturday, killing eight people and"
            " wounding 20, regional officials said. Rescuers searched the rubble into the night."
        ),
        published=dt.date(2025, 3, 1),
    )
    second = Article(
        id="second",
        text=(
            "A drone struck a rail depot in Molvany on Wednesday, killing three workers, the"
            " railway company said. It came after a missile strike on Rivne on Saturday"
            " killed eight people."
        ),
        published=dt.date(2025, 3, 5),
    )
    report = run_articles([first, second])
    rivne = next(i for i in report.incidents if "first" in i.articles)
    molvany = next(i for i in report.incidents if "second" in i.articles)
    assert rivne is not molvany
    assert rivne.mentioned_in == ("second",)
    killed = [c for f in rivne.facts if f.kind == Kind.KILLED for c in f.claims]
    assert {c.article for c in killed} == {"first", "second"}
    assert all(f.status != Status.CONFLICT for f in rivne.facts if f.kind == Kind.KILLED)
    assert all(c.article == "second" for f in molvany.facts for c in f.claims if c.low == 8.0)
    assert not [f for f in molvany.facts if f.kind == Kind.KILLED and f.claims[0].low == 8.0]


def test_a_mention_naming_another_place_stays_background() -> None:
    first = Article(
        id="first",
        text="A missile hit a crowded market in Rivne on Saturday, killing eight people.",
        published=dt.date(2025, 3, 1),
    )
    second = Article(
        id="second",
        text=(
            "A drone struck a rail depot in Molvany on Wednesday, killing three workers, the"
            " railway company said. It came after a missile strike on Sumy on Saturday"
            " killed eight people."
        ),
        published=dt.date(2025, 3, 5),
    )
    report = run_articles([first, second])
    rivne = next(i for i in report.incidents if "first" in i.articles)
    assert rivne.mentioned_in == ()
    assert any(i.mentioned_in == ("second",) and not i.articles for i in report.incidents)


SITES = (
    "Russian missiles hit Rivne on Monday, killing 15 people and injuring 40, city officials"
    " said.\n\n"
    "The Lisky shopping mall was badly damaged. Six people were killed and 12 were injured.\n\n"
    "A three-storey school building was partially destroyed. Four people were killed and nine"
    " were injured."
)


def test_counts_told_site_by_site_are_each_sites() -> None:
    article = Article(id="a", text=SITES, published=dt.date(2025, 3, 4))
    claims = [c for c in scope_claims(extract(article)) if c.kind in COUNTS]
    subjects = {(c.kind, c.value): c.subject for c in claims}
    assert subjects[(Kind.KILLED, "15")] is None
    assert subjects[(Kind.KILLED, "Six")] == "at Lisky shopping mall"
    assert subjects[(Kind.WOUNDED, "nine")] == "at the three-storey school building"


def test_one_damaged_site_is_the_incident_itself() -> None:
    text = SITES[: SITES.index("\n\nA three-storey")]
    article = Article(id="a", text=text, published=dt.date(2025, 3, 4))
    claims = [c for c in scope_claims(extract(article)) if c.kind in COUNTS]
    assert claims
    assert all(c.subject is None for c in claims)
