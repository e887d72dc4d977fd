"""Round-up articles: one story telling several shootings is split into the shootings it tells."""

from __future__ import annotations

import datetime as dt

import pytest

from discrepancy.extract import extract
from discrepancy.link.roundups import segments
from discrepancy.link.scope import MAIN, NONE, scope_claims
from discrepancy.models import Article, Claim, Kind, Status
from discrepancy.pipeline import run_articles

PUBLISHED = dt.date(2023, 7, 10)

ROUNDUP = (
    "2 dead, 6 wounded in weekend shootings across Harlow",
    "Two people were killed and six others were wounded in weekend shootings across Harlow, "
    "police said.\n\n"
    "About 9:40 p.m. Saturday, a 19-year-old man was shot and killed in the 4100 block of "
    "Tamsin Avenue, police said.\n\n"
    "Two hours later, three men were wounded outside a corner store in the 800 block of "
    "Quarry Street. All three were in stable condition.\n\n"
    "At 2:15 a.m. Sunday, a woman was shot dead and two men were hurt at a house party in "
    "the 300 block of Ledger Road.\n\n"
    "A 15-year-old boy was shot in the arm in the 5200 block of Orwell Drive around "
    "4 a.m. Sunday.\n\n"
    "Nearly 40 people have been shot since June 2, the police chief said.",
)
COUNTS = (Kind.KILLED, Kind.WOUNDED, Kind.SHOT)


def article(title: str, text: str, ident: str = "a") -> Article:
    return Article(id=ident, title=title, text=text, published=PUBLISHED)


def counts(claims: list[Claim]) -> list[Claim]:
    return [c for c in claims if c.kind in COUNTS]


def scoped_counts(title: str, text: str) -> dict[str, set[tuple[str, str]]]:
    """The count claims of an article by scope: {scope: {(kind, value)}}."""
    extraction = extract(article(title, text))
    kept = counts(scope_claims(extraction))
    by_scope: dict[str, set[tuple[str, str]]] = {}
    for claim in kept:
        by_scope.setdefault(claim.scope, set()).add((claim.kind.value, claim.value))
    dropped = {(c.kind.value, c.value) for c in counts(list(extraction.claims))}
    dropped -= {(c.kind.value, c.value) for c in kept}
    if dropped:
        by_scope[NONE] = dropped
    return by_scope


def test_a_roundup_is_split_into_the_shootings_it_tells() -> None:
    found = segments(extract(article(*ROUNDUP)))
    assert found is not None
    assert max(found.shooting_of.values()) == 4
    assert [found.place_of[n] for n in (1, 2, 3, 4)] == [
        "Tamsin Avenue",
        "Quarry Street",
        "Ledger Road",
        "Orwell Drive",
    ]


def test_a_roundups_sums_are_no_incidents_and_each_shooting_is_its_own() -> None:
    by_scope = scoped_counts(*ROUNDUP)
    # The lead's sums and the history total belong to no incident.
    assert {("killed", "Two"), ("wounded", "six")} <= by_scope[NONE]
    assert any(value == "Nearly 40" for _, value in by_scope[NONE])
    assert MAIN not in by_scope
    # Each shooting's figures sit in a background incident of their own.
    shootings = [scope for scope in by_scope if scope != NONE]
    assert len(shootings) == 4
    quarry = next(scope for scope in shootings if scope.endswith("Quarry Street"))
    assert ("wounded", "three") in by_scope[quarry]
    ledger = next(scope for scope in shootings if scope.endswith("Ledger Road"))
    assert {kind for kind, _ in by_scope[ledger]} >= {"killed", "wounded"}


def test_a_roundup_alone_flags_no_conflict_between_its_shootings() -> None:
    report = run_articles([article(*ROUNDUP)])
    (main,) = [i for i in report.incidents if i.articles]
    assert not [f for f in main.facts if f.kind in COUNTS]
    backgrounds = [i for i in report.incidents if i.background_of == main.id]
    assert len(backgrounds) == 4
    assert not [f for i in report.incidents for f in i.facts if f.status == Status.CONFLICT]


