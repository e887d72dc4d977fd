"""Words around a figure that place it in time: an earlier figure, an update, a correction.

Reports give the same toll at different moments: "initially put at 7", "has risen to 9",
"33, not 34 as previously reported". The words next to a figure say whether it is a figure
the report has moved past (EARLIER), the newest one (UPDATE) or a lowered one (CORRECTION).
Every pattern runs on a window of at most _WINDOW characters beside the figure, and every
repetition is bounded, so the work per claim is bounded too.
"""

from __future__ import annotations

import re
from functools import lru_cache

from discrepancy.extract.caseless import Caseless, Deferred
from discrepancy.models import Claim

EARLIER = "earlier"
UPDATE = "update"
CORRECTION = "correction"

# How far before a figure a cue may stand: a reporting clause ("State television earlier
# reported the governor saying, ...") can run for a hundred characters before its figure.
_WINDOW = 150
# A few words between the verb and "to": "increased the death toll to", "revised the figures to".
_GAP = r"(?:[\w’'\-]+\s+){0,5}?"
# The most words a cue right before a figure spans: "revised" + _GAP + "down to".
_BEFORE_WORDS = 8

# A word of each verb of an update right before a figure: a window with none skips it.
_UPDATE_WORDS = (
    "rose", "risen", "rises", "rising", "climb", "increas", "jump", "grow", "grew", "reach",
    "mounted", "soared", "rais", "revis", "updat", "bring", "brought", "push", "hit",
    "topped", "passed", "exceed", "now"
)  # fmt: skip
# A word of each cue of an earlier figure in the window.
_EARLIER_NEAR_WORDS = (
    "initial", "original", "previous", "first", "earlier", "preliminar", "provisional"
)  # fmt: skip
# A word of each cue of a newer figure in the window.
_UPDATE_NEAR_WORDS = (
    "later", "now", "latest", "recent", "updated", "new", "revised", "current", "since"
)  # fmt: skip

# Cues that end right before the figure (the text before it ends with the match). Every
# pattern is searched beside every figure: `needs` lists a word of each of its alternatives,
# and a window with none of them skips it.
_BEFORE = (
    # "was revised down to 33", "corrected to 12": a lowered figure.
    (
        CORRECTION,
        Caseless(
            rf"\b(?:revised|revising|brought|cut|adjusted)\s+{_GAP}down(?:wards?)?\s+to\s+$"
            rf"|\b(?:corrected|correcting|lowered|lowering|reduced|reducing|downgraded)\s+{_GAP}"
            r"(?:to|at)\s+$",
            needs=("revis", "brought", "cut", "adjust", "correct", "lower", "reduc", "downgrad"),
            last_words=_BEFORE_WORDS,
        ),
    ),
    # "has risen to 9", "increased the death toll to", "bringing the toll to": the newest figure.
    (
        UPDATE,
        Caseless(
            r"\b(?:rose|risen|rises|rising|climbed|climbs|climbing|increased|increases|increasing"
            r"|jumped|jumps|grown|grew|grows|growing|reached|reaches|reaching|mounted|soared|raised"
            r"|raising|revised|revising|updated|updating|bringing|brought|brings|pushed|pushing)"
            rf"\s+{_GAP}(?:to|at)\s+$"
            r"|\b(?:reached|reaches|has\s+hit|topped|passed|surpassed|exceeded|exceeds)\s+$"
            r"|\bnow\s+(?:stands?\s+at\s+|at\s+)?$",
            needs=_UPDATE_WORDS,
            last_words=_BEFORE_WORDS,
        ),
    ),
    # "up from 7", "first put at 9": the figure a report has moved past.
    (
        EARLIER,
        Caseless(
            rf"\bup\s+from\s+{_GAP}$|\b(?:first|initially|originally)\s+{_GAP}(?:at|as)\s+$",
            needs=("up", "first", "initially", "originally"),
            last_words=_BEFORE_WORDS,
        ),
    ),
)
# Cues anywhere in the window before the figure; the one nearest the figure wins.
_NEAR_BEFORE = (
    # "It was initially reported that", "earlier put the toll", "preliminary figures".
    (
        EARLIER,
        Caseless(
            r"\b(?:initially|originally|previously|first|earlier|at\s+first)\b,?\s+"
            r"(?:[\w’'\-]+,?\s+){0,3}?(?:report\w*|sa(?:id|ys)|put|gave|given|announced|stated"
            r"|counted|estimated|toll|figures?|tally)\b"
            r"|\b(?:initial|preliminary|earlier|previous|original|provisional)\s+"
            r"(?:reports?|figures?|counts?|tolls?|tally|estimates?|data|numbers?)\b"
            r"|\bpreliminar(?:y|ily)\b",
            needs=_EARLIER_NEAR_WORDS,
        ),
    ),
    # "later at 7", "officials now put", "the latest toll", "has since": a newer figure. A bare
    # "later" or "now" is no cue: "a half-hour later, three were shot", "police now believe".
    (
        UPDATE,
        Caseless(
            r"\b(?:later|now)\s+(?:(?:[\w’'\-]+\s+){0,2}?(?:put|puts|revised|raised|lowered"
            r"|updated|gave|gives|said|says|reported|reports|confirmed|announced|estimated"
            r"|estimates|stands|stood)\b|at\b|to\b)"
            r"|\b(?:latest|most\s+recent|updated|new|revised|current)\s+(?:death\s+)?"
            r"(?:tolls?|figures?|counts?|tally|numbers?|data)\b|\bhas\s+since\b",
            needs=_UPDATE_NEAR_WORDS,
        ),
    ),
)
# Cues just after the figure (the text after it starts with the match).
_AFTER = (
    # "33 people died in Kyiv, not 34": the figure corrects a higher one.
    # The clause may name the place and the attack first ("33 died in the strike on the
    # children's hospital in the capital's west, not 34").
    (CORRECTION, Caseless(r"^[^.;:]{0,110}?\b(?:not|rather\s+than)\s+\d")),
    # "34, as previously reported": a figure the report itself calls old.
    (
        EARLIER,
        Caseless(
            r"^[^.;:]{0,40}?\bas\s+(?:previously|initially|earlier|first)\s+(?:reported|stated)",
        ),
    ),
    # "nine, up from seven", "74 injured, updating an earlier toll": the newest figure.
    (
        UPDATE,
        Caseless(
            r"^[^.;:]{0,60}?\b(?:up|rising|risen)\s+from\b"
            r"|^[^.;:]{0,80}?\bupdating\s+(?:an?\s+|the\s+|its\s+)?(?:earlier|previous|initial)",
        ),
    ),
)


