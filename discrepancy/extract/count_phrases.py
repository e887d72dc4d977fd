"""The noun phrase of a casualty count and whether a number there is a count at all.

Shared by `casualties` (killed, wounded, shot) and `tolls` (toll phrases): the head noun of
"seven aid workers of the charity", whether it names people, what interval a count with that
noun allows, a second group joined by "and", and the numbers that are never counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from discrepancy.extract import casualty_patterns as patterns
from discrepancy.extract import lexicon
from discrepancy.extract.caseless import Caseless
from discrepancy.extract.numbers import Interval, count_interval

# Words after the head noun of a count: "nine people along the highway", "seven civilians
# overnight", "three members of the militia", "12 people including children"; and the verbs
# the noun phrase may run into ("13 people are currently known to have been killed").
_NP_END = frozenset(
    """of from in at inside with on near and along across throughout overnight during
    outside around near into onto over under after before since last this early late
    when while who that which including among are is were was have has had been being
    to""".split()
)


# Nouns in -ing that may follow another word of a noun phrase ("the wedding", "a bus
# building"): not a participle.
_ING_NOUNS = frozenset(
    """building buildings wedding weddings gathering gatherings meeting meetings evening
    morning bombing bombings shooting shootings sibling siblings offspring housing
    clothing ceiling wing""".split()
)
_YEARS_OLD = re.compile(r"\d+-year-olds?")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")


def head_word(np: str) -> str | None:
    """The noun a count is attached to, as written: "militia fighters of the X" -> "fighters"."""
    head: str | None = None
    for word in np.split():
        word = word.strip(".,’'")
        if word.lower() in _NP_END:
            break
        if head is not None and word.lower().endswith("ing") and word.lower() not in _ING_NOUNS:
            break  # "people attending a wedding": a participle after the noun starts a clause
        head = word
    return head


def head_noun(np: str) -> str | None:
    """The noun a count is attached to, lower-cased."""
    head = head_word(np)
    return None if head is None else head.lower()


def is_person_head(head: str | None, np: str = "") -> bool:
    """Does the count's noun (`head` of the noun phrase `np`) name people?"""
    if head is None:
        # "three were killed" has no noun; "One of the sources said" is not a count, but
        # "four of them" and "two of the victims" are.
        return not np.strip() or bool(patterns.OF_PEOPLE.match(np))
    written = head_word(np)
    return (
        head in lexicon.PERSON_NOUNS
        or head in lexicon.SUBSET_NOUNS
        or head in lexicon.MORE_PERSON_NOUNS
        or bool(_YEARS_OLD.fullmatch(head))
        or (
            written is not None
            and written.lower() == head
            and bool(patterns.DEMONYM.fullmatch(written))
        )
    )


def plausible_number(sentence: str, match: re.Match[str]) -> bool:
    """Is the count of `match` a count, not a day, a year, an age, a time or money?"""
    count_start = match.start("count")
    if patterns.NOT_COUNT_BEFORE.search(sentence[max(0, count_start - 30) : count_start]):
        return False
    if (
        count_start >= 2
        and sentence[count_start - 1] in ",."
        and sentence[count_start - 2].isdigit()
    ):
        return False  # "800" inside "2,800"
    if match.group("num") is None:
        return True
    start, end = match.start("num"), match.end("num2") if match.group("num2") else match.end("num")
    if patterns.MONTH_BEFORE.search(sentence[max(0, start - 12) : start]):
        return False
    if patterns.NOT_COUNT_AFTER.match(sentence[end : end + 14]):
        return False
    if _YEAR.fullmatch(match.group("num")):
        return False  # a year
    return not (start > 0 and sentence[start - 1] in "$#/")


def _part_of_group(head: str | None) -> bool:
    # "two commanders were killed": the toll is at least two; "two children" are the toll.
    return head in lexicon.SUBSET_NOUNS and head not in lexicon.WHOLE_GROUP_NOUNS


def interval_for(match: re.Match[str], head: str | None, sentence: str = "") -> Interval | None:
    """The interval a count with this head noun allows in this sentence."""
    interval = count_interval(match)
    if interval is None:
        return None
    low, high = interval
    if _part_of_group(head):
        return (low, None)
    partitive = patterns.PARTITIVE.match(sentence, match.end("count")) if sentence else None
    if partitive is not None and _part_of_group(partitive.group("noun").lower()):
        # "one of its top commanders": a part of the toll, at least one.
        return (low, None)
    count_start = match.start("count")
    if patterns.SUBSET_BEFORE.search(sentence[max(0, count_start - 40) : count_start]):
        # "ten people, including three children": three of the ten, at least three.
        return (low, None)
    return (low, high)


def plus(match: re.Match[str], interval: Interval) -> tuple[Interval, int] | None:
    """The toll with a second group joined by "and" (patterns.PLUS), and where the count now
    ends; None when the second group is not people."""
    if "plus" not in match.groupdict() or not match.group("plus"):
        return interval, match.end("count")
    more: Interval
    if match.group("also"):
        return interval, match.end("count")  # "children and teenagers": the same count
    if match.group("one"):
        more = (1, 1)  # "and their driver": one more
    else:
        np = match.group("np_b") or ""
        second = count_interval(match, "_b")
        if second is None or not is_person_head(head_noun(np), np):
            return None
        more = (second[0], None) if _part_of_group(head_noun(np)) else second
    low = None if interval[0] is None or more[0] is None else interval[0] + more[0]
    high = None if interval[1] is None or more[1] is None else interval[1] + more[1]
    return (low, high), match.end("plus")


def scan(pattern: Caseless, sentence: str) -> Iterator[re.Match[str]]:
    """Every match, also those starting inside an earlier one: when "On January 28 three
    soldiers were killed" first reads "28" as the count, "three" must still be tried."""
    position = 0
    while True:
        match = pattern.search(sentence, position)
        if match is None:
            return
        yield match
        position = match.start() + 1


def ends_clause(sentence: str, end: int) -> bool:
    """Does a clause end at `end` ("killed 11 – mostly children", "killed three, and")?"""
    return bool(patterns.CLAUSE_END.match(sentence, end))


def after_label(sentence: str, count_start: int) -> bool:
    """Is a bare number right after a name or a label ("Route 9 killed")?"""
    prefix = sentence[:count_start].rstrip()
    if not prefix:
        return False
    # Every match is a run of word characters, apostrophes, hyphens and dots that ends the
    # prefix, so it lies in the prefix's last word: searching from there finds the same match
    # without trying every position of a long sentence again for each of its counts.
    last_word = prefix.rsplit(None, 1)[-1]
    return bool(patterns.LABEL_BEFORE.search(prefix, len(prefix) - len(last_word)))
