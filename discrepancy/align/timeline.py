"""Whether figures that cannot all hold are a revision over time or a conflict.

A toll reported at several moments rises: "12", then "more than 20", then "31". Figures are
put in time order by the day their article was published; the words beside them (`cues`) say
whether the toll moved ("has risen to", "initially put at"). Within one article an earlier
figure gives way to its update. When the reports say the toll moved, one day's figures (and
an undated update, and every figure when no report is dated) are read in rising order, as
reports hours apart; else one day's figures are one moment. The figures are a revision when
one toll that never falls fits every figure in that order. They conflict when two figures of
one moment cannot both hold (one article's current figures; one day's figures when no report
says the toll moved), when the toll falls or a correction lowers a figure ("33, not 34"),
when one source caps a figure another exceeds ("the army said fewer than 10" against "the
ministry said 112"), or when two named sources are apart and no report says the toll moved.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from discrepancy.align.cues import CORRECTION, EARLIER, UPDATE, figure_cue, speaks_of_change
from discrepancy.extract import lexicon
from discrepancy.extract.attribution import same_source
from discrepancy.models import NUMERIC_KINDS, Attributed, Claim, Fact, Status, TimelineEntry

# The order of figures within one article or one day: an earlier figure, a plain one, then an
# update or a correction (a correction conflicts with any figure above it: `_corrected`).
_RANK = {EARLIER: 0, None: 1, UPDATE: 2, CORRECTION: 2}
# Why figures conflict, as the report words it.
_SAME_ARTICLE = "one article gives figures that cannot both hold"
_CAPPED = "a source's cap is exceeded by another source's figure"
_CORRECTED = "a correction lowers a figure"
_NAMED_APART = "named sources give figures that cannot both hold"
_SAME_DAY = "one day's reports give figures that cannot both hold"
_FALLS = "the figure falls in a later report"
_UNDATED = "an undated figure fits no moment of the toll"
# A figure that says how many: digits or a number word, not "killed", "many" or "dozens".
_NUMBER = re.compile(r"\d|\b(?:" + "|".join(map(re.escape, lexicon.NUMBER_WORDS)) + r")\b", re.I)
# How far below its nominal floor a vague quantity may be: "hundreds" is said of 180, not
# of 120; "dozens" of 20, not of 12.
VAGUE_FLOOR = 0.75
# Facts with more claims than this are judged on their intervals alone: placing each undated
# figure tries every position, and a fact of hundreds of figures is no news story.
_MAX_CLAIMS = 120


@dataclass(frozen=True)
class Settled:
    """How the figures of one fact relate over time."""

    revision: bool
    timeline: tuple[TimelineEntry, ...] = ()
    disputes: tuple[Attributed, ...] = ()
    # Why the figures conflict, in words for the report.
    rule: str | None = None


@dataclass
class _Slot:
    """One moment of the timeline: figures that must all hold at once."""

    members: list[int]
    low: float
    high: float


def _bounds(claim: Claim) -> tuple[float, float]:
    low = -math.inf if claim.low is None else claim.low
    if claim.low is not None and _vague(claim.value):
        # "Hundreds of wounded" is said of 180 too: a vague quantity's floor is loose, and a
        # report's "180" after another's "hundreds" is no fall of the toll.
        low = claim.low * VAGUE_FLOOR
    high = math.inf if claim.high is None else claim.high
    return low, high


def _apart(a: Claim, b: Claim) -> bool:
    """Can the two figures not both hold?"""
    a_low, a_high = _bounds(a)
    b_low, b_high = _bounds(b)
    return a_low > b_high or b_low > a_high


def _ceiling(claim: Claim) -> bool:
    """A cap, not a count: "fewer than 10", "no more than 10" (not "no one", a count of 0)."""
    return claim.high is not None and claim.high >= 1 and (claim.low is None or claim.low <= 0)


def settle(
    claims: Sequence[Claim], published: Mapping[str, dt.date | None], *, moving: bool = False
) -> Settled:
    """A revision with its timeline, or a conflict with who gives which figure.

    `moving`: the incident's reports say a toll moved (`toll_moves` over all its figures).
    """
    if len(claims) > _MAX_CLAIMS:
        return Settled(False)
    cues = [figure_cue(c) for c in claims]
    changing = moving or _changing(claims, cues)
    superseded = _superseded(claims, cues)
    one_article = _same_moment(claims, superseded)
    checks = [
        (_SAME_ARTICLE, one_article),
        (_CAPPED, _capped(claims)),
        (_CORRECTED, _corrected(claims, cues)),
        # Without a word that the toll moved, two named sources whose figures cannot both hold
        # disagree ("police said 6", "hospital officials said 7"), whatever their days.
        (_NAMED_APART, [] if changing else _named_apart(claims)),
    ]
    pairs = [pair for _, found in checks for pair in found]
    rule = next((reason for reason, found in checks if found), None)
    if rule == _SAME_ARTICLE and all(_two_sources(claims[i], claims[j]) for i, j in one_article):
        # "IS said it killed 60; officials said 23 died": two parties in one article.
        rule = _NAMED_APART
    sequence: list[_Slot] = []
    if not pairs:
        sequence, pairs, rule = _order(claims, cues, superseded, published, hours_apart=changing)
    if pairs:
        return Settled(False, disputes=_disputes(claims, pairs), rule=rule)
    return Settled(True, timeline=_timeline(claims, cues, superseded, sequence, published))


def toll_moves(claims: Sequence[Claim]) -> bool:
    """Do an incident's reports say a toll moved? Tolls are reported together ("the toll rose
    to 54 dead and 297 injured"): a word of change about one counts for all of them."""
    return _moves(frozenset(claims))


