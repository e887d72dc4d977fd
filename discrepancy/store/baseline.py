"""Baselines of reviewed discrepancies: read, write, apply to a report, decide what fails."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from discrepancy.align.identity import extends, folded
from discrepancy.errors import DiscrepancyError
from discrepancy.models import DECISIONS, Discrepancy, Report, Review, Status

if TYPE_CHECKING:
    from discrepancy.store.sqlite import Store

SCHEMA = "discrepancy-baseline/1"
FAIL_ON = ("none", "variant", "conflict")
_LEVEL = {"variant": 1, "conflict": 2}
_THRESHOLD = {"none": 3, "variant": 1, "conflict": 2}


class BaselineError(DiscrepancyError):
    """A baseline file that cannot be used."""


def load_baseline(path: str | Path) -> dict[str, Review]:
    """Read a baseline file into reviews by fingerprint; BaselineError names what is wrong."""
    where = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BaselineError(
            f'baseline "{where}" does not exist; write one with '
            "`discrepancy baseline export --db STORE -o FILE` or leave out --baseline"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BaselineError(f'cannot read baseline "{where}": {exc}') from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(
            f'baseline "{where}" is not valid JSON ({exc.msg} at line {exc.lineno} column '
            f"{exc.colno}); fix it or export it again with `discrepancy baseline export`"
        ) from None
    return parse_baseline(data, where)


def parse_baseline(data: Any, where: str = "baseline") -> dict[str, Review]:
    """Check a decoded baseline document and return its reviews by fingerprint."""
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        found = data.get("schema") if isinstance(data, dict) else type(data).__name__
        raise BaselineError(
            f'baseline "{where}" is not a {SCHEMA} document (schema: {found!r}); '
            'it must be {"schema": "' + SCHEMA + '", "reviewed": [...]}'
        )
    entries = data.get("reviewed")
    if not isinstance(entries, list):
        raise BaselineError(f'baseline "{where}": "reviewed" must be a list of decisions')
    reviews: dict[str, Review] = {}
    for number, entry in enumerate(entries, 1):
        reviews_entry = _entry(entry, f'baseline "{where}" entry {number}')
        reviews[reviews_entry.fingerprint] = reviews_entry
    return reviews


def _entry(entry: Any, where: str) -> Review:
    if not isinstance(entry, dict):
        raise BaselineError(f"{where} is not an object")
    fingerprint = entry.get("fingerprint")
    if not isinstance(fingerprint, str) or not fingerprint:
        raise BaselineError(f'{where} has no "fingerprint" (copy it from the JSON report)')
    decision = entry.get("decision")
    if decision not in DECISIONS:
        choices = ", ".join(f'"{d}"' for d in DECISIONS)
        raise BaselineError(f'{where}: "decision" is {decision!r}; use one of {choices}')
    values = entry.get("values") or []
    if not isinstance(values, list):
        raise BaselineError(f'{where}: "values" must be a list of strings')
    articles = entry.get("articles") or []
    if not isinstance(articles, list):
        raise BaselineError(f'{where}: "articles" must be a list of article ids')

    def text(name: str) -> str | None:
        value = entry.get(name)
        return None if value is None else str(value)

    return Review(
        fingerprint, decision, text("reviewer"), text("note"), text("at"), text("incident"),
        text("kind"), text("subject"), tuple(str(v) for v in values),
        tuple(str(a) for a in articles),
    )  # fmt: skip


def to_document(reviews: Iterable[Review]) -> dict[str, Any]:
    """The baseline document for reviews, ordered by fingerprint so diffs stay small."""
    return {
        "schema": SCHEMA,
        "reviewed": [
            {
                "fingerprint": r.fingerprint,
                "incident": r.incident,
                "kind": r.kind,
                "subject": r.subject,
                "values": list(r.values),
                "articles": list(r.articles),
                "decision": r.decision,
                "reviewer": r.reviewer,
                "note": r.note,
                "at": r.at,
            }
            for r in sorted(reviews, key=lambda r: r.fingerprint)
        ],
    }


def dump_baseline(reviews: Iterable[Review]) -> str:
    """The baseline as JSON text."""
    return json.dumps(to_document(reviews), ensure_ascii=False, indent=2) + "\n"


def from_store(store: Store) -> list[Review]:
    """The store's current decisions as reviews, with the discrepancy each one is about."""
    known = {d.fingerprint: d for d in store.discrepancies(include_resolved=True)}
    reviews = []
    for fingerprint, decision in sorted(store.current_decisions().items()):
        about = known.get(fingerprint)
        review = Review(fingerprint, decision.decision, decision.reviewer, decision.note,
                        decision.at)  # fmt: skip
        if about is not None:
            review = replace(review, incident=about.incident, kind=about.kind,
                             subject=about.subject, values=about.values,
                             articles=about.articles)  # fmt: skip
        reviews.append(review)
    return reviews


