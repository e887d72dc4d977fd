"""Counting (issue 15, point 6): number words and digits, subjects far from the verb, lists
of victims, tolls stated as tolls, and an early and a final figure in one report.

Every sentence is written for these tests; places, people and figures are invented.
"""

from __future__ import annotations

import pytest

from tests.extract.test_casualties import Forbidden, Found, check, counts

# --- a number is read whole, wherever it stands -----------------------------------------

WHOLE_NUMBERS = [
    # "400" inside "3,400" is no count of its own; a reporting verb may stand before a count.
    (
        "Health officials said 3,400 were hurt in the quake's aftershocks and the blasts.",
        [("wounded", "3,400", 3400, 3400)],
        [(None, 400)],
    ),
    # half a dozen is six
    ("Half a dozen people were wounded.", [("wounded", "Half a dozen", 6, 6)], [(None, 12)]),
    # "at six dead": a count after a lower-case word is a count.
    (
        "Early reports put the casualties at six dead and 20 wounded.",
        [("killed", "six", 6, 6), ("wounded", "20", 20, 20)],
        [],
    ),
    # A name or a label before a bare number still makes it no count.
    ("Traffic on Highway 9 killed the mood of the festival.", [], [(None, 9)]),
]

# --- double quotes around a count; "several" is no figure --------------------------------

QUOTED = [
    (
        "Medics said “several” people were injured by the debris.",
        [("wounded", "several", None, None)],
        [],
    ),
    ("The governor said “four villagers” were killed.", [("killed", "four", 4, 4)], []),
]

# --- qualifiers: "more than a dozen", "as high as" ----------------------------------------

QUALIFIED = [
    (
        "More than a dozen pilgrims were hurt in the crush at the gate.",
        [("wounded", "More than a dozen", 13, None)],
        [(None, 12)],
    ),
    (
        "By nightfall the toll had climbed as high as 80, a medic said.",
        [("killed", "as high as 80", 80, None)],
        [],
    ),
    ("Under 100 people were injured, the governor said.", [("wounded", "Under 100", 0, 99)], []),
    (
        "Between 20 and 25 villagers were killed in the raid.",
        [("killed", "Between 20 and 25", 20, 25)],
        [],
    ),
]

# --- the subject far from its verb ---------------------------------------------------------

FAR_SUBJECT = [
    # verbs inside the noun phrase do not hide its noun
    (
        "Eleven people are now known to have been killed in the fire at the depot.",
        [("killed", "Eleven", 11, 11)],
        [],
    ),
    (
        "Seven members of the patrol, including a sergeant, were killed near the river.",
        [("killed", "Seven", 7, 7)],
        [],
    ),
    # an apposition or a parenthesis between count and verb
    (
        "Three villagers, a shepherd and his nephew among them, were killed.",
        [("killed", "Three", 3, 3)],
        [],
    ),
    (
        "Two guards (one of them a cadet) were killed and 14 more were hurt.",
        [("killed", "Two", 2, 2), ("wounded", "14", 14, 14)],
        [],
    ),
    ("They were part of a convoy of nine who lost their lives.", [("killed", "nine", 9, 9)], []),
    ("The militia said the drone killed six of its members.", [("killed", "six", 6, 6)], []),
    ("The ministry said at least five being injured.", [("wounded", "at least five", 5, None)], []),
    (
        "She was one of 40 people to be killed in the raids that night.",
        [("killed", "40", 40, 40)],
        [],
    ),
    ("Dozens were also reported injured.", [("wounded", "Dozens", 24, None)], []),
    ("The blast killed 9 – most of them pupils.", [("killed", "9", 9, 9)], []),
    (
        "The shelling wounded a further 35 people in the market.",
        [("wounded", "35", 35, 35)],
        [("wounded", 1)],
    ),
    ("A shot fatally wounded one guard at the gate.", [("killed", "one", 1, 1)], [("wounded", 1)]),
]

# --- who the victims are ------------------------------------------------------------------

