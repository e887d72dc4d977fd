"""Tests for killed/wounded counts in sentences: what must be found and what must not."""

from __future__ import annotations

import itertools

import pytest

from discrepancy.extract.casualties import find_counts

# (kind, value as written, low, high); None for an open end.
Found = tuple[str, str, float | None, float | None]
# (kind or None for any kind, a number that must not be read as a count of that kind)
Forbidden = tuple[str | None, float]


def counts(sentence: str) -> list[Found]:
    """Every count in a sentence as (kind, text, low, high)."""
    found = []
    for count in find_counts(sentence):
        found.append((count.kind.value, sentence[count.start : count.end], count.low, count.high))
    return found


def check(sentence: str, must_find: list[Found], must_not: list[Forbidden]) -> None:
    """Every expected count is found; no forbidden number is read as a count."""
    found = counts(sentence)
    for expected in must_find:
        assert expected in found, f"missing {expected} in {sentence!r}; found {found}"
    for kind, number in must_not:
        wrong = [f for f in found if (kind is None or f[0] == kind) and number in (f[2], f[3])]
        assert not wrong, f"{number} read as a {kind or 'casualty'} count in {sentence!r}: {wrong}"


# --- issue 2: numbers as intervals from wording -------------------------------------------

WORDING = [
    ("At least four people were killed in the blast.", [("killed", "At least four", 4, None)], []),
    (
        "More than 100 people were wounded when the roof collapsed on the crowd.",
        [("wounded", "More than 100", 101, None)],
        [(None, 100)],
    ),
    ("Gunmen killed at least 12 people in the village.", [("killed", "at least 12", 12, None)], []),
    ("Twenty-one people were killed in the bombing.", [("killed", "Twenty-one", 21, 21)], []),
    ("Three hundred people were wounded.", [("wounded", "Three hundred", 300, 300)], []),
    ("A man was killed in the shooting.", [("killed", "A man", 1, 1)], []),
    ("A woman was wounded in the crossfire.", [("wounded", "A woman", 1, 1)], []),
    ("Fewer than ten people were hurt.", [("wounded", "Fewer than ten", 0, 9)], []),
    ("Some 15 people were wounded.", [("wounded", "Some 15", 13, 17)], [(None, 15)]),
]

# --- issue 3: counting language --------------------------------------------------------------

COUNTING = [
    (
        "A 24-year-old man is accused of fatally shooting three of his family members.",
        [("killed", "three", 3, 3)],
        [],
    ),
    ("Police said he killed four of his neighbors.", [("killed", "four", 4, 4)], []),
    # The second shooting of a round-up: "another" sets it beside the first, the count holds.
    (
        "Near the pier, a gunman wounded another three men after an argument, police said.",
        [("wounded", "three", 3, 3)],
        [],
    ),
    # Dead at the scene is a part of the toll: others may die later.
    (
        "Two were pronounced dead at the scene and three others were hurt.",
        [("killed", "pronounced dead", 1, None), ("wounded", "three", 3, 3)],
        [("killed", 2)],
    ),
    (
        "A man was shot and killed outside a bar on Elm Street in Dayton late Friday.",
        [("killed", "A man", 1, 1)],
        [],
    ),
    (
        "Two people died and three others were hurt.",
        [("killed", "Two", 2, 2), ("wounded", "three", 3, 3)],
        [("killed", 3), ("wounded", 2)],
    ),
    (
        "Two people died, three others were hurt.",
        [("killed", "Two", 2, 2), ("wounded", "three", 3, 3)],
        [("killed", 3), ("wounded", 2)],
    ),
    (
        "The car bomb went off near a checkpoint, killing the driver and two passengers.",
        [("killed", "the driver and two", 3, 3)],
        [("killed", 2)],
    ),
    ("No one was injured in the attack.", [("wounded", "No one was injured", 0, 0)], []),
    ("Nobody was hurt in the second blast.", [("wounded", "Nobody was hurt", 0, 0)], []),
    ("No injuries were reported.", [("wounded", "No injuries were reported", 0, 0)], []),
    ("The death toll rose to 5 on Thursday.", [("killed", "5", 5, 5)], []),
    ("The death toll has risen to 23.", [("killed", "23", 23, 23)], []),
    ("The death toll stands at 12.", [("killed", "12", 12, 12)], []),
    (
        "Between 10 and 15 people were killed in the raid.",
        [("killed", "Between 10 and 15", 10, 15)],
        [],
    ),
    ("Ten to fifteen people were killed.", [("killed", "Ten to fifteen", 10, 15)], []),
    ("Dozens of people were injured in the explosion.", [("wounded", "Dozens of", 24, None)], []),
    ("Scores of civilians were wounded.", [("wounded", "Scores of", 40, None)], []),
    ("Hundreds of people were injured.", [("wounded", "Hundreds of", 200, None)], []),
    # "several" states no figure: a count with no bound either way
    ("Several people were injured in the crash.", [("wounded", "Several", None, None)], []),
    (
        "The blast left two dead and five injured.",
        [("killed", "two", 2, 2), ("wounded", "five", 5, 5)],
        [],
    ),
    (
        "The drone strike killed three fighters and wounded five others.",
        [("killed", "three", 3, 3), ("wounded", "five", 5, 5)],
        [("killed", 5), ("wounded", 3)],
    ),
    (
        "The attack killed one person and injured 14 others.",
        [("killed", "one", 1, 1), ("wounded", "14", 14, 14)],
        [],
    ),
    ("Four people, including a child, were killed.", [("killed", "Four", 4, 4)], []),
    (
        "Seven people were wounded, police said.",
        [("wounded", "Seven", 7, 7)],
        [("killed", 7)],
    ),
    (
        "2 people were killed and 11 wounded.",
        [("killed", "2", 2, 2), ("wounded", "11", 11, 11)],
        [],
    ),
    # a subset noun says the toll is at least that many
    ("Two commanders were killed in the strike.", [("killed", "Two", 2, None)], []),
]