def test_a_headline_telling_one_shooting_keeps_it_as_the_articles_own() -> None:
    by_scope = scoped_counts(
        "Man killed outside Brindle Street bar",
        "A 31-year-old man was shot and killed outside a bar in the 200 block of Brindle Street "
        "about 11 p.m. Friday, one of four separate shootings overnight in Harlow.\n\n"
        "About 1:30 a.m., two women were wounded in the 900 block of Fenwick Avenue.\n\n"
        "At 3 a.m., a man was shot in the leg in the 60 block of Oriel Court.",
    )
    assert by_scope[MAIN] >= {("killed", "A 31-year-old man")}
    others = [scope for scope in by_scope if scope not in (MAIN, NONE)]
    assert len(others) == 2


@pytest.mark.parametrize(
    ("title", "text"),
    [
        # Several people shot at once are one incident, however the story counts them.
        (
            "Man charged in fatal shootings in trailer",
            "A man was charged Monday in the fatal shootings of two women in a trailer in the "
            "100 block of Reeve Lane, police said. A neighbor was wounded at 9 p.m. as well.",
        ),
        (
            "Gunman kills three at warehouse",
            "A gunman killed three people at a warehouse in the 500 block of Pell Street on "
            "Tuesday, the latest of the country's mass shootings. About 4 p.m., two workers "
            "were wounded as they fled to the 600 block of Pell Street.",
        ),
    ],
)
def test_one_incident_with_several_victims_is_no_roundup(title: str, text: str) -> None:
    assert segments(extract(article(title, text))) is None
    assert set(scoped_counts(title, text)) == {MAIN}


@pytest.mark.parametrize(
    "title",
    [
        "9 people shot in Harlow in 48-hour span",
        "7 shot, 2 dead in less than 30 hours in Harlow",
        "6 shot, one fatally, since 8 p.m. in Harlow",
        "In Harlow, weekend gunfire kills 1, wounds 5",
    ],
)
def test_a_tally_over_hours_is_a_roundup(title: str) -> None:
    body = (
        "About 9:40 p.m. Saturday, a 19-year-old man was shot and killed in the 4100 block of "
        "Tamsin Avenue, police said.\n\n"
        "Two hours later, three men were wounded outside a corner store in the 800 block of "
        "Quarry Street."
    )
    found = segments(extract(article(title, body)))
    assert found is not None and max(found.shooting_of.values()) == 2
    assert segments(extract(article("Man killed on Tamsin Avenue", body))) is None


def test_a_shooting_is_placed_by_its_street_not_the_hospital() -> None:
    text = (
        "Five people were shot in weekend shootings across Harlow, police said.\n\n"
        "About 1 a.m. Saturday, a man was shot in the 15000 block of Manor and taken to "
        "Mercy Hospital in Harlow.\n\n"
        "At 3 a.m., two women were wounded in the 200 block of Kell Road."
    )
    found = segments(extract(article("5 shot in weekend shootings across Harlow", text)))
    assert found is not None and found.place_of[1] == "Manor"


def test_a_person_named_in_one_shooting_of_a_roundup_is_of_that_shooting() -> None:
    text = (
        "Two people were killed in weekend shootings across Harlow, police chief Ada Marsh "
        "said.\n\n"
        "About 9:40 p.m. Saturday, Oren Blakely, 19, was shot and killed in the 4100 block of "
        "Tamsin Avenue, police said.\n\n"
        "At 2:15 a.m. Sunday, Lyle Varga, 33, was shot dead at a house party in the 300 block "
        "of Ledger Road, police said."
    )
    claims = scope_claims(extract(article("2 dead in weekend shootings across Harlow", text)))
    people = {c.value: c.scope for c in claims if c.kind == Kind.PERSON}
    assert people["Oren Blakely"] == "bg|roundup-1|Tamsin Avenue"
    assert people["Lyle Varga"] == "bg|roundup-2|Ledger Road"
    # The chief is named beside the sums, in no shooting: she stays the article's.
    assert people["Ada Marsh"] == MAIN
