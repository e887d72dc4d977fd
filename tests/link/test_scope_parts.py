"""Tests for figures that are not the incident's total: a group counted beside an "at least"
toll, another attack's toll told in passing, one hospital's or one district's figures, and
tolls that rise across the days of the reports."""

from __future__ import annotations

import datetime as dt

from discrepancy.extract import extract
from discrepancy.link.scope import MAIN, scope_claims
from discrepancy.models import Article, Claim, Kind, Status
from discrepancy.pipeline import run_articles

TUESDAY = dt.date(2025, 5, 13)
WEDNESDAY = dt.date(2025, 5, 14)


def scoped(text: str, published: dt.date | None = TUESDAY) -> list[Claim]:
    """The article's count claims after scoping."""
    article = Article(id="a", text=text, published=published)
    return [c for c in scope_claims(extract(article)) if c.kind in (Kind.KILLED, Kind.WOUNDED)]


def test_a_group_beside_an_at_least_toll_is_the_groups_count() -> None:
    claims = scoped(
        "At least 12 people were killed and about 2,600 injured when hundreds of radios"
        " exploded across Norvia on Tuesday, the health ministry said. Two young children have"
        " lost their lives in the blasts."
    )
    subjects = {c.value: c.subject for c in claims if c.kind == Kind.KILLED}
    assert subjects == {"At least 12": None, "Two": "children"}


def test_a_group_of_the_dead_never_conflicts_with_the_toll() -> None:
    first = Article(
        id="first",
        text=(
            "Hand-held radios carried by militia members exploded in Beirut on Tuesday, killing"
            " 12 people and wounding about 2,600, health minister Rami Haddad said."
        ),
        published=TUESDAY,
    )
    second = Article(
        id="second",
        text=(
            "At least 12 people were killed and about 2,600 injured when hand-held radios"
            " carried by militia members exploded in Beirut on Tuesday, health minister Rami"
            " Haddad said. Two young children have lost their lives in the blasts."
        ),
        published=TUESDAY,
    )
    report = run_articles([first, second])
    incident = next(i for i in report.incidents if i.articles)
    assert set(incident.articles) == {"first", "second"}
    killed = [f for f in incident.facts if f.kind == Kind.KILLED]
    assert all(f.status != Status.CONFLICT for f in killed)
    total = next(f for f in killed if f.subject is None)
    assert {c.low for c in total.claims} == {12.0}


OTHER_ATTACK = (
    "Shelling hit the centre of Kursk on Saturday, killing 18 people and wounding 90, the"
    " regional governor said. The attack came a day after Russian forces launched a wave of"
    " missile strikes across Ukraine, among the heaviest of the war. {toll}"
)


def test_the_toll_told_right_after_another_attack_is_that_attacks() -> None:
    text = OTHER_ATTACK.format(toll="At least 40 people were killed, among them six children.")
    claims = scoped(text, dt.date(2025, 5, 17))
    scopes = {c.value: c.scope for c in claims if c.kind == Kind.KILLED}
    assert scopes["18"] == MAIN
    assert scopes["At least 40"] != MAIN


def test_a_toll_anchored_to_the_incident_stays_with_it() -> None:
    text = OTHER_ATTACK.format(toll="Two more people died of their wounds in the shelling.")
    claims = scoped(text, dt.date(2025, 5, 17))
    assert all(c.scope == MAIN for c in claims), [(c.value, c.scope) for c in claims]


def test_a_new_paragraph_after_another_attack_is_the_incidents_again() -> None:
    text = OTHER_ATTACK.format(toll="\n\nAt least 20 people were killed, the governor said.")
    claims = scoped(text, dt.date(2025, 5, 17))
    assert all(c.scope == MAIN for c in claims), [(c.value, c.scope) for c in claims]