WHO = [
    # a people named in the plural
    ("At least 23 Moldovans were killed in the crash.", [("killed", "At least 23", 23, None)], []),
    ("The raid killed 14 Somalis, the agency said.", [("killed", "14", 14, 14)], []),
    ("Six medics were wounded as they reached the site.", [("wounded", "Six", 6, 6)], []),
    # people recovering are alive and hurt
    (
        "Five people are recovering after the gunfire at the fairground.",
        [("wounded", "Five", 5, 5)],
        [],
    ),
    # children, women and civilians are the toll; commanders a part of it
    (
        "Four children were killed when the shell hit the school.",
        [("killed", "Four", 4, 4)],
        [],
    ),
    # a count taken from a part of a group is a part of the toll
    (
        "The movement confirmed the death of one of its senior commanders in the raid.",
        [("killed", "one", 1, None)],
        [],
    ),
    ("Three of the clan's leaders were killed.", [("killed", "Three", 3, None)], []),
    # "among the dead": a part of the toll
    (
        "Two nurses and a driver are among the dead.",
        [("killed", "Two nurses and a driver", 3, None)],
        [("killed", 1)],
    ),
    # a count after "including" is a part of the toll before it
    (
        "Nine people including four girls were killed.",
        [("killed", "Nine", 9, 9), ("killed", "four", 4, None)],
        [],
    ),
]

# --- lists: "killing X and Y" -------------------------------------------------------------

LISTS = [
    # One victim named by name, then a count: the named man is one of them.
    (
        "A drone strike near Orlenka killed militia commander Taras Velko and two other men.",
        [("killed", "militia commander Taras Velko and two", 3, 3)],
        [("killed", 2)],
    ),
    (
        "The shelling wounded Ilse Marek and four others, the mayor said.",
        [("wounded", "Ilse Marek and four", 5, 5)],
        [("wounded", 4)],
    ),
    # A street is no victim: "Quarry Road and two houses" counts no one.
    ("The blast killed two and damaged Quarry Road and two houses.", [("killed", "two", 2, 2)], []),
    (
        "Two men and five women were wounded in the attack.",
        [("wounded", "Two men and five women", 7, 7)],
        [("wounded", 2), ("wounded", 5)],
    ),
    (
        "At least two men and five women were wounded.",
        [("wounded", "At least two men and five women", 7, None)],
        [],
    ),
    (
        "Nine rescue workers and their translator were killed.",
        [("killed", "Nine rescue workers and their translator", 10, 10)],
        [],
    ),
    (
        "The blast killed the four engineers, as well as their guard, the company said.",
        [("killed", "four engineers, as well as their guard", 5, 5)],
        [],
    ),
    (
        "The strike killed three soldiers and two officers at the post.",
        [("killed", "three soldiers and two officers", 5, None)],
        [],
    ),
    (
        "Eight boys and girls were hurt in the stampede.",
        [("wounded", "Eight", 8, 8)],
        [],
    ),
    # a dash opens an apposition that names the same victims again
    (
        "The shell killed four civilians -- two women and two boys, medics said.",
        [("killed", "four", 4, 4)],
        [("killed", 6)],
    ),
    # "and" after a clause starts another clause, not a second group
    (
        "Twelve people were shot and two men were killed.",
        [("killed", "two", 2, 2), ("shot", "Twelve", 12, 12)],
        [("killed", 14)],
    ),
    (
        "In all, 9 people were hurt and one woman was killed.",
        [("killed", "one", 1, 1), ("wounded", "9", 9, 9)],
        [("killed", 10)],
    ),
    ("The mine killed two soldiers and a mule.", [("killed", "two", 2, 2)], [("killed", 3)]),
    (
        "The gunman killed two guards and a boy was wounded.",
        [("killed", "two", 2, 2), ("wounded", "a boy", 1, 1)],
        [("killed", 3)],
    ),
    (
        "A farmer and his three sons were killed when the missile struck.",
        [("killed", "A farmer and his three", 4, 4)],
        [("killed", 3)],
    ),
    (
        "She and two neighbours were injured by the debris.",
        [("wounded", "She and two", 3, 3)],
        [],
    ),
    (
        "The rocket killed a mother and her two daughters.",
        [("killed", "a mother and her two", 3, 3)],
        [("killed", 1)],
    ),
]

# --- tolls as tolls -----------------------------------------------------------------------

