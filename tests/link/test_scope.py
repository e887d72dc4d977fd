"""Tests for scoping: numbers about another incident never count for the article's main one."""

from __future__ import annotations

import datetime as dt

import pytest

from discrepancy.extract import extract
from discrepancy.link.scope import MAIN, scope_claims
from discrepancy.models import Article, Claim, Kind

PUBLISHED = dt.date(2024, 2, 8)  # a Thursday; the leads' "Wednesday" is 2024-02-07
DRONE_LEAD = (
    "A drone strike on a car in Mosul on Wednesday killed four militia fighters and wounded"
    " two others, Iraqi officials said."
)
SHOOTING_LEAD = (
    "A gunman opened fire outside a bar in Dayton, Ohio, on Wednesday, killing three people and"
    " wounding five others, police said."
)
DRONE_MAIN = {(Kind.KILLED, "four"), (Kind.WOUNDED, "two")}
SHOOTING_MAIN = {(Kind.KILLED, "three"), (Kind.WOUNDED, "five")}
COUNT_KINDS = (Kind.KILLED, Kind.WOUNDED)


def scoped(lead: str, other: str) -> tuple[list[Claim], list[Claim], list[Claim]]:
    """Lead claims, claims read from the other sentence, and all claims after scoping."""
    article = Article(id="a", text=f"{lead} {other}", published=PUBLISHED)
    extraction = extract(article)
    split = len(lead)
    lead_claims = [c for c in extraction.claims if c.start < split and c.kind in COUNT_KINDS]
    other_claims = [c for c in extraction.claims if c.start > split and c.kind in COUNT_KINDS]
    return lead_claims, other_claims, scope_claims(extraction)


def scope_of(claim: Claim, after: list[Claim]) -> str | None:
    """The scope scoping gave a claim, None when it was dropped."""
    for candidate in after:
        if (candidate.start, candidate.end, candidate.kind) == (claim.start, claim.end, claim.kind):
            return candidate.scope
    return None


BACKGROUND = [
    # The other shooting is named right after the casualty's verb.
    (
        SHOOTING_LEAD,
        "Mourners had gathered for a teen who was killed in a previous shooting on the corner.",
        {(Kind.KILLED, "killed")},
    ),
    (
        DRONE_LEAD,
        "Last month, a similar strike near the city killed a commander and wounded two others.",
        {(Kind.KILLED, "a commander"), (Kind.WOUNDED, "two")},
    ),
    (DRONE_LEAD, "On January 28, three soldiers were killed in Jordan.", {(Kind.KILLED, "three")}),
    (
        DRONE_LEAD,
        "The strike came days after a drone strike that killed three troops in Jordan"
        " in late January.",
        {(Kind.KILLED, "three")},
    ),
    (
        DRONE_LEAD,
        "It followed a drone strike that killed three US troops in Jordan in late January.",
        {(Kind.KILLED, "three")},
    ),
    (DRONE_LEAD, "On Sunday, a strike near Raqqa killed six fighters.", {(Kind.KILLED, "six")}),
    (DRONE_LEAD, "On Sunday, another strike killed six fighters.", {(Kind.KILLED, "six")}),
    (DRONE_LEAD, "In 2019, a car bomb in the same market killed 12 people.", {(Kind.KILLED, "12")}),
    (
        DRONE_LEAD,
        "Two weeks ago, gunmen killed five police officers at a checkpoint.",
        {(Kind.KILLED, "five")},
    ),
    (
        SHOOTING_LEAD,
        "Last year, a shooting at the same bar killed two people.",
        {(Kind.KILLED, "two")},
    ),
    (
        SHOOTING_LEAD,
        "Last month, a teenager was shot and killed two blocks away.",
        {(Kind.KILLED, "a teenager")},
    ),
    (
        DRONE_LEAD,
        "Last month's attack on the same base wounded two others.",
        {(Kind.WOUNDED, "two")},
    ),
    (
        DRONE_LEAD,
        "It was the deadliest strike since a March 2023 bombing that killed 30 people.",
        {(Kind.KILLED, "30")},
    ),
    (
        DRONE_LEAD,
        "Earlier this month, a bomb in the same city killed four people.",
        {(Kind.KILLED, "four")},
    ),
    (
        DRONE_LEAD,
        "Three weeks earlier, a roadside bomb killed five soldiers near Kirkuk.",
        {(Kind.KILLED, "five")},
    ),
    (
        DRONE_LEAD,
        "A similar strike in January killed two commanders in Baghdad.",
        {(Kind.KILLED, "two")},
    ),
    (
        SHOOTING_LEAD,
        "It was the second shooting in the city this week, after two people were wounded at a"
        " party on Saturday.",
        {(Kind.WOUNDED, "two")},
    ),
    (
        SHOOTING_LEAD,
        "A shooting at the same bar in 2022 left one man dead.",
        {(Kind.KILLED, "one")},
    ),
    # Another shooting the story tells alongside its own.
    (
        SHOOTING_LEAD,
        "Meanwhile, a woman was fatally shot late last night, also on the East Side, officers "
        "said.",
        {(Kind.KILLED, "a woman")},
    ),
    (
        SHOOTING_LEAD,
        "Roughly 20 minutes earlier, a 22-year-old was killed in a shooting on the North Side.",
        {(Kind.KILLED, "a 22-year-old")},
    ),
    (
        SHOOTING_LEAD,
        "The chief spoke at the scene of another shooting, where a deputy was wounded.",
        {(Kind.WOUNDED, "a deputy")},
    ),
    (
        SHOOTING_LEAD,
        "Protesters gathered where a man was shot to death, days after another fatal shooting.",
        {(Kind.KILLED, "a man")},
    ),
]

