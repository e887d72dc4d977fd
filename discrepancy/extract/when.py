"""Time expressions ("on Thursday", "January 28", "last month") resolved against publication."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from discrepancy.extract import lexicon
from discrepancy.extract.caseless import Caseless
from discrepancy.extract.gates import prefix_tree

_MONTH = r"(?:" + "|".join(lexicon.MONTHS) + r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(lexicon.WEEKDAYS) + r")"
# Every month's name and abbreviation starts with its first three letters.
_MONTH_STARTS = frozenset(month[:3] for month in lexicon.MONTHS)

# Each pattern below opens with a look-ahead for the words it can start with (gates.prefix_tree),
# before its word boundary: a sentence's other words are passed over at a letter or two.
EXPLICIT_DATE = Caseless(
    rf"(?=\d|{prefix_tree(_MONTH_STARTS)})\b(?P<md>{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)\d\d))?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(?P<year2>(?:19|20)\d\d))?"
    r"|(?P<iso>(?:19|20)\d\d-\d\d-\d\d))\b"
)
WEEKDAY = Caseless(
    rf"(?={prefix_tree({'last ', 'this ', 'next '} | {d[:3] for d in lexicon.WEEKDAYS})})\b"
    rf"(?:(?P<last>last|this|next)\s+)?{_WEEKDAY}(?:’s|'s)?"
    r"(?:\s+(?P<part>night|morning|afternoon|evening))?\b"
)
_RELATIVE_STARTS = frozenset(
    {"today", "tonight", "this ", "yesterday", "last ", "overnight", "early", "earlier"}
)
RELATIVE_DAY = Caseless(
    rf"(?={prefix_tree(_RELATIVE_STARTS)})"
    r"\b(?P<rel>today|tonight|this\s+morning|this\s+afternoon|this\s+evening|yesterday"
    r"|last\s+night|overnight|early\s+this\s+morning|earlier\s+today)\b",
    needs=("today", "night", "morning", "afternoon", "evening", "yesterday"),
)
MONTH_ONLY = Caseless(
    rf"(?={prefix_tree({'in ', 'early', 'mid', 'late'} | _MONTH_STARTS)})\b"
    rf"(?:in\s+)?(?:(?P<when>early|mid|late)[\s-]+)?(?P<month>{_MONTH})"
    r"(?:\s+(?P<year>(?:19|20)\d\d))?\b(?!\s+\d)",
    # Every month name and abbreviation starts with its first three letters.
    needs=tuple(sorted(_MONTH_STARTS)),
)

_DIGIT = re.compile(r"\d")
_RELATIVE_OFFSETS = {"yesterday": -1, "last night": -1}


@dataclass(frozen=True)
class TimeExpression:
    """A time phrase in a sentence and, when it can be resolved, the day it names."""

    start: int
    end: int
    text: str
    date: dt.date | None
    # "day" for a resolved day, "weekday" for an unresolved weekday, "month" for a month.
    precision: str
    weekday: int | None = None
    month: int | None = None


def _month_number(word: str) -> int:
    word = word.lower().rstrip(".")
    if word in lexicon.MONTHS:
        return lexicon.MONTHS.index(word) + 1
    return lexicon.MONTH_ABBREVIATIONS[word]


_MONTH_DAY = re.compile(
    r"^(?:(?P<m1>[a-z]+)\.?\s+(?P<d1>\d{1,2})|(?P<d2>\d{1,2})\s+(?:of\s+)?(?P<m2>[a-z]+)\.?)"
    r"(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{4}))?$",
    re.IGNORECASE,
)


# A month and day at most this many days after publication is this year's (an announced day);
# further ahead, it is last year's.
AHEAD_DAYS = 7


@lru_cache(maxsize=4096)
def _parse_explicit(span: str, base: dt.date | None) -> dt.date | None:
    """The day a written date names; without a year, the latest such day up to `base`."""
    match = _MONTH_DAY.match(re.sub(r"(?<=\d)(?:st|nd|rd|th)\b", "", span.strip()))
    if match:
        month = _month_number(match.group("m1") or match.group("m2"))
        day = int(match.group("d1") or match.group("d2"))
        year = int(match.group("y")) if match.group("y") else (base.year if base else None)
        if year is None:
            return None
        try:
            found = dt.date(year, month, day)
        except ValueError:
            return None
        if (
            not match.group("y")
            and base is not None
            and (found - base).days > AHEAD_DAYS
            and found.year > 1
        ):
            # "January 28" in a February article is this year's; in a January 5 one, last year's.
            # A day a few days ahead is this year's: a funeral, a day of mourning, a deadline.
            found = found.replace(year=year - 1) if not (month == 2 and day == 29) else found
        return found
    return _parse_with_dateparser(span, base)


def _parse_with_dateparser(span: str, base: dt.date | None) -> dt.date | None:
    # dateparser handles written forms our pattern does not; it is given only the short span
    # and the publication date as base, never whole articles (it misreads "we" as Wednesday).
    import dateparser

    settings: dict[str, object] = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month"]}
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(base, dt.time(23, 59))
    try:
        parsed = dateparser.parse(span, languages=["en"], settings=settings)
    except (ValueError, OverflowError):
        # A base near year 1 or 9999 leaves no room for dateparser's own arithmetic.
        return None
    return parsed.date() if parsed else None


def shift(day: dt.date | None, days: int) -> dt.date | None:
    """`day` moved by `days`, or None when that leaves the calendar (before 1 AD, after 9999)."""
    if day is None:
        return None
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return None


def iso_day(text: str) -> dt.date | None:
    """The day a YYYY-MM-DD string names, or None for an impossible one ("2024-13-45")."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def resolve_weekday(weekday: int, published: dt.date | None) -> dt.date | None:
    """The latest day with this weekday on or before the publication date."""
    if published is None:
        return None
    return shift(published, -((published.weekday() - weekday) % 7))


