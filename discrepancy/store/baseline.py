"""Baselines of reviewed discrepancies: read, write, apply to a report, decide what fails."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from discrepancy.errors import DiscrepancyError
from discrepancy.models import DECISIONS, Discrepancy, Review, Status

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

    def text(name: str) -> str | None:
        value = entry.get(name)
        return None if value is None else str(value)

    return Review(
        fingerprint, decision, text("reviewer"), text("note"), text("at"), text("incident"),
        text("kind"), text("subject"), tuple(str(v) for v in values),
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
                             subject=about.subject, values=about.values)  # fmt: skip
        reviews.append(review)
    return reviews


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
    return result