TOLLS = [
    (
        "The death toll from Sunday's attack on the ferry terminal in the northern port town "
        "of Ostrava Nova rose to 31, officials said.",
        [("killed", "31", 31, 31)],
        [],
    ),
    ("The number of injured has since risen to 140.", [("wounded", "140", 140, 140)], []),
    (
        "The number of fishermen killed in the storm of shelling has grown to 17.",
        [("killed", "17", 17, 17)],
        [],
    ),
    ("The number of cars hit in the shooting rose to 40.", [], [(None, 40)]),
    ("The governor put the death toll from the bombing at 26.", [("killed", "26", 26, 26)], []),
    ("The drone strike on the wedding killed 14 guests.", [("killed", "14", 14, 14)], []),
    (
        "Eleven people attending a funeral in Qarnit, near the border, were killed.",
        [("killed", "Eleven", 11, 11)],
        [],
    ),
    ("Six children playing football were wounded.", [("wounded", "Six", 6, 6)], []),
    (
        "Gunmen opened fire on the market, wounding nine shoppers.",
        [("wounded", "nine", 9, 9)],
        [],
    ),
    (
        "The landslide killed 31 people according to the governor and injured 12.",
        [("killed", "31", 31, 31), ("wounded", "12", 12, 12)],
        [],
    ),
    (
        "Villagers put the number of dead as high as 45 after the flood.",
        [("killed", "as high as 45", 45, None)],
        [],
    ),
    # A projection is no report: "could be as high as" ends the toll at its hedge.
    ("Aid groups warned the toll could be as high as 60.", [], [(None, 60)]),
    (
        "A second man died overnight, raising the total number of dead to 9.",
        [("killed", "9", 9, 9)],
        [],
    ),
    (
        "The casualty toll has risen to eight dead and 40 wounded.",
        [("killed", "eight", 8, 8), ("wounded", "40", 40, 40)],
        [],
    ),
    ("Valley death toll rises to 19", [("killed", "19", 19, 19)], []),
    (
        "The number of victims of the landslide on the mountain road has risen to 21.",
        [("killed", "21", 21, 21)],
        [],
    ),
    # a hedge is no toll: "is expected to rise to 30"
    ("The toll is expected to rise to 30.", [], [(None, 30)]),
]

# --- an early and a final figure in one report: both, each its own count --------------------

REVISED = [
    (
        "The toll was first put at 12, later at 10.",
        [("killed", "12", 12, 12), ("killed", "10", 10, 10)],
        [],
    ),
    (
        "Officials initially put the death toll at 30 and later at 26.",
        [("killed", "30", 30, 30), ("killed", "26", 26, 26)],
        [],
    ),
    (
        "The toll rose to 9 and then to 11 as rescuers dug.",
        [("killed", "9", 9, 9), ("killed", "11", 11, 11)],
        [],
    ),
    # the figure a toll changed from is a count of its own
    (
        "The death toll rose from six to 15 overnight.",
        [("killed", "six", 6, 6), ("killed", "15", 15, 15)],
        [("killed", 6.5)],
    ),
    (
        "The number of injured rose to 40, up from an earlier figure of 25.",
        [("wounded", "40", 40, 40), ("wounded", "25", 25, 25)],
        [],
    ),
    (
        "The ministry lowered the number of people killed in the blast to 7.",
        [("killed", "7", 7, 7)],
        [],
    ),
    # right after the toll, no verb: "with the toll at 12"
    ("Rescuers left the site with the toll at 12.", [("killed", "12", 12, 12)], []),
]

# --- deaths and injuries as nouns ---------------------------------------------------------

NOUNS = [
    ("The strike caused the death of four shepherds.", [("killed", "four", 4, 4)], []),
    ("The ministry reported the injury of five others.", [("wounded", "five", 5, 5)], []),
    ("The clash resulted in 14 deaths.", [("killed", "14", 14, 14)], []),
    (
        "Officials spoke of the deaths of 12 pupils and teachers.",
        [("killed", "12", 12, 12)],
        [],
    ),
]


@pytest.mark.parametrize(
    ("sentence", "must_find", "must_not"),
    WHOLE_NUMBERS + QUOTED + QUALIFIED + FAR_SUBJECT + WHO + LISTS + TOLLS + REVISED + NOUNS,
)
def test_counts(sentence: str, must_find: list[Found], must_not: list[Forbidden]) -> None:
    check(sentence, must_find, must_not)


def test_the_early_figure_and_the_final_one_are_two_counts() -> None:
    found = counts("The toll was first put at 12, later at 10.")
    assert [(kind, low) for kind, _, low, _ in found] == [("killed", 12), ("killed", 10)]


def test_an_early_figure_in_a_clause_after_the_toll_is_read_too() -> None:
    found = counts("The toll, first put at 9, was later revised to 7, the governor said.")
    assert [(kind, low) for kind, _, low, _ in found] == [("killed", 9), ("killed", 7)]