def find_times(sentence: str, published: dt.date | None) -> Iterator[TimeExpression]:
    """Time expressions in a sentence, resolved when the publication date allows."""
    taken: list[tuple[int, int]] = []
    lowered = sentence.lower()
    has_digit = _DIGIT.search(sentence) is not None
    for match in EXPLICIT_DATE.finditer(sentence) if has_digit else ():
        text = match.group()
        year = match.group("year") or match.group("year2")
        day: dt.date | None
        if match.group("iso"):
            day = iso_day(match.group("iso"))
        elif year or published:
            day = _parse_explicit(text, published)
        else:
            day = None
        month_match = re.search(_MONTH, text, re.IGNORECASE)
        month = _month_number(month_match.group()) if month_match else None
        taken.append(match.span())
        yield TimeExpression(match.start(), match.end(), text, day, "day", month=month)
    for match in WEEKDAY.finditer(sentence) if "day" in lowered else ():
        if any(s <= match.start() < e for s, e in taken):
            continue
        weekday = lexicon.WEEKDAYS.index(match.group("weekday").lower())
        day = resolve_weekday(weekday, published)
        if match.group("last") and match.group("last").lower() == "last" and day == published:
            day = shift(published, -7)
        taken.append(match.span())
        precision = "day" if day else "weekday"
        yield TimeExpression(match.start(), match.end(), match.group(), day, precision, weekday)
    for match in RELATIVE_DAY.finditer(sentence):
        rel = re.sub(r"\s+", " ", match.group("rel").lower())
        offset = _RELATIVE_OFFSETS.get(rel, 0)
        day = shift(published, offset)
        taken.append(match.span())
        yield TimeExpression(
            match.start(), match.end(), match.group(), day, "day" if day else "relative"
        )
    for match in MONTH_ONLY.finditer(sentence):
        if any(s <= match.start() < e or s < match.end() <= e for s, e in taken):
            continue
        word = match.group("month")
        # "may" and "march" are verbs far more often than months when lower-case.
        if word[0].islower():
            continue
        month = _month_number(word)
        yield TimeExpression(match.start(), match.end(), match.group(), None, "month", month=month)


# A clock time: "9:40 p.m.", "9 pm", "11:30a.m.".
_CLOCK = re.compile(r"\b(\d{1,2})(?::(\d\d))?\s*([ap])\.?\s?m\b", re.IGNORECASE)


def clock_times(text: str) -> set[str]:
    """The clock times a text names, one spelling each: "9 p.m." and "9:00 pm" are "9:00pm"."""
    return {
        f"{int(hour)}:{minutes or '00'}{half.lower()}m"
        for hour, minutes, half in _CLOCK.findall(text)
    }


_BACKGROUND_CUE = Caseless(r"\b(?:" + lexicon.BACKGROUND_CUES + r")\b")
# "an attack that became one of the deadliest since the start of the war", "the deadliest
# single attack of this year": a superlative measures the incident against the past; the span
# it names is no tally's ("the deadliest year since 2015" is one, and stays).
_SUPERLATIVE = re.compile(
    r"\b(?:the|its|their|one\s+of\s+(?:the|its|their))\s+(?:single\s+)?(?:deadliest|bloodiest"
    r"|worst|largest|biggest|heaviest|most\s+\w+)\b(?!\s+(?:single\s+)?(?:year|month|week|weekend|day|decade|period"
    r"|summer|winter|spring|autumn|fall)s?\b)[^,;.]{0,120}",
    re.IGNORECASE,
)


def without_superlatives(text: str) -> str:
    """The text without its superlatives' comparisons ("the deadliest attack since 2022")."""
    lowered = text.lower()
    if "est" in lowered or "most" in lowered or "worst" in lowered:
        return _SUPERLATIVE.sub("", text)
    return text