def test_another_attacks_toll_never_conflicts_with_the_incidents() -> None:
    first = Article(
        id="first",
        text=OTHER_ATTACK.format(toll="At least 40 people were killed, among them six children."),
        published=dt.date(2025, 5, 17),
    )
    second = Article(
        id="second",
        text=(
            "The death toll from Saturday's shelling of the centre of Kursk has risen to 21, the"
            " regional governor said on Sunday."
        ),
        published=dt.date(2025, 5, 18),
    )
    report = run_articles([first, second])
    incident = next(i for i in report.incidents if "first" in i.articles)
    assert "second" in incident.articles
    killed = [f for f in incident.facts if f.kind == Kind.KILLED]
    assert all(f.status != Status.CONFLICT for f in killed), [
        (f.status, [c.value for c in f.claims]) for f in killed
    ]


def test_a_body_of_another_country_is_an_actor_not_a_place() -> None:
    claims = scoped(
        "On Monday, a missile strike destroyed a consular building in Damascus. At least seven"
        " people were killed in the strike, including a general in Iran's Revolutionary Guard."
    )
    assert [(c.value, c.scope) for c in claims] == [("At least seven", MAIN)]


def test_the_toll_of_an_earlier_named_day_rises_in_a_later_report() -> None:
    claims = scoped(
        "The death toll from Saturday's shelling of the centre of Kursk has risen to 21, the"
        " regional governor said on Sunday.",
        dt.date(2025, 5, 18),
    )
    assert [(c.value, c.scope) for c in claims] == [("21", MAIN)]


HOSPITAL_DAY_ONE = (
    "Russian missiles struck Kharkiv on Monday, killing 20 people and injuring 80, the mayor"
    " said. Fifteen people have been hospitalised."
)
HOSPITAL_DAY_TWO = (
    "Rescuers finished clearing the rubble of the children's hospital in Kharkiv on Tuesday."
    " Two doctors were killed and 30 people were injured when a cruise missile hit the"
    " hospital on Monday. 8 children were hospitalised with their injuries, and 12 were"
    " hospitalized in Poltava. In all, 24 people were killed and 95 injured in Kharkiv on Monday."
)


def test_a_hospitals_figures_and_its_patients_groups_are_parts() -> None:
    claims = scoped(HOSPITAL_DAY_TWO, dt.date(2025, 5, 13))
    subjects = {(c.kind, c.value): c.subject for c in claims}
    assert subjects[(Kind.WOUNDED, "30")] == "at the hospital"
    assert subjects[(Kind.WOUNDED, "8")] == "children hospitalised"
    assert subjects[(Kind.WOUNDED, "12")] == "hospitalised in Poltava"
    assert subjects[(Kind.WOUNDED, "95")] is None


def test_a_hospitals_figures_never_conflict_with_the_citys() -> None:
    first = Article(id="first", text=HOSPITAL_DAY_ONE, published=dt.date(2025, 5, 12))
    second = Article(id="second", text=HOSPITAL_DAY_TWO, published=dt.date(2025, 5, 13))
    report = run_articles([first, second])
    incident = next(i for i in report.incidents if "first" in i.articles)
    assert "second" in incident.articles
    counts = [f for f in incident.facts if f.kind in (Kind.KILLED, Kind.WOUNDED)]
    assert all(f.status != Status.CONFLICT for f in counts), [
        (f.kind, f.subject, f.status, [c.value for c in f.claims]) for f in counts
    ]


def test_another_after_a_count_of_its_own_sentence_goes_on_from_that_count() -> None:
    claims = scoped(
        "A missile strike hit the centre of Kursk on Saturday, officials said. The attack came a"
        " day after heavy bombing in Ukraine that killed 39 people. The governor said 18 people were"
        " killed and another 111 were injured.",
        dt.date(2025, 5, 17),
    )
    scopes = [(c.value, c.scope) for c in claims]
    assert scopes[0][0] == "39"
    assert scopes[0][1] != MAIN
    assert scopes[1:] == [("18", MAIN), ("111", MAIN)]


def test_a_sentence_that_refers_back_to_another_incident_stays_with_it() -> None:
    claims = scoped(
        "A gunman opened fire at a bar in Dayton on Saturday, wounding four people, police said."
        " The bar was also the scene of a shooting last June. In that incident, a student was"
        " killed and nine others were injured.",
        dt.date(2025, 5, 17),
    )
    scopes = {c.value: c.scope for c in claims}
    assert scopes["four"] == MAIN
    assert scopes["nine"] != MAIN


