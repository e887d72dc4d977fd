"""Which incident each claim is about: the article's main one, another it mentions, or none."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from functools import lru_cache

from discrepancy.extract import Extraction, SentenceFacts, lexicon
from discrepancy.extract.caseless import Caseless
from discrepancy.extract.people import speaks
from discrepancy.extract.places import WAR_THEATRE_BEFORE, PlaceMention
from discrepancy.extract.sentences import is_playlist_entry
from discrepancy.extract.when import (
    TimeExpression,
    has_background_cue,
    later_death_time,
    stated_time,
    tells_death_of_wounds,
    without_superlatives,
)
from discrepancy.link.roundups import ONE_OF_SEVERAL, Segments, segments
from discrepancy.link.scope_patterns import (
    AS_OF_BEFORE,
    OTHER_EVENT_BEFORE,
    OTHER_EVENT_LEAD,
    WEEKDAYS_BEFORE_WEEKEND,
    WEEKEND_EVENT_BEFORE,
)
from discrepancy.link.struck import lead_targets, other_target
from discrepancy.link.subjects import COUNTS, sentence_of, with_subjects
from discrepancy.link.subjects import MAIN as MAIN
from discrepancy.models import ROUNDUP_KEY, Claim, Kind

NONE = "none"
_COUNTS = COUNTS

# Totals over a war or a history, not one incident: "has since killed hundreds".
_HISTORY_CUE = Caseless(
    r"\b(?:has\s+since|have\s+since|since\s+the\s+(?:start|beginning)|so\s+far|in\s+total"
    r"|altogether|to\s+date|over\s+the\s+years|this\s+year|since\s+\d{4}|a\s+surge\s+in"
    r"|ha(?:s|ve)\s+seen)\b"
    # Sums over several shootings ("in shootings across the city", "in 17 shootings") are
    # round-ups, not one incident's toll.
    r"|\b(?:shootings|incidents)\s+(?:across|around|throughout|citywide|over\s+the\s+weekend)"
    r"|\b(?:separate|different|unrelated|several|multiple|\d+|two|three|four|five|six|seven"
    r"|eight|nine|ten|\w+teen|twenty|dozens\s+of)\s+(?:separate\s+|different\s+|other\s+)?"
    r"(?:shootings|incidents)\b|\bcitywide\b|\bacross\s+the\s+city\b|\ba\s+total\s+of\b.*"
    r"\blast\s+year\b|\bin\s+the\s+(?:past|last)\s+(?:\w+\s+)?(?:weeks|months|years)\b"
    r"|\b\d+\s+such\s+shootings\b|\bin\s+(?:other\s+)?shootings\b"
    r"|\bseparate\s+shooting\s+(?:cases|incidents)\b"
    # A death long before ("whose mother died years ago") or from another cause.
    r"|\b(?:years|decades)\s+(?:ago|earlier)\b|\b(?:" + lexicon.OTHER_CAUSES + r")"
    # A tally over a span: "four children shot in one week", "40 shot since June 2".
    r"|\bin\s+(?:one|a|a\s+single)\s+(?:week|weekend|month)\b"
    r"|\bsince\s+(?:" + "|".join(lexicon.MONTHS) + r")\b"
    # ... "amid a violent two-hour span", "45 people were killed in July" (a whole month).
    r"|\b(?:\d+|two|three|four|five|six|eight|ten|twelve|\w+ty(?:-\w+)?)[-\s]hours?\s+"
    r"(?:span|period|stretch)\b"
    r"|\b(?:killed|shot|wounded|murdered)\s+in\s+(?:" + "|".join(lexicon.MONTHS) + r")\b(?!\s+\d)"
)
# Another shooting told beside the story's own: "Meanwhile, ... also on the East Side",
# "About 15 minutes earlier, ... in a shooting on the North Side", "another fatal shooting".
_OTHER_SHOOTING = Caseless(
    r"^\W*meanwhile\b.*\balso\s+(?:in|on|at|near)\b"
    r"|^\W*(?:about\s+|roughly\s+|some\s+|nearly\s+)?(?:\w+\s+)?(?:minutes|hours)\s+earlier\b"
    r".*\bin\s+an?\s+(?:[\w\-]+\s+){0,4}?shooting\b"
    r"|\b(?:another|a\s+separate|an\s+unrelated)\s+(?:(?:fatal|deadly|police)\s+)?shooting\b",
    needs=("meanwhile", "earlier", "shooting"),
)
_IN_YEAR = Caseless(r"\b(?:in|during|since|throughout)\s+((?:19|20)\d\d)\b")
# Another event named before the claim in the same sentence: "days after a strike that killed".
_OTHER_EVENT = Caseless(
    r"\b(?:after|following|for|to|since|before)\s+(?:a|an|the)\s+(?:[\w’'\-]+\s+){0,5}?"
    r"(?:attack|strike|strikes|offensive|bombing|shooting|raid|assault)\b[^,;]*?"
    r"\b(?:that|which|who)\b",
    # Searched in the words before every figure: text without the relative pronoun that
    # every match ends on is not searched at all.
    needs=("that", "which", "who"),
)
# A casualty told of another shooting right after its verb: "a teen who was killed in a
# previous shooting at the same location".
_IN_EARLIER_EVENT_AFTER = Caseless(
    r"^[^,;]{0,30}?\bin\s+(?:a|an|the)\s+(?:previous|prior|earlier|separate|unrelated)\s+"
    r"(?:[\w\-]+\s+)?(?:shooting|attack|incident)\b"
)
_UNKEYED = "?"
_MAIN_ANCHOR = Caseless(
    r"\b(?:this|the|today’s|today's)\s+(?:strike|attack|shooting|blast|bombing|shelling"
    r"|explosion|raid)\b"
)
_CONTINUATION = Caseless(r"\b(?:other|another|more|others|also)\b")
# "In that incident, a student was killed": the event the sentence before told.
_BACK_REFERENCE = Caseless(
    r"\b(?:that|the\s+earlier|the\s+previous)\s+(?:incident|shooting|attack|strike|raid)\b"
)
# "a commander in Iran's Revolutionary Guard", "in Israel's army": a possessive that names a
# body of the country names an actor, not where the count happened ("in Iran's Sistan
# province" does).
_ACTOR_POSSESSIVE = re.compile(
    r"['’]s\s+(?:[\w\-]+\s+){0,5}?(?:corps|guards?|army|forces|military|ministry|government"
    r"|embassy|consulate|navy|air\s+force|militia|regime|leadership)\b",
    re.IGNORECASE,
)
_LOCATIVE = Caseless(
    r"\b(?:in|near|outside|across|at|into)\s+(?:the\s+)?(?:(?:north|south|east|west)(?:ern)?"
    r"\s+|central\s+|suburbs\s+of\s+|capital\s+(?:of\s+)?)?$"
)


def scope_claims(extraction: Extraction) -> list[Claim]:
    """The article's claims, each with its scope; claims about no incident are dropped."""
    scoped: list[Claim] = []
    roundup = segments(extraction)
    counted: dict[int, list[int]] = {}  # sentence index -> where its counts end
    # Whether a sentence carries over the previous one's incident depends on the sentence
    # alone: read once per sentence, not once per claim of it.
    carried: dict[int, str | None] = {}
    lead = next((info.index for info in extraction.sentences if info.is_event), None)
    struck = lead_targets(extraction)
    for count in extraction.claims:
        told = sentence_of(extraction, count) if count.kind in _COUNTS else None
        if told is not None:
            counted.setdefault(told.index, []).append(count.end - told.sentence.start)
    for claim in extraction.claims:
        if claim.kind in (Kind.DATE, Kind.LOCATION):
            scoped.append(claim)
            continue
        info = sentence_of(extraction, claim)
        scope = _scope(extraction, info, claim, counted, carried, lead, struck) if info else MAIN
        if roundup is not None and info is not None and scope != NONE:
            shooting = _roundup_scope(roundup, info.index)
            # A count or a person in one shooting's sentences is of that shooting; a sum's
            # count is no incident's, and a person named beside the sums (a police chief)
            # stays where he was.
            if claim.kind in _COUNTS or (claim.kind == Kind.PERSON and shooting != NONE):
                scope = shooting
        if scope != NONE:
            scoped.append(dataclasses.replace(claim, scope=scope))
    return with_subjects(extraction, scoped)


