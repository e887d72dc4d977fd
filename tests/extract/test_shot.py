"""People shot, deaths told without a count, and wounded derived when nobody died."""

from __future__ import annotations

import datetime as dt

import pytest

from discrepancy.extract import extract
from discrepancy.extract.casualties import find_counts
from discrepancy.models import Article, Fact, Incident, Kind, Status
from discrepancy.pipeline import run_articles


def counts(sentence: str) -> list[tuple[str, str, float | None, float | None]]:
    return [(c.kind.value, sentence[c.start : c.end], c.low, c.high) for c in find_counts(sentence)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Four people were shot, one fatally, outside a diner in Dayton.",
            [("shot", "Four", 4, 4), ("killed", "one", 1, 1), ("wounded", "Four", 3, 3)],
        ),
        ("Two teenagers were shot near the skate park on Friday.", [("shot", "Two", 2, 2)]),
        # One person named as shot is at least one: the article may go on to others.
        ("A 19-year-old woman was shot in the arm late Saturday.", [("shot", "shot", 1, None)]),
        ("One man was shot in the foot.", [("shot", "One", 1, None)]),
        ("The homeowner drew a gun too, and the two shot at each other.", []),
        ("A boy was shot at a friend's house on Maple Street.", [("shot", "shot", 1, None)]),
        ("Three men were shot at a car wash.", [("shot", "Three", 3, 3)]),
        ("Marcus Reed was shot twice, officers said.", [("shot", "shot", 1, None)]),
        ("Three men were taken to a hospital with gunshot wounds.", [("shot", "Three", 3, 3)]),
        ("A man was found shot to death inside a parked car.", [("killed", "A man", 1, 1)]),
        ("The clerk has died of his injuries, police said.", [("killed", "died", 1, None)]),
        ("The gunfire killed 34-year-old Dana Pike.", [("killed", "killed 34-year-old", 1, None)]),
        (
            "The clerk was taken to a hospital, where he succumbed to his injuries.",
            [("killed", "succumbed to his injuries", 1, None)],
        ),
    ],
)
def test_shot_and_death_phrasings(
    sentence: str, expected: list[tuple[str, str, float | None, float | None]]
) -> None:
    assert counts(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "No one died in the crash on Route 9.",
        "Police said nobody was killed.",
        "He was shot at but not hit.",
    ],
)
def test_no_death_or_shooting_is_read_into(sentence: str) -> None:
    assert [c for c in counts(sentence) if c[0] in ("killed", "shot") and (c[2] or 0) >= 1] == []


def _article(text: str, ident: str = "a", published: dt.date = dt.date(2025, 5, 4)) -> Article:
    return Article(id=ident, text=text, published=published)


def _incident(*articles: Article) -> Incident:
    """The one incident a run on these articles reports them in."""
    [incident] = [i for i in run_articles(list(articles)).incidents if i.articles]
    return incident


def _facts(*articles: Article) -> dict[Kind, Fact]:
    return {f.kind: f for f in _incident(*articles).facts}


def test_people_shot_are_wounded_when_the_article_reports_no_death() -> None:
    extraction = extract(_article("Two men were shot outside a bar in Toledo on Saturday night."))
    wounded = [c for c in extraction.claims if c.kind == Kind.WOUNDED]
    assert [(c.value, c.low, c.high) for c in wounded] == [("Two", 2, 2)]


def test_a_person_shot_who_succumbed_is_not_counted_wounded() -> None:
    text = (
        "A man was shot outside a bar in Toledo on Saturday and was taken to a hospital, where "
        "he succumbed to his injuries."
    )
    extraction = extract(_article(text))
    assert [c.kind for c in extraction.claims if c.kind in (Kind.KILLED, Kind.WOUNDED)] == [
        Kind.KILLED
    ]


def test_people_shot_who_died_are_not_counted_wounded() -> None:
    text = "Two men were shot outside a bar in Toledo on Saturday. One of them died at a hospital."
    facts = _facts(_article(text))
    assert [(c.value, c.low, c.high) for c in facts[Kind.KILLED].claims] == [("One", 1, 1)]
    assert [(c.value, c.low, c.high) for c in facts[Kind.WOUNDED].claims] == [("Two", 1, 1)]


