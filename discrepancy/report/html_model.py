"""What the HTML report shows, as plain view objects: sources, rows, charts, incidents, the page."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# Row order of the fact matrix; kinds outside this list follow alphabetically.
KIND_ORDER = (
    "killed",
    "wounded",
    "shot",
    "troops",
    "person",
    "organization",
    "date",
    "location",
)
CHART_KINDS = frozenset({"killed", "wounded", "shot"})
# Kinds whose sentences best say what happened, when an incident needs a label made for it.
CASUALTY_KINDS = frozenset({"killed", "wounded", "shot"})
FLAGGED = frozenset({"conflict", "variant", "revision"})
# Incident-level review states, most urgent first; "ok" means only agree/single facts.
REVIEW_ORDER = ("conflict", "variant", "revision", "ok")
REVIEW_LABELS = {
    "conflict": "Conflict",
    "variant": "Variant",
    "revision": "Revision",
    "ok": "No issues",
}
# How a revision's timeline names what a figure's words say of its time.
CUE_LABELS = {
    "earlier": "earlier figure",
    "update": "update",
    "correction": "correction",
    "superseded": "replaced in its own article",
}
STATUS_LABELS = {
    "conflict": "Conflict",
    "variant": "Variant",
    "revision": "Revision",
    "agree": "Agree",
    "single": "Single source",
}


@dataclass(frozen=True)
class Source:
    """An article as a matrix column or a source line."""

    id: str
    outlet: str
    # What identifies the source in one word: the outlet, or the article id when unknown.
    name: str
    published: str | None
    title: str | None
    path: str | None
    warnings: tuple[str, ...]
    url: str | None = None


@dataclass(frozen=True)
class ClaimView:
    """One claim ready to print: the value, its interval and the sentence cut around it."""

    article: str
    source: str
    published: str | None
    value: str
    interval: str | None
    low: float | None
    high: float | None
    normalized: str | None
    before: str
    match: str
    after: str
    attribution: str | None
    scope: str | None
    # Shown opened: the first claim of each value in a row that needs review.
    open: bool = False
    # In a revision's timeline: what the words beside the figure say of its time.
    cue: str | None = None


@dataclass(frozen=True)
class Decision:
    """What a reviewer decided about a flagged fact, as the baseline or store recorded it."""

    reviewed: bool
    decision: str | None
    # Without a decision of its own: the one made before a new source added a value.
    before: Carried | None = None

    @property
    def status(self) -> str:
        """The badge: settled, decided but still open (e.g. "needs follow-up"), or untouched."""
        if self.reviewed:
            return "reviewed"
        return "followup" if self.decision or self.before else "unreviewed"

    @property
    def text(self) -> str:
        """The badge's words."""
        if self.reviewed:
            return f"Reviewed: {self.decision}" if self.decision else "Reviewed"
        if self.decision:
            return f"Decision: {self.decision}"
        if self.before is not None:
            who = f" by {self.before.reviewer}" if self.before.reviewer else ""
            return f"Reviewed before the new value: {self.before.decision}{who}"
        return "Not reviewed"


@dataclass(frozen=True)
class Carried:
    """A decision about a fact made before a new source added a value to it."""

    decision: str
    reviewer: str | None
    note: str | None
    # The values the fact had when it was decided.
    values: tuple[str, ...]

    @classmethod
    def from_report(cls, raw: Any) -> Carried | None:
        """The decision made before a new value, as the JSON report's "carried" gives it."""
        if not isinstance(raw, Mapping) or not raw.get("decision"):
            return None
        reviewer, note = raw.get("reviewer"), raw.get("note")
        return cls(
            str(raw["decision"]), None if reviewer is None else str(reviewer),
            None if note is None else str(note), tuple(str(v) for v in raw.get("values") or ()),
        )  # fmt: skip


