"""The editor's HTML report: one self-contained page rendered from a report dict."""

from __future__ import annotations

import base64
import functools
import hashlib
import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from discrepancy import formatting

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"

# Row order of the fact matrix; kinds outside this list follow alphabetically.
KIND_ORDER = ("killed", "wounded", "troops", "person", "organization", "date", "location")
CHART_KINDS = frozenset({"killed", "wounded"})
# Incident-level review states, most urgent first; "ok" means only agree/single facts.
REVIEW_ORDER = ("conflict", "variant", "revision", "ok")
REVIEW_LABELS = {
    "conflict": "Conflict",
    "variant": "Variant",
    "revision": "Revision",
    "ok": "No issues",
}
STATUS_LABELS = {
    "conflict": "Conflict",
    "variant": "Variant",
    "revision": "Revision",
    "agree": "Agree",
    "single": "Single source",
}

# Chart geometry in SVG user units. The left gutter fits "Outlet · 12 Mar 2024" labels at the
# report's font size; the right gutter fits a value such as "2,250–2,750".
_CHART_WIDTH = 640
_CHART_LEFT = 215
_CHART_RIGHT = 96
_CHART_ROW = 20
_CHART_HEAD = 22
_CHART_AXIS = 26
_CHART_LABEL_CHARS = 32
_CHART_ARROW = 10
# An open-ended "at least" bar runs to the plot's edge; the axis leaves this much headroom
# past the largest stated figure so the arrow visibly continues beyond it.
_CHART_HEADROOM = 1.15


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
class IncidentView:
    """Everything the page shows about one incident."""

    id: str
    label: str
    date: str | None
    location: str | None
    review: str
    counts: Mapping[str, int]
    sources: tuple[Source, ...]
    outlets: tuple[str, ...]
    mentioned_in: tuple[Source, ...]
    background: bool
    rows: tuple[Row, ...]
    chart: Chart | None
    issues: tuple[str, ...]
    background_of: Link | None
    backgrounds: tuple[Link, ...]
    facets: str
    search: str


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


