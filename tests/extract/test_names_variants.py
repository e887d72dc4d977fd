"""Tests that the name rules reach the report: which spellings become a variant, and why."""

from __future__ import annotations

import pytest

from discrepancy.align.facts import align_incidents
from discrepancy.models import Claim, Fact, Kind, Status


def person(article: str, value: str) -> Claim:
    """A person claim as the extractor makes it."""
    return Claim(
        article, Kind.PERSON, value, 0, len(value), value, subject="victim", normalized=value
    )


def person_facts(*spellings: str) -> list[Fact]:
    """The person facts of one incident whose articles a, b, ... spell one name each."""
    claims = [person(chr(ord("a") + i), s) for i, s in enumerate(spellings)]
    articles = [c.article for c in claims]
    facts = align_incidents(
        {"inc": claims}, dict.fromkeys(articles), {a: i for i, a in enumerate(articles)}
    )
    return [f for f in facts["inc"] if f.kind == Kind.PERSON]


@pytest.mark.parametrize(
    ("a", "b", "rule"),
    [
        ("Mykola Hrytsenko", "Nikolai Hrytsenko", "Ukrainian and Russian forms of a given name"),
        ("Rana Kamal Alrashidi", "Rana Kamal al-Rashidi", "article written into the name"),
        ("Mohammad Taqi Farzan", "Mohammadtaqi Farzan", "name words joined or split"),
    ],
)
def test_new_rules_make_a_variant(a: str, b: str, rule: str) -> None:
    (fact,) = person_facts(a, b)
    assert (fact.status, fact.rule) == (Status.VARIANT, rule)


def test_a_second_given_name_spelled_apart_is_a_variant() -> None:
    # The first given name agrees; the second differs in spelling: an editor checks it.
    (fact,) = person_facts("Samir Hadi Hajji Nasri", "Samir Hadi Hajj Nasri")
    assert fact.status == Status.VARIANT


@pytest.mark.parametrize(
    ("a", "b"),
    [("Rima Haddad", "Rima Nabil Haddad"), ("Paula Grant", "Paula J. Grant"),
     ("Darnell Hughes", "Darnell Hughes Jr.")],
)  # fmt: skip
def test_a_fuller_form_agrees(a: str, b: str) -> None:
    (fact,) = person_facts(a, b)
    assert fact.status == Status.AGREE
    assert fact.rule in {"fuller form (a middle name)", "fuller form (an initial)", "suffix"}


def test_different_people_stay_two_facts() -> None:
    facts = person_facts("Olha Bondar", "Olena Bondar")
    assert len(facts) == 2
