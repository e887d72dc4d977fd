"""End to end: spellings of one person across two reports of one strike become one variant."""

from __future__ import annotations

import datetime as dt
from functools import cache

from discrepancy import pipeline
from discrepancy.models import Article, Kind, Report, Status

FIRST = Article(
    id="first",
    title="Missile strike on Dovhe market kills eleven",
    published=dt.date(2024, 3, 14),
    text=(
        "A Russian missile struck the central market in Dovhe on Tuesday, killing eleven"
        " people and wounding thirty, regional officials said. On Wednesday, Interior Minister"
        " Oleksiy Danko said the strike broke a local truce. Among the dead was a trader known"
        " as Jamil alias Hawk, neighbours said."
    ),
)
SECOND = Article(
    id="second",
    title="Eleven killed as missile hits Dovhe market",
    published=dt.date(2024, 3, 13),
    text=(
        "Eleven people were killed and thirty wounded when a Russian missile hit the central"
        " market in Dovhe on Tuesday, officials said. Interior Minister Oleksii Danko called"
        " the strike a crime. Jami alias Hawk, a trader, was among those killed."
    ),
)


@cache
def report() -> Report:
    return pipeline.run_articles([FIRST, SECOND])


def person_facts() -> dict[frozenset[str], Status]:
    (incident,) = [i for i in report().incidents if i.articles]
    assert set(incident.articles) == {"first", "second"}
    return {
        frozenset(c.value for c in f.claims): f.status
        for f in incident.facts
        if f.kind == Kind.PERSON
    }


def test_a_minister_quoted_on_another_day_is_one_variant() -> None:
    # The first report dates his statement ("On Wednesday"): he is still of this strike.
    facts = person_facts()
    assert facts[frozenset({"Oleksiy Danko", "Oleksii Danko"})] == Status.VARIANT


def test_one_alias_with_a_letter_dropped_is_one_variant() -> None:
    facts = person_facts()
    assert facts[frozenset({"Jamil alias Hawk", "Jami alias Hawk"})] == Status.VARIANT