def render_html(report: Mapping[str, Any], *, previous: Mapping[str, Any] | None = None) -> str:
    """Render a `discrepancy-report/1` dict as one self-contained HTML page."""
    # `previous` feeds the "changes since previous run" section of a later issue; until that
    # section exists the page is the same with or without it.
    del previous
    env = _environment()
    script = _asset("_report.js")
    style = _asset("_report.css")
    csp = "; ".join(
        (
            "default-src 'none'",
            f"script-src '{_sha256(script)}'",
            f"style-src '{_sha256(style)}'",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )
    return env.get_template("report.html").render(
        report=describe(report),
        csp=csp,
        # Our own static files, checked by _asset; no article text ever reaches these.
        script=Markup(script),
        style=Markup(style),
        review_labels=REVIEW_LABELS,
        status_labels=STATUS_LABELS,
    )


def describe(report: Mapping[str, Any]) -> ReportView:
    """Compute what the page shows from the report dict, without any markup."""
    articles = {str(a["id"]): a for a in report.get("articles", [])}
    incidents_raw = list(report.get("incidents", []))
    labels = {str(i["id"]): _incident_label(i) for i in incidents_raw}
    backgrounds: dict[str, list[Link]] = {}
    for raw in incidents_raw:
        parent = raw.get("background_of")
        if parent is not None:
            backgrounds.setdefault(str(parent), []).append(Link(str(raw["id"]), labels[raw["id"]]))
    incidents = [_incident(raw, articles, labels, backgrounds) for raw in incidents_raw]
    incidents.sort(key=_review_order)
    totals = {
        key: sum(incident.counts[key] for incident in incidents)
        for key in ("conflict", "variant", "revision")
    }
    review_counts = {
        review: sum(1 for incident in incidents if _has_review(incident, review))
        for review in REVIEW_ORDER
    }
    kinds = _ordered_kinds(row.kind for incident in incidents for row in incident.rows)
    return ReportView(
        generated_by=report.get("generated_by"),
        schema=str(report.get("schema", "discrepancy-report/1")),
        articles=len(articles),
        skipped=tuple(
            SkippedView(str(s.get("path", "")), s.get("line"), str(s.get("reason", "")))
            for s in report.get("skipped", [])
        ),
        incidents=tuple(incidents),
        totals=totals,
        review_counts=review_counts,
        kinds=kinds,
    )


def split_on_value(sentence: str, value: str) -> tuple[str, str, str]:
    """Cut a sentence into (before, value as written there, after) at the value's first use."""
    # The three parts are escaped one by one in the template and only the middle one is
    # wrapped in <mark>. Cutting an already-escaped sentence instead can split an entity:
    # the value "39" would match inside the "&#39;" that escaping makes of an apostrophe.
    if value:
        escaped = re.escape(value)
        for pattern in (rf"(?<!\w){escaped}(?!\w)", escaped):
            for flags in (0, re.IGNORECASE):
                found = re.search(pattern, sentence, flags)
                if found:
                    return sentence[: found.start()], found.group(), sentence[found.end() :]
    return sentence, "", ""


@functools.cache
def _environment() -> Environment:
    """The one Jinja environment of the report: autoescaping, strict about undefined names."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(formatting.FILTERS)
    return env


@functools.cache
def _asset(name: str) -> str:
    """Read an inline script or stylesheet from the templates folder."""
    text = (TEMPLATES_DIR / name).read_text(encoding="utf-8")
    # Inlined verbatim between <script> or <style> tags, so it must not be able to close them.
    if re.search(r"</(script|style)", text, re.IGNORECASE):
        raise ValueError(f"{name} contains a closing </script> or </style> tag")
    return text


def _sha256(text: str) -> str:
    """A CSP source expression allowing exactly this inline text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def _incident_label(raw: Mapping[str, Any]) -> str:
    """The incident's label, or one made from its place and date when the report has none."""
    label = raw.get("label")
    if label:
        return str(label)
    place = raw.get("location") or "Unknown place"
    return f"{place}, {formatting.format_date(raw.get('date'))}"


def _source(article_id: str, articles: Mapping[str, Mapping[str, Any]]) -> Source:
    """Describe an article for a column header, tolerating ids the report does not list."""
    article = articles.get(article_id)
    if article is None:
        return Source(article_id, "Unlisted article", article_id, None, None, None, ())
    return Source(
        id=article_id,
        outlet=str(article.get("source") or "Unknown outlet"),
        name=str(article.get("source") or article_id),
        published=article.get("published"),
        title=article.get("title"),
        path=article.get("path"),
        warnings=tuple(str(w) for w in article.get("warnings") or ()),
    )


def _publication_order(source: Source) -> tuple[bool, str, str, str]:
    """Sort sources by publication date (undated last), then outlet and id."""
    return (source.published is None, source.published or "", source.outlet, source.id)


def _claim(raw: Mapping[str, Any], source: Source, numeric: bool) -> ClaimView:
    """Prepare one claim for printing."""
    value = str(raw.get("value", ""))
    low, high = raw.get("low"), raw.get("high")
    normalized = raw.get("normalized")
    before, match, after = split_on_value(str(raw.get("sentence", "")), value)
    interval = formatting.format_interval(low, high) if numeric or low is not None else None
    return ClaimView(
        article=source.id,
        source=source.name,
        published=source.published,
        value=value,
        interval=interval,
        low=low,
        high=high,
        # Shown as "compared as" only when it tells more than the value itself.
        normalized=normalized if normalized and normalized.casefold() != value.casefold() else None,
        before=before,
        match=match,
        after=after,
        attribution=raw.get("attribution"),
        scope=raw.get("scope"),
    )


def _incident(
    raw: Mapping[str, Any],
    articles: Mapping[str, Mapping[str, Any]],
    labels: Mapping[str, str],
    backgrounds: Mapping[str, Sequence[Link]],
) -> IncidentView:
    """Describe one incident: its columns, matrix rows, chart and filter facets."""
    incident_id = str(raw["id"])
    facts = sorted(raw.get("facts", []), key=_fact_order)
    main_ids = [str(a) for a in raw.get("articles", [])]
    claim_ids = [str(c["article"]) for fact in facts for c in fact.get("claims", [])]
    column_ids = list(dict.fromkeys(main_ids + claim_ids))
    sources = sorted((_source(a, articles) for a in column_ids), key=_publication_order)
    by_id = {source.id: source for source in sources}
    rows = tuple(_row(fact, sources, by_id) for fact in facts)
    counts = {
        key: sum(1 for row in rows if row.shown_status == key)
        for key in ("conflict", "variant", "revision")
    }
    review = next((key for key in REVIEW_ORDER[:-1] if counts[key]), "ok")
    mentioned = tuple(_source(str(a), articles) for a in raw.get("mentioned_in") or ())
    main_sources = [by_id[a] for a in main_ids] or list(mentioned)
    parent = raw.get("background_of")
    label = labels[incident_id]
    # Filter facets "status:kind". An incident that needs review is found by its issues
    # only, so unticking "Conflict" hides it even though some of its facts agree.
    if review == "ok":
        facets = sorted({"ok:"} | {f"ok:{row.kind}" for row in rows})
    else:
        facets = sorted(
            {f"{row.shown_status}:{row.kind}" for row in rows if row.shown_status in counts}
        )
    search_parts = [incident_id, label, raw.get("date") or "", raw.get("location") or ""]
    search_parts += [f"{s.id} {s.name} {s.title or ''}" for s in sources]
    search_parts += [c.value for row in rows for cell in row.cells for c in cell]
    return IncidentView(
        id=incident_id,
        label=label,
        date=raw.get("date"),
        location=raw.get("location"),
        review=review,
        counts=counts,
        sources=tuple(sources),
        outlets=tuple(dict.fromkeys(s.name for s in sorted(main_sources, key=_publication_order))),
        mentioned_in=mentioned,
        background=not main_ids,
        rows=rows,
        chart=_chart(rows),
        issues=tuple(_issue(row) for row in rows if row.shown_status in counts),
        background_of=None if parent is None else Link(str(parent), labels.get(parent, parent)),
        backgrounds=tuple(backgrounds.get(incident_id, ())),
        facets=" ".join(facets),
        search=" ".join(" ".join(p for p in search_parts if p).lower().split()),
    )


def _row(fact: Mapping[str, Any], sources: Sequence[Source], by_id: Mapping[str, Source]) -> Row:
    """One matrix row: the fact's claims laid out under the sources that make them."""
    kind = str(fact.get("kind", ""))
    revision = bool(fact.get("revision"))
    raw_claims = fact.get("claims", [])
    numeric = any(c.get("low") is not None or c.get("high") is not None for c in raw_claims)
    claims = [_claim(c, by_id[str(c["article"])], numeric) for c in raw_claims]
    cells = tuple(tuple(c for c in claims if c.article == s.id) for s in sources)
    values = tuple(dict.fromkeys(c.interval or c.value for c in claims))
    return Row(
        kind=kind,
        subject=fact.get("subject"),
        # A rising toll is shown as a timeline, whatever status the figures alone would get.
        shown_status="revision" if revision else str(fact.get("status", "single")),
        rule=fact.get("rule"),
        values=values,
        cells=cells,
        timeline=tuple(
            sorted(claims, key=lambda c: (c.published is None, c.published or "", c.source))
        )
        if revision
        else (),
    )


def _issue(row: Row) -> str:
    """A one-line account of a fact that needs review, for the incident's summary line."""
    subject = f" ({row.subject})" if row.subject else ""
    name = f"{formatting.kind_label(row.kind).lower()}{subject}"
    if row.shown_status == "revision":
        steps = " → ".join(c.interval or c.value for c in row.timeline)
        return f"{name} revised: {steps}"
    return f"{name}: {' / '.join(row.values)}"


def _kind_rank(kind: str) -> tuple[int, str]:
    """Kinds in the usual order of matrix rows; others after them, alphabetically."""
    return (KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER), kind)


