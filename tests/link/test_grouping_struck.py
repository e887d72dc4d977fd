"""Where an incident struck, as grouping reads it (issue 15): the country a strike hit is
the incident's own fact, unlike an attacker's nationality, an owner's possessive, a quoted
speaker's words or a town's namesake abroad; two strikes that hit two countries are two
incidents. Hand-written articles; invented towns, people and figures."""

from __future__ import annotations

import datetime as dt

from discrepancy.link.grouping import _vetoed
from discrepancy.models import Article
from tests.link.test_grouping_corpora import one
from tests.link.test_incidents import cleaned, groups, profiles

# --- Which place of the lead is where it struck ---


def test_an_attackers_nationality_is_not_where_it_struck() -> None:
    found = one("Eleven people were killed in Pakistani strikes on Iran early on Thursday.")
    assert found.country == "IR" and found.country_confident


def test_a_strike_on_a_country_is_in_it() -> None:
    found = one("Iranian drones carried out strikes on Pakistan overnight, killing a farmer.")
    assert found.country == "PK" and found.country_confident


def test_a_place_something_is_blamed_on_is_not_where() -> None:
    found = one("A car bomb killed two guards, an attack officials blamed on Israel.")
    assert not found.country_confident
    assert found.countries == frozenset()


def test_a_wars_theatre_is_not_where_it_struck() -> None:
    # The war is fought in one country; this strike hit a beach in another.
    day = dt.date(2025, 7, 27)
    first = Article(
        id="a",
        text=(
            "Nine children died when a rocket hit a beach on Saturday, the worst loss of "
            "civilian life since the war in Gaza began, medics said."
        ),
        published=day,
    )
    second = Article(
        id="b",
        text="A rocket killed nine children on a beach in northern Israel on Saturday.",
        published=day,
    )
    a, b = cleaned(profiles(first, second))
    assert not (a.country == "PS" and a.country_confident)
    assert b.country == "IL" and b.country_confident
    assert not _vetoed(a, b)
    # Nor is the war's theatre the incident's place when the lead names no other.
    alone = one(
        "Nine children were killed on a beach on Saturday, the worst day since the war in Gaza began."
    )
    assert alone.country != "PS"
    inside = one("A missile strike killed nine people in Gaza on Saturday, medics said.")
    assert inside.country == "PS" and inside.country_confident


def test_a_direction_before_the_place_still_puts_it_there() -> None:
    found = one(
        "A drone strike killed three fighters in southern Lebanon on Sunday, Lebanese state "
        "media said."
    )
    assert found.country == "LB" and found.country_confident


def test_a_country_a_town_abroad_is_named_for_needs_another_name_of_it() -> None:
    # American towns are called Lebanon too: "Lebanese" or "Beirut" says the country is meant.
    found = one("A man was shot dead in Lebanon on Sunday, police said.")
    assert found.country == "LB" and not found.country_confident


def test_an_owners_possessive_gives_way_to_where_its_building_stood() -> None:
    # "Iran's consulate" is whose; "in Damascus" is where.
    found = one(
        "Missiles destroyed Iran's consulate in Damascus on Monday, killing five, a Syrian "
        "official said."
    )
    assert found.country == "SY" and found.country_confident


def test_a_possessive_naming_a_province_is_where() -> None:
    found = one("Jets struck hideouts in Iran's Kerman province on Wednesday, killing four.")
    assert found.country == "IR" and found.country_confident


def test_a_place_in_a_speakers_quotation_is_not_where() -> None:
    found = one(
        'A rebel spokesman said "the enemy, which backs the crimes in Gaza, attacked us" as '
        "bombs killed two guards.",
    )
    assert not found.country_confident


def test_the_headline_says_where_when_the_lead_does_not() -> None:
    found = one(
        "The rebels' spokesman said six fighters were killed overnight.",
        title="Night strikes in Yemen kill six rebels",
    )
    assert found.country == "YE" and found.country_confident


def test_a_towns_region_overrules_a_namesake_abroad() -> None:
    # The gazetteer knows an "Eldorado" in Argentina only; the text says it is in Texas.
    found = one("Deputies raided a ranch near Eldorado, Texas, and two men were shot dead.")
    assert found.country == "US"