# Asked of the same claims when they are aligned and again when the report is written; the
# answer, which the claims' order cannot change, reads every figure's words once.
@lru_cache(maxsize=256)
def _moves(claims: frozenset[Claim]) -> bool:
    return _changing(list(claims), [figure_cue(c) for c in claims])


def describe(
    fact: Fact, published: Mapping[str, dt.date | None], *, moving: bool = False
) -> tuple[tuple[TimelineEntry, ...], tuple[Attributed, ...]]:
    """A revision's timeline and a conflict's "who says what", from the fact's claims.

    `moving` as `settle` was given it when the fact was aligned.
    """
    claims = fact.claims
    if fact.kind not in NUMERIC_KINDS or len(claims) > _MAX_CLAIMS:
        return (), ()
    if fact.status == Status.CONFLICT:
        return (), settle(claims, published, moving=moving).disputes
    if not fact.revision:
        return (), ()
    if any(_apart(a, b) for n, a in enumerate(claims) for b in claims[n + 1 :]):
        return settle(claims, published, moving=moving).timeline, ()
    # Figures that all hold together but rise over the days: their order, nothing replaced.
    cues = [figure_cue(c) for c in claims]
    changing = moving or _changing(claims, cues)
    sequence, _, _ = _order(claims, cues, set(), published, hours_apart=changing)
    return _timeline(claims, cues, set(), sequence, published), ()


def _changing(claims: Sequence[Claim], cues: Sequence[str | None]) -> bool:
    """Do the reports say the toll moved: a figure's cue, or a sentence saying a toll rose?"""
    if any(cue is not None for cue in cues):
        return True
    # A sentence of many figures is read once (the answer depends on the sentence alone).
    one_per_sentence = {c.sentence: c for c in claims}
    return any(speaks_of_change(c) for c in one_per_sentence.values())


def _two_sources(a: Claim, b: Claim) -> bool:
    """Are the claims credited to two named sources?"""
    return bool(a.attribution and b.attribution and not same_source(a.attribution, b.attribution))


def _corrected(claims: Sequence[Claim], cues: Sequence[str | None]) -> list[tuple[int, int]]:
    """A figure a correction lowers ("27 died, not 28"), in its own article or another."""
    return [
        (i, j)
        for j, cue in enumerate(cues)
        if cue == CORRECTION
        for i, higher in enumerate(claims)
        if _bounds(higher)[0] > _bounds(claims[j])[1]
    ]


