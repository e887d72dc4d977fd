"""The editor's HTML report: one self-contained page rendered from a report dict."""

from __future__ import annotations

import base64
import functools
import hashlib
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from discrepancy import formatting

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"

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
STATUS_LABELS = {
    "conflict": "Conflict",
    "variant": "Variant",
    "revision": "Revision",
    "agree": "Agree",
    "single": "Single source",
}

# Parts of a label that say nothing the date and place columns do not already say.
_EMPTY_LABEL_PARTS = ("mentioned in passing", "unknown place", "place unknown", "date unknown")
# An article id that is a hash rather than a name ("000_14dc6a3f3687621f").
_OPAQUE_ID = re.compile(r"[0-9a-f]{12,}", re.IGNORECASE)
_LABEL_CHARS = 110

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
    # Shown opened: the first claim of each value in a row that needs review.
    open: bool = False


@dataclass(frozen=True)
class Decision:
    """What a reviewer decided about a flagged fact, as the baseline or store recorded it."""

    reviewed: bool
    decision: str | None

    @property
    def status(self) -> str:
        """The badge: settled, decided but still open (e.g. "needs follow-up"), or untouched."""
        if self.reviewed:
            return "reviewed"
        return "followup" if self.decision else "unreviewed"

    @property
    def text(self) -> str:
        """The badge's words."""
        if self.reviewed:
            return f"Reviewed: {self.decision}" if self.decision else "Reviewed"
        return f"Decision: {self.decision}" if self.decision else "Not reviewed"


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


@dataclass(frozen=True)
class _Context:
    """What describing one incident needs to know about the rest of the report."""

    articles: Mapping[str, Mapping[str, Any]]
    labels: Mapping[str, str]
    backgrounds: Mapping[str, Sequence[Link]]
    # Discrepancies by (incident, kind, subject), when the report carries review decisions.
    decisions: Mapping[tuple[str, str, str], Sequence[Mapping[str, Any]]] | None
    changes: Mapping[str, str]


def render_html(report: Mapping[str, Any], *, previous: Mapping[str, Any] | None = None) -> str:
    """Render a `discrepancy-report/1` dict as one self-contained HTML page.

    A report with a "diff" (as `check --previous` writes it) gets a section on what changed
    since the previous run; `previous`, the previous report itself, names the incidents that
    are no longer in this one, and gives the diff when the report has none.
    """
    return "".join(iter_html(report, previous=previous))


def iter_html(
    report: Mapping[str, Any], *, previous: Mapping[str, Any] | None = None
) -> Iterator[str]:
    """`render_html` in pieces, to write a large page without holding it as one string."""
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
    return env.get_template("report.html").generate(
        report=describe(report, previous=previous),
        csp=csp,
        # Our own static files, checked by _asset; no article text ever reaches these.
        script=Markup(script),
        style=Markup(style),
        review_labels=REVIEW_LABELS,
        status_labels=STATUS_LABELS,
    )


def describe(report: Mapping[str, Any], *, previous: Mapping[str, Any] | None = None) -> ReportView:
    """Compute what the page shows from the report dict, without any markup."""
    articles = {str(a["id"]): a for a in report.get("articles", [])}
    incidents_raw = list(report.get("incidents", []))
    labelled = {str(i["id"]): _display_label(i, articles) for i in incidents_raw}
    labels = {key: text for key, (text, _) in labelled.items()}
    backgrounds: dict[str, list[Link]] = {}
    for raw in incidents_raw:
        parent = raw.get("background_of")
        if parent is not None:
            link = Link(str(raw["id"]), labels[str(raw["id"])])
            backgrounds.setdefault(str(parent), []).append(link)
    for links in backgrounds.values():
        links.sort(key=lambda link: link.id)
    discrepancies = [d for d in report.get("discrepancies", []) if isinstance(d, Mapping)]
    annotated = any("reviewed" in d or "decision" in d for d in discrepancies)
    diff = report.get("diff")
    if diff is None and previous is not None:
        from discrepancy.diff import diff_reports

        diff = diff_reports(previous, report)
    changes: dict[str, str] = {}
    if isinstance(diff, Mapping):
        for change in diff.get("changed", []):
            changes[str(change.get("new", {}).get("incident"))] = "changed"
        for item in diff.get("new", []):
            changes[str(item.get("incident"))] = "new"
    context = _Context(
        articles=articles,
        labels=labels,
        backgrounds=backgrounds,
        decisions=_decision_index(discrepancies) if annotated else None,
        changes=changes,
    )
    views = {
        str(raw["id"]): _incident(raw, labelled[str(raw["id"])][1], context)
        for raw in incidents_raw
    }
    incidents = _grouped(views)
    totals = {
        key: sum(incident.counts[key] for incident in incidents)
        for key in ("conflict", "variant", "revision")
    }
    review_counts = {
        review: sum(1 for incident in incidents if _has_review(incident, review))
        for review in REVIEW_ORDER
    }
    kinds = _ordered_kinds(row.kind for incident in incidents for row in incident.rows)
    reviews = None
    if annotated:
        settled = sum(1 for d in discrepancies if d.get("reviewed") is True)
        reviews = ReviewTotals(settled, len(discrepancies) - settled)
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
        diff=_diff_view(diff, labels, previous) if isinstance(diff, Mapping) else None,
        reviews=reviews,
    )