def has_background_cue(text: str) -> bool:
    """Does the text put what follows in another time ("last month", "days after")? A
    superlative's span ("its deadliest attack since the start of the war") does not."""
    return bool(_BACKGROUND_CUE.search(without_superlatives(text)))


# A time that dates a statement, not an event: "said on Wednesday", "told reporters Friday",
# "Late on Tuesday afternoon, the charity said seven ...", "said Friday, March 1, that". At the
# end of a sentence ("... on Aug. 21, police said.") the time is the event's and the statement
# only credits it.
_STATED_BEFORE = Caseless(
    r"\b(?:said|says|told\s+[\w\s]{1,25}?|announced|reported|confirmed|added|stated)\s+"
    r"(?:on\s+|late\s+|early\s+)?"
    # "said Friday, March 1, 2024, that ...": the date beside the statement's weekday.
    r"(?:(?:" + "|".join(lexicon.WEEKDAYS) + r"),?\s+)?$"
)
# A statement's verb right after the time: "Pakistan on Tuesday strongly condemned ...".
_STATEMENT_NEXT = re.compile(
    rf"\s+(?:\w+ly\s+)?(?:{lexicon.SPEECH_VERBS}|accused|blamed|demanded|summoned|recalled"
    r"|protested|pledged|promised|threatened)\b",
    re.IGNORECASE,
)
_OPENING = Caseless(r"^\W*(?:(?:late|early|later|earlier)\s+)?(?:on\s+)?$")
_STATED_AFTER = Caseless(
    r"^,\s+(?:the\s+|a\s+|an\s+)?(?:[\w’'\-]+\s+){0,4}?(?:said|says|told|announced|reported"
    r"|confirmed|stated)\s+[\w“\"]"
)


# "died on July 1 of injuries received in the attack": the day a wounded victim died, after the
# incident, not the incident's day.
_DIED_BEFORE = Caseless(r"\b(?:died|succumbed)\s+(?:on\s+|late\s+|early\s+)?$")
_OF_WOUNDS_AFTER = Caseless(
    r"^[^.;]{0,30}?\b(?:of|from|after|to)\s+(?:the\s+|his\s+|her\s+|their\s+)?(?:\w+\s+)?"
    r"(?:injuries|wounds)\b",
    needs=("injuries", "wounds"),
)


# "died of his wounds", "has died from her injuries", "succumbed to their injuries".
_DIED_OF_WOUNDS = Caseless(
    r"\b(?:died|dies|succumbed)\s+(?:of|from|to)\s+(?:his\s+|her\s+|their\s+|the\s+)?"
    r"(?:injuries|wounds)\b",
    needs=("injuries", "wounds"),
)


def tells_death_of_wounds(sentence: str) -> bool:
    """Does the sentence tell a wounded victim's death ("has died of her wounds")?"""
    return _DIED_OF_WOUNDS.test(sentence)


def later_death_time(sentence: str, time: TimeExpression) -> bool:
    """Does the time phrase date a victim's later death of wounds ("died on July 1 of injuries
    received in the attack") rather than the incident?"""
    return bool(
        _DIED_BEFORE.search(sentence[max(0, time.start - 30) : time.start])
        and _OF_WOUNDS_AFTER.search(sentence[time.end : time.end + 80])
    )


def stated_time(sentence: str, time: TimeExpression) -> bool:
    """Does the time phrase date a statement ("said on Wednesday", "Pakistan on Tuesday
    strongly condemned") rather than an event?"""
    return bool(
        _STATED_BEFORE.search(sentence[max(0, time.start - 40) : time.start])
        or _STATEMENT_NEXT.match(sentence, time.end)
        or (
            # "In November 2014, his family says ...": a month opening dates what is told.
            time.precision != "month"
            and _OPENING.search(sentence[: time.start])
            and _STATED_AFTER.search(sentence[time.end : time.end + 60])
        )
    )


# A year a text names ("in 2011", "the 2008 season"), not part of a figure ("2,011", "2011.5").
_YEAR = re.compile(r"(?<![\d,.$£€])\b(?:19|20)\d\d\b(?![,.]?\d)")
# A year ahead of the story ("by 2015", "until the end of 2018", "through 2014").
_AHEAD = re.compile(
    r"\b(?:by|until|till|through|before|to)\s+(?:early\s+|late\s+|mid-?|the\s+end\s+of\s+)?$",
    re.IGNORECASE,
)
# How far before a year its "by" or "until" is looked for.
_AHEAD_WINDOW = 25


def latest_year(text: str) -> int | None:
    """The latest year a text names that is not ahead of it ("by 2015"): a report is written
    that year or after, and most name the year they are written in."""
    years = [
        int(match.group())
        for match in _YEAR.finditer(text)
        if not _AHEAD.search(text, max(0, match.start() - _AHEAD_WINDOW), match.start())
    ]
    return max(years, default=None)
