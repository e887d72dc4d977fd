"""Revision or conflict: figures put in time order by publication day and the text's cues.

Every sentence here is written for the test (invented places, people and figures).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any

import pytest

from discrepancy.align.cues import CORRECTION, EARLIER, UPDATE, figure_cue
from discrepancy.align.timeline import describe
from discrepancy.extract.numbers import COUNT, count_interval
from discrepancy.models import Article, Attributed, Claim, Fact, Kind, Status, TimelineEntry
from discrepancy.pipeline import run_articles
from discrepancy.report.json_report import to_dict
from tests.align.test_align import align, only

MON = dt.date(2025, 5, 12)
TUE = dt.date(2025, 5, 13)
WED = dt.date(2025, 5, 14)


def figure(article: str, sentence: str, value: str, who: str | None = None) -> Claim:
    """A killed-count claim read from `value` inside `sentence`, as extraction would give it."""
    words = value.lower()
    match = re.fullmatch(COUNT, words)
    assert match is not None, value
    interval = count_interval(match)
    assert interval is not None
    start = sentence.index(value)
    return Claim(article, Kind.KILLED, value, start, start + len(value), sentence,
                 low=interval[0], high=interval[1], attribution=who)  # fmt: skip


@dataclass(frozen=True)
class Aligned:
    """A killed fact as the report shows it: status, rule, timeline and who says what."""

    status: Status
    revision: bool
    rule: str | None
    timeline: tuple[TimelineEntry, ...]
    disputes: tuple[Attributed, ...]


def aligned(claims: list[Claim], published: dict[str, dt.date | None]) -> Aligned:
    """Align the claims as one incident and describe its one killed fact."""
    fact = only(align(claims, published), Kind.KILLED)
    timeline, disputes = describe(fact, published)
    return Aligned(fact.status, fact.revision, fact.rule, timeline, disputes)


# --- cues ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "value", "cue"),
    [
        ("The toll from the ferry fire has risen to 14, the port authority said.", "14", UPDATE),
        ("Rescuers said the number of dead climbed to at least 22.", "at least 22", UPDATE),
        ("Officials now put the toll at 40 after more bodies were found.", "40", UPDATE),
        ("The toll reached 19 by nightfall.", "19", UPDATE),
        ("Eleven were killed, up from the eight first announced.", "Eleven", UPDATE),
        ("Eleven were killed, up from the eight first announced.", "eight", EARLIER),
        ("It was initially reported that six guards were killed.", "six", EARLIER),
        ("The governor first put the toll at nine.", "nine", EARLIER),
        ("Preliminary figures said 15 people died.", "15", EARLIER),
        ("The office said 27 people died in Varna, not 28 as it had said.", "27", CORRECTION),
        ("The army revised the toll down to 12.", "12", CORRECTION),
        (
            "Officials said 31 people died in the missile strike on the maternity ward in the"
            " old quarter of Dovrany on Monday, not 33 as was first reported.",
            "31",
            CORRECTION,
        ),
        ("Four people were killed in the blast in Tirel.", "Four", None),
        ("A strike earlier this week killed five people.", "five", None),
        ("A half-hour later, three people were shot on Quarry Street.", "three", None),
        ("Police now believe two gunmen killed four people.", "four", None),
    ],
)
def test_figure_cue(sentence: str, value: str, cue: str | None) -> None:
    assert figure_cue(figure("a", sentence, value)) == cue


# --- revisions ----------------------------------------------------------------------------------


def test_first_and_final_figure_in_one_article_are_a_revision_inside_it() -> None:
    sentence = "The governor first put the toll at nine, and later at seven."
    claims = [figure("a", sentence, "nine"), figure("a", sentence, "seven")]
    fact = aligned(claims, {"a": MON})
    assert (fact.status, fact.revision) == (Status.SINGLE, True)
    assert [(e.value, e.superseded) for e in fact.timeline] == [("nine", True), ("seven", False)]


def test_update_words_order_one_days_reports() -> None:
    claims = [
        figure("a", "Twelve people were killed when the dam at Orsk gave way.", "Twelve"),
        figure("b", "The toll from the dam collapse rose to more than 20.", "more than 20"),
        figure("c", "The number of dead has climbed to 31, rescuers said.", "31"),
    ]
    fact = aligned(claims, {"a": MON, "b": MON, "c": MON})
    assert (fact.status, fact.revision) == (Status.AGREE, True)
    assert [(e.article, e.cue) for e in fact.timeline] == [
        ("a", None),
        ("b", UPDATE),
        ("c", UPDATE),
    ]


def test_undated_report_repeating_a_figure_keeps_a_rising_toll_a_revision() -> None:
    claims = [
        figure("a", "Three miners were killed in the collapse at Pelin.", "Three"),
        figure("b", "Five miners were killed in the collapse at Pelin.", "Five"),
        figure("c", "The collapse at Pelin killed five miners.", "five"),
    ]
    fact = aligned(claims, {"a": MON, "b": TUE, "c": None})
    assert (fact.status, fact.revision) == (Status.AGREE, True)
    assert [e.article for e in fact.timeline] == ["a", "b", "c"]


def test_undated_update_goes_after_the_dated_figures() -> None:
    claims = [
        figure("a", "Two people died in the flood in Marov.", "Two"),
        figure("b", "Four people died in the flood in Marov.", "Four"),
        figure("c", "The toll from the Marov flood has risen to six.", "six"),
    ]
    fact = aligned(claims, {"a": MON, "b": TUE, "c": None})
    assert fact.revision is True
    assert [e.value for e in fact.timeline] == ["Two", "Four", "six"]


def test_undated_reports_of_a_toll_seen_to_move_are_read_in_rising_order() -> None:
    # No report is dated; one says the toll rose from four: the others are its moments.
    claims = [
        figure("a", "Four workers died in the silo blast at Keld.", "Four"),
        figure("b", "At least seven workers died in the silo blast at Keld.", "At least seven"),
        figure("c", "The toll from the Keld silo blast has risen to nine.", "nine"),
    ]
    fact = aligned(claims, {"a": None, "b": None, "c": None})
    assert (fact.status, fact.revision) == (Status.AGREE, True)
    assert [e.value for e in fact.timeline] == ["Four", "At least seven", "nine"]


def test_undated_reports_apart_with_no_word_of_a_move_still_conflict() -> None:
    claims = [
        figure("a", "Four workers died in the silo blast at Keld.", "Four"),
        figure("b", "Seven workers died in the silo blast at Keld.", "Seven"),
    ]
    assert aligned(claims, {"a": None, "b": None}).status == Status.CONFLICT


def test_one_days_figures_are_hours_apart_when_the_toll_is_seen_to_move() -> None:
    claims = [
        figure("a", "Twelve people were killed when the dam at Orsk gave way.", "Twelve"),
        figure("b", "Fifteen people were killed when the dam at Orsk gave way.", "Fifteen"),
        figure("c", "The number of dead has climbed to 31, rescuers said.", "31"),
    ]
    fact = aligned(claims, {"a": MON, "b": MON, "c": TUE})
    assert (fact.status, fact.revision) == (Status.AGREE, True)
    assert [e.value for e in fact.timeline] == ["Twelve", "Fifteen", "31"]


def test_an_update_is_newer_than_some_report_of_its_day_not_than_all() -> None:
    claims = [
        figure("a", "The toll from the quake in Brisa has risen to 10.", "10"),
        figure("b", "At least 11 people died in the quake in Brisa.", "At least 11"),
        figure("c", "Twelve people died in the quake in Brisa.", "Twelve"),
    ]
    fact = aligned(claims, {"a": MON, "b": MON, "c": TUE})
    assert (fact.status, fact.revision) == (Status.AGREE, True)
    assert [e.value for e in fact.timeline] == ["10", "At least 11", "Twelve"]


def test_word_that_the_death_toll_rose_lets_the_wounded_count_rise_too() -> None:
    claims = [
        figure("a", "Two were killed and six hurt, police said.", "Two", who="police"),
        figure("b", "The toll has risen to four, doctors said.", "four", who="doctors"),
        replace(figure("a", "Two were killed and six hurt, police said.", "six", who="police"),
                kind=Kind.WOUNDED),
        replace(figure("b", "Nine were hurt, doctors said.", "Nine", who="doctors"),
                kind=Kind.WOUNDED),
    ]  # fmt: skip
    published: dict[str, dt.date | None] = {"a": MON, "b": TUE}
    wounded = only(align(claims, published), Kind.WOUNDED)
    assert (wounded.status, wounded.revision) == (Status.AGREE, True)


def test_a_sentence_saying_the_toll_rose_lets_two_sources_rise_over_days() -> None:
    said = "The toll rose overnight after two of the injured died in hospital."
    claims = [
        figure("a", "Three people were killed, police said.", "Three", who="police"),
        figure("b", "Five people were killed, the hospital said.", "Five", who="the hospital"),
        Claim("c", Kind.KILLED, "died", said.index("died"), said.index("died") + 4, said, low=1),
    ]
    fact = aligned(claims, {"a": MON, "b": TUE, "c": TUE})
    assert (fact.status, fact.revision) == (Status.AGREE, True)


def test_replaced_figures_stand_just_before_their_articles_current_one() -> None:
    said = (
        "The toll rose to 11, up from the nine first announced, the eight given at noon "
        "and the seven given in the morning."
    )
    claims = [
        figure("a", "Three were killed when the bridge at Lund fell.", "Three"),
        figure("b", "Five were killed when the bridge at Lund fell.", "Five"),
        figure("c", said, "nine"),
        figure("c", said, "eight"),
        figure("c", said, "seven"),
        figure("c", said, "11"),
    ]
    fact = aligned(claims, {"a": MON, "b": TUE, "c": WED})
    assert fact.revision is True
    assert [(e.value, e.superseded) for e in fact.timeline] == [
        ("Three", False),
        ("Five", False),
        ("seven", True),
        ("eight", True),
        ("nine", True),
        ("11", False),
    ]


# --- conflicts ----------------------------------------------------------------------------------


def test_downward_correction_is_a_conflict() -> None:
    claims = [
        figure("a", "The toll in Varna has risen to 28, the city office said.", "28"),
        figure("b", "The office said 27 people died in Varna, not 28 as it had said.", "27"),
    ]
    fact = aligned(claims, {"a": WED, "b": WED})
    assert (fact.status, fact.revision) == (Status.CONFLICT, False)
    assert fact.rule == "a correction lowers a figure"


def test_correction_inside_one_article_is_a_conflict() -> None:
    claims = [
        figure("a", "The mayor said 28 people died in Varna.", "28", who="The mayor"),
        figure("a", "The office said 27 people died in Varna, not 28 as it had said.", "27"),
    ]
    fact = aligned(claims, {"a": WED})
    assert (fact.status, fact.revision) == (Status.CONFLICT, False)


def test_a_cap_one_side_gives_against_the_others_count_is_a_dispute() -> None:
    claims = [
        figure(
            "a",
            "The army said fewer than 10 people were killed by its fire.",
            "fewer than 10",
            who="The army",
        ),
        figure(
            "b", "The toll rose to 96, the health ministry said.", "96", who="the health ministry"
        ),
    ]
    fact = aligned(claims, {"a": MON, "b": TUE})
    assert (fact.status, fact.rule) == (
        Status.CONFLICT,
        "a source's cap is exceeded by another source's figure",
    )
    assert [(d.who, d.value) for d in fact.disputes] == [
        ("The army", "fewer than 10"),
        ("the health ministry", "96"),
    ]


def test_no_one_hurt_is_a_count_not_a_cap() -> None:
    claims = [
        Claim(
            "a",
            Kind.KILLED,
            "No one",
            0,
            6,
            "No one was killed in the blaze, police said.",
            low=0,
            high=0,
            attribution="police",
        ),
        figure(
            "b", "The toll from the blaze has risen to two, doctors said.", "two", who="doctors"
        ),
    ]
    fact = aligned(claims, {"a": MON, "b": TUE})
    assert (fact.status, fact.revision) == (Status.AGREE, True)


def test_two_named_sources_apart_without_word_of_an_update_is_a_dispute() -> None:
    claims = [
        figure("a", "Six people were wounded, police in Dorn said.", "Six", who="police in Dorn"),
        figure("b", "Eight people were wounded, doctors said.", "Eight", who="doctors"),
    ]
    fact = aligned(claims, {"a": MON, "b": TUE})
    assert (fact.status, fact.rule) == (
        Status.CONFLICT,
        "named sources give figures that cannot both hold",
    )
    assert {d.who for d in fact.disputes} == {"police in Dorn", "doctors"}


def test_two_parties_in_one_article_are_a_dispute_between_them() -> None:
    sentence = "The rebels said they killed 40 soldiers; the army said 6 died."
    claims = [
        figure("a", sentence, "40", who="The rebels"),
        figure("a", sentence, "6", who="the army"),
        figure("b", "Six soldiers died, the army said.", "Six", who="the army"),
    ]
    fact = aligned(claims, {"a": MON, "b": MON})
    assert (fact.status, fact.rule) == (
        Status.CONFLICT,
        "named sources give figures that cannot both hold",
    )
    assert {d.who for d in fact.disputes} == {"The rebels", "the army"}


def test_one_source_rising_over_days_is_a_revision() -> None:
    claims = [
        figure("a", "Six people died, the ministry said.", "Six", who="the ministry"),
        figure(
            "b", "Eight people died, the Health Ministry said.", "Eight", who="the Health Ministry"
        ),
    ]
    fact = aligned(claims, {"a": MON, "b": TUE})
    assert (fact.status, fact.revision, fact.disputes) == (Status.AGREE, True, ())


def test_unnamed_figures_apart_have_no_who_says_what() -> None:
    claims = [
        figure("a", "Six people died in the fire.", "Six"),
        figure("b", "Eight people died in the fire.", "Eight"),
    ]
    fact = aligned(claims, {"a": MON, "b": MON})
    assert (fact.status, fact.disputes) == (Status.CONFLICT, ())
    assert fact.rule == "one day's reports give figures that cannot both hold"


def test_a_figure_falling_in_a_later_report_is_a_conflict() -> None:
    claims = [
        figure("a", "The number of injured has risen to 80, the ministry said.", "80"),
        figure("b", "Seventy-four people were injured in the strike on Halm.", "Seventy-four"),
    ]
    fact = aligned(claims, {"a": MON, "b": TUE})
    assert (fact.status, fact.rule) == (Status.CONFLICT, "the figure falls in a later report")


# --- end to end ---------------------------------------------------------------------------------


def _killed(facts: tuple[Fact, ...]) -> Fact:
    [fact] = [f for f in facts if f.kind == Kind.KILLED]
    return fact


def test_report_shows_the_timeline_and_who_says_what() -> None:
    articles = [
        Article(id="one", published=MON, text=(
            "KELSO — A fuel tanker exploded on the ring road in Kelso on Monday, setting fire to "
            "three cars. Four people were killed, police said. The driver of the tanker, Piet "
            "Marlow, was among the dead.")),
        Article(id="two", published=TUE, text=(
            "KELSO — A fuel tanker exploded on the ring road in Kelso on Monday. The toll from the "
            "explosion has risen to nine, police said. The driver of the tanker, Piet Marlow, "
            "was among the dead.")),
        Article(id="three", published=MON, text=(
            "A bus caught fire at the depot in Arvon on Monday. The transport authority said "
            "three people were killed. The fire brigade said seven people were killed.")),
    ]  # fmt: skip
    report = run_articles(articles)
    data = to_dict(report)
    by_article = {a: inc for inc in data["incidents"] for a in inc["articles"]}
    [tanker] = [f for f in by_article["one"]["facts"] if f["kind"] == "killed"]
    assert tanker["revision"] is True
    assert [(e["article"], e["published"], e["value"], e["cue"]) for e in tanker["timeline"]] == [
        ("one", "2025-05-12", "Four", None),
        ("two", "2025-05-13", "nine", "update"),
    ]
    [bus] = [f for f in by_article["three"]["facts"] if f["kind"] == "killed"]
    assert bus["status"] == "conflict"
    assert [(a["who"], a["value"]) for a in bus["attributions"]] == [
        ("The transport authority", "three"),
        ("The fire brigade", "seven"),
    ]


def test_two_parties_in_one_sentence_each_say_their_own_figure() -> None:
    articles = [
        Article(id="one", published=MON, text=(
            "A shell hit the grain store in Arvon on Monday. The district council said 14 "
            "people were killed, while the army said fewer than 5 died.")),
        Article(id="two", published=MON, text=(
            "A shell struck the grain store in Arvon on Monday, killing 14 people, the district "
            "council said.")),
    ]  # fmt: skip
    data = to_dict(run_articles(articles))
    [incident] = data["incidents"]
    killed = _killed_dict(incident)
    assert killed["status"] == "conflict"
    assert sorted((a["who"], a["value"]) for a in killed["attributions"]) == [
        ("The district council", "14"),
        ("the army", "fewer than 5"),
        ("the district council", "14"),
    ]


def _killed_dict(incident: dict[str, Any]) -> dict[str, Any]:
    [fact] = [f for f in incident["facts"] if f["kind"] == "killed"]
    return fact
