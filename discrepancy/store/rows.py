"""Rows of the store and the values they hold: articles and claims to and from SQLite."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from discrepancy.models import Article, Claim, Kind, text_digest


@dataclass(frozen=True)
class Decision:
    """One review decision about a discrepancy, as recorded (decisions are never changed)."""

    id: int
    fingerprint: str
    decision: str
    reviewer: str | None
    note: str | None
    at: str


@dataclass(frozen=True)
class StoredDiscrepancy:
    """A discrepancy the store has seen, open or resolved, with the runs that saw it."""

    fingerprint: str
    incident: str
    kind: str
    subject: str | None
    status: str
    values: tuple[str, ...]
    articles: tuple[str, ...]
    first_run: int
    resolved_run: int | None

    @property
    def open(self) -> bool:
        """Is it still found in the latest run?"""
        return self.resolved_run is None


@dataclass(frozen=True)
class Renamed:
    """What a run names otherwise than the store did: incident ids, and the fingerprints of
    discrepancies found again, with the same values, under an incident's new id."""

    incidents: Mapping[str, str] = field(default_factory=dict)
    fingerprints: Mapping[str, str] = field(default_factory=dict)


def content_hash(text: str) -> str:
    """The sha256 of an article's text, as its stored row keeps it."""
    return text_digest(text)


def now() -> str:
    """The time now in UTC, to the second, as ISO 8601 with a Z."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def iso(day: dt.date | None) -> str | None:
    """A day as stored (ISO), or None."""
    return day.isoformat() if day else None


def date_from_iso(value: str | None) -> dt.date | None:
    """A stored day back as a date, or None."""
    return dt.date.fromisoformat(value) if value else None


def article_values(article: Article) -> tuple[Any, ...]:
    """An article as the values of its row, in the table's column order."""
    return (
        article.id, content_hash(article.text), article.text, article.source, article.title,
        iso(article.published), article.path, article.url, article.dateline, article.body_start,
        article.line, json.dumps(list(article.warnings), ensure_ascii=False),
        int(article.title_from_text),
    )  # fmt: skip


def article_from_row(row: sqlite3.Row) -> Article:
    """A stored article row back as an Article."""
    return Article(
        id=row["id"], text=row["text"], source=row["source"], title=row["title"],
        published=date_from_iso(row["published"]), path=row["path"], url=row["url"],
        dateline=row["dateline"], body_start=row["body_start"], line=row["line"],
        warnings=tuple(json.loads(row["warnings"])),
        title_from_text=bool(row["title_from_text"]),
    )  # fmt: skip


def claim_from_row(row: sqlite3.Row) -> Claim:
    """A stored claim row back as a Claim."""
    return Claim(
        article=row["article"], kind=Kind(row["kind"]), value=row["value"], start=row["start"],
        end=row["end"], sentence=row["sentence"], subject=row["subject"], low=row["low"],
        high=row["high"], normalized=row["normalized"], attribution=row["attribution"],
        scope=row["scope"], event_date=date_from_iso(row["event_date"]),
        event_place=row["event_place"],
        precision=row["precision"], derived=bool(row["derived"]),
    )  # fmt: skip
