"""Round-up articles: one story telling several shootings ("3 dead, 5 hurt in South Side
shootings"), split into the shootings it tells.

A round-up's figures belong to no single incident: its lead sums the shootings and each
later paragraph tells one of them. Scoping drops the sums and gives each shooting's figures
a background incident of its own, so that the figures of two shootings are never read as
two sources disagreeing about one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from discrepancy.extract import Extraction
from discrepancy.extract.caseless import Caseless
from discrepancy.extract.places import block_streets
from discrepancy.extract.when import clock_times
from discrepancy.models import Kind

# The headline or the lead says the story is about several shootings: "in 4 shootings",
# "in Chicago shootings", "shootings across the city", "a spate of". Not "the fatal shootings
# in the trailer" or "mass shootings": several people shot at once are one incident.
_ROUNDUP_CUE = Caseless(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|several|multiple|separate|different"
    r"|unrelated|weekend|overnight|holiday|recent|other|city|citywide)\s+(?:[\w\-’']+\s+){0,2}?"
    r"shootings\b"
    r"|\bin\s+(?:(?!fatal|deadly|mass|double|triple|the\b)[\w\-’']+\s+){1,3}shootings\b"
    r"|\bshootings\s+(?:across|around|throughout|since|over\s+the|this\s+week|overnight"
    r"|on\s+\w+day|\w+day)\b"
    r"|\bweekend\s+(?:of\s+)?violence\b|\bspate\s+of\b|\bseparate\s+(?:incidents|attacks)\b"
    r"|\bviolent\s+(?:weekend|night|day|holiday|\d+\s+hours)\b"
    # A tally over a span of hours: "18 people shot in 48-hour span", "11 shot in less than
    # 30 hours", "14 shot since 8 p.m.", "weekend gunfire kills 1, wounds 12".
    r"|\bin\s+(?:a\s+|less\s+than\s+|under\s+|just\s+)?\d+[-\s]hours?\b"
    r"|\bsince\s+\d{1,2}(?::\d\d)?\s*[ap]\.?\s?m\b"
    r"|\bweekend\s+(?:gunfire|slayings|killings|incidents)\b",
    needs=("shootings", "violence", "spate", "separate", "violent", "hour", "since", "weekend"),
)
# A paragraph that starts telling one of the shootings: by its time ("About 2:15 p.m., a man
# was fatally shot"), or as another one ("In a separate shooting", "One minute earlier").
_SHOOTING_START = Caseless(
    r"^\W*(?:(?:about|around|at|shortly\s+(?:before|after)|just\s+(?:before|after)|before|after"
    r"|by|then,?\s+(?:about|around|at))\s+)?(?:\d{1,2}(?::\d\d)?\s*(?:a\.?\s?m\b\.?|p\.?\s?m\b\.?"
    r"|this\s+(?:morning|afternoon|evening))|noon|midnight)"
    r"|^\W*in\s+(?:another|a\s+separate|an\s+unrelated|the\s+(?:first|second|third|fourth|latest"
    r"|earlier|other))\s+(?:shooting|incident|attack)\b"
    r"|^\W*(?:[\w\-]+\s+){0,2}(?:minutes?|hours?|half-hour)\s+(?:earlier|later)\b"
    r"|^\W*(?:earlier|later|then),"
)
_STREET_NAME = re.compile(
    r"\b(?:street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|lane|ln|court|ct|place|pl|way"
    r"|highway|hwy|parkway|pkwy|terrace|circle)\.?$",
    re.IGNORECASE,
)
_SHOOTING_WORD = re.compile(
    r"\b(?:shot|shooting|gunfire|fired|opened\s+fire|wounded|injured|hurt|killed)\b", re.IGNORECASE
)
_COUNT_KINDS = frozenset({Kind.KILLED, Kind.WOUNDED, Kind.SHOT})
# A round-up tells at least this many shootings on their own.
MIN_SHOOTINGS = 2


@dataclass(frozen=True)
class Segments:
    """Where each shooting a round-up tells begins, and which sentences only sum them."""

    # Sentence index -> the number of the shooting it tells (1, 2, ...); 0 before the first.
    shooting_of: dict[int, int]
    # The first place each shooting's sentences name ("South Carpenter Street"), if any.
    place_of: dict[int, str]
    # Sentences that sum several shootings ("Three were killed in South Side shootings").
    sums: frozenset[int]
    # The shooting the headline tells, when it tells one ("Gunfire erupts at robbery, one
    # of 10 shootings in the city" leads with it): the article's own incident.
    headline_shooting: int | None = None


# "..., one of four separate shootings overnight": the sentence tells one of them.
ONE_OF_SEVERAL = re.compile(
    r"\bone\s+of\s+(?:the\s+)?(?:[\w\-]+\s+){0,4}?(?:shootings|incidents)\b[^,;.]*", re.IGNORECASE
)


def is_sum(text: str) -> bool:
    """Does the sentence speak of several shootings at once (not of one of them)?"""
    return _ROUNDUP_CUE.test(ONE_OF_SEVERAL.sub("", text))


def segments(extraction: Extraction) -> Segments | None:
    """The shootings a round-up tells, or None when the article reports one incident."""
    lead = next((info for info in extraction.sentences if info.is_event), None)
    if lead is None:
        return None
    title = extraction.article.title or ""
    # "..., one of four separate shootings overnight" in the lead tells a round-up too.
    if not (_ROUNDUP_CUE.test(title) or _ROUNDUP_CUE.test(lead.sentence.text)):
        return None
    sums = frozenset(info.index for info in extraction.sentences if is_sum(info.sentence.text))
    counted = {c.start for c in extraction.claims if c.kind in _COUNT_KINDS}
    shooting_of: dict[int, int] = {}
    place_of: dict[int, str] = {}
    number = 0
    # The places and clock times the current shooting's sentences name.
    places: set[str] = set()
    clocks: set[str] = set()
    for info in extraction.sentences:
        text = info.sentence.text
        blocks = block_streets(text)
        here = {a.lower() for a in info.areas} | {b.lower() for b in blocks}
        now = clock_times(text)
        counts = info.index not in sums and any(
            info.sentence.start <= start < info.sentence.end for start in counted
        )
        # The first count that sums nothing tells the first shooting, wherever it stands.
        if counts and (
            number == 0
            or (here and places.isdisjoint(here))
            or (now and clocks.isdisjoint(now) and _SHOOTING_WORD.search(text))
            or _SHOOTING_START.test(text)
        ):
            number += 1
            places, clocks = set(), set()
        places |= here
        clocks |= now
        shooting_of[info.index] = number
        if number and number not in place_of and here:
            place_of[number] = _where(info.areas, blocks)
    if number < MIN_SHOOTINGS:
        return None
    return Segments(shooting_of, place_of, sums, None if is_sum(title) else 1)


def _where(areas: tuple[str, ...], blocks: list[str]) -> str:
    """The place that tells a shooting best: a street ("the 800 block of Quarry Street") over
    a district or a hospital the victims were taken to."""
    streets = [a for a in areas if _STREET_NAME.search(a)]
    return (streets or blocks or list(areas))[0]