def test_a_superlative_measures_the_incident_against_the_past() -> None:
    claims = scoped(
        "Missiles hit the centre of Kursk on Saturday in an attack that left 18 dead and 111"
        " injured, one of the deadliest for civilians since the start of the war.",
        dt.date(2025, 5, 17),
    )
    assert [(c.value, c.scope) for c in claims] == [("18", MAIN), ("111", MAIN)]


def test_a_tally_over_a_year_is_still_no_incidents_toll() -> None:
    claims = scoped(
        "A gunman wounded two people in Dayton on Saturday. It was the deadliest year since 2015,"
        " with 500 people killed in the city.",
        dt.date(2025, 5, 17),
    )
    assert [c.value for c in claims] == ["two"]


def test_a_day_that_dates_a_statement_is_not_another_incidents() -> None:
    claims = scoped(
        "A missile strike hit an aid convoy in Deir al-Balah on Monday night, officials said. Late"
        " on Tuesday afternoon, the charity said seven of its workers were killed in the strike.",
        WEDNESDAY,
    )
    assert [(c.value, c.scope) for c in claims] == [("seven", MAIN)]


def test_a_lead_that_dates_a_statement_leaves_the_incidents_day_to_its_counts() -> None:
    # The lead tells what a doctor said on Friday, with the date; the counts are Thursday's,
    # the incident's own day, not another incident's.
    claims = scoped(
        "A surgeon in the city said Friday, March 7, 2025, that most of the wounded he saw had"
        " been shot. At least 90 people were killed and more than 600 others injured Thursday,"
        " March 6, when troops fired near a food convoy, health officials said.",
        dt.date(2025, 3, 8),
    )
    assert [(c.value, c.scope) for c in claims] == [
        ("At least 90", MAIN),
        ("more than 600", MAIN),
    ]


def test_the_day_a_wounded_victim_died_is_not_another_incidents() -> None:
    # A follow-up: a nurse hurt in the shelling died days later; the toll is of the shelling.
    claims = scoped(
        "A nurse wounded when shells hit the Tarvel market died on May 9 of her wounds, the"
        " hospital said on Saturday. Nine people were killed when the shells landed on May 4.",
        dt.date(2025, 5, 11),
    )
    assert [(c.value, c.scope) for c in claims] == [("died", MAIN), ("Nine", MAIN)]


def test_a_count_beside_a_wars_theatre_is_still_the_incidents() -> None:
    claims = scoped(
        "A rocket attack on a beach in northern Israel killed nine children on Saturday,"
        " officials said. It was the worst day for the town since the war in Gaza began, with"
        " 30 others wounded on the sand.",
        dt.date(2025, 7, 27),
    )
    assert [(c.value, c.scope) for c in claims] == [("nine", MAIN), ("30", MAIN)]


def test_a_follow_up_leads_toll_is_the_incidents() -> None:
    # The lead of a follow-up: a victim of last week's shelling died; the toll is its own.
    claims = scoped(
        "A teacher has died of her wounds after last week's shelling of the Tarvel market,"
        " bringing the number of dead to 10, the governor said.",
        dt.date(2025, 5, 11),
    )
    assert ("10", MAIN) in [(c.value, c.scope) for c in claims]


def test_a_later_victim_of_another_attack_stays_background() -> None:
    # Further down a report of a new strike, another attack's victim is that attack's.
    claims = scoped(
        "A drone strike killed four people in Tarvel on Saturday, officials said. Separately, a"
        " man died of his wounds after last month's bombing of the Lisky depot, bringing its"
        " toll to 31.",
        dt.date(2025, 5, 11),
    )
    scopes = {c.value: c.scope for c in claims}
    assert scopes["four"] == MAIN
    assert scopes["31"] != MAIN


def test_an_attack_named_by_the_incidents_own_day_is_the_incident() -> None:
    claims = scoped(
        "Rescuers kept searching the rubble after the Tuesday evening strike on Tarvel which"
        " killed 9 people and wounded 40 more, the ministry said.",
        dt.date(2023, 6, 28),
    )
    assert [(c.value, c.scope) for c in claims] == [("9", MAIN), ("40", MAIN)]
    # Another day's attack named so stays another incident.
    claims = scoped(
        "A drone hit a bus in Tarvel on Wednesday, killing two. It came after the Tuesday strike"
        " on Lisky which killed 9 people.",
        dt.date(2023, 6, 28),
    )
    scopes = {c.value: c.scope for c in claims}
    assert scopes["two"] == MAIN and scopes["9"] != MAIN


