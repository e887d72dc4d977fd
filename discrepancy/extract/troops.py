"""Troop counts with whose and where: "around 2,500 troops in Iraq and 900 in Syria"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from discrepancy.extract.caseless import Caseless, Deferred
from discrepancy.extract.numbers import COUNT, Interval, count_interval

_PLACE = r"(?P<place>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+)?)"
_TROOPS = Deferred(
    rf"\b(?i:{COUNT})\s+(?P<owner>(?:[A-Z][\w.]*\s+){{0,2}})?"
    r"(?P<noun>troops|soldiers|service\s+members|servicemen|military\s+personnel|personnel)"
    r"\s+(?:(?:are|were|is|remain|remained)\s+)?(?:(?:stationed|deployed|based|serving)\s+)?"
    rf"(?:in|to|across)\s+{_PLACE}"
    # Casualties among troops are not a deployment: "40 US troops in Iraq were wounded".
    r"(?![^.;]{0,40}?\b(?:were|was|have\s+been|had\s+been)\s+(?:killed|wounded|injured|hurt))",
)
_ELLIPSIS = Deferred(rf"^\s*(?:,\s*)?(?:and|,)\s+{COUNT}\s+(?:in|to)\s+{_PLACE}")
_OWNER_BEFORE = re.compile(
    r"\b(?:[Tt]he\s+)?(?P<owner>United\s+States|US|U\.S\.|Washington|Britain|France"
    r"|Germany|Turkey|Russia|Iran|Israel|[A-Z][a-z]+)\s+(?:has|have|had|keeps|maintains"
    r"|deployed|stations|sent|now\s+has)\b[^.]*$",
)
_CASUALTY_BEFORE = re.compile(r"\b(?:kill|wound|injur)\w*\s+$", re.IGNORECASE)
_OWNER_NAMES = {"united states": "US", "washington": "US",
                "american": "US", "u.s.": "US", "us": "US"}  # fmt: skip


@dataclass(frozen=True)
class TroopMatch:
    """A troop count, offsets relative to the sentence."""

    start: int
    end: int
    low: float | None
    high: float | None
    subject: str


def _owner(sentence: str, start: int, adjective: str | None) -> str:
    word = (adjective or "").strip()
    if not word:
        match = _OWNER_BEFORE.search(sentence[:start])
        word = match.group("owner") if match else ""
    return _OWNER_NAMES.get(word.lower(), word)


_TROOP_WORD = Caseless(r"troops|soldiers|service\s+members|servicemen|personnel")


def find_troops(sentence: str) -> Iterator[TroopMatch]:
    """Troop counts in one sentence, each with its owner and place."""
    if not _TROOP_WORD.test(sentence):
        return
    for match in _TROOPS.finditer(sentence):
        interval: Interval | None = count_interval(match)
        if interval is None or _CASUALTY_BEFORE.search(sentence[: match.start()]):
            continue
        owner = _owner(sentence, match.start(), match.group("owner"))
        subject = f"{owner} troops in {match.group('place')}".strip()
        yield TroopMatch(match.start("count"), match.end("count"), *interval, subject)
        follow = _ELLIPSIS.match(sentence[match.end() :])
        if follow:
            second = count_interval(follow)
            if second is not None:
                offset = match.end()
                yield TroopMatch(
                    offset + follow.start("count"),
                    offset + follow.end("count"),
                    *second,
                    f"{owner} troops in {follow.group('place')}".strip(),
                )