# --- issue 3: days, years, street numbers, ages, times, phone numbers are never counts --------

NEVER_COUNTS = [
    (
        "On January 28, three soldiers were killed.",
        [("killed", "three", 3, 3)],
        [(None, 28)],
    ),
    ("Five people were killed on March 3.", [("killed", "Five", 5, 5)], [(None, 3)]),
    ("Five people were killed on 3 March.", [("killed", "Five", 5, 5)], [(None, 3)]),
    (
        "In 2019, 12 people were killed in a similar attack.",
        [("killed", "12", 12, 12)],
        [(None, 2019)],
    ),
    ("The 2019 attack killed 40 people.", [("killed", "40", 40, 40)], [(None, 2019)]),
    (
        "Police were called to the 300 block of Elm Street, where two men were shot and wounded.",
        [("wounded", "two", 2, 2)],
        [(None, 300)],
    ),
    (
        "The shooting on the 1200 block of Pine Street killed one person.",
        [("killed", "one", 1, 1)],
        [(None, 1200)],
    ),
    (
        "A 16-year-old was shot and killed on Friday.",
        [("killed", "A 16-year-old", 1, 1)],
        [(None, 16)],
    ),
    (
        "A 16-year-old boy was killed and a 45-year-old woman was wounded.",
        [("killed", "A 16-year-old boy", 1, 1), ("wounded", "a 45-year-old woman", 1, 1)],
        [(None, 16), (None, 45)],
    ),
    ("He was 16 when he was killed.", [], [(None, 16)]),
    ("The shooter, 21, was killed by police.", [], [(None, 21)]),
    ("Police said the suspect, 19, killed two people.", [("killed", "two", 2, 2)], [(None, 19)]),
    ("The victims, ages 19 and 22, were killed.", [], [(None, 19), (None, 22)]),
    (
        "The shooting happened at 3:10 a.m. and left three people dead.",
        [("killed", "three", 3, 3)],
        [(None, 3.10), (None, 10)],
    ),
    ("At 3:10 a.m., 2 people were killed.", [("killed", "2", 2, 2)], [(None, 10)]),
    (
        "Shots were fired at 11 p.m., killing two people.",
        [("killed", "two", 2, 2)],
        [(None, 11)],
    ),
    (
        "The strike hit at 10:45 p.m. and killed four.",
        [("killed", "four", 4, 4)],
        [(None, 10), (None, 45)],
    ),
    ("Anyone with information is asked to call 555-0142.", [], [(None, 555), (None, 142)]),
    (
        "Call 555-0142 if you saw the shooting that killed two people.",
        [("killed", "two", 2, 2)],
        [(None, 555), (None, 142)],
    ),
    (
        "He called 911 at 2:15 a.m., minutes before three people were shot dead.",
        [("killed", "three", 3, 3)],
        [(None, 911), (None, 15)],
    ),
    (
        "The gunman fired 40 rounds, killing three people.",
        [("killed", "three", 3, 3)],
        [(None, 40)],
    ),
    ("Officers fired 30 rounds, killing the suspect.", [], [(None, 30)]),
    (
        "Gunmen opened fire on 5 July, killing seven people.",
        [("killed", "seven", 7, 7)],
        [(None, 5)],
    ),
    (
        "Three people were killed in the attack on Route 6.",
        [("killed", "Three", 3, 3)],
        [(None, 6)],
    ),
    (
        "The 4th Brigade lost soldiers in the ambush that killed 3.",
        [("killed", "3", 3, 3)],
        [(None, 4)],
    ),
    # A related video's running time and a photo gallery's position are not counts.
    ("2:38 Teen killed in crash on the interstate", [], [(None, 38), (None, 2)]),
    (
        "Photo 3 of 9 Two men were wounded outside the club.",
        [("wounded", "Two", 2, 2)],
        [(None, 9), (None, 3)],
    ),
]