def _fact_order(fact: Mapping[str, Any]) -> tuple[tuple[int, str], str]:
    """Matrix rows by kind, then by subject."""
    return (_kind_rank(str(fact.get("kind", ""))), str(fact.get("subject") or ""))


def _ordered_kinds(kinds: Iterable[str]) -> tuple[str, ...]:
    """The distinct kinds, in matrix row order."""
    return tuple(sorted(set(kinds), key=_kind_rank))


def _has_review(incident: IncidentView, review: str) -> bool:
    """Whether the incident shows up when only this review state is ticked."""
    return any(facet.startswith(review + ":") for facet in incident.facets.split())


def _review_order(incident: IncidentView) -> tuple[int, int, int, bool, bool, str, str]:
    """Most conflicts first, then most variants and revisions; then by date, undated last."""
    counts = incident.counts
    return (
        -counts["conflict"],
        -counts["variant"],
        -counts["revision"],
        incident.background_of is not None,
        incident.date is None,
        incident.date or "",
        incident.id,
    )


def _nice_step(top: float) -> float:
    """A tick step of 1, 2 or 5 times a power of ten giving at most five ticks up to top."""
    raw = top / 4
    magnitude = 10.0 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)


def _chart(rows: Sequence[Row]) -> Chart | None:
    """Lay out the killed/wounded figures of an incident, one bar per claim."""
    numeric = [
        row
        for row in rows
        if row.kind in CHART_KINDS and any(c.interval for cell in row.cells for c in cell)
    ]
    if not numeric:
        return None
    figures = [
        v
        for row in numeric
        for cell in row.cells
        for c in cell
        for v in (c.low, c.high)
        if v is not None
    ]
    top = max([*figures, 1.0]) * _CHART_HEADROOM
    step = _nice_step(top)
    ticks_n = math.ceil(top / step)
    x0, x1 = _CHART_LEFT, _CHART_WIDTH - _CHART_RIGHT

    def x(value: float) -> float:
        return _unit(x0 + (x1 - x0) * value / (step * ticks_n))

    groups = []
    y = 0.0
    for row in numeric:
        heading_y = y + 15
        y += _CHART_HEAD
        bars = []
        for claim in (c for cell in row.cells for c in cell):
            bars.append(_bar(claim, y + _CHART_ROW / 2, x, x1))
            y += _CHART_ROW
        subject = f" ({row.subject})" if row.subject else ""
        status = STATUS_LABELS.get(row.shown_status, row.shown_status)
        heading = f"{formatting.kind_label(row.kind)}{subject}: {status}"
        groups.append(ChartGroup(heading, heading_y, tuple(bars)))
    return Chart(
        width=_CHART_WIDTH,
        height=y + _CHART_AXIS,
        label_x=x0 - 8,
        value_x=x1 + 8,
        axis_y=y + 4,
        ticks=tuple((x(step * i), formatting.format_number(step * i)) for i in range(ticks_n + 1)),
        groups=tuple(groups),
    )


