"""What a run found, in words: the counts the HTML report shows and the facts to review first.

Used by the end-of-run summary on the terminal; the counts are computed as the HTML report's
batch summary computes them, so the two always agree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from discrepancy.align.facts import fingerprint
from discrepancy.models import NUMERIC_KINDS, Article, Discrepancy, Fact, Incident, Kind, Report
from discrepancy.report import formatting

# How many conflicts the end-of-run summary lists; the HTML report has them all.
TOP_CONFLICTS = 5
# Outlets named on one line; the rest are counted.
_SOURCES_SHOWN = 3
_STATUS_RANK = {"conflict": 0, "variant": 1, "revision": 2}


@dataclass(frozen=True)
class Counts:
    """What the batch summary counts: articles, incidents by kind, and facts by review state."""

    articles: int
    skipped: int
    # Incidents the articles report, and other incidents they only mention in passing.
    reported: int
    background: int
    # Facts (one kind and subject of one incident), as the HTML report's filters count them.
    conflict: int
    variant: int
    revision: int


@dataclass(frozen=True)
class Flagged:
    """One fact that needs an editor, said in a line."""

    incident: Incident
    fact: Fact
    status: str
    what: str
    # Only the values that disagree ("6 vs 5"), as compared (a date, not "Saturday night").
    values: tuple[str, ...]
    sources: tuple[str, ...]
    # All its claims come from one article: a contradiction inside it, not between sources.
    within_one_article: bool
    fingerprint: str
    # What the HTML report calls the incident: its earliest headline, else its date and place.
    label: str = ""

    def line(self) -> str:
        """'Killed: 6 vs 5 · 2025-04-09 Mosul · Daily Star, wire.example'."""
        joined = " vs ".join(self.values)
        inside = " (within one article)" if self.within_one_article else ""
        named = ", ".join(self.sources[:_SOURCES_SHOWN])
        if len(self.sources) > _SOURCES_SHOWN:
            named += f" + {len(self.sources) - _SOURCES_SHOWN} more"
        return f"{self.what}: {joined}{inside} · {self.label or self.incident.label} · {named}"


def shown_status(fact: Fact) -> str:
    """The status the report shows: a rising toll is a revision whatever its figures say."""
    return "revision" if fact.revision else fact.status.value


def counts(report: Report) -> Counts:
    """The counts of the batch summary, as the HTML report shows them."""
    by_status = {"conflict": 0, "variant": 0, "revision": 0}
    for incident in report.incidents:
        for fact in incident.facts:
            status = shown_status(fact)
            if status in by_status:
                by_status[status] += 1
    reported = sum(1 for i in report.incidents if i.articles)
    return Counts(
        len(report.articles), len(report.skipped), reported, len(report.incidents) - reported,
        by_status["conflict"], by_status["variant"], by_status["revision"],
    )  # fmt: skip


def value_label(kind: Kind, value: str, low: float | None, high: float | None,
                normalized: str | None) -> str:  # fmt: skip
    """A claim's value as it is compared: a figure's interval, a date's day."""
    if kind in NUMERIC_KINDS and (low is not None or high is not None):
        return formatting.format_interval(low, high)
    if kind == Kind.DATE and normalized:
        return formatting.format_date(normalized)
    return value


def flagged(report: Report) -> list[Flagged]:
    """Every fact that needs review, the most severe first: conflicts before variants,
    deaths before dates, many sources before one, cross-source before within one article."""
    names = {a.id: article_name(a) for a in report.articles}
    headlines = {a.id: {"id": a.id, "title": a.title,
                        "published": a.published.isoformat() if a.published else None}
                 for a in report.articles if a.title}  # fmt: skip
    found = []
    for incident in report.incidents:
        label = _label(incident, headlines)
        for fact in incident.facts:
            status = shown_status(fact)
            if status not in _STATUS_RANK:
                continue
            labels = [(value_label(c.kind, c.value, c.low, c.high, c.normalized), c.low, c.high)
                      for c in fact.claims]  # fmt: skip
            articles = list(dict.fromkeys(c.article for c in fact.claims))
            # "Person (spokesman, given name)": a name part's variant says which part.
            about = ", ".join(filter(None, [fact.subject, fact.part]))
            subject = f" ({about})" if about else ""
            found.append(
                Flagged(
                    incident, fact, status, formatting.kind_label(fact.kind.value) + subject,
                    formatting.disagreeing(labels),
                    tuple(dict.fromkeys(names.get(a, a) for a in articles)),
                    len(articles) == 1, fingerprint(incident.id, fact), label,
                )
            )  # fmt: skip
    found.sort(key=severity)
    return found


def _label(incident: Incident, headlines: Mapping[str, Mapping[str, Any]]) -> str:
    """The incident's name as the HTML report gives it, with its date and place."""
    # The HTML report's modules are imported only when a fact is flagged: a run with
    # --no-html and nothing to review does not load them (start-up of a one-article check).
    from discrepancy.report.html_labels import display_label

    raw = {"id": incident.id, "label": incident.label, "location": incident.location,
           "date": incident.date.isoformat() if incident.date else None,
           "articles": list(incident.articles)}  # fmt: skip
    label, source = display_label(raw, headlines)
    return f"{label} ({incident.label})" if source == "title" else label


def severity(item: Flagged) -> tuple[int, bool, bool, tuple[int, str], int, str]:
    """Sort key: status, reported before background, cross-source first, kind, sources."""
    from discrepancy.report.html_model import kind_rank

    return (
        _STATUS_RANK[item.status],
        not item.incident.articles,
        item.within_one_article,
        kind_rank(item.fact.kind.value),
        -len(item.sources),
        item.fingerprint,
    )


def article_name(article: Article) -> str:
    """The outlet an article comes from, else its id."""
    return formatting.outlet(article.source, article.url) or article.id


def failing_lines(report: Report, failed: Sequence[Discrepancy], fail_on: str) -> list[str]:
    """pytest's short summary for --fail-on: a heading, then one FAILED line per item."""
    if not failed:
        return []
    described: Mapping[str, Flagged] = {f.fingerprint: f for f in flagged(report)}
    heading = f" {len(failed):,} failed: not reviewed, at or above --fail-on {fail_on} "
    lines = [heading.center(78, "=")]
    for item in failed:
        about = described.get(item.fingerprint)
        text = about.line() if about else f"{item.kind.value}: {' vs '.join(item.values)}"
        lines.append(f"FAILED {item.fingerprint[:8]} {item.status.value} {text}")
    return lines


def summary_lines(
    report: Report, reviewed: int, written: Sequence[str], top: int = TOP_CONFLICTS
) -> list[str]:
    """The end-of-run summary a person reads: what was counted, the top conflicts, the files."""
    found = counts(report)
    plural = formatting.pluralize
    lines = [
        f"checked {plural(found.articles, 'article')} ({found.skipped:,} skipped): "
        f"{plural(found.reported, 'incident')} reported, "
        f"{found.background:,} more mentioned in passing",
        f"facts to review: {plural(found.conflict, 'conflict')}, "
        f"{plural(found.variant, 'variant')}, {plural(found.revision, 'revision')}"
        + (f"; {reviewed:,} discrepancies reviewed" if reviewed else ""),
    ]
    conflicts = [f for f in flagged(report) if f.status == "conflict"]
    if conflicts:
        lines.append(f"top conflicts ({min(top, len(conflicts))} of {len(conflicts):,}):")
        lines += [f"  {item.line()}  [{item.fingerprint[:8]}]" for item in conflicts[:top]]
    if written:
        lines.append("wrote " + ", ".join(written))
    return lines