# --- follow-up and court reporting: the toll told as charges and multiples ------------------

FOLLOW_UP = [
    (
        "Detectives are still looking for a suspect in the shooting deaths of three men.",
        [("killed", "three", 3, 3)],
        [],
    ),
    (
        "She was charged with killing two of them and wounding a neighbour.",
        [("killed", "two", 2, 2)],
        [],
    ),
    ("Two of the victims died at the hospital.", [("killed", "Two", 2, 2)], [("killed", 1)]),
    ("Two men were fatally shot outside a bar.", [("killed", "Two", 2, 2)], [("killed", 1)]),
    ("The suspect in the triple homicide appeared in court.", [("killed", "triple", 3, 3)], []),
    (
        "Police called it a double murder-suicide.",
        [("killed", "double", 3, 3)],
        [("killed", 2)],
    ),
    ("A double shooting left a street in shock.", [("shot", "double", 2, 2)], []),
    ("Police are also seeking a gunman in another double shooting.", [], [(None, 2)]),
    (
        "Two other shootings left three people hurt.",
        [("wounded", "three", 3, 3)],
        [("wounded", 2)],
    ),
    (
        "The jury convicted him of killing 22-year-old Dana Royce.",
        [("killed", "killing 22-year-old", 1, None)],
        [(None, 22)],
    ),
    ("One of the witnesses said she heard six shots.", [], [(None, 1), (None, 6)]),
]

# --- people joined by "and", possessives, people sent to hospital -----------------------------

PAIRS_AND_POSSESSIVES = [
    (
        "A man and a woman were wounded outside the laundromat.",
        [("wounded", "A man and a woman", 2, 2)],
        [],
    ),
    (
        "A 9-year-old girl and a 12-year-old boy were hurt by stray bullets.",
        [("wounded", "A 9-year-old girl and a 12-year-old boy", 2, 2)],
        [(None, 9), (None, 12)],
    ),
    ("A man and a dog were hurt when the porch collapsed.", [], [("wounded", 2)]),
    (
        "The gunman wounded his younger sister before fleeing.",
        [("wounded", "his younger sister", 1, None)],
        [],
    ),
    ("He said he would never hurt his brother.", [], [("wounded", 1)]),
    ("Police said he planned to kill his wife.", [], [("killed", 1)]),
    ("The gunfire sent five people to the hospital.", [("shot", "five", 5, 5)], []),
]

# --- negation and deaths that end a hospital stay ------------------------------------------