def _unit(value: float) -> float:
    """Round an SVG coordinate to a tenth, so the markup stays short and stable."""
    rounded = round(float(value), 1)
    return int(rounded) if rounded.is_integer() else rounded


def _bar(claim: ClaimView, y: float, x: Callable[[float], float], end: int) -> Bar:
    """Place one claim's interval on the chart's scale."""
    label = f"{claim.source} · {formatting.format_date(claim.published, 'undated')}"
    if len(label) > _CHART_LABEL_CHARS:
        label = label[: _CHART_LABEL_CHARS - 1] + "…"
    text = claim.interval or "?"
    low, high = claim.low, claim.high
    if low is None and high is None:
        shape, x1, x2 = "unknown", x(0), x(0)
    elif high is None:
        shape, x1, x2 = "open", x(low or 0), end
    elif low is None:
        shape, x1, x2 = "atmost", x(0), x(high)
    else:
        shape, x1, x2 = ("point" if low == high else "range"), x(low), x(high)
    arrow = ""
    width = _unit(x2 - x1)
    if shape == "open":
        # The shaft stops where the arrowhead starts, so the tip marks "and more".
        tip = _CHART_ARROW
        base = _unit(x2 - tip)
        arrow = f"M{base} {_unit(y - 8)}L{x2} {_unit(y)}L{base} {_unit(y + 8)}z"
        width = _unit(max(x2 - x1 - tip, 0))
    return Bar(shape, label, text, _unit(y), x1, x2, width, arrow)