@dataclass(frozen=True)
class Row:
    """One fact of an incident: a matrix row with one cell (list of claims) per source."""

    kind: str
    subject: str | None
    shown_status: str
    rule: str | None
    values: tuple[str, ...]
    cells: tuple[tuple[ClaimView, ...], ...]
    timeline: tuple[ClaimView, ...]
    review: Decision | None = None
    # A conflict's figures with who gives each, when at least two sources are named.
    disputes: tuple[ClaimView, ...] = ()

    @property
    def flagged(self) -> bool:
        """Does this fact need review (conflict, variant or revision)?"""
        return self.shown_status in FLAGGED


@dataclass(frozen=True)
class Bar:
    """One source's figure in a chart: a point, a range, an open-ended arrow or unknown."""

    shape: str
    label: str
    text: str
    y: float
    x1: float
    x2: float
    width: float
    arrow: str
    # The article that gives the figure: the label names it.
    article: str = ""


@dataclass(frozen=True)
class ChartGroup:
    """The bars of one numeric fact, under a heading."""

    heading: str
    y: float
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class Chart:
    """An inline SVG chart of the killed/wounded figures each source gives."""

    width: int
    height: float
    label_x: float
    value_x: float
    axis_y: float
    ticks: tuple[tuple[float, str], ...]
    groups: tuple[ChartGroup, ...]


@dataclass(frozen=True)
class Link:
    """A reference to another incident of the report."""

    id: str
    label: str


@dataclass(frozen=True)
class Issue:
    """One flagged fact in an incident's summary line, with its review decision if any."""

    status: str
    text: str
    review: Decision | None


@dataclass(frozen=True)
class IncidentView:
    """Everything the page shows about one incident."""

    id: str
    label: str
    # Where the label comes from: "given" by the report, an article's "title", a "quote" of
    # the sentence that says most about the casualties, or the "place" and date.
    label_from: str
    date: str | None
    location: str | None
    review: str
    counts: Mapping[str, int]
    sources: tuple[Source, ...]
    outlets: str
    mentioned_in: tuple[Source, ...]
    background: bool
    rows: tuple[Row, ...]
    chart: Chart | None
    issues: tuple[Issue, ...]
    background_of: Link | None
    backgrounds: tuple[Link, ...]
    facets: str
    search: str
    # Listed right under its parent incident, indented (a background incident of another).
    child: bool = False
    # "new" or "changed" since the previous run, when the report carries a diff.
    change: str | None = None


@dataclass(frozen=True)
class DiffEntry:
    """One discrepancy in the "changes since the previous run" section."""

    status: str
    what: str
    values: str
    incident_id: str
    # A link when the incident is in this report; otherwise its label from the previous one.
    link: Link | None
    incident_label: str
    detail: str | None


@dataclass(frozen=True)
class DiffView:
    """New, resolved and changed discrepancies since the previous run."""

    new: tuple[DiffEntry, ...]
    resolved: tuple[DiffEntry, ...]
    changed: tuple[DiffEntry, ...]
    unchanged: int
    not_compared: int


@dataclass(frozen=True)
class ReviewTotals:
    """Discrepancies a reviewer has settled, and those still waiting."""

    reviewed: int
    unreviewed: int


@dataclass(frozen=True)
class SkippedView:
    """An input the run could not use, and why."""

    path: str
    line: int | None
    reason: str


@dataclass(frozen=True)
class ReportView:
    """The whole page: batch summary, filter choices and incidents in review order."""

    generated_by: str | None
    schema: str
    articles: int
    skipped: tuple[SkippedView, ...]
    incidents: tuple[IncidentView, ...]
    totals: Mapping[str, int]
    review_counts: Mapping[str, int]
    kinds: tuple[str, ...]
    diff: DiffView | None = None
    reviews: ReviewTotals | None = None
    # Every incident of the report, and those only mentioned in passing: a page may hold
    # only some of them in `incidents`, the rest to be shown page by page.
    incident_total: int = 0
    background_total: int = 0


def kind_rank(kind: str) -> tuple[int, str]:
    """Kinds in the usual order of matrix rows; others after them, alphabetically."""
    return (KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER), kind)


def fact_order(fact: Mapping[str, Any]) -> tuple[tuple[int, str], str]:
    """Matrix rows by kind, then by subject."""
    return (kind_rank(str(fact.get("kind", ""))), str(fact.get("subject") or ""))
