"""The `discrepancy-report/1` JSON document of ../shared/CONTRACT.md, built from a Report."""

from __future__ import annotations

import json
from typing import Any

from discrepancy import __version__
from discrepancy.models import Article, Claim, Fact, Incident, Report

SCHEMA = "discrepancy-report/1"


def _number(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _article(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "source": article.source,
        "title": article.title,
        "published": article.published.isoformat() if article.published else None,
        "path": article.path,
        "line": article.line,
        "url": article.url,
        "warnings": list(article.warnings),
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


def _fact(fact: Fact) -> dict[str, Any]:
    return {
        "kind": fact.kind.value,
        "subject": fact.subject,
        "status": fact.status.value,
        "rule": fact.rule,
        "revision": fact.revision,
        "claims": [_claim(c) for c in fact.claims],
    }


def _incident(incident: Incident) -> dict[str, Any]:
    return {
        "id": incident.id,
        "label": incident.label,
        "date": incident.date.isoformat() if incident.date else None,
        "location": incident.location,
        "articles": list(incident.articles),
        "mentioned_in": list(incident.mentioned_in),
        "background_of": incident.background_of,
        "facts": [_fact(f) for f in incident.facts],
    }


def to_dict(report: Report) -> dict[str, Any]:
    """The report as the contract's JSON object."""
    return {
        "schema": SCHEMA,
        "generated_by": f"discrepancy {__version__}",
        "articles": [_article(a) for a in report.articles],
        "incidents": [_incident(i) for i in report.incidents],
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
    return json.dumps(to_dict(report), ensure_ascii=False, indent=2) + "\n"
