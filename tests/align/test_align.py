"""Tests for aligning claims across sources into facts with statuses."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from discrepancy.align.facts import align_incidents, discrepancies, fingerprint, numeric_conflicts
from discrepancy.extract.numbers import COUNT, count_interval
from discrepancy.models import Claim, Fact, Kind, Status

DAY1 = dt.date(2024, 3, 9)
DAY2 = dt.date(2024, 3, 10)


def count(article: str, kind: Kind, value: str, subject: str | None = None) -> Claim:
    """A numeric claim whose interval is read from its wording, as extraction would."""
    import re

    match = re.fullmatch(COUNT, value, re.IGNORECASE)
    assert match is not None
    interval = count_interval(match)
    assert interval is not None
    return Claim(
        article,
        kind,
        value,
        0,
        len(value),
        value,
        subject=subject,
        low=interval[0],
        high=interval[1],
    )


def name(article: str, kind: Kind, value: str, role: str | None = None) -> Claim:
    """A person or organisation claim."""
    return Claim(article, kind, value, 0, len(value), value, subject=role, normalized=value)


def date(article: str, value: str, normalized: str) -> Claim:
    """A date claim."""
    return Claim(article, Kind.DATE, value, 0, len(value), value, normalized=normalized)


def align(claims: list[Claim], published: dict[str, dt.date | None] | None = None) -> list[Fact]:
    """The facts of one incident made of these claims."""
    articles = list(dict.fromkeys(c.article for c in claims))
    published = published or dict.fromkeys(articles)
    order = {a: i for i, a in enumerate(articles)}
    return align_incidents({"inc": claims}, published, order)["inc"]


def only(facts: list[Fact], kind: Kind) -> Fact:
    """The one fact of a kind."""
    found = [f for f in facts if f.kind == kind]
    assert len(found) == 1, found
    return found[0]


# --- numbers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "values", "status"),
    [
        (Kind.WOUNDED, ["six", "seven"], Status.CONFLICT),
        (Kind.WOUNDED, ["6", "Seven"], Status.CONFLICT),
        (Kind.KILLED, ["more than 40", "34"], Status.CONFLICT),
        (Kind.KILLED, ["dozens", "12"], Status.CONFLICT),
        (Kind.KILLED, ["at least four", "four"], Status.AGREE),
        (Kind.KILLED, ["at least four", "six"], Status.AGREE),
        (Kind.KILLED, ["at least four", "three"], Status.CONFLICT),
        (Kind.WOUNDED, ["six", "6"], Status.AGREE),
        (Kind.WOUNDED, ["about 20", "20", "at least 18"], Status.AGREE),
        (Kind.KILLED, ["dozens", "30"], Status.AGREE),
        (Kind.KILLED, ["between 10 and 15", "12"], Status.AGREE),
        (Kind.KILLED, ["between 10 and 15", "16"], Status.CONFLICT),
        (Kind.KILLED, ["nearly 100", "100"], Status.CONFLICT),
        (Kind.KILLED, ["five"], Status.SINGLE),
    ],
)
def test_numeric_status(kind: Kind, values: list[str], status: Status) -> None:
    claims = [count(f"art{i}", kind, v) for i, v in enumerate(values)]
    fact = only(align(claims), kind)
    assert fact.status == status
    assert fact.revision is False
    assert [c.value for c in fact.claims] == values


@pytest.mark.parametrize(("value", "status"), [("180", Status.AGREE), ("120", Status.CONFLICT)])
def test_a_vague_quantity_has_a_loose_floor(value: str, status: Status) -> None:
    # "Hundreds of wounded" one day, "180 wounded" the next: said of 180, not of 120.
    claims = [count("a", Kind.WOUNDED, "hundreds of"), count("b", Kind.WOUNDED, value)]
    published = {"a": dt.date(2024, 5, 1), "b": dt.date(2024, 5, 2)}
    assert only(align(claims, published), Kind.WOUNDED).status == status


def test_around_and_exact_troop_counts_agree() -> None:
    claims = [
        count("a", Kind.TROOPS, "around 2,500", "US troops in Iraq"),
        count("b", Kind.TROOPS, "2,500", "US troops in Iraq"),
        count("b", Kind.TROOPS, "900", "US troops in Syria"),
        count("c", Kind.TROOPS, "about 900", "US troops in Syria"),
    ]
    facts = [f for f in align(claims) if f.kind == Kind.TROOPS]
    assert {(f.subject, f.status) for f in facts} == {
        ("US troops in Iraq", Status.AGREE),
        ("US troops in Syria", Status.AGREE),
    }


def test_troop_counts_for_different_places_never_conflict() -> None:
    claims = [
        count("a", Kind.TROOPS, "2,500", "US troops in Iraq"),
        count("b", Kind.TROOPS, "900", "US troops in Syria"),
    ]
    facts = [f for f in align(claims) if f.kind == Kind.TROOPS]
    assert sorted(f.status for f in facts) == [Status.SINGLE, Status.SINGLE]


def test_killed_and_wounded_are_separate_facts() -> None:
    claims = [count("a", Kind.KILLED, "two"), count("b", Kind.WOUNDED, "seven")]
    facts = align(claims)
    assert [(f.kind, f.status) for f in facts] == [
        (Kind.KILLED, Status.SINGLE),
        (Kind.WOUNDED, Status.SINGLE),
    ]


def test_exact_figures_rising_by_day_are_a_revision() -> None:
    claims = [
        count("day1a", Kind.KILLED, "3"),
        count("day1b", Kind.KILLED, "three"),
        count("day2", Kind.KILLED, "five"),
    ]
    published = {"day1a": DAY1, "day1b": DAY1, "day2": DAY2}
    fact = only(align(claims, published), Kind.KILLED)
    assert (fact.status, fact.revision) == (Status.AGREE, True)


@pytest.mark.parametrize(
    ("first", "second", "published"),
    [
        ("5", "3", {"a": DAY1, "b": DAY2}),  # falling over time
        ("3", "5", {"a": DAY1, "b": DAY1}),  # same day
        ("3", "5", {"a": DAY1, "b": None}),  # one undated
        ("3", "5", {"a": None, "b": None}),  # both undated
    ],
)
def test_not_a_revision(first: str, second: str, published: dict[str, dt.date | None]) -> None:
    claims = [count("a", Kind.KILLED, first), count("b", Kind.KILLED, second)]
    fact = only(align(claims, published), Kind.KILLED)
    assert (fact.status, fact.revision) == (Status.CONFLICT, False)


def test_same_day_conflict_breaks_a_revision() -> None:
    claims = [
        count("a", Kind.KILLED, "3"),
        count("b", Kind.KILLED, "4"),
        count("c", Kind.KILLED, "7"),
    ]
    fact = only(align(claims, {"a": DAY1, "b": DAY1, "c": DAY2}), Kind.KILLED)
    assert (fact.status, fact.revision) == (Status.CONFLICT, False)


def test_numeric_conflicts_table() -> None:
    rows = [("k1", 6.0, 6.0), ("k1", 7.0, 7.0), ("k2", 4.0, None), ("k2", 4.0, 4.0)]
    bounds = numeric_conflicts(rows)
    assert bounds["k1"].conflict is True
    assert bounds["k2"].conflict is False
    assert (bounds["k2"].highest_low, bounds["k2"].lowest_high) == (4.0, 4.0)


def test_numeric_conflicts_open_bounds_and_key_order() -> None:
    # "at least 5" beside "at most 3" cannot both hold; a claim with no bounds allows anything.
    rows = [("b", 5.0, None), ("a", None, None), ("b", None, 3.0)]
    bounds = numeric_conflicts(rows)
    assert list(bounds) == ["b", "a"]
    assert bounds["b"] == (3.0, 5.0, True)
    assert bounds["a"] == (math.inf, -math.inf, False)


# --- names -------------------------------------------------------------------------------------


def test_two_spellings_of_one_commander_are_a_variant_with_its_rule() -> None:
    claims = [
        name("a", Kind.PERSON, 'Khalid Hamid "Abu Jafar" al-Tamimi', "commander"),
        name("b", Kind.PERSON, "Abu Jaafar al-Tamimi", "commander"),
    ]
    fact = only(align(claims), Kind.PERSON)
    assert fact.status == Status.VARIANT
    assert fact.rule == "same kunya and family name"
    assert fact.subject == "commander"
    assert {c.article for c in fact.claims} == {"a", "b"}


def test_given_name_transliterations_are_a_variant() -> None:
    claims = [
        name("a", Kind.PERSON, "Qasim al-Jubouri", "spokesman"),
        name("b", Kind.PERSON, "Kasim al-Juburi", "spokesman"),
    ]
    fact = only(align(claims), Kind.PERSON)
    assert (fact.status, fact.rule) == (Status.VARIANT, "same given and family name")


def test_each_name_part_written_otherwise_is_its_own_variant() -> None:
    # One spelling, and others that each write one part of it otherwise: an editor checks
    # the given name and the family name as two questions.
    claims = [
        name("a", Kind.PERSON, "Yusuf Qandil", "spokesman"),
        name("b", Kind.PERSON, "Yusuf Qandil", "spokesman"),
        name("c", Kind.PERSON, "Youssef Qandil", "spokesman"),
        name("d", Kind.PERSON, "Yusuf Kandil", "spokesman"),
        name("e", Kind.PERSON, "Yusuf Qandeel", "spokesman"),
    ]
    facts = [f for f in align(claims) if f.kind == Kind.PERSON]
    by_part = {f.part: f for f in facts}
    assert set(by_part) == {"given name", "family name"}
    assert all(f.status == Status.VARIANT and f.subject == "spokesman" for f in facts)
    given, family = by_part["given name"], by_part["family name"]
    assert {c.value for c in given.claims} == {"Yusuf Qandil", "Youssef Qandil"}
    assert {c.value for c in family.claims} == {"Yusuf Qandil", "Yusuf Kandil", "Yusuf Qandeel"}
    assert given.rule == "same given and family name; only the given name differs"
    # Two discrepancies, told apart by their fingerprints.
    assert len({d.fingerprint for d in discrepancies("inc", facts)}) == 2


@pytest.mark.parametrize(
    "spellings",
    [
        # Every spelling writes both parts otherwise: one question.
        ["Dmytro Kovalenko", "Dmitri Kovalyenko", "Dmytri Kovalenka"],
        # Only the family name is written otherwise; the article is no other spelling.
        ["Samir al-Haddad", "Samir Haddad", "Samir Hadad"],
        ["Nabil Amer", "Nabeel Amir"],
    ],
)
def test_names_written_otherwise_in_one_way_are_one_variant(spellings: list[str]) -> None:
    claims = [name(f"art{i}", Kind.PERSON, s, "mayor") for i, s in enumerate(spellings)]
    fact = only(align(claims), Kind.PERSON)
    assert (fact.status, fact.part) == (Status.VARIANT, None)
    assert {c.value for c in fact.claims} == set(spellings)


@pytest.mark.parametrize(
    "spellings",
    [
        ["Abu Jafar al-Tamimi", "Abu Jafar Al-Tamimi"],
        ["Abu Jafar al-Tamimi", "ABU JAFAR AL-TAMIMI"],
        ['Khalid Hamid "Abu Jafar" al-Tamimi', "Khalid Hamid “Abu Jafar” al-Tamimi"],
    ],
)
def test_case_and_article_only_differences_agree(spellings: list[str]) -> None:
    claims = [name(f"art{i}", Kind.PERSON, s, "commander") for i, s in enumerate(spellings)]
    fact = only(align(claims), Kind.PERSON)
    assert fact.status == Status.AGREE
    assert fact.rule == "same spelling"


def test_same_family_different_given_names_are_different_people() -> None:
    claims = [
        name("a", Kind.PERSON, "Abu Jafar al-Tamimi", "commander"),
        name("b", Kind.PERSON, "Haidar Salim al-Tamimi", "spokesman"),
    ]
    facts = [f for f in align(claims) if f.kind == Kind.PERSON]
    assert len(facts) == 2
    assert all(f.status == Status.SINGLE for f in facts)
    assert {f.subject for f in facts} == {"commander", "spokesman"}


def test_bare_family_name_joins_the_only_fuller_name() -> None:
    claims = [
        name("a", Kind.PERSON, "Abu Jafar al-Tamimi", "commander"),
        name("b", Kind.PERSON, "al-Tamimi", "commander"),
    ]
    fact = only(align(claims), Kind.PERSON)
    assert fact.status == Status.AGREE
    assert {c.value for c in fact.claims} == {"Abu Jafar al-Tamimi", "al-Tamimi"}


def test_organization_transliterations_are_one_variant() -> None:
    claims = [
        name("a", Kind.ORGANIZATION, "Kataib Hezbollah"),
        name("b", Kind.ORGANIZATION, "Kata'ib Hezbollah"),
        name("c", Kind.ORGANIZATION, "Kataeb Hezbollah"),
        name("c", Kind.ORGANIZATION, "Harakat al-Nujaba"),
    ]
    facts = [f for f in align(claims) if f.kind == Kind.ORGANIZATION]
    by_values = {frozenset(c.value for c in f.claims): f for f in facts}
    kataib = by_values[frozenset({"Kataib Hezbollah", "Kata'ib Hezbollah", "Kataeb Hezbollah"})]
    assert (kataib.status, kataib.rule) == (Status.VARIANT, "same name, other transliteration")
    assert by_values[frozenset({"Harakat al-Nujaba"})].status == Status.SINGLE


def test_one_article_spelling_a_name_two_ways_is_not_a_variant() -> None:
    claims = [
        name("a", Kind.PERSON, "Abu Jafar al-Tamimi", "commander"),
        name("a", Kind.PERSON, "Abu Jaafar al-Tamimi", "commander"),
    ]
    assert only(align(claims), Kind.PERSON).status == Status.SINGLE


# --- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dates", "status"),
    [
        ([("Feb. 7", "2024-02-07"), ("7 February", "2024-02-07")], Status.AGREE),
        ([("Feb. 7", "2024-02-07"), ("Wednesday", "weekday:wednesday")], Status.AGREE),
        ([("Feb. 7", "2024-02-07"), ("Feb. 8", "2024-02-08")], Status.AGREE),  # past midnight
        ([("Feb. 7", "2024-02-07"), ("Feb. 10", "2024-02-10")], Status.CONFLICT),
        # A weekday alone is as often the day of the news as of the event: never a conflict.
        ([("Feb. 7", "2024-02-07"), ("Saturday", "weekday:saturday")], Status.AGREE),
        ([("Wednesday", "2024-02-07"), ("Saturday", "2024-02-10")], Status.AGREE),
        ([("Feb. 7", "2024-02-07")], Status.SINGLE),
    ],
)
def test_date_status(dates: list[tuple[str, str]], status: Status) -> None:
    claims = [date(f"art{i}", value, n) for i, (value, n) in enumerate(dates)]
    assert only(align(claims), Kind.DATE).status == status


def dated(article: str, sentence: str, value: str, normalized: str) -> Claim:
    """A date claim read from a sentence."""
    start = sentence.index(value)
    return Claim(article, Kind.DATE, value, start, start + len(value), sentence,
                 normalized=normalized)  # fmt: skip


@pytest.mark.parametrize(
    "later_news",
    [
        "The city council will declare March 13 a day of mourning for the victims.",
        "Hundreds of mourners attended the funerals on March 14 in the hill town.",
        "A nurse wounded in the blast died on March 15 after her injuries worsened.",
        "As of March 16, the number of dead had risen to nine, the governor said.",
        "Militias have fired on the valley repeatedly since March 1, the army said.",
        "The regional governor said on March 16 that repairs would take a month.",
        "Raids on the valley have grown more frequent after March 1, the army said.",
    ],
)
def test_a_date_of_later_news_does_not_dispute_the_incident_date(later_news: str) -> None:
    event = dated("a", "A missile struck the market in Tarvel on March 11, killing six.",
                  "March 11", "2024-03-11")  # fmt: skip
    value = next(v for v in ("March 13", "March 14", "March 15", "March 16", "March 1")
                 if v in later_news)  # fmt: skip
    other = dated("b", later_news, value, f"2024-03-{value.split()[1]:0>2}")
    assert only(align([event, other]), Kind.DATE).status == Status.AGREE


def test_two_event_dates_days_apart_conflict() -> None:
    one = dated("a", "A missile struck the market in Tarvel on March 11, killing six.",
                "March 11", "2024-03-11")  # fmt: skip
    two = dated("b", "The strike on the Tarvel market on March 14 killed six people.",
                "March 14", "2024-03-14")  # fmt: skip
    assert only(align([one, two]), Kind.DATE).status == Status.CONFLICT


# --- discrepancies -----------------------------------------------------------------------------


def test_discrepancies_list_conflicts_and_variants_only() -> None:
    claims = [
        count("a", Kind.WOUNDED, "six"),
        count("b", Kind.WOUNDED, "seven"),
        count("a", Kind.KILLED, "at least four"),
        count("b", Kind.KILLED, "four"),
        name("a", Kind.PERSON, 'Khalid Hamid "Abu Jafar" al-Tamimi', "commander"),
        name("b", Kind.PERSON, "Abu Jaafar al-Tamimi", "commander"),
    ]
    found = discrepancies("inc", align(claims))
    assert [(d.kind, d.status, d.values, d.articles) for d in found] == [
        (Kind.WOUNDED, Status.CONFLICT, ("six", "seven"), ("a", "b")),
        (
            Kind.PERSON,
            Status.VARIANT,
            ('Khalid Hamid "Abu Jafar" al-Tamimi', "Abu Jaafar al-Tamimi"),
            ("a", "b"),
        ),
    ]
    assert all(d.incident == "inc" for d in found)


def test_fingerprint_ignores_claim_order_and_case() -> None:
    first = align([count("a", Kind.WOUNDED, "six"), count("b", Kind.WOUNDED, "seven")])
    second = align([count("b", Kind.WOUNDED, "Seven"), count("a", Kind.WOUNDED, "Six")])
    assert fingerprint("inc", only(first, Kind.WOUNDED)) == fingerprint(
        "inc", only(second, Kind.WOUNDED)
    )
    other = align([count("a", Kind.WOUNDED, "six"), count("b", Kind.WOUNDED, "eight")])
    assert fingerprint("inc", only(first, Kind.WOUNDED)) != fingerprint(
        "inc", only(other, Kind.WOUNDED)
    )
    assert fingerprint("inc", only(first, Kind.WOUNDED)) != fingerprint(
        "other", only(first, Kind.WOUNDED)
    )
