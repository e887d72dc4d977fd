"""The order the editor sees: incidents by what needs an editor first, backgrounds under them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from discrepancy.report.html_model import IncidentView, Row, kind_rank

# What review_key returns: comparable, smaller first.
ReviewKey = tuple[bool, tuple[int, bool, tuple[int, str], int], int, int, int, bool, str, str]


def grouped(views: Mapping[str, IncidentView]) -> list[IncidentView]:
    """Incidents in review order, each followed by the background incidents it mentions."""
    order = grouped_order(
        {
            key: (review_key(view), view.background_of.id if view.background_of else None)
            for key, view in views.items()
        }
    )
    return [replace(views[key], child=True) if child else views[key] for key, child in order]


def grouped_order(entries: Mapping[str, tuple[ReviewKey, str | None]]) -> list[tuple[str, bool]]:
    """Incident ids in review order with whether each is listed under a parent, from each
    incident's review key and the incident it is background of.

    A group sorts by its incident's own urgency; a background whose parent is not in the
    report stands on its own, after the incidents the articles report.
    """
    children: dict[str, list[str]] = {}
    roots: list[str] = []
    for key, (_, parent) in entries.items():
        if parent is not None and parent in entries and parent != key:
            children.setdefault(parent, []).append(key)
        else:
            roots.append(key)

    def by_key(key: str) -> ReviewKey:
        return entries[key][0]

    def members(key: str, child: bool, seen: set[str]) -> list[tuple[str, bool]]:
        seen.add(key)
        found = [(key, child)]
        for below in sorted(children.get(key, ()), key=by_key):
            if below not in seen:
                found += members(below, True, seen)
        return found

    seen: set[str] = set()
    groups = [members(root, False, seen) for root in sorted(roots, key=by_key)]
    # Backgrounds in a loop of parents (a mentions b mentions a) have no root: list them last.
    for key in sorted(entries, key=by_key):
        if key not in seen:
            groups.append(members(key, False, seen))

    # A group stands where its own incident stands: a background incident is hidden by
    # default, so its figures do not bring the incident that mentions it up.
    groups.sort(key=lambda group: by_key(group[0][0]))
    return [member for group in groups for member in group]


def review_key(incident: IncidentView) -> ReviewKey:
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