NEGATED_AND_LATER = [
    (
        "Thankfully nobody died in the blaze, a neighbour said.",
        [("killed", "nobody died", 0, 0)],
        [("killed", 1)],
    ),
    ("He was not killed, his brother said.", [], [("killed", 1)]),
    # "No one else" counts the others: no figure for the total.
    ("No one else was injured in the shooting, police said.", [], [("wounded", 0)]),
    (
        "Eight victims aged between 18 and 40 were wounded.",
        [],
        [(None, 18), (None, 40)],
    ),
    ("One man in the back seat was not injured.", [], [("wounded", 1)]),
    (
        "The girl stayed in critical condition until she died on Tuesday.",
        [("killed", "died", 1, None)],
        [("wounded", 1)],
    ),
    (
        "The driver remains in serious condition at County General.",
        [("wounded", "serious condition", 1, None)],
        [],
    ),
    (
        "A stray bullet claimed the life of a young father.",
        [("killed", "claimed the life of", 1, None)],
        [],
    ),
    ("Reporters asked whether anyone had been killed in the blast.", [], [("killed", 1)]),
    ("Investigators would not say how the clerk died.", [], [("killed", 1)]),
    ("Deputies said the family's dog was killed by a stray round.", [], [("killed", 1)]),
    (
        "The sheriff said a dog that was shot after biting a deputy in the yard is dead.",
        [],
        [("killed", 1)],
    ),
    (
        "A dog that was shot after attacking a county officer is dead, the station learned.",
        [],
        [("killed", 1), ("shot", 1)],
    ),
    # A near miss is no casualty.
    ("The stray rounds nearly killed his grandmother, a neighbor said.", [], [("killed", 1)]),
    ("The gunman almost killed two deputies before he fled.", [], [("killed", 2)]),
    ("The clerk said she nearly died when the bullet hit her car.", [], [("killed", 1)]),
    (
        "The gunman killed his grandmother, a neighbor said.",
        [("killed", "his grandmother", 1, None)],
        [],
    ),
]


@pytest.mark.parametrize(("sentence", "must_find", "must_not"), WORDING)
def test_wording_gives_interval(
    sentence: str, must_find: list[Found], must_not: list[Forbidden]
) -> None:
    check(sentence, must_find, must_not)


@pytest.mark.parametrize(("sentence", "must_find", "must_not"), COUNTING)
def test_counting_language(
    sentence: str, must_find: list[Found], must_not: list[Forbidden]
) -> None:
    check(sentence, must_find, must_not)


@pytest.mark.parametrize(
    ("sentence", "must_find", "must_not"), FOLLOW_UP + PAIRS_AND_POSSESSIVES + NEGATED_AND_LATER
)
def test_follow_ups_pairs_negations_and_deaths_after_a_hospital_stay(
    sentence: str, must_find: list[Found], must_not: list[Forbidden]
) -> None:
    check(sentence, must_find, must_not)


@pytest.mark.parametrize(("sentence", "must_find", "must_not"), NEVER_COUNTS)
def test_days_years_streets_ages_times_phones_are_not_counts(
    sentence: str, must_find: list[Found], must_not: list[Forbidden]
) -> None:
    check(sentence, must_find, must_not)


@pytest.mark.parametrize(
    "sentence",
    [
        "Dozens of people were injured in the explosion.",
        "Scores of civilians were wounded.",
        "Many people were hurt in the stampede.",
        "Hundreds of people were injured.",
    ],
)
def test_approximate_words_are_intervals_never_points(sentence: str) -> None:
    found = counts(sentence)
    assert found, f"no count in {sentence!r}"
    for kind, _, low, high in found:
        assert kind in ("killed", "wounded")
        assert low != high, f"a vague word was read as a point in {sentence!r}"


@pytest.mark.parametrize(
    "sentence",
    [
        "The death toll rose to 5 on Thursday.",
        "The death toll has risen to 23.",
        "The toll climbed to 9 overnight.",
    ],
)
def test_rising_toll_is_marked_as_revision(sentence: str) -> None:
    found = list(find_counts(sentence))
    assert [c.revision for c in found] == [True]


def test_toll_that_only_stands_is_not_a_revision() -> None:
    found = list(find_counts("The death toll stands at 12."))
    assert [c.revision for c in found] == [False]


@pytest.mark.parametrize(
    "sentence",
    [
        "Police said the suspect was arrested at his home.",
        "The market reopened on Sunday with 300 stalls.",
        "He was sentenced to 25 years in prison.",
        "The agency said the claim was false.",
        "One of the sources said the strike was planned for weeks.",
        "She paid $300 for the rifle in 2021.",
    ],
)
def test_sentences_without_casualties_give_no_counts(sentence: str) -> None:
    assert counts(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [s for s, _, _ in WORDING + COUNTING + NEVER_COUNTS],
)
def test_count_offsets_are_inside_the_sentence_and_do_not_overlap(sentence: str) -> None:
    spans = sorted((c.start, c.end) for c in find_counts(sentence))
    for start, end in spans:
        assert 0 <= start < end <= len(sentence)
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end <= start
