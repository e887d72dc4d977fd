"""Formatting filters for the HTML report: dates, numbers, intervals, percentages, labels."""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Sequence

from discrepancy.models import ROUNDUP_KEY

# Month names are spelled out here rather than taken from strftime("%b"), which follows the
# process locale: the same report must render byte-for-byte the same on every machine.
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Row labels of the fact matrix; kinds not listed are shown with their name capitalised.
_KIND_LABELS = {
    "killed": "Killed",
    "wounded": "Wounded",
    "shot": "Shot",
    "troops": "Troops",
    "person": "People",
    "organization": "Organizations",
    "date": "Date",
    "location": "Location",
}


def format_date(value: str | None, missing: str = "date unknown") -> str:
    """Show an ISO date ("2024-01-04") as "4 Jan 2024"; text that is not a date passes through."""
    if not value:
        return missing
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return value
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def format_number(value: float | None) -> str:
    """Show a count with thousands separators: 2500 -> "2,500", 2.5 -> "2.5"."""
    if value is None:
        return "?"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def format_interval(low: float | None, high: float | None) -> str:
    """Show the interval a wording allows: "6", "≥ 4", "≤ 40", "2,250–2,750", or "?"."""
    if low is None and high is None:
        return "?"
    if high is None:
        return f"≥ {format_number(low)}"
    if low is None:
        return f"≤ {format_number(high)}"
    if low == high:
        return format_number(low)
    return f"{format_number(low)}–{format_number(high)}"


def format_percent(fraction: float | None, digits: int = 0) -> str:
    """Show a fraction as a percentage: 0.25 -> "25%"."""
    if fraction is None:
        return "–"
    return f"{fraction * 100:.{digits}f}%"


def pluralize(count: int, singular: str, plural: str | None = None) -> str:
    """Count with its noun: (1, "article") -> "1 article", (3, "article") -> "3 articles"."""
    noun = singular if count == 1 else (plural or singular + "s")
    return f"{format_number(count)} {noun}"


def truncate(text: str, limit: int = 110) -> str:
    """Cut text to at most `limit` characters at a word boundary, marking the cut with "…"."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + "…"


def kind_label(kind: str) -> str:
    """Name a fact kind for a row header: "person" -> "People"."""
    return _KIND_LABELS.get(kind, kind.replace("_", " ").capitalize())


def scope_label(scope: str) -> str:
    """A claim's scope in words: "bg|2024-02-07|Mosul" -> "another incident, 7 Feb 2024, Mosul",
    "bg|roundup-2|Quarry Street" -> "shooting 2 of a round-up, Quarry Street"."""
    if not scope.startswith("bg|") or scope.count("|") < 2:
        return scope
    _, when, where = scope.split("|", 2)
    if when.startswith(ROUNDUP_KEY):
        parts = [f"shooting {when.removeprefix(ROUNDUP_KEY)} of a round-up"]
    else:
        parts = ["another incident"]
        if when.startswith("month-") and when[6:].isdigit() and 1 <= int(when[6:]) <= 12:
            parts.append(_MONTHS[int(when[6:]) - 1])
        elif when.startswith("weekday-") and when[8:].isdigit() and int(when[8:]) < 7:
            parts.append(_WEEKDAYS[int(when[8:])])
        elif when != "?":
            parts.append(format_date(when))
    if where != "?":
        parts.append(where)
    return ", ".join(parts)


def web_link(url: str | None) -> str | None:
    """A url the page may link to: http(s) only, never javascript: or data:."""
    if not url:
        return None
    url = url.strip()
    return url if url.lower().startswith(("http://", "https://")) else None


FILTERS = {
    "web_link": web_link,
    "date": format_date,
    "number": format_number,
    "interval": format_interval,
    "percent": format_percent,
    "pluralize": pluralize,
    "kind_label": kind_label,
    "truncate": truncate,
    "scope_label": scope_label,
}


def split_on_value(sentence: str, value: str) -> tuple[str, str, str]:
    """Cut a sentence into (before, value as written there, after) at the value's first use."""
    # The three parts are escaped one by one in the template and only the middle one is
    # wrapped in <mark>. Cutting an already-escaped sentence instead can split an entity:
    # the value "39" would match inside the "&#39;" that escaping makes of an apostrophe.
    if not value:
        return sentence, "", ""
    # Most values are written as they stand, as a word: find that without a regex.
    start = sentence.find(value)
    while start != -1:
        end = start + len(value)
        if (start == 0 or not _is_word(sentence[start - 1])) and (
            end == len(sentence) or not _is_word(sentence[end])
        ):
            return sentence[:start], value, sentence[end:]
        start = sentence.find(value, start + 1)
    for pattern in _value_patterns(value)[1:]:
        found = pattern.search(sentence)
        if found:
            return sentence[: found.start()], found.group(), sentence[found.end() :]
    return sentence, "", ""


def _is_word(char: str) -> bool:
    """Is this character part of a word, as the regex class \\w has it?"""
    return char.isalnum() or char == "_"


@functools.lru_cache(maxsize=4096)
def _value_patterns(value: str) -> tuple[re.Pattern[str], ...]:
    """Where to look for a value, best first: as a word, in any case; then anywhere."""
    escaped = re.escape(value)
    return tuple(
        re.compile(pattern, flags)
        for pattern in (rf"(?<!\w){escaped}(?!\w)", escaped)
        for flags in (0, re.IGNORECASE)
    )


def outlet(source: str | None, url: str | None) -> str | None:
    """The outlet an article comes from: its `source` field, else its url's domain."""
    if source and source.strip():
        return " ".join(source.split())
    if not url:
        return None
    from urllib.parse import urlsplit

    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host.removeprefix("www.")


def disagreeing(values: Sequence[tuple[str, float | None, float | None]]) -> tuple[str, ...]:
    """The values that disagree, each once: a figure whose interval overlaps every other one
    ("≥ 1" beside 6 and 5, or "≥ 0") agrees with all and is left out. Values without an
    interval are all kept."""
    shown = list(dict.fromkeys(label for label, _, _ in values))
    if any(low is None and high is None for _, low, high in values):
        return tuple(shown)
    intervals: dict[str, tuple[float, float]] = {}
    for label, low, high in values:
        intervals.setdefault(label, (low if low is not None else 0.0,
                                     high if high is not None else math.inf))  # fmt: skip

    def disjoint(a: tuple[float, float], b: tuple[float, float]) -> bool:
        return a[1] < b[0] or b[1] < a[0]

    kept = tuple(
        label
        for label in shown
        if any(disjoint(intervals[label], intervals[other]) for other in shown if other != label)
    )
    return kept or tuple(shown)