HISTORY = [
    (
        DRONE_LEAD,
        "The militia has since killed hundreds of people in the region.",
        {(Kind.KILLED, "hundreds of")},
    ),
    (
        DRONE_LEAD,
        "Since the start of the war, more than 2,000 people have been killed.",
        {(Kind.KILLED, "more than 2,000")},
    ),
    (
        SHOOTING_LEAD,
        "So far this year, 31 people have been killed by gunfire in the city.",
        {(Kind.KILLED, "31")},
    ),
    # Round-ups sum several shootings: no single incident's toll.
    (
        SHOOTING_LEAD,
        "Six people were killed and at least 20 wounded in shootings across the city that day.",
        {(Kind.KILLED, "Six"), (Kind.WOUNDED, "at least 20")},
    ),
    (
        SHOOTING_LEAD,
        "Nine people were wounded in four separate shootings on Wednesday.",
        {(Kind.WOUNDED, "Nine")},
    ),
    (
        SHOOTING_LEAD,
        "A total of 212 people were killed in the county last year.",
        {(Kind.KILLED, "212")},
    ),
    (
        SHOOTING_LEAD,
        "In the past three months, seven teenagers have been wounded by gunfire.",
        {(Kind.WOUNDED, "seven")},
    ),
    (SHOOTING_LEAD, "Eleven other people were wounded in shootings.", {(Kind.WOUNDED, "Eleven")}),
    (
        SHOOTING_LEAD,
        "Charges were filed in two separate shooting cases that left three men wounded.",
        {(Kind.WOUNDED, "three")},
    ),
    # Deaths long ago or from another cause are not this shooting's toll.
    (
        SHOOTING_LEAD,
        "One of the victims had lost a brother, who died four years ago.",
        {(Kind.KILLED, "died")},
    ),
    (
        SHOOTING_LEAD,
        "Two men were killed in a car crash on the same road last spring.",
        {(Kind.KILLED, "Two")},
    ),
    (
        SHOOTING_LEAD,
        "The department has seen 15 people shot by its own officers.",
        {(Kind.WOUNDED, "15")},
    ),
    (
        SHOOTING_LEAD,
        "It came amid a violent two-hour span in which 10 people were shot and one man was killed.",
        {(Kind.KILLED, "one"), (Kind.WOUNDED, "10")},
    ),
    (
        SHOOTING_LEAD,
        "The toll follows a month in which 45 people were killed in July across the county.",
        {(Kind.KILLED, "45")},
    ),
    (
        SHOOTING_LEAD,
        "Four children have been shot in one week, the mayor said.",
        {(Kind.WOUNDED, "Four")},
    ),
    (
        SHOOTING_LEAD,
        "A man accused of driving drunk, killing a sheriff's deputy, appeared in court.",
        {(Kind.KILLED, "a sheriff's deputy")},
    ),
    # A related video's teaser line, led by its running time.
    (
        SHOOTING_LEAD,
        "3:12 Two men charged in the robbery that killed a teenager",
        {(Kind.KILLED, "a teenager")},
    ),
]