def test_a_later_death_settles_the_wounded_inferred_from_people_shot() -> None:
    early = _article(
        "Three men were shot outside a gas station in Flint on Sunday night, police said.",
        "early",
        dt.date(2025, 5, 5),
    )
    later = _article(
        "One of three men shot outside a Flint gas station on Sunday night has died, police said.",
        "later",
        dt.date(2025, 5, 6),
    )
    incident = _incident(early, later)
    assert set(incident.articles) == {"early", "later"}
    [wounded] = [f for f in incident.facts if f.kind == Kind.WOUNDED]
    assert [(c.article, c.low, c.high, c.derived) for c in wounded.claims] == [
        ("early", 2, 2, True)
    ]


def test_people_shot_less_an_exact_death_count_are_wounded() -> None:
    text = "Six people were shot at a block party in Akron late Saturday, leaving one man dead."
    wounded = _facts(_article(text))[Kind.WOUNDED]
    assert [(c.value, c.low, c.high, c.derived) for c in wounded.claims] == [("Six", 5, 5, True)]


def test_no_wounded_is_derived_when_the_deaths_are_not_counted() -> None:
    text = "Four people were shot in Akron on Saturday. Police said the gunman killed them."
    extraction = extract(_article(text))
    assert [c for c in extraction.claims if c.kind == Kind.WOUNDED] == []


def test_a_victim_in_critical_condition_who_later_died_is_not_counted_wounded() -> None:
    early = _article(
        "A 15-year-old boy is in critical condition after a shooting in Macon on Friday.",
        "early",
        dt.date(2025, 5, 3),
    )
    later = _article(
        "A 15-year-old boy shot in Macon on Friday died on Sunday, police said.",
        "later",
        dt.date(2025, 5, 5),
    )
    wounded = _facts(early, later)[Kind.WOUNDED]
    assert [(c.article, c.value, c.low, c.derived) for c in wounded.claims] == [
        ("early", "critical condition", 0, True)
    ]


def test_victims_told_one_by_one_do_not_contradict_the_total() -> None:
    text = (
        "Five people were shot at a graduation party in Joplin early Sunday, police said. "
        "A 20-year-old woman was shot in the hand. A 19-year-old man was shot in the back."
    )
    shot = _facts(_article(text))[Kind.SHOT]
    assert shot.status != Status.CONFLICT


def test_one_victim_described_in_an_article_that_counts_more_is_at_least_one() -> None:
    text = (
        "Two people were wounded by gunfire in Toledo on Friday. "
        "A 14-year-old girl was wounded in the leg, police said."
    )
    claims = [c for c in extract(_article(text)).claims if c.kind == Kind.WOUNDED]
    assert [(c.value, c.low, c.high) for c in claims] == [
        ("Two", 2, 2),
        ("A 14-year-old girl", 1, None),
    ]


def test_one_victim_alone_is_exactly_one() -> None:
    text = "A 14-year-old girl was wounded by gunfire in Toledo on Friday, police said."
    claims = [c for c in extract(_article(text)).claims if c.kind == Kind.WOUNDED]
    assert [(c.value, c.low, c.high) for c in claims] == [("A 14-year-old girl", 1, 1)]


def test_people_found_shot_are_not_counted_wounded() -> None:
    # Found after the shooting: nothing says they are alive.
    text = "Three men were found shot inside a garage in Marlow on Sunday, deputies said."
    claims = extract(_article(text)).claims
    assert [(c.kind, c.low) for c in claims if c.kind in (Kind.SHOT, Kind.WOUNDED)] == [
        (Kind.SHOT, 3)
    ]


def test_people_found_shot_and_wounded_are_wounded() -> None:
    text = "Two men were found shot and wounded outside a bakery in Marlow on Sunday."
    claims = extract(_article(text)).claims
    assert (Kind.WOUNDED, 2) in [(c.kind, c.low) for c in claims]