def applied(report: Report, reviews: Mapping[str, Review]) -> dict[str, Review]:
    """The reviews by the report's fingerprints: each discrepancy's own, else one found by
    what it was about; reviews of discrepancies the report does not have are kept as given.

    A review whose incident the report no longer has (an earlier article joined it and
    renamed it) is looked for in the incident holding all the review's articles. There, the
    same fact (kind and subject) with the same values is the same discrepancy: the decision
    applies. The same fact with the values reviewed and more (a new source added one) gets
    the latest such decision carried: shown as "reviewed before the new value", settling
    nothing, so that someone decides again.
    """
    result = dict(reviews)
    ids = {i.id for i in report.incidents}
    holding: dict[str, set[str]] = {}
    for incident in report.incidents:
        for article in (*incident.articles, *incident.mentioned_in):
            holding.setdefault(article, set()).add(incident.id)
    by_fact: dict[tuple[str, str, str], list[Review]] = {}
    for review in reviews.values():
        if review.incident in ids:
            places = {review.incident}
        elif review.articles:
            places = set.intersection(*(holding.get(a, set()) for a in review.articles))
        else:
            continue
        for place in places:
            by_fact.setdefault((place, str(review.kind), review.subject or ""), []).append(review)
    for found in report.discrepancies:
        if found.fingerprint in reviews:
            continue
        values = folded(found.values)
        earlier = by_fact.get((found.incident, found.kind.value, found.subject or ""), ())
        same = [r for r in earlier if folded(r.values) == values]
        fewer = [r for r in earlier if extends(found.values, r.values)]
        if same:
            result[found.fingerprint] = max(same, key=_recency)
        elif fewer:
            result[found.fingerprint] = replace(max(fewer, key=_recency), carried=True)
    return result


def _recency(review: Review) -> tuple[str, str]:
    return (review.at or "", review.fingerprint)


def carried(found: Sequence[Discrepancy], reviews: Mapping[str, Review]) -> int:
    """How many discrepancies show a decision carried from before their new value."""
    return sum(1 for d in found if (r := reviews.get(d.fingerprint)) is not None and r.carried)


def is_reviewed(found: Discrepancy, reviews: Mapping[str, Review]) -> bool:
    """Has a reviewer settled this discrepancy (same fingerprint, a settling decision)?"""
    review = reviews.get(found.fingerprint)
    return review is not None and review.reviewed


def failing(
    found: Sequence[Discrepancy], reviews: Mapping[str, Review], fail_on: str
) -> list[Discrepancy]:
    """The unreviewed discrepancies at or above the --fail-on status."""
    threshold = _THRESHOLD[fail_on]
    return [d for d in found if _LEVEL[d.status.value] >= threshold and not is_reviewed(d, reviews)]


def counts(found: Sequence[Discrepancy], reviews: Mapping[str, Review]) -> dict[str, int]:
    """Conflicts and variants, all and not yet reviewed."""
    result = {"conflicts": 0, "variants": 0, "new_conflicts": 0, "new_variants": 0}
    for item in found:
        key = "conflicts" if item.status == Status.CONFLICT else "variants"
        result[key] += 1
        if not is_reviewed(item, reviews):
            result["new_" + key] += 1
    result["reviewed"] = sum(1 for d in found if is_reviewed(d, reviews))
    result["carried"] = carried(found, reviews)
    return result