def test_a_place_that_begins_a_longer_name_is_not_that_place() -> None:
    found = one("A boy, 13, was shot dead in Berlin Heights on Friday evening.")
    assert not found.country_confident
    assert found.countries == frozenset()


def test_a_persons_possessive_is_not_a_place() -> None:
    found = one("A toddler was shot dead at Davis’ home on Friday, deputies said.")
    assert found.countries == frozenset()


def test_a_large_city_whose_country_the_story_names_is_a_confident_reading() -> None:
    # Small American towns share the name; "Syrian" says which is meant.
    found = one("An air strike killed six people in Damascus, Syrian state media said.")
    assert found.country == "SY" and found.country_confident


# --- Two strikes, two countries: two incidents ---

STRIKE_IN_PAKISTAN = (
    "Iranian missiles and drones hit two camps of the Sarhad Front militia in Pakistan's "
    "Kech district on Monday, killing a boy and wounding three women, Pakistani officials "
    "said. Pakistan recalled its ambassador from Tehran and warned Iran of consequences."
)
STRIKE_IN_IRAN = (
    "Pakistani jets struck hideouts of Baloch separatists in Iran's Kerman province on "
    "Wednesday, killing five people, two days after Iranian missiles hit Pakistan. Tehran "
    "summoned Pakistan's envoy; the Sarhad Front said none of its men were hurt."
)
STRIKE_IN_IRAN_AGAIN = (
    "Pakistan's army said its jets struck militant hideouts inside Iran on Wednesday in "
    "retaliation for Monday's missile attack, and Iranian officials said five people were "
    "killed in a village in Iran's Kerman province."
)


def test_a_strike_and_the_retaliation_in_the_other_country_are_two_incidents() -> None:
    first = Article(id="a", text=STRIKE_IN_PAKISTAN, published=dt.date(2025, 2, 11))
    second = Article(id="b", text=STRIKE_IN_IRAN, published=dt.date(2025, 2, 13))
    third = Article(id="c", text=STRIKE_IN_IRAN_AGAIN, published=dt.date(2025, 2, 13))
    a, b, c = cleaned(profiles(first, second, third))
    assert (a.country, b.country, c.country) == ("PK", "IR", "IR")
    assert _vetoed(a, b) and _vetoed(a, c) and not _vetoed(b, c)
    assert groups(first, second, third) == [["a"], ["b", "c"]]


STRIKE_ON_CONSULATE = (
    "Warplanes destroyed the consular annex of the Ostravian embassy in Damascus on Monday, "
    "killing seven officers, Syrian state media said. The annex stood beside the embassy."
)
STRIKE_ON_CONSULATE_AGAIN = (
    "Seven officers died when jets flattened the Ostravian embassy's consular annex in "
    "Damascus on Monday, Syrian officials said, and the embassy's windows were shattered."
)
STRIKE_ON_CONVOY = (
    "An air strike hit a convoy of the Bread Bridge charity in Gaza late on Monday, killing "
    "seven aid workers, the charity said. The convoy had delivered flour to a warehouse."
)


def test_two_strikes_the_same_day_on_two_countries_are_two_incidents() -> None:
    day = dt.date(2025, 3, 4)
    first = Article(id="a", text=STRIKE_ON_CONSULATE, published=day)
    second = Article(id="b", text=STRIKE_ON_CONSULATE_AGAIN, published=day)
    third = Article(id="c", text=STRIKE_ON_CONVOY, published=day)
    a, b, c = cleaned(profiles(first, second, third))
    assert (a.country, b.country, c.country) == ("SY", "SY", "PS")
    assert groups(first, second, third) == [["a", "b"], ["c"]]


# --- What a strike hit: one kind of target by different words; two kinds, two strikes ---


def test_a_target_is_read_by_its_kind() -> None:
    assert one("Jets struck the Ostravian consulate in Qarvel, killing seven.").targets == {
        "mission"
    }
    assert one("An air strike destroyed the embassy's consular annex, killing seven.").targets == {
        "mission"
    }
    assert one("A drone targeted their car on the coast road, killing two.").targets == {"vehicle"}
    # A target no strike word comes before is not what was hit.
    assert one("Seven people were killed near a hospital, officials said.").targets == frozenset()