def test_a_day_told_after_the_event_with_its_source_is_the_events() -> None:
    claims = scoped(
        "A gunman wounded two people in Dayton on Monday, police said. A third man was shot in"
        " Toledo on March 2, police said.",
        dt.date(2025, 5, 13),
    )
    scopes = {c.value: c.scope for c in claims if c.kind == Kind.WOUNDED}
    assert scopes["two"] == MAIN
    assert scopes["shot"] != MAIN


SITE_PARAGRAPHS = (
    "Russian missiles hit Kharkiv on Monday morning. Preliminary reports say 21 people died in"
    " the city and almost 100 were injured.\n\n"
    "In the Kyivskyi district, a missile hit the Saint Vorin children's hospital: its main"
    " building was badly damaged.\n\n"
    "By early afternoon, two nurses were killed and seven people were injured.\n\n"
    "In the Osnovianskyi district of the city, debris fell on a clinic, 7 people were killed"
    " and 3 injured."
)


def test_a_paragraph_that_only_tells_a_site_was_hit_leaves_its_counts_to_the_next() -> None:
    claims = scoped(SITE_PARAGRAPHS, TUESDAY)
    subjects = {(c.kind, c.value): c.subject for c in claims}
    # Written as the other rules write a named hospital, "children's" or not.
    assert subjects[(Kind.WOUNDED, "seven")] == "at Saint Vorin hospital"
    assert subjects[(Kind.WOUNDED, "almost 100")] is None
    assert subjects[(Kind.WOUNDED, "3")] == "in the Osnovianskyi district"


def test_a_site_paragraph_carries_to_one_paragraph_only() -> None:
    text = SITE_PARAGRAPHS.replace(
        "\n\nBy early afternoon,", "\n\nThe mayor visited the scene.\n\nBy early afternoon,"
    )
    subjects = {(c.kind, c.value): c.subject for c in scoped(text, TUESDAY)}
    assert subjects[(Kind.WOUNDED, "seven")] is None


NATIONWIDE = (
    "A massive missile strike hit cities across Ukraine on Monday, damaging hospitals and homes."
    " As of now, 38 are confirmed killed. 190 people were injured. 64 people are in Kyiv"
    " hospitals, 28 are hospitalized in Kharkiv, and 6 people in Odesa."
)


def test_counts_told_across_a_countrys_cities_are_the_countrys() -> None:
    claims = scoped(NATIONWIDE, TUESDAY)
    subjects = {(c.kind, c.value): c.subject for c in claims}
    assert subjects[(Kind.KILLED, "38")] == "across Ukraine"
    assert subjects[(Kind.WOUNDED, "190")] == "across Ukraine"
    assert subjects[(Kind.WOUNDED, "28")] == "hospitalised in Kharkiv"


def test_one_city_told_in_a_countrys_story_keeps_the_total() -> None:
    text = NATIONWIDE.replace(", 28 are hospitalized in Kharkiv, and 6 people in Odesa", "")
    subjects = {(c.kind, c.value): c.subject for c in scoped(text, TUESDAY)}
    assert subjects[(Kind.WOUNDED, "190")] is None


def test_a_superlatives_span_dates_nothing() -> None:
    article = Article(
        id="a",
        text=(
            "Northern Galilee suffered its deadliest attack since the start of the war on"
            " Saturday, with more than a dozen children killed when a rocket hit a playground in"
            " Safed. The rocket also left around thirty people injured, medics said."
        ),
        published=dt.date(2025, 5, 18),
    )
    extraction = extract(article)
    assert extraction.main_time is not None
    assert extraction.main_time.text == "Saturday"
    claims = [c for c in scope_claims(extraction) if c.kind in (Kind.KILLED, Kind.WOUNDED)]
    assert [(c.value, c.scope) for c in claims] == [
        ("more than a dozen", MAIN),
        ("around thirty", MAIN),
    ]
