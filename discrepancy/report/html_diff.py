"""The "changes since the previous run" section: the diff's discrepancies as the page lists them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from discrepancy.report import formatting
from discrepancy.report.html_labels import display_label
from discrepancy.report.html_model import STATUS_LABELS, Carried, DiffEntry, DiffView, Link


def diff_view(
    diff: Mapping[str, Any], labels: Mapping[str, str], previous: Mapping[str, Any] | None
) -> DiffView:
    """The diff's discrepancies, each pointing at its incident in this report when it is here."""
    old_labels: dict[str, str] = {}
    if previous is not None:
        old_articles = {str(a.get("id")): a for a in previous.get("articles", [])}
        for raw in previous.get("incidents", []):
            old_labels[str(raw.get("id"))] = display_label(raw, old_articles)[0]

    def entry(item: Mapping[str, Any], detail: str | None = None) -> DiffEntry:
        incident = str(item.get("incident"))
        subject = f" ({item['subject']})" if item.get("subject") else ""
        label = labels.get(incident) or old_labels.get(incident) or incident
        return DiffEntry(
            status=str(item.get("status") or "single"),
            what=f"{formatting.kind_label(str(item.get('kind') or ''))}{subject}",
            values=" vs ".join(str(v) for v in item.get("values", [])),
            incident_id=incident,
            link=Link(incident, label) if incident in labels else None,
            incident_label=label,
            detail=detail,
        )

    def change(item: Mapping[str, Any]) -> DiffEntry:
        old, new = item.get("old", {}), item.get("new", {})
        detail = []
        if item.get("added_values"):
            detail.append("added " + ", ".join(str(v) for v in item["added_values"]))
        if item.get("removed_values"):
            detail.append("removed " + ", ".join(str(v) for v in item["removed_values"]))
        if "status" in item.get("changed", ()):
            before = STATUS_LABELS.get(str(old.get("status")), str(old.get("status")))
            after = STATUS_LABELS.get(str(new.get("status")), str(new.get("status")))
            detail.append(f"was {before.lower()}, now {after.lower()}")
        if "incident" in item.get("changed", ()):
            detail.append("an earlier article renamed its incident")
        carried = Carried.from_report(item.get("carried"))
        if carried is not None:
            who = f" by {carried.reviewer}" if carried.reviewer else ""
            detail.append(f"reviewed before the new value: {carried.decision}{who}")
        return entry(new, "; ".join(detail) or None)

    return DiffView(
        new=tuple(entry(item) for item in diff.get("new", [])),
        resolved=tuple(entry(item) for item in diff.get("resolved", [])),
        changed=tuple(change(item) for item in diff.get("changed", [])),
        unchanged=int(diff.get("unchanged") or 0),
        not_compared=int(diff.get("not_compared") or 0),
    )