SAME_INCIDENT = [
    (
        SHOOTING_LEAD,
        "A second man was wounded in the shooting, police said.",
        {(Kind.WOUNDED, "A second man")},
    ),
    (DRONE_LEAD, "A US official said the strike killed four fighters.", {(Kind.KILLED, "four")}),
    (
        DRONE_LEAD,
        "Hospital officials in Mosul said two fighters were wounded in the strike.",
        {(Kind.WOUNDED, "two")},
    ),
    (
        SHOOTING_LEAD,
        "On Wednesday night, police said a woman was also wounded.",
        {(Kind.WOUNDED, "a woman")},
    ),
    (
        SHOOTING_LEAD,
        "Three people were killed and five were wounded, the coroner said.",
        {(Kind.KILLED, "Three"), (Kind.WOUNDED, "five")},
    ),
    # A clock time opening a sentence is no video's running time.
    (
        SHOOTING_LEAD,
        "11:40 p.m.: Police said five people were wounded, two of them critically.",
        {(Kind.WOUNDED, "five")},
    ),
    (
        SHOOTING_LEAD,
        "Meanwhile, police said a woman was also wounded in the shooting.",
        {(Kind.WOUNDED, "a woman")},
    ),
    (
        SHOOTING_LEAD,
        "Minutes earlier, the gunman had shot and killed his neighbor, police said.",
        {(Kind.KILLED, "his neighbor")},
    ),
]


def _values(claims: list[Claim]) -> set[tuple[Kind, str]]:
    return {(c.kind, c.value) for c in claims}


@pytest.mark.parametrize(("lead", "other", "expected"), BACKGROUND)
def test_numbers_about_another_incident_leave_the_main_one(
    lead: str, other: str, expected: set[tuple[Kind, str]]
) -> None:
    lead_claims, other_claims, after = scoped(lead, other)
    assert _values(other_claims) == expected
    for claim in other_claims:
        assert scope_of(claim, after) != MAIN, f"{claim.value!r} kept in the main incident"
    main = DRONE_MAIN if lead == DRONE_LEAD else SHOOTING_MAIN
    assert _values(lead_claims) == main
    assert all(scope_of(c, after) == MAIN for c in lead_claims)


@pytest.mark.parametrize(("lead", "other", "expected"), HISTORY)
def test_history_totals_are_dropped(lead: str, other: str, expected: set[tuple[Kind, str]]) -> None:
    lead_claims, other_claims, after = scoped(lead, other)
    assert _values(other_claims) == expected
    assert [scope_of(c, after) for c in other_claims] == [None] * len(other_claims)
    assert all(scope_of(c, after) == MAIN for c in lead_claims)


@pytest.mark.parametrize(("lead", "other", "expected"), SAME_INCIDENT)
def test_main_incident_claims_stay_main(
    lead: str, other: str, expected: set[tuple[Kind, str]]
) -> None:
    lead_claims, other_claims, after = scoped(lead, other)
    assert expected <= _values(other_claims)
    for claim in lead_claims + other_claims:
        assert scope_of(claim, after) == MAIN, f"{claim.value!r} moved out of the main incident"


def test_background_in_another_country_keeps_its_date_and_place() -> None:
    _, other_claims, after = scoped(
        DRONE_LEAD, "On January 28, three soldiers were killed in Jordan."
    )
    (claim,) = other_claims
    scope = scope_of(claim, after)
    assert scope is not None and "2024-01-28" in scope and "Jordan" in scope