def _named_apart(claims: Sequence[Claim]) -> list[tuple[int, int]]:
    """Pairs of figures from two named sources that cannot both hold."""
    return [
        (i, j)
        for i, a in enumerate(claims)
        for j in range(i + 1, len(claims))
        if a.attribution
        and claims[j].attribution
        and _apart(a, claims[j])
        and not same_source(a.attribution, claims[j].attribution or "")
    ]


def _superseded(claims: Sequence[Claim], cues: Sequence[str | None]) -> set[int]:
    """Figures their own article replaces: "initially seven" beside "has risen to nine"."""
    by_article: dict[str, list[int]] = defaultdict(list)
    for index, claim in enumerate(claims):
        by_article[claim.article].append(index)
    replaced = set()
    for indexes in by_article.values():
        for i in indexes:
            if any(
                _RANK[cues[i]] < _RANK[cues[j]] and _apart(claims[i], claims[j]) for j in indexes
            ):
                replaced.add(i)
    return replaced


def _same_moment(claims: Sequence[Claim], superseded: set[int]) -> list[tuple[int, int]]:
    """Pairs of one article's current figures that cannot both hold."""
    by_article: dict[str, list[int]] = defaultdict(list)
    for index, claim in enumerate(claims):
        if index not in superseded:
            by_article[claim.article].append(index)
    return [
        (i, j)
        for indexes in by_article.values()
        for n, i in enumerate(indexes)
        for j in indexes[n + 1 :]
        if _apart(claims[i], claims[j])
    ]


def _capped(claims: Sequence[Claim]) -> list[tuple[int, int]]:
    """A cap one source gives that a figure from another source exceeds, in any order."""
    return [
        (i, j)
        for i, cap in enumerate(claims)
        if _ceiling(cap) and cap.attribution
        for j, other in enumerate(claims)
        if other.attribution
        and other.low is not None
        and cap.high is not None
        and other.low > cap.high
        and not same_source(cap.attribution, other.attribution)
    ]


def _order(
    claims: Sequence[Claim],
    cues: Sequence[str | None],
    superseded: set[int],
    published: Mapping[str, dt.date | None],
    *,
    hours_apart: bool,
) -> tuple[list[_Slot], list[tuple[int, int]], str | None]:
    """Current figures in time order, and the pairs that keep them from one rising toll.

    Reports of one day may be hours apart: when the reports say the toll moved, one day's
    figures are read in rising order; else they are one moment, and figures that cannot both
    hold conflict.
    """
    current = [i for i in range(len(claims)) if i not in superseded]
    by_day: dict[dt.date, list[int]] = defaultdict(list)
    undated = []
    for i in current:
        day = published.get(claims[i].article)
        if day is None:
            undated.append(i)
        else:
            by_day[day].append(i)
    sequence: list[_Slot] = []
    for day in sorted(by_day):
        if hours_apart:
            # An update is newer than some report of the day, not than all of them: the
            # day's figures are read in rising order.
            ordered = sorted(by_day[day], key=lambda i: (_bounds(claims[i]), _RANK[cues[i]]))
            sequence += [_slot(claims, [i]) for i in ordered]
        else:
            sequence.append(_slot(claims, by_day[day]))
    falls, reason = _falls(claims, sequence)
    if falls:
        return sequence, falls, reason
    for i in sorted(undated, key=lambda i: _bounds(claims[i])):
        placed = _place(
            claims,
            sequence,
            i,
            free=cues[i] is not None or not sequence or (hours_apart and not by_day),
        )
        if placed is None:
            members = [j for slot in sequence for j in slot.members]
            apart = [(j, i) for j in members if _apart(claims[i], claims[j])]
            return sequence, apart or [(i, i)], _UNDATED
        sequence = placed
    return sequence, [], None


def _slot(claims: Sequence[Claim], members: list[int]) -> _Slot:
    lows, highs = zip(*(_bounds(claims[i]) for i in members), strict=True)
    return _Slot(members, max(lows), min(highs))


