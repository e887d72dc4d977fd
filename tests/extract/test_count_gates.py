"""The word checks in front of the count patterns skip only sentences the patterns cannot match."""

from __future__ import annotations

import random
import re

import pytest

from discrepancy.extract import casualties, casualty_patterns

# Every verb form of lexicon.KILLED_*/WOUNDED_* and of casualty_patterns.SOMEONE_DIED.
VERBS = """shot and killed|shot dead|shot to death|found shot to death|found dead|fatally shot
|fatally stabbed|fatally wounded|fatally injured|killed|dead|slain|murdered|martyred|died|dies
|perished|gunned down|stabbed to death|beaten to death|lost their lives|executed|wounded
|injured|hurt|hospitalized|hospitalised|shot and wounded|shot and injured|seriously wounded
|critically injured|badly hurt|declared dead|pronounced dead|is dead|claimed the life of
|shooting death of|fatally wounding|fatally shooting|killing 34-year-old|killing John Smith
|kills|kill|killing|slaying|slew|shooting dead|murders|murdering|wounds|wound|injure|injures
|hurting|hurts|recovering""".replace("\n", "").split("|")
SENTENCES = [
    f"{subject} {verb} {tail}"
    for verb in VERBS
    for subject, tail in (
        ("A 17-year-old boy was", "on Friday."),
        ("Police said a man", "a woman in the street."),
        ("He", "two people, and a girl has died."),
        ("The gunman", "a double homicide, a Triple Shooting."),
        ("İstanbul: a man was", "— ſo they said."),  # text re folds otherwise: no check
    )
]


def _spans(matches: object) -> list[tuple[int, int]]:
    return [m.span() for m in matches]  # type: ignore[attr-defined]


# Sentences for the count patterns' other verbs: "left", "deaths of", people shot.
COUNT_SENTENCES = [
    "The attack left two people dead and four hurt.",
    "Police are investigating the shooting deaths of three men.",
    "Four people were shot, one fatally, and two were taken to a hospital.",
    "Six were struck by gunfire outside the bar.",
]


@pytest.mark.parametrize(
    "name",
    ["SINGULAR", "SINGULAR_ACTIVE", "MULTIPLE", "PASSIVE", "ACTIVE", "LEAVING",
     "DEATHS_OF", "SHOT_COUNT"],
)  # fmt: skip
def test_needs_words_skip_nothing(name: str) -> None:
    pattern = getattr(casualty_patterns, name)
    plain = re.compile(pattern.pattern.pattern, re.IGNORECASE)
    for sentence in SENTENCES + COUNT_SENTENCES:
        assert _spans(pattern.finditer(sentence)) == _spans(plain.finditer(sentence)), sentence


def test_died_words_skip_nothing() -> None:
    for sentence in SENTENCES:
        if casualty_patterns.SOMEONE_DIED.search(sentence):
            assert casualties._may_hold(sentence, casualty_patterns.DIED_WORDS), sentence


def test_the_label_before_a_bare_number_is_read_in_the_last_word_as_in_the_whole_prefix() -> None:
    from discrepancy.extract.count_phrases import after_label

    rng = random.Random(18)
    pieces = ("Route", "route", " ", "  ", "\n", "9", "x", "-", ".", "’", "'", "A", "b", "no",
              "flight", "Flight", "É", "é", "_", "ß", ",", "(", "area")  # fmt: skip
    labelled = 0
    for _ in range(4000):
        sentence = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        for count_start in range(len(sentence) + 1):
            prefix = sentence[:count_start].rstrip()
            whole = bool(prefix) and bool(casualty_patterns.LABEL_BEFORE.search(prefix))
            assert after_label(sentence, count_start) == whole, (sentence, count_start)
            labelled += whole
    assert labelled > 200  # the sentences did hold labels
