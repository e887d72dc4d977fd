"""A report as flat rows, one per incident, fact, claim or discrepancy: for CSV and DataFrames."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from discrepancy.align.facts import fingerprint
from discrepancy.models import Article, Report
from discrepancy.report.formatting import outlet

# The columns of `--format csv`: a claim or a discrepancy per row, told apart by `record`.
CSV_COLUMNS = (
    "record", "incident", "incident_label", "kind", "subject", "status", "value", "low",
    "high", "normalized", "article", "source", "published", "url", "attribution", "scope",
    "sentence", "values", "articles", "fingerprint",
)  # fmt: skip
# A spreadsheet runs a cell that starts with one of these as a formula: article text is
# written by strangers, so such a cell gets a leading apostrophe (OWASP's CSV injection advice).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def incident_rows(report: Report) -> Iterator[dict[str, Any]]:
    """One row per incident: what it is called, where and when, how many articles report it."""
    for incident in report.incidents:
        yield {
            "incident": incident.id, "label": incident.label,
            "date": incident.date, "location": incident.location,
            "articles": len(incident.articles), "mentioned_in": len(incident.mentioned_in),
            "background_of": incident.background_of,
            "conflicts": sum(1 for f in incident.facts
                             if f.status.value == "conflict" and not f.revision),
            "variants": sum(1 for f in incident.facts if f.status.value == "variant"),
            "revisions": sum(1 for f in incident.facts if f.revision),
        }  # fmt: skip


def fact_rows(report: Report) -> Iterator[dict[str, Any]]:
    """One row per fact: an incident's (kind, subject), its status and its values."""
    for incident in report.incidents:
        for fact in incident.facts:
            yield {
                "incident": incident.id, "kind": fact.kind.value, "subject": fact.subject,
                "status": fact.status.value, "revision": fact.revision, "rule": fact.rule,
                "values": " | ".join(dict.fromkeys(c.value for c in fact.claims)),
                "sources": len({c.article for c in fact.claims}),
                "fingerprint": fingerprint(incident.id, fact),
            }  # fmt: skip


def claim_rows(report: Report) -> Iterator[dict[str, Any]]:
    """One row per claim: the value one article states, its sentence and its source."""
    articles = {a.id: a for a in report.articles}
    for incident in report.incidents:
        for fact in incident.facts:
            for claim in fact.claims:
                article = articles.get(claim.article)
                yield {
                    "incident": incident.id, "incident_label": incident.label,
                    "kind": claim.kind.value, "subject": fact.subject,
                    "status": fact.status.value, "value": claim.value,
                    "low": claim.low, "high": claim.high, "normalized": claim.normalized,
                    "article": claim.article, **_source(article),
                    "attribution": claim.attribution, "scope": claim.scope,
                    "sentence": claim.sentence,
                }  # fmt: skip


def discrepancy_rows(report: Report) -> Iterator[dict[str, Any]]:
    """One row per discrepancy: the fact that conflicts or varies, with its fingerprint."""
    labels = {i.id: i.label for i in report.incidents}
    for found in report.discrepancies:
        yield {
            "incident": found.incident, "incident_label": labels.get(found.incident),
            "kind": found.kind.value, "subject": found.subject, "status": found.status.value,
            "values": " | ".join(found.values), "articles": " | ".join(found.articles),
            "fingerprint": found.fingerprint,
        }  # fmt: skip


def _source(article: Article | None) -> dict[str, Any]:
    if article is None:
        return {"source": None, "published": None, "url": None}
    return {
        "source": outlet(article.source, article.url),
        "published": article.published.isoformat() if article.published else None,
        "url": article.url,
    }


def iter_csv(report: Report) -> Iterator[str]:
    """`--format csv`: every claim, then every discrepancy, one row each."""
    rows: Iterable[dict[str, Any]] = (
        *({"record": "claim", **row} for row in claim_rows(report)),
        *({"record": "discrepancy", **row} for row in discrepancy_rows(report)),
    )
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, CSV_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _cell(value) for key, value in row.items()})
        if buffer.tell() > 1 << 16:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def _cell(value: Any) -> Any:
    """A value a spreadsheet shows as text, never runs."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return "" if value is None else value
