"""An unnamed hospital is the one hospital its incident's reports name."""

from __future__ import annotations

import datetime as dt

from discrepancy.align.sites import one_named_site
from discrepancy.link.scope_patterns import site_of
from discrepancy.models import Article, Claim, Kind, Status
from discrepancy.pipeline import run_articles


def count(article: str, subject: str | None, value: float) -> Claim:
    return Claim(
        kind=Kind.KILLED, value=str(value), article=article, sentence="", start=0, end=1,
        low=value, high=value, subject=subject,
    )  # fmt: skip


def test_an_unnamed_hospital_takes_the_one_named() -> None:
    claims = [
        count("a", "at Vorin hospital", 2),
        count("b", "in the children’s hospital", 5),
        count("c", "at the hospital", 2),
        count("d", None, 30),
    ]
    assert [c.subject for c in one_named_site(claims)] == [
        "at Vorin hospital",
        "at Vorin hospital",
        "at Vorin hospital",
        None,
    ]


def test_two_named_hospitals_leave_the_unnamed_one_alone() -> None:
    claims = [
        count("a", "at Vorin hospital", 2),
        count("b", "at Lisky hospital", 3),
        count("c", "at the hospital", 5),
    ]
    assert [c.subject for c in one_named_site(claims)] == [
        "at Vorin hospital",
        "at Lisky hospital",
        "at the hospital",
    ]


def test_a_clinic_is_not_a_hospital() -> None:
    claims = [count("a", "at Adler clinic", 9), count("b", "at the hospital", 5)]
    assert [c.subject for c in one_named_site(claims)] == ["at Adler clinic", "at the hospital"]


def test_a_damaged_childrens_hospital_reads_as_the_hospital() -> None:
    assert site_of("The Vorin children's hospital was badly damaged.") == "at Vorin hospital"


def test_two_reports_of_one_hospitals_dead_disagree_as_one_site() -> None:
    day = dt.date(2025, 3, 6)
    first = Article(
        id="one",
        text=(
            "A missile strike on Dravsk on Wednesday killed 30 people, officials said. Two"
            " people were killed in the strike on the Vorin children's hospital."
        ),
        published=day,
    )
    second = Article(
        id="two",
        text=(
            "Missiles fired at Dravsk on Wednesday left at least 30 dead, officials said. Four"
            " people died in the children's hospital alone, the health minister said."
        ),
        published=day,
    )
    report = run_articles([first, second])
    incident = next(i for i in report.incidents if len(i.articles) == 2)
    killed = {f.subject: f for f in incident.facts if f.kind == Kind.KILLED}
    assert killed["at Vorin hospital"].status == Status.CONFLICT
    assert {c.low for c in killed["at Vorin hospital"].claims} == {2.0, 4.0}
    assert killed[None].status != Status.CONFLICT
