"""Plain data passed between pipeline stages: articles, claims, incidents, facts, reports."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """What a claim states."""

    KILLED = "killed"
    WOUNDED = "wounded"
    # People shot, killed or not ("three people were shot"); wounded is derived from it when
    # the article reports no death.
    SHOT = "shot"
    TROOPS = "troops"
    PERSON = "person"
    ORGANIZATION = "organization"
    DATE = "date"
    LOCATION = "location"


# The time part of a round-up shooting's background scope key: "bg|roundup-2|Quarry Street"
# is the second shooting a round-up article tells (see roundups.py).
ROUNDUP_KEY = "roundup-"


class Status(StrEnum):
    """How the claims of one fact relate to each other."""

    CONFLICT = "conflict"
    VARIANT = "variant"
    AGREE = "agree"
    SINGLE = "single"


NUMERIC_KINDS = frozenset({Kind.KILLED, Kind.WOUNDED, Kind.SHOT, Kind.TROOPS})


@dataclass(frozen=True)
class Article:
    """One news article as read from the input, text already repaired."""

    id: str
    text: str
    source: str | None = None
    title: str | None = None
    published: dt.date | None = None
    path: str | None = None
    url: str | None = None
    dateline: str | None = None
    # Where the reported content starts: a leading date marker, agency line,
    # dateline or headline is metadata, not a statement about the incident.
    body_start: int = 0
    # 1-based line in a JSONL/CSV input, None for one-article files.
    line: int | None = None
    # The title is the text's own headline line, not a field the input gave.
    title_from_text: bool = False
    warnings: tuple[str, ...] = ()


def text_digest(text: str) -> str:
    """The sha256 of a text: what names an article in ids and in the store's rows."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def content_key(article: Article) -> str:
    """What makes two articles one: the same headline and text under another id is a copy
    (one story crawled twice), while one text under two headlines (a paywall or an error
    page) is two articles."""
    return text_digest(f"{article.title or ''}\x00{article.text}")


@dataclass(frozen=True)
class Skipped:
    """An input that could not be used, and why."""

    path: str
    line: int | None
    reason: str


# Slots: a run holds every claim to the end, some ten an article, and a slotted object is a
# fifth smaller than one with its attributes apart.
@dataclass(frozen=True, slots=True)
class Claim:
    """One value an article states, tied to the exact span it was read from."""

    article: str
    kind: Kind
    value: str
    start: int
    end: int
    sentence: str
    subject: str | None = None
    low: float | None = None
    high: float | None = None
    normalized: str | None = None
    attribution: str | None = None
    # Which incident the claim is about: "main" or a key naming another incident
    # the article mentions (see scope.scope_claims).
    scope: str = "main"
    # When the claimed event happened, when the sentence says so (background incidents).
    event_date: dt.date | None = None
    event_place: str | None = None
    # How exact a date claim is: "day", "weekday" (unresolved), "relative" or "month".
    precision: str | None = None
    # Inferred rather than stated: "two men were shot" in a report of no death -> wounded.
    derived: bool = False


@dataclass(frozen=True)
class TimelineEntry:
    """One figure of a toll that changed, in the order the reports give it."""

    article: str
    published: dt.date | None
    value: str
    low: float | None
    high: float | None
    # What the words beside the figure say of its time: "earlier", "update", "correction".
    cue: str | None = None
    # A figure its own article reports as replaced ("initially put at 7", then "9").
    superseded: bool = False


@dataclass(frozen=True)
class Attributed:
    """One side of a disputed figure: who gives it (as written), the figure and where."""

    who: str | None
    value: str
    article: str


@dataclass(frozen=True, slots=True)
class Fact:
    """The claims several articles make about one (kind, subject) of an incident."""

    kind: Kind
    subject: str | None
    status: Status
    claims: tuple[Claim, ...]
    # Why a variant's spellings were joined, or why claims conflict.
    rule: str | None = None
    # Figures that only rise over time are a revision, not a conflict (its timeline and a
    # conflict's "who says what" are derived from the claims: align.timeline.describe).
    revision: bool = False
    # A person whose given and family names are each written several ways has a variant
    # fact for each part ("given name", "family name", "kunya"), as an editor checks each.
    part: str | None = None


@dataclass(frozen=True)
class Incident:
    """One real-world event and the facts the articles give about it."""

    id: str
    label: str
    date: dt.date | None
    location: str | None
    articles: tuple[str, ...]
    facts: tuple[Fact, ...]
    # Incidents that articles only mention in passing (an earlier attack) have no
    # main articles; they list the articles that mention them instead.
    mentioned_in: tuple[str, ...] = ()
    background_of: str | None = None


@dataclass(frozen=True)
class Discrepancy:
    """A fact whose claims conflict or vary, flattened for CI and review."""

    incident: str
    kind: Kind
    subject: str | None
    status: Status
    values: tuple[str, ...]
    articles: tuple[str, ...]
    fingerprint: str


@dataclass(frozen=True)
class Report:
    """Everything one run found."""

    articles: tuple[Article, ...]
    incidents: tuple[Incident, ...]
    skipped: tuple[Skipped, ...]
    discrepancies: tuple[Discrepancy, ...]
    warnings: tuple[str, ...] = field(default=())
    # Articles that repeat an earlier one's headline and text (one story crawled twice), by
    # the article they copy: listed with its incident, not extracted or counted again.
    copies: Mapping[str, str] = field(default_factory=dict)


# What a reviewer can decide about a discrepancy.
DECISIONS = ("confirmed conflict", "false alarm", "accepted", "needs follow-up")
# A reviewer who confirmed a conflict has seen it: the next run should not fail on it again.
# "needs follow-up" keeps failing until someone decides.
REVIEWED = frozenset({"confirmed conflict", "false alarm", "accepted"})


@dataclass(frozen=True)
class Review:
    """One reviewed discrepancy: its fingerprint, the decision and the context it was made in."""

    fingerprint: str
    decision: str
    reviewer: str | None = None
    note: str | None = None
    at: str | None = None
    incident: str | None = None
    kind: str | None = None
    subject: str | None = None
    values: tuple[str, ...] = ()
    # The articles whose claims made the discrepancy: they find it again under an incident
    # that was renamed since (an earlier article joined it).
    articles: tuple[str, ...] = ()
    # A decision about the same fact before a new source added a value: shown as "reviewed
    # before the new value", to be decided again; it settles nothing.
    carried: bool = False

    @property
    def reviewed(self) -> bool:
        """Does this decision stop the discrepancy from failing a run?"""
        return self.decision in REVIEWED and not self.carried
