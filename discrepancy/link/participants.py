"""Two groups of undated reports about two events of one kind: each names its own people.

Without publication dates, time cannot tell two fights of one boxer, two sackings by one
club or two raids by one navy apart: the reports share the famous name, the place and most
words. What differs is who else took part: the opponent, the coach who went, the ship. When
most reports of each group name someone whom no report of the other group mentions, they
tell of two events. Dated reports are left to time, where this test would split a story
whose later reports quote other people (a victim's name early, a suspect's after an arrest).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from functools import lru_cache

from anyascii import anyascii

from discrepancy.extract.names import split_name
from discrepancy.link.profile import Profile

# A name is a group's own when at least this share of its reports name it, and two or more.
OWN_SHARE = 0.5
OWN_MIN_REPORTS = 2


def different_participants(
    profiles: Sequence[Profile], one: Collection[int], other: Collection[int]
) -> bool:
    """Do the two groups, one of them undated, each have a person of their own whom no
    report of the other group mentions?"""
    if len(one) < OWN_MIN_REPORTS or len(other) < OWN_MIN_REPORTS:
        return False
    if all(any(profiles[i].published_ordinal is not None for i in g) for g in (one, other)):
        return False
    return bool(_own_people(profiles, one) - _mentioned(profiles, other)) and bool(
        _own_people(profiles, other) - _mentioned(profiles, one)
    )


# Asked of the same names at every merge grouping weighs: one answer per name.
@lru_cache(maxsize=65536)
def family_word(name: str) -> str:
    """A name's family name as one lower-case word of four letters or more, else "", in
    plain letters ("Vendôme" and "Vendome" are one name)."""
    family = _plain((split_name(name).family or "").lower())
    return family if len(family) >= 4 and family.isalpha() else ""


def _own_people(profiles: Sequence[Profile], group: Collection[int]) -> set[str]:
    """The family names most of the group's reports name, public figures aside: a leader or
    a minister who speaks about the event tells no event apart (two reports of one strike
    quote two leaders' reactions)."""
    figures = {n for i in group for n in profiles[i].figures}
    counts = Counter(
        family
        for i in group
        for family in {family_word(n) for n in profiles[i].people if n not in figures} - {""}
    )
    need = max(OWN_MIN_REPORTS, OWN_SHARE * len(group))
    return {family for family, n in counts.items() if n >= need}


def _mentioned(profiles: Sequence[Profile], group: Collection[int]) -> set[str]:
    """Every family name and lead word of the group's reports."""
    found: set[str] = set()
    for i in group:
        found.update(family_word(n) for n in profiles[i].people)
        found.update(map(_plain, profiles[i].words.keys()))
    return found


def _plain(word: str) -> str:
    """A lower-case word in plain letters: "vendôme" is "vendome"."""
    return word if word.isascii() else anyascii(word)