def split_on_value(sentence: str, value: str) -> tuple[str, str, str]:
    """Cut a sentence into (before, value as written there, after) at the value's first use."""
    # The three parts are escaped one by one in the template and only the middle one is
    # wrapped in <mark>. Cutting an already-escaped sentence instead can split an entity:
    # the value "39" would match inside the "&#39;" that escaping makes of an apostrophe.
    if not value:
        return sentence, "", ""
    # Most values are written as they stand, as a word: find that without a regex.
    start = sentence.find(value)
    while start != -1:
        end = start + len(value)
        if (start == 0 or not _is_word(sentence[start - 1])) and (
            end == len(sentence) or not _is_word(sentence[end])
        ):
            return sentence[:start], value, sentence[end:]
        start = sentence.find(value, start + 1)
    for pattern in _value_patterns(value)[1:]:
        found = pattern.search(sentence)
        if found:
            return sentence[: found.start()], found.group(), sentence[found.end() :]
    return sentence, "", ""


def _is_word(char: str) -> bool:
    """Is this character part of a word, as the regex class \\w has it?"""
    return char.isalnum() or char == "_"


@functools.lru_cache(maxsize=4096)
def _value_patterns(value: str) -> tuple[re.Pattern[str], ...]:
    """Where to look for a value, best first: as a word, in any case; then anywhere."""
    escaped = re.escape(value)
    return tuple(
        re.compile(pattern, flags)
        for pattern in (rf"(?<!\w){escaped}(?!\w)", escaped)
        for flags in (0, re.IGNORECASE)
    )


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


def _display_label(
    raw: Mapping[str, Any], articles: Mapping[str, Mapping[str, Any]]
) -> tuple[str, str]:
    """A label that says what happened, and where it comes from (see IncidentView.label_from).

    The report's own label wins unless it only repeats the date and place the page shows
    beside it anyway ("2024-01-04 Baghdad", "mentioned in passing"). Then the earliest
    headline of the incident's own articles, then the sentence that states most casualty
    figures, quoted; place and date only when there is nothing else.
    """
    given = raw.get("label")
    if given and not _says_nothing(str(given), raw):
        return str(given), "given"
    main = [articles[str(a)] for a in raw.get("articles", []) if str(a) in articles]
    titled = sorted(
        (a for a in main if a.get("title") and str(a["title"]).strip()),
        key=lambda a: (a.get("published") is None, a.get("published") or "", str(a["id"])),
    )
    if titled:
        return formatting.truncate(str(titled[0]["title"]), _LABEL_CHARS), "title"
    sentence = _lead_sentence(raw, articles)
    if sentence:
        return f"“{formatting.truncate(sentence, _LABEL_CHARS)}”", "quote"
    if given:
        return str(given), "place"
    place = raw.get("location") or "Unknown place"
    return f"{place}, {formatting.format_date(raw.get('date'))}", "place"


def _says_nothing(label: str, raw: Mapping[str, Any]) -> bool:
    """Is the label only the incident's id, date or place, or a stock phrase?"""
    rest = label.casefold()
    date = raw.get("date")
    parts = [str(raw.get("id") or ""), str(date or ""), str(raw.get("location") or "")]
    parts += [formatting.format_date(date, ""), *_EMPTY_LABEL_PARTS]
    for part in sorted(parts, key=len, reverse=True):
        if part:
            rest = rest.replace(part.casefold(), " ")
    return not re.search(r"\w", rest)