def _roundup_scope(roundup: Segments, sentence: int) -> str:
    """A round-up's sums are no incident's; each shooting it tells is an incident of its own."""
    number = roundup.shooting_of[sentence]
    if sentence in roundup.sums or number == 0:
        return NONE
    if number == roundup.headline_shooting:
        return MAIN
    return f"bg|{ROUNDUP_KEY}{number}|{roundup.place_of.get(number, _UNKEYED)}"


def _other_year(year: int | None, text: str) -> bool:
    """A whole year named as the time ("141 children died in 2015") in an article of another
    year is a statistic, not this incident's toll."""
    if year is None:
        return False
    return any(int(m.group(1)) != year for m in _IN_YEAR.finditer(text))


# What a sentence says of all its counts is read once per sentence, not once per count: a
# sentence of many figures (a list, a text without punctuation cut at 1,000 characters) would
# otherwise be read whole again for each of them.
@lru_cache(maxsize=256)
def _no_incident(text: str, year: int | None) -> bool:
    """Are the sentence's counts totals over a war, a year or a playlist, no incident's?"""
    return bool(
        _HISTORY_CUE.search(without_superlatives(ONE_OF_SEVERAL.sub("", text)))
        or _other_year(year, text)
        or is_playlist_entry(text)
    )


@lru_cache(maxsize=256)
def _tells_other_shooting(text: str) -> bool:
    return _OTHER_SHOOTING.search(text) is not None