def _falls(
    claims: Sequence[Claim], sequence: Sequence[_Slot]
) -> tuple[list[tuple[int, int]], str | None]:
    """The first pair where the toll would have to fall (or one moment's figures part)."""
    level, setter = -math.inf, None
    for slot in sequence:
        if slot.low > slot.high:
            return _split(claims, slot.members), _SAME_DAY
        if slot.low > level:
            level, setter = slot.low, max(slot.members, key=lambda i: _bounds(claims[i])[0])
        if level > slot.high:
            low = min(slot.members, key=lambda i: _bounds(claims[i])[1])
            return [(setter if setter is not None else low, low)], _FALLS
    return [], None


def _split(claims: Sequence[Claim], members: Sequence[int]) -> list[tuple[int, int]]:
    return [
        (i, j)
        for n, i in enumerate(members)
        for j in members[n + 1 :]
        if _apart(claims[i], claims[j])
    ]


def _place(
    claims: Sequence[Claim], sequence: list[_Slot], index: int, *, free: bool
) -> list[_Slot] | None:
    """The sequence with an undated figure added where the toll still rises, if anywhere.

    A figure without a cue repeats a moment's figure (it joins a slot); one with a cue, or one
    with no dated figure to join, may stand at any moment.
    """
    low, high = _bounds(claims[index])
    # The moment a repeated figure most likely belongs to: the latest one not above it.
    preferred = sorted(range(len(sequence)), key=lambda p: (sequence[p].low > low, -p))
    for position in preferred:
        slot = sequence[position]
        if max(low, slot.low) <= min(high, slot.high):
            joined = _Slot([*slot.members, index], max(low, slot.low), min(high, slot.high))
            trial = [*sequence[:position], joined, *sequence[position + 1 :]]
            if not _falls(claims, trial)[0]:
                return trial
    if free:
        for position in range(len(sequence), -1, -1):
            trial = [*sequence[:position], _Slot([index], low, high), *sequence[position:]]
            if not _falls(claims, trial)[0]:
                return trial
    return None


def _disputes(claims: Sequence[Claim], pairs: Sequence[tuple[int, int]]) -> tuple[Attributed, ...]:
    """Who gives which of the figures that cannot all hold, when two sources are named."""
    involved = sorted({i for pair in pairs for i in pair})
    sources: list[str] = []
    for i in involved:
        who = claims[i].attribution
        if who and not any(same_source(who, seen) for seen in sources):
            sources.append(who)
    if len(sources) < 2:
        return ()
    return tuple(Attributed(claims[i].attribution, claims[i].value, claims[i].article)
                 for i in involved)  # fmt: skip


@lru_cache(maxsize=4096)
def _vague(value: str) -> bool:
    """Is the figure a vague quantity ("dozens", "hundreds of"), with no digit or number word?"""
    return _NUMBER.search(value) is None


def _informative(claim: Claim) -> bool:
    """Does the figure say how many ("five", "at least 12"), not only "killed" or "dozens"?"""
    return not _vague(claim.value)


def _timeline(
    claims: Sequence[Claim],
    cues: Sequence[str | None],
    superseded: set[int],
    sequence: Sequence[_Slot],
    published: Mapping[str, dt.date | None],
) -> tuple[TimelineEntry, ...]:
    position = {i: float(n) for n, slot in enumerate(sequence) for i in slot.members}
    current = dict(position)
    for i in superseded:
        # A replaced figure comes just before its own article's current one.
        same = [current[j] for j in current if claims[j].article == claims[i].article]
        position[i] = min(same, default=-1.0) - 0.5
    order = sorted(
        (i for i in position if _informative(claims[i])),
        key=lambda i: (position[i], _bounds(claims[i]), i),
    )
    return tuple(
        TimelineEntry(claims[i].article, published.get(claims[i].article), claims[i].value,
                      claims[i].low, claims[i].high, cues[i], i in superseded)
        for i in order
    )  # fmt: skip