def figure_cue(claim: Claim) -> str | None:
    """EARLIER, UPDATE, CORRECTION or None: what the words beside a figure say about its time."""
    around = _around(claim)
    if around is None:
        return None
    before, after = around
    for cue, pattern in _BEFORE:
        if pattern.search(before):
            return cue
    for cue, pattern in _AFTER:
        if pattern.search(after):
            return cue
    nearest: tuple[int, str] | None = None
    for cue, pattern in _NEAR_BEFORE:
        for match in pattern.finditer(before):
            distance = len(before) - match.end()
            if nearest is None or distance <= nearest[0]:
                nearest = (distance, cue)
    return nearest[1] if nearest else None


# A sentence that says a toll changed, whichever figure it gives: "the death toll has risen to
# 24 after one of the victims died", "the number of injured was revised".
_CHANGE = Caseless(
    r"\b(?:toll|tally|number\s+of\s+(?:the\s+)?(?:dead|deaths|victims|casualties|injured|wounded"
    r"|fatalities|people|those))\b[^.;]{0,100}?\b(?:rose|risen|rises|climbed|climbs|increased"
    r"|increases|jumped|grew|grown|updated|revised|corrected|lowered)\b",
)


def speaks_of_change(claim: Claim) -> bool:
    """Does the claim's sentence say that a toll changed ("the toll has risen to 24")?"""
    return _changes(claim.sentence)


# Claims of one sentence come together: its many figures (a list, a text without
# punctuation cut at 1,000 characters) read the whole sentence once.
@lru_cache(maxsize=64)
def _changes(sentence: str) -> bool:
    return _CHANGE.search(sentence) is not None


# A date that tells the day of later news, not of the incident: a statement ("said on July 3"),
# a funeral, a day of mourning, a later death in hospital, a count "as of" a day, a time span
# ("since October 7", "after October 7"). Such a date never disputes the incident's date.
_NEWS_DAY_BEFORE = Deferred(
    r"\b(?:said|says|told|announced|stated|reported|confirmed|added|declared?|declaring"
    r"|as\s+of|since|until|by|after|before|following|funerals?|buried|burial|mourn\w*|vigil|hospital"
    r"|died\s+(?:of\s+\w+\s+)?(?:in\s+(?:a\s+|the\s+)?\w*\s*hospital\s+)?)\s+"
    r"(?:(?:on|in|of|the|late|early|last)\s+){0,2}$",
    re.IGNORECASE,
)
_NEWS_DAY_AFTER = Deferred(
    r"^\s+(?:a\s+|as\s+a\s+)?(?:day\s+of\s+mourning|after\s+(?:\w+\s+){0,2}(?:injuries|wounds)"
    r"|from\s+(?:\w+\s+){0,2}(?:injuries|wounds))",
    re.IGNORECASE,
)
_NEWS_SENTENCE = Deferred(r"\b(?:funerals?|mourners|mourning|buried|burial|vigil)\b", re.I)


def news_day(claim: Claim) -> bool:
    """Does a date claim give the day of later news (a statement, a funeral) about the incident?"""
    around = _around(claim)
    if around is None:
        return False
    before, after = around
    return bool(
        _NEWS_DAY_BEFORE.search(before)
        or _NEWS_DAY_AFTER.search(after)
        or _NEWS_SENTENCE.search(claim.sentence)
    )


def _around(claim: Claim) -> tuple[str, str] | None:
    """The words before and after a claim's value in its sentence, _WINDOW characters each."""
    sentence, value = claim.sentence, claim.value
    position = sentence.find(value)
    if position < 0 or not value:
        return None
    end = position + len(value)
    return sentence[max(0, position - _WINDOW) : position], sentence[end : end + _WINDOW]
