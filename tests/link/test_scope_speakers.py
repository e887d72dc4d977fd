"""Tests that a person who speaks stays with the story whatever day the sentence names."""

from __future__ import annotations

import datetime as dt

import pytest

from discrepancy.extract import extract
from discrepancy.link.scope import MAIN, scope_claims
from discrepancy.models import Article, Kind

PUBLISHED = dt.date(2024, 3, 14)  # a Thursday
LEAD = (
    "A missile struck a market in Dovhe on Tuesday, killing eleven people and wounding"
    " thirty, regional officials said."
)


def person_scopes(other: str) -> dict[str, str | None]:
    """Each person of the second sentence with the scope scoping gave it."""
    article = Article(id="a", text=f"{LEAD} {other}", published=PUBLISHED)
    extraction = extract(article)
    people = [c for c in extraction.claims if c.kind == Kind.PERSON and c.start > len(LEAD)]
    scoped = {(c.start, c.end): c.scope for c in scope_claims(extraction)}
    return {c.value: scoped.get((c.start, c.end)) for c in people}


@pytest.mark.parametrize(
    ("other", "name"),
    [
        # The day is when they spoke: the minister and the deputy are of this story.
        ("On Wednesday, foreign minister Oleksiy Danko said the strike broke a truce.",
         "Oleksiy Danko"),
        ("At noon, the deputy Mariia Orlyk hinted that a second market was hit in January.",
         "Mariia Orlyk"),
        ('"It was a market day," said the regional governor, Taras Vovk, on Wednesday.',
         "Taras Vovk"),
    ],
)  # fmt: skip
def test_a_speaker_stays_with_the_story(other: str, name: str) -> None:
    assert person_scopes(other)[name] == MAIN


def test_a_person_killed_in_another_event_stays_background() -> None:
    scopes = person_scopes("Last month, a similar strike killed the commander Danylo Hrab.")
    assert scopes["Danylo Hrab"] != MAIN


def test_counts_beside_a_statements_day_are_the_incidents() -> None:
    # The only day in the sentence dates the condemnation, not the strike it reports.
    text = (
        "Oberland on Tuesday strongly condemned the strike by its neighbour which resulted in "
        "the death of two children while injuring three women."
    )
    extraction = extract(Article(id="a", text=text, published=PUBLISHED))
    scoped = [
        (c.kind, c.value, c.scope)
        for c in scope_claims(extraction)
        if c.kind in (Kind.KILLED, Kind.WOUNDED)
    ]
    assert scoped == [(Kind.WOUNDED, "three", MAIN), (Kind.KILLED, "two", MAIN)]
