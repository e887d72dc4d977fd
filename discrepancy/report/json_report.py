"""The `discrepancy-report/1` JSON document of ../shared/CONTRACT.md, built from a Report."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from discrepancy import __version__
from discrepancy.align.timeline import describe, toll_moves
from discrepancy.models import (
    NUMERIC_KINDS,
    Article,
    Attributed,
    Claim,
    Fact,
    Incident,
    Report,
    Review,
    Status,
    TimelineEntry,
)

SCHEMA = "discrepancy-report/1"


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _article(article: Article, copy_of: str | None = None) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "path": article.path,
        "line": article.line,
        "url": article.url,
        "warnings": list(article.warnings),
        # An article repeating another's headline and text: listed, not counted again.
        **({"copy_of": copy_of} if copy_of else {}),
    }


def _claim(claim: Claim) -> dict[str, Any]:
    return {
        "article": claim.article,
        "value": claim.value,
        "low": _number(claim.low),
        "high": _number(claim.high),
        "normalized": claim.normalized,
        "sentence": claim.sentence,
        "start": claim.start,
        "end": claim.end,
        "attribution": claim.attribution,
        "scope": claim.scope,
        "derived": claim.derived,
        **({"precision": claim.precision} if claim.precision else {}),
    }


def _fact(fact: Fact, published: Mapping[str, dt.date | None], moving: bool) -> dict[str, Any]:
    timeline, disputes = describe(fact, published, moving=moving)
    return {
        "kind": fact.kind.value,
        "subject": fact.subject,
        "status": fact.status.value,
        "rule": fact.rule,
        "revision": fact.revision,
        **({"part": fact.part} if fact.part else {}),
        "claims": [_claim(c) for c in fact.claims],
        # Added fields: a revision's figures in time order; who gives each disputed figure.
        **({"timeline": [_entry(e) for e in timeline]} if timeline else {}),
        **({"attributions": [_attributed(a) for a in disputes]} if disputes else {}),
    }


def _entry(entry: TimelineEntry) -> dict[str, Any]:
    return {
        "article": entry.article,
        "published": entry.published.isoformat() if entry.published else None,
        "value": entry.value,
        "low": _number(entry.low),
        "high": _number(entry.high),
        "cue": entry.cue,
        "superseded": entry.superseded,
    }


def _attributed(side: Attributed) -> dict[str, Any]:
    return {"who": side.who, "value": side.value, "article": side.article}


def _incident(incident: Incident, published: Mapping[str, dt.date | None]) -> dict[str, Any]:
    # Whether the incident's reports say a toll moved, as the aligner judged its figures.
    flagged = [f for f in incident.facts if f.revision or f.status == Status.CONFLICT]
    numeric = [c for f in incident.facts if f.kind in NUMERIC_KINDS for c in f.claims]
    moving = bool(flagged) and toll_moves(numeric)
    return {
        "id": incident.id,
        "label": incident.label,
        "date": incident.date.isoformat() if incident.date else None,
        "location": incident.location,
        "articles": list(incident.articles),
        "mentioned_in": list(incident.mentioned_in),
        "background_of": incident.background_of,
        "facts": [_fact(f, published, moving) for f in incident.facts],
    }


def to_dict(report: Report) -> dict[str, Any]:
    """The report as the contract's JSON object."""
    return _document(report, lazy=False)


def to_stream(report: Report) -> dict[str, Any]:
    """`to_dict` with articles and incidents as iterators, made as `iter_json` reaches them."""
    return _document(report, lazy=True)


def _document(report: Report, *, lazy: bool) -> dict[str, Any]:
    # Articles and incidents are the bulk of a large report: made one at a time, the whole
    # document never needs to be in memory.
    many: Any = iter if lazy else list
    # A revision's timeline orders its figures by the day their articles were published.
    published = {article.id: article.published for article in report.articles}
    return {
        "schema": SCHEMA,
        "generated_by": f"discrepancy {__version__}",
        "articles": many(_article(a, report.copies.get(a.id)) for a in report.articles),
        "incidents": many(_incident(i, published) for i in report.incidents),
        "skipped": [{"path": s.path, "line": s.line, "reason": s.reason} for s in report.skipped],
        "discrepancies": [
            {
                "incident": d.incident,
                "kind": d.kind.value,
                "subject": d.subject,
                "status": d.status.value,
                "values": list(d.values),
                "articles": list(d.articles),
                "fingerprint": d.fingerprint,
            }
            for d in report.discrepancies
        ],
    }


def to_json(report: Report) -> str:
    """The report as JSON text, stable for the same input."""
    return "".join(iter_json(to_stream(report)))


def iter_json(data: Mapping[str, Any]) -> Iterator[str]:
    """The text of `json.dumps(data, ensure_ascii=False, indent=2)` and a newline, in pieces.

    Top-level lists (or iterators) are written item by item, so a large report is never one
    string; the text is the same as json.dumps gives.
    """
    yield "{"
    for position, (key, value) in enumerate(data.items()):
        yield ("," if position else "") + "\n  " + _dumps(key) + ": "
        if isinstance(value, Iterable) and not isinstance(value, str | Mapping):
            yield from _iter_array(value)
        else:
            yield _dumps(value, "\n  ")
    yield "\n}\n" if data else "}\n"


def _iter_array(items: Iterable[Any]) -> Iterator[str]:
    empty = True
    for item in items:
        yield ("[" if empty else ",") + "\n    " + _dumps(item, "\n    ")
        empty = False
    yield "[]" if empty else "\n  ]"


def _dumps(value: Any, newline: str = "\n") -> str:
    # JSON strings escape their line breaks, so every "\n" in the text is indentation.
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", newline)


def annotate(report: dict[str, Any], reviews: Mapping[str, Review]) -> dict[str, Any]:
    """Add "reviewed", "decision" (with "reviewer" and "note") to each discrepancy of a report
    dict (in place), and "carried": the decision made before a new value, when there is one."""
    for item in report.get("discrepancies", []):
        review = reviews.get(item.get("fingerprint", ""))
        own = review if review is not None and not review.carried else None
        item["reviewed"] = own is not None and own.reviewed
        item["decision"] = own.decision if own else None
        item["reviewer"] = own.reviewer if own else None
        item["note"] = own.note if own else None
        if review is not None and review.carried:
            item["carried"] = {
                "fingerprint": review.fingerprint, "decision": review.decision,
                "reviewer": review.reviewer, "note": review.note, "at": review.at,
                "values": list(review.values),
            }  # fmt: skip
    return report