def _lead_sentence(raw: Mapping[str, Any], articles: Mapping[str, Mapping[str, Any]]) -> str:
    """The sentence with the most casualty claims, from the earliest article that has one."""

    def published(article_id: str) -> tuple[bool, str]:
        article = articles.get(article_id) or {}
        return (article.get("published") is None, str(article.get("published") or ""))

    facts = sorted(raw.get("facts", []), key=_fact_order)
    for kinds in (CASUALTY_KINDS, None):
        # The kinds of figure each sentence states: "four killed and six wounded" says more
        # than a sentence repeating one figure.
        found: dict[tuple[str, str], set[str]] = {}
        for fact in facts:
            kind = str(fact.get("kind"))
            if kinds is not None and kind not in kinds:
                continue
            for claim in fact.get("claims", []):
                sentence = " ".join(str(claim.get("sentence") or "").split())
                if sentence:
                    found.setdefault((str(claim.get("article")), sentence), set()).add(kind)
        if found:
            order = {key: n for n, key in enumerate(found)}
            best = min(found, key=lambda k: (-len(found[k]), published(k[0]), order[k]))
            return best[1]
    return ""


def _sources_line(sources: Sequence[Source]) -> str:
    """Who reported it, in one line: outlets, readable ids, and a count of the unnamed rest."""
    names: list[str] = []
    unnamed = 0
    for source in sorted(sources, key=_publication_order):
        if source.outlet == source.name or not _OPAQUE_ID.search(source.id):
            if source.name not in names:
                names.append(source.name)
        else:
            unnamed += 1
    if not names:
        return f"{formatting.pluralize(unnamed, 'article')}, no outlet named" if unnamed else ""
    line = ", ".join(names)
    if unnamed:
        line += f" + {formatting.pluralize(unnamed, 'article')} without an outlet"
    return line


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


def _incident(raw: Mapping[str, Any], label_from: str, context: _Context) -> IncidentView:
    """Describe one incident: its columns, matrix rows, chart and filter facets."""
    articles = context.articles
    incident_id = str(raw["id"])
    facts = sorted(raw.get("facts", []), key=_fact_order)
    main_ids = [str(a) for a in raw.get("articles", [])]
    claim_ids = [str(c["article"]) for fact in facts for c in fact.get("claims", [])]
    column_ids = list(dict.fromkeys(main_ids + claim_ids))
    sources = sorted((_source(a, articles) for a in column_ids), key=_publication_order)
    by_id = {source.id: source for source in sources}
    rows = [_row(fact, sources, by_id) for fact in facts]
    if context.decisions is not None:
        rows = [_with_decision(row, incident_id, context.decisions) for row in rows]
    # Facts that need review come first: one click on the incident shows their sentences.
    rows.sort(key=lambda row: not row.flagged)
    counts = {
        key: sum(1 for row in rows if row.shown_status == key)
        for key in ("conflict", "variant", "revision")
    }
    review = next((key for key in REVIEW_ORDER[:-1] if counts[key]), "ok")
    mentioned = tuple(_source(str(a), articles) for a in raw.get("mentioned_in") or ())
    main_sources = [by_id[a] for a in main_ids] or list(mentioned)
    parent = raw.get("background_of")
    label = context.labels[incident_id]
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
        label_from=label_from,
        date=raw.get("date"),
        location=raw.get("location"),
        review=review,
        counts=counts,
        sources=tuple(sources),
        outlets=_sources_line(main_sources),
        mentioned_in=mentioned,
        background=not main_ids,
        rows=tuple(rows),
        chart=_chart(rows),
        issues=tuple(
            Issue(row.shown_status, _issue(row), row.review) for row in rows if row.flagged
        ),
        background_of=None
        if parent is None
        else Link(str(parent), context.labels.get(str(parent), str(parent))),
        backgrounds=tuple(context.backgrounds.get(incident_id, ())),
        facets=" ".join(facets),
        search=" ".join(" ".join(p for p in search_parts if p).lower().split()),
        change=context.changes.get(incident_id),
    )


def _row(fact: Mapping[str, Any], sources: Sequence[Source], by_id: Mapping[str, Source]) -> Row:
    """One matrix row: the fact's claims laid out under the sources that make them."""
    kind = str(fact.get("kind", ""))
    revision = bool(fact.get("revision"))
    raw_claims = fact.get("claims", [])
    numeric = any(c.get("low") is not None or c.get("high") is not None for c in raw_claims)
    claims = [_claim(c, by_id[str(c["article"])], numeric) for c in raw_claims]
    # A rising toll is shown as a timeline, whatever status the figures alone would get.
    shown_status = "revision" if revision else str(fact.get("status", "single"))
    if shown_status in FLAGGED:
        # Open the evidence of a fact that needs review: the first claim of each value in
        # each source, so a source that repeats a figure does not fill its cell with it.
        seen: set[tuple[str, str]] = set()
        opened = []
        for claim in claims:
            key = (claim.article, (claim.interval or claim.value).casefold())
            opened.append(replace(claim, open=True) if key not in seen else claim)
            seen.add(key)
        claims = opened
    by_article: dict[str, list[ClaimView]] = {}
    for claim in claims:
        by_article.setdefault(claim.article, []).append(claim)
    cells = tuple(tuple(by_article.get(s.id, ())) for s in sources)
    values = tuple(dict.fromkeys(c.interval or c.value for c in claims))
    return Row(
        kind=kind,
        subject=fact.get("subject"),
        shown_status=shown_status,
        rule=fact.get("rule"),
        values=values,
        cells=cells,
        timeline=tuple(
            sorted(claims, key=lambda c: (c.published is None, c.published or "", c.source))
        )
        if revision
        else (),
    )