def test_a_town_that_shares_a_foreign_name_stays_in_the_story_country() -> None:
    lead = "A teenager was shot in Cleveland, Ohio, on Wednesday, police said."
    _, other_claims, after = scoped(lead, "A boy from Elm Street in Parma died on Wednesday.")
    (claim,) = [c for c in other_claims if c.kind == Kind.KILLED]
    assert scope_of(claim, after) == MAIN


def test_two_background_events_get_different_keys() -> None:
    _, other_claims, after = scoped(
        DRONE_LEAD,
        "On January 28, three soldiers were killed in Jordan. On Sunday, a strike near Raqqa"
        " killed six fighters.",
    )
    scopes = {scope_of(c, after) for c in other_claims}
    assert len(other_claims) == 2 and len(scopes) == 2 and MAIN not in scopes


def test_names_and_deployments_stay_with_the_main_incident() -> None:
    text = (
        'A US drone strike in Baghdad on Wednesday killed Khalid Hamid "Abu Jafar" al-Tamimi, a'
        " senior commander of Kataib Hezbollah, Iraqi officials said. The United States has around"
        " 2,500 troops in Iraq and 900 in Syria."
    )
    article = Article(id="a", text=text, published=PUBLISHED)
    after = scope_claims(extract(article))
    kept = {(c.kind, c.value): c.scope for c in after}
    assert kept[(Kind.PERSON, 'Khalid Hamid "Abu Jafar" al-Tamimi')] == MAIN
    assert kept[(Kind.ORGANIZATION, "Kataib Hezbollah")] == MAIN
    assert kept[(Kind.TROOPS, "around 2,500")] == MAIN
    assert kept[(Kind.TROOPS, "900")] == MAIN
    assert kept[(Kind.DATE, "Wednesday")] == MAIN
    assert kept[(Kind.LOCATION, "Baghdad")] == MAIN


def test_a_town_inside_a_persons_name_is_not_a_place_of_the_story() -> None:
    article = Article(
        id="a",
        text="A man was shot in Toledo, Ohio, on Friday. Detective Mark Houston said he was hurt.",
        published=PUBLISHED,
    )
    places = [p.text for info in extract(article).sentences for p in info.places]
    assert places == ["Toledo", "Ohio"]


def test_a_title_before_a_name_is_not_a_town() -> None:
    from discrepancy.extract.places import find_places

    assert [p.text for p in find_places("Officer Adrian Perkins said the man was hurt.")] == []


@pytest.mark.parametrize(
    ("sentence", "places"),
    [
        # A town's name as a surname, a court's, a park's or a street's.
        ("The victim's uncle, Dwayne Taylor, said he heard four shots.", []),
        ("Superior Court Judge Ana Ruiz set bail at $50,000.", []),
        ("The boy was found in the 1200 block of Eastwood after the shots.", []),
        ("Shots were fired near Avon Park in the evening.", []),
        # Still places: a direction or "Greater" before the town, a locative.
        ("A man was shot in East Lubbock on Sunday.", ["Lubbock"]),
        ("The shooting happened in Taylor, Texas, late on Friday.", ["Taylor", "Texas"]),
    ],
)
def test_a_town_inside_a_longer_name_is_no_place(sentence: str, places: list[str]) -> None:
    from discrepancy.extract.places import find_places

    assert [p.text for p in find_places(sentence)] == places


def test_a_time_in_the_clause_describing_a_person_is_not_when_he_is_named() -> None:
    # The Saturday attack is what the commander did; the strike that killed him is Wednesday's.
    text = (
        f"{DRONE_LEAD} The army said its jets had targeted Tariq Nasser Hamoudi, a commander "
        "behind the bombing of a bus station in Kirkuk on Saturday. A day earlier, Saleem Qadri "
        "was killed on Saturday in Basra."
    )
    after = scope_claims(extract(Article(id="a", text=text, published=PUBLISHED)))
    kept = {(c.kind, c.value): c.scope for c in after}
    assert kept[(Kind.PERSON, "Tariq Nasser Hamoudi")] == MAIN
    # Named with the other day in his own clause, a person stays with that other incident.
    assert kept.get((Kind.PERSON, "Saleem Qadri"), MAIN) != MAIN