def test_a_target_named_before_the_strike_word_is_read() -> None:
    found = one("Nine Dead in Consulate Bombing, Officials Say", title="Nine dead")
    assert found.targets == {"mission"}


def test_a_headline_a_page_repeats_leaves_room_for_the_lead() -> None:
    # The page prints its headline twice; the lead's third sentence names the target.
    headline = "Nine Dead in Qarvel Blast as Regime Stays Silent."
    text = (
        f"{headline} A neighbouring state condemned the air strike. {headline} Officials "
        "confirmed nine deaths in the raid targeting the Ostravian consulate on Monday."
    )
    assert one(text).targets == {"mission"}


def test_a_place_after_a_background_cue_anywhere_before_it_is_not_where() -> None:
    found = one(
        "Officials blamed the enemy for the attack, which came the day after eighteen hours "
        "of missile and drone bombardment across Ukraine killed dozens of people."
    )
    assert found.countries == frozenset()


def test_the_city_of_a_place_is_where() -> None:
    found = one("Shelling in the centre of the border city of Kharkiv killed nine people.")
    assert found.country == "UA"
    assert found.countries == {"UA"}


CONSULATE = (
    "Israeli jets struck the Ostravian consulate in Qarvel on Monday, June 2, killing seven "
    "officers of the Ostravian guard, state television said."
)
CONSULATE_AGAIN = (
    "Seven Ostravian officers were killed when an Israeli air strike destroyed the embassy's "
    "consular annex in Qarvel on Monday, officials said."
)
CONVOY = (
    "An Israeli strike hit an aid convoy of the Bread Bridge charity on Monday, killing seven "
    "of its workers, the charity said on June 2."
)
CONVOY_AGAIN = (
    "Seven Bread Bridge aid workers died on Monday when an Israeli drone targeted their car on "
    "the coast road, the charity said."
)


def test_one_armys_strikes_of_one_day_on_two_targets_are_two_incidents() -> None:
    # Neither town is in the gazetteer: the day and the army are all the strikes share, and
    # among other news ("Israeli" is a rare word of the batch) the targets tell them apart.
    day = dt.date(2025, 6, 3)
    strikes = (("a", CONSULATE), ("b", CONSULATE_AGAIN), ("c", CONVOY), ("d", CONVOY_AGAIN))
    news = (
        "A bus overturned on a mountain road in Peru on Sunday, injuring twelve passengers.",
        "Fire destroyed a warehouse of the Corvin paper mill in Lodestar on Saturday.",
        "A jury in Halberd convicted a former mayor of taking bribes from a road builder.",
    )
    found = [Article(id=key, text=text, published=day) for key, text in strikes]
    found += [Article(id=f"x{i}", text=text, published=day) for i, text in enumerate(news)]
    assert groups(*found)[:2] == [["a", "b"], ["c", "d"]]


# --- Two strikes of one day: what each hit ---

CAR_STRIKE = (
    "A drone strike on a car near Sidon on Monday killed three men, among them a field "
    "commander, the health ministry said."
)
HOUSE_STRIKE = (
    "Hours later, a strike on a house in Orlenka killed five people, the health ministry said."
)
HOUSE_FOLLOW_UP = (
    "The strike on a house in Orlenka on Monday evening killed 5 people, two of them children, "
    "the health ministry said on Tuesday. Monday's strike on a car near Sidon killed three."
)


def test_a_count_of_a_strike_on_another_target_is_another_incidents() -> None:
    [house] = profiles(Article(id="c", text=HOUSE_FOLLOW_UP, published=dt.date(2025, 6, 3)))
    # The car's three are the other strike's, and so is the car: the house was hit.
    assert house.targets == frozenset({"residence"})
    assert house.killed == frozenset({5})


def test_two_strikes_of_one_day_on_a_car_and_a_house_stay_two_incidents() -> None:
    day, next_day = dt.date(2025, 6, 2), dt.date(2025, 6, 3)
    found = groups(
        Article(id="a", text=CAR_STRIKE, published=day),
        Article(id="b", text=HOUSE_STRIKE, published=day),
        Article(id="c", text=HOUSE_FOLLOW_UP, published=next_day),
    )
    assert sorted(found) == [["a"], ["b", "c"]]