def _decision_index(
    discrepancies: Iterable[Mapping[str, Any]],
) -> dict[tuple[str, str, str], list[Mapping[str, Any]]]:
    """Discrepancies by the fact they are about: (incident, kind, subject)."""
    index: dict[tuple[str, str, str], list[Mapping[str, Any]]] = {}
    for item in discrepancies:
        key = (str(item.get("incident")), str(item.get("kind")), str(item.get("subject") or ""))
        index.setdefault(key, []).append(item)
    return index


def _with_decision(
    row: Row, incident_id: str, index: Mapping[tuple[str, str, str], Sequence[Mapping[str, Any]]]
) -> Row:
    """Attach the review decision of the discrepancy a flagged row stands for."""
    if not row.flagged:
        return row
    candidates = index.get((incident_id, row.kind, row.subject or ""), ())
    if not candidates:
        return replace(row, review=Decision(False, None))
    # Several flagged facts of one kind without a subject: match on the values they give.
    shown = {c.value.casefold() for cell in row.cells for c in cell}
    best = max(
        candidates,
        key=lambda d: len(shown & {str(v).casefold() for v in d.get("values", [])}),
    )
    decision = best.get("decision")
    return replace(
        row,
        review=Decision(best.get("reviewed") is True, None if decision is None else str(decision)),
    )


def _issue(row: Row) -> str:
    """A one-line account of a fact that needs review, for the incident's summary line."""
    subject = f" ({row.subject})" if row.subject else ""
    name = f"{formatting.kind_label(row.kind)}{subject}"
    if row.shown_status == "revision":
        steps = " → ".join(c.interval or c.value for c in row.timeline)
        return f"{name} revised: {steps}"
    return f"{name}: {' vs '.join(row.values)}"


def _grouped(views: Mapping[str, IncidentView]) -> list[IncidentView]:
    """Incidents in review order, each followed by the background incidents it mentions.

    A group sorts by the most urgent of its members, so a background incident that needs
    review still brings its parent up; a background whose parent is not in the report
    stands on its own, after incidents of the same urgency.
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

    def urgency(group: list[IncidentView]) -> tuple[int, int, int]:
        return min((-v.counts["conflict"], -v.counts["variant"], -v.counts["revision"])
                   for v in group)  # fmt: skip

    groups.sort(key=lambda group: (urgency(group), _review_order(group[0])[3:]))
    return [view for group in groups for view in group]


def _diff_view(
    diff: Mapping[str, Any], labels: Mapping[str, str], previous: Mapping[str, Any] | None
) -> DiffView:
    """The diff's discrepancies, each pointing at its incident in this report when it is here."""
    old_labels: dict[str, str] = {}
    if previous is not None:
        old_articles = {str(a.get("id")): a for a in previous.get("articles", [])}
        for raw in previous.get("incidents", []):
            old_labels[str(raw.get("id"))] = _display_label(raw, old_articles)[0]

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
        return entry(new, "; ".join(detail) or None)

    return DiffView(
        new=tuple(entry(item) for item in diff.get("new", [])),
        resolved=tuple(entry(item) for item in diff.get("resolved", [])),
        changed=tuple(change(item) for item in diff.get("changed", [])),
        unchanged=int(diff.get("unchanged") or 0),
        not_compared=int(diff.get("not_compared") or 0),
    )


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
    """Lay out the casualty figures of an incident, one bar per claim.

    Only for an incident where such a figure needs review: figures that agree read as well
    from the matrix, and a chart per incident is a large part of a big report's page.
    """
    if not any(row.flagged and row.kind in CHART_KINDS for row in rows):
        return None
    numeric = sorted(
        (
            row
            for row in rows
            if row.kind in CHART_KINDS and any(c.interval for cell in row.cells for c in cell)
        ),
        key=lambda row: (_kind_rank(row.kind), row.subject or ""),
    )
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
