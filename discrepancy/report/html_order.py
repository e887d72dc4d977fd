"""The order the editor sees: incidents by what needs an editor first, backgrounds under them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from discrepancy.report.html_model import IncidentView, Row, kind_rank


def grouped(views: Mapping[str, IncidentView]) -> list[IncidentView]:
    """Incidents in review order, each followed by the background incidents it mentions.

    A group sorts by its incident's own urgency; a background whose parent is not in the
    report stands on its own, after the incidents the articles report.
    """
    children: dict[str, list[IncidentView]] = {}
    roots: list[IncidentView] = []
    for view in views.values():
        parent = view.background_of.id if view.background_of else None
        if parent is not None and parent in views and parent != view.id:
            children.setdefault(parent, []).append(view)
        else:
            roots.append(view)

    def members(view: IncidentView, seen: set[str]) -> list[IncidentView]:
        seen.add(view.id)
        found = [view]
        for child in sorted(children.get(view.id, ()), key=_review_order):
            if child.id not in seen:
                found += members(replace(child, child=True), seen)
        return found

    seen: set[str] = set()
    groups = [members(root, seen) for root in sorted(roots, key=_review_order)]
    # Backgrounds in a loop of parents (a mentions b mentions a) have no root: list them last.
    for view in sorted(views.values(), key=_review_order):
        if view.id not in seen:
            groups.append(members(view, seen))

    # A group stands where its own incident stands: a background incident is hidden by
    # default, so its figures do not bring the incident that mentions it up.
    groups.sort(key=lambda group: _review_order(group[0]))
    return [view for group in groups for view in group]


def _review_order(
    incident: IncidentView,
) -> tuple[bool, tuple[int, bool, tuple[int, str], int], int, int, int, bool, str, str]:
    """What needs an editor first: reported before background; then the most severe fact
    (conflict before variant and revision; across sources before inside one article; killed
    before dates; many sources before one); then the most such facts; then by date."""
    counts = incident.counts
    return (
        incident.background,
        min((_severity(row) for row in incident.rows if row.flagged), default=_NOTHING_FLAGGED),
        -counts["conflict"],
        -counts["variant"],
        -counts["revision"],
        incident.date is None,
        incident.date or "",
        incident.id,
    )


_STATUS_RANK = {"conflict": 0, "variant": 1, "revision": 2}
_NOTHING_FLAGGED = (len(_STATUS_RANK), False, (0, ""), 0)


def _severity(row: Row) -> tuple[int, bool, tuple[int, str], int]:
    """How urgent one flagged fact is; smaller is more urgent."""
    sources = sum(1 for cell in row.cells if cell)
    return (_STATUS_RANK[row.shown_status], sources == 1, kind_rank(row.kind), -sources)