def _scope(
    extraction: Extraction,
    info: SentenceFacts,
    claim: Claim,
    counted: Mapping[int, list[int]],
    carried_over: dict[int, str | None],
    lead: int | None,
    struck: frozenset[str] = frozenset(),
) -> str:
    """`counted`: where the counts of each sentence that gives one end; `carried_over`:
    `_carried_over` of each sentence read so far; `lead`: the first event sentence's index;
    `struck`: the kinds of target the lead says the strike hit (`struck.lead_targets`)."""
    position = claim.start - info.sentence.start
    text = info.sentence.text
    before = text[:position]
    published = extraction.article.published
    if claim.kind in _COUNTS and _no_incident(text, published.year if published else None):
        return NONE
    if claim.kind == Kind.PERSON and speaks(text, position, claim.end - info.sentence.start):
        return MAIN  # the day a speaker's sentence names is when they spoke
    if claim.kind == Kind.PERSON:
        # "eliminated X, a commander responsible for the attack ... on Saturday": a time in
        # the clause that describes a person dates what he did, not this naming of him.
        described = text.find(",", claim.end - info.sentence.start)
        other_time = _other_time(extraction, info, position, described if described >= 0 else None)
    else:
        other_time = _other_time(extraction, info, position)
    if claim.kind in _COUNTS and _tells_other_shooting(text):
        return _key(other_time, _other_place(extraction, info, position))
    # A place in another country moves a casualty figure; a name or a deployment is often
    # described by where it operates ("commander of operations in Syria") and stays put.
    counts = claim.kind in _COUNTS
    other_place = _other_place(extraction, info, position) if counts else None
    if other_time is None and other_place is None:
        cue = (
            (has_background_cue(before) and not _follow_up_lead(info, lead))
            or _names_other_event(extraction, info, before)
            or (counts and OTHER_EVENT_BEFORE.search(before))
            or (counts and _weekend_event(extraction, before))
            or (counts and _IN_EARLIER_EVENT_AFTER.search(text[claim.end - info.sentence.start :]))
            or (counts and info.index != lead and other_target(before, struck))
        )
        if not cue:
            if info.index not in carried_over:
                carried_over[info.index] = _carried_over(extraction, info, counted)
            carried = carried_over[info.index]
            return carried if carried is not None and counts else MAIN
    if claim.kind == Kind.TROOPS and other_time is None:
        # Deployments are standing facts; only an explicit other time moves them.
        return MAIN
    return _key(other_time, other_place)


def _names_other_event(extraction: Extraction, info: SentenceFacts, before: str) -> bool:
    """Does the text before a count name another attack ("after a strike that killed ...")?
    Not when the attack is dated by the incident's own day ("following the Tuesday evening
    attack which wounded 61" in a report of Tuesday's attack)."""
    found = _OTHER_EVENT.search(before)
    if found is None:
        return False
    main = extraction.main_time
    return main is None or not any(
        found.start() <= t.start < found.end() and _same_time(main, t) for t in info.times
    )


def _follow_up_lead(info: SentenceFacts, lead: int | None) -> bool:
    """Is the sentence the lead of a follow-up: a wounded victim died later ("has died of her
    wounds after last week's attack, raising its toll to 13")? Its time words date the attack
    the article reports, not another incident; further down, such a sentence may tell of
    another attack's victim, and its cue stands."""
    return info.index == lead and tells_death_of_wounds(info.sentence.text)


def _weekend_event(extraction: Extraction, before: str) -> bool:
    """Is a weekend event named before the count while the incident fell on a weekday?"""
    main = extraction.main_time
    weekday = main.weekday if main is not None else None
    if weekday is None and main is not None and main.date is not None:
        weekday = main.date.weekday()
    return weekday in WEEKDAYS_BEFORE_WEEKEND and WEEKEND_EVENT_BEFORE.test(before)


def _carried_over(
    extraction: Extraction, info: SentenceFacts, counted: Mapping[int, list[int]]
) -> str | None:
    """A follow-on sentence ("Numerous other soldiers were injured.") stays with the other
    incident the previous sentence was about, unless it anchors itself to the main one."""
    if info.index == 0 or info.times or _MAIN_ANCHOR.search(info.sentence.text):
        return None
    previous = extraction.sentences[info.index - 1]
    time = _other_time(extraction, previous, len(previous.sentence.text))
    place = _other_place(extraction, previous, len(previous.sentence.text))
    if not _continues(info.sentence.text, counted.get(info.index, [])):
        # "The strike came a day after attacks across the country. At least 39 people were
        # killed." The toll right after a sentence that brings in another event, and gives
        # none of its own, is that event's toll.
        text = extraction.article.text
        if (
            previous.index in counted
            or "\n" in text[previous.sentence.end : info.sentence.start]
            or not OTHER_EVENT_LEAD.test(previous.sentence.text)
        ):
            return None
        return _key(time, place)
    if time is None and place is None:
        return None
    return _key(time, place)


def _continues(text: str, count_ends: list[int]) -> bool:
    """Does the sentence go on from the one before ("Numerous other soldiers were hurt")?
    A word of continuation after a count of its own sentence ("18 were killed and another
    111 injured") goes on from that count instead."""
    if _BACK_REFERENCE.search(text):
        return True
    for word in _CONTINUATION.finditer(text):
        if all(not text[end : word.start()].strip() for end in count_ends if end <= word.start()):
            return True
    return False


def _key(time: TimeExpression | None, place: PlaceMention | None) -> str:
    when = _UNKEYED
    if time is not None:
        if time.date is not None:
            when = time.date.isoformat()
        elif time.month is not None:
            when = f"month-{time.month:02d}"
        elif time.weekday is not None:
            when = f"weekday-{time.weekday}"
    where = place.place.name if place is not None else _UNKEYED
    return f"bg|{when}|{where}"


def _other_time(
    extraction: Extraction, info: SentenceFacts, position: int, until: int | None = None
) -> TimeExpression | None:
    """The nearest time phrase in the sentence that is not the main incident's time (with
    `until`, among those that start before it)."""
    main = extraction.main_time
    if extraction.main_time_sentence == info.index:
        return None
    times = _event_times(info.sentence.text, info.times)
    if until is not None:
        times = tuple(t for t in times if t.start < until)
    candidates = [t for t in times if not _same_time(main, t)]
    if not candidates:
        return None
    compatible = [t for t in times if _same_time(main, t)]
    nearest = min(candidates, key=lambda t: _distance(t.start, t.end, position))
    if compatible and min(_distance(t.start, t.end, position) for t in compatible) < _distance(
        nearest.start, nearest.end, position
    ):
        return None
    return nearest


@lru_cache(maxsize=256)
def _event_times(text: str, found: tuple[TimeExpression, ...]) -> tuple[TimeExpression, ...]:
    """The sentence's time phrases but those dating a statement ("said on Thursday") or a
    wounded victim's later death ("died on July 1 of injuries received in the attack")."""
    return tuple(
        t
        for t in found
        if not stated_time(text, t)
        and not later_death_time(text, t)
        and not AS_OF_BEFORE.search(text[max(0, t.start - 40) : t.start])
    )


def _same_time(main: TimeExpression | None, other: TimeExpression) -> bool:
    if main is None:
        # Without a lead time, only "today"-like phrases are sure to be about it.
        return other.precision == "relative"
    if other.weekday is not None and main.date is not None and other.date is not None:
        # A named weekday is exact: "Tuesday's attack" is not Wednesday's strike.
        return main.date == other.date
    if main.date is not None and other.date is not None:
        return abs((main.date - other.date).days) <= 1
    main_weekday = main.weekday if main.weekday is not None else (
        main.date.weekday() if main.date else None
    )  # fmt: skip
    other_weekday = other.weekday if other.weekday is not None else (
        other.date.weekday() if other.date else None
    )  # fmt: skip
    if other.precision == "month":
        return main.date is not None and other.month == main.date.month
    if main_weekday is not None and other_weekday is not None:
        return main_weekday == other_weekday
    return other.precision == "relative"


def _other_place(extraction: Extraction, info: SentenceFacts, position: int) -> PlaceMention | None:
    """The nearest place in the sentence when it is in another country or state than the lead's."""
    main = extraction.main_place
    text = info.sentence.text
    # Only a place the sentence puts the event in counts: "in Jordan", not "US media" or
    # "pro-Iran", where a country names an actor.
    located = [
        p
        for p in info.places
        if _LOCATIVE.search(text[max(0, p.start - 30) : p.start])
        and not WAR_THEATRE_BEFORE.search(text[max(0, p.start - 30) : p.start])
        and not _ACTOR_POSSESSIVE.match(text, p.end)
    ]
    if main is None or not located:
        return None
    nearest = min(located, key=lambda p: _distance(p.start, p.end, position))
    place = nearest.place
    if any(c.country == main.place.country for c in nearest.candidates):
        # "of Wellington Street in Parma" in an Ohio story is Parma, Ohio, not Italy's.
        return None
    if place.kind == "country" and place.country and place.country != main.place.country:
        return nearest
    if place.kind == "city" and place.country != main.place.country and place.population > 0:
        return nearest
    return None


def _distance(start: int, end: int, position: int) -> int:
    if start <= position < end:
        return 0
    return start - position if start > position else position - end
