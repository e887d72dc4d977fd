"""A report dict to the view objects the page shows, without any markup."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from discrepancy.report import formatting
from discrepancy.report.formatting import split_on_value
from discrepancy.report.html_chart import chart
from discrepancy.report.html_diff import diff_view
from discrepancy.report.html_labels import OPAQUE_ID, display_label
from discrepancy.report.html_model import (
    CUE_LABELS,
    FLAGGED,
    REVIEW_ORDER,
    Carried,
    ClaimView,
    Decision,
    IncidentView,
    Issue,
    Link,
    ReportView,
    ReviewTotals,
    Row,
    SkippedView,
    Source,
    fact_order,
    kind_rank,
)
from discrepancy.report.html_order import grouped

# A headline standing in for an unnamed outlet is cut to this many characters.
_NAME_CHARS = 40


@dataclass(frozen=True)
class Context:
    """What describing one incident needs to know about the rest of the report."""

    articles: Mapping[str, Mapping[str, Any]]
    # Discrepancies by (incident, kind, subject), when the report carries review decisions.
    decisions: Mapping[tuple[str, str, str], Sequence[Mapping[str, Any]]] | None
    changes: Mapping[str, str]
    # Other incidents' labels and each incident's background incidents, when known: a page
    # made one incident at a time links them once it has seen every incident.
    labels: Mapping[str, str] = field(default_factory=dict)
    backgrounds: Mapping[str, Sequence[Link]] = field(default_factory=dict)


def report_context(
    report: Mapping[str, Any],
    articles: Mapping[str, Mapping[str, Any]],
    previous: Mapping[str, Any] | None,
) -> tuple[Context, Mapping[str, Any] | None]:
    """The context every incident of a report is described in, and the report's diff."""
    discrepancies = [d for d in report.get("discrepancies", []) if isinstance(d, Mapping)]
    annotated = any("reviewed" in d or "decision" in d for d in discrepancies)
    diff = report.get("diff")
    if diff is None and previous is not None:
        from discrepancy.report.diff import diff_reports

        diff = diff_reports(previous, report)
    changes: dict[str, str] = {}
    if isinstance(diff, Mapping):
        for change in diff.get("changed", []):
            changes[str(change.get("new", {}).get("incident"))] = "changed"
        for item in diff.get("new", []):
            changes[str(item.get("incident"))] = "new"
    context = Context(
        articles=articles,
        decisions=_decision_index(discrepancies) if annotated else None,
        changes=changes,
    )
    return context, diff if isinstance(diff, Mapping) else None


def review_totals(report: Mapping[str, Any]) -> ReviewTotals | None:
    """Discrepancies settled and waiting, when the report carries review decisions."""
    discrepancies = [d for d in report.get("discrepancies", []) if isinstance(d, Mapping)]
    if not any("reviewed" in d or "decision" in d for d in discrepancies):
        return None
    settled = sum(1 for d in discrepancies if d.get("reviewed") is True)
    return ReviewTotals(settled, len(discrepancies) - settled)


def skipped_views(report: Mapping[str, Any]) -> tuple[SkippedView, ...]:
    """The inputs the run could not use."""
    return tuple(
        SkippedView(str(s.get("path", "")), s.get("line"), str(s.get("reason", "")))
        for s in report.get("skipped", [])
    )


def describe(report: Mapping[str, Any], *, previous: Mapping[str, Any] | None = None) -> ReportView:
    """Compute what the page shows from the report dict, without any markup."""
    articles = {str(a["id"]): a for a in report.get("articles", [])}
    incidents_raw = list(report.get("incidents", []))
    labels = {str(i["id"]): display_label(i, articles)[0] for i in incidents_raw}
    backgrounds: dict[str, list[Link]] = {}
    for raw in incidents_raw:
        parent = raw.get("background_of")
        if parent is not None:
            link = Link(str(raw["id"]), labels[str(raw["id"])])
            backgrounds.setdefault(str(parent), []).append(link)
    for links in backgrounds.values():
        links.sort(key=lambda link: link.id)
    context, diff = report_context(report, articles, previous)
    context = replace(context, labels=labels, backgrounds=backgrounds)
    views = {str(raw["id"]): incident_view(raw, context) for raw in incidents_raw}
    incidents = grouped(views)
    tally = Tally()
    for incident in incidents:
        tally.add(incident)
    return ReportView(
        generated_by=report.get("generated_by"),
        schema=str(report.get("schema", "discrepancy-report/1")),
        articles=len(articles),
        skipped=skipped_views(report),
        incidents=tuple(incidents),
        totals=tally.totals,
        review_counts=tally.review_counts,
        kinds=tally.ordered_kinds(),
        diff=diff_view(diff, labels, previous) if diff is not None else None,
        reviews=review_totals(report),
        incident_total=tally.incidents,
        background_total=tally.background,
    )


class Tally:
    """The report's figures, counted one incident at a time."""

    def __init__(self) -> None:
        self.incidents = 0
        self.background = 0
        self.totals = {"conflict": 0, "variant": 0, "revision": 0}
        self.review_counts = dict.fromkeys(REVIEW_ORDER, 0)
        self.kinds: set[str] = set()

    def add(self, incident: IncidentView) -> None:
        """Count one incident."""
        self.incidents += 1
        self.background += incident.background
        for key in self.totals:
            self.totals[key] += incident.counts[key]
        for review in REVIEW_ORDER:
            self.review_counts[review] += _has_review(incident, review)
        self.kinds.update(row.kind for row in incident.rows)

    def ordered_kinds(self) -> tuple[str, ...]:
        """The distinct kinds, in matrix row order."""
        return tuple(sorted(self.kinds, key=kind_rank))


def _sources_line(sources: Sequence[Source]) -> str:
    """Who reported it, in one line: outlets, readable ids, and a count of the unnamed rest."""
    names: list[str] = []
    unnamed = 0
    for source in sorted(sources, key=_publication_order):
        if source.outlet == source.name or not OPAQUE_ID.search(source.id):
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
    url = article.get("url")
    known = formatting.outlet(article.get("source"), str(url) if url else None)
    title = article.get("title")
    # A hex id says nothing to an editor: the outlet, else a readable id, else the headline.
    name = known or article_id
    if not known and title and OPAQUE_ID.search(article_id):
        name = formatting.truncate(str(title), _NAME_CHARS)
    return Source(
        id=article_id,
        outlet=known or "Unknown outlet",
        name=name,
        published=article.get("published"),
        title=title,
        path=article.get("path"),
        warnings=(*(str(w) for w in article.get("warnings") or ()), *_copy_note(article)),
        url=str(url) if url else None,
    )


def _copy_note(article: Mapping[str, Any]) -> tuple[str, ...]:
    """A copy of another article says so: its figures are that article's, not a second
    source's."""
    original = article.get("copy_of")
    if not original:
        return ()
    return (f"a copy of {original} (same headline and text): not counted as a second source",)


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


def incident_view(raw: Mapping[str, Any], context: Context) -> IncidentView:
    """Describe one incident: its columns, matrix rows, chart and filter facets."""
    articles = context.articles
    incident_id = str(raw["id"])
    label, label_from = display_label(raw, articles)
    facts = sorted(raw.get("facts", []), key=fact_order)
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
    # Filter facets "status:kind". An incident that needs review is found by its issues
    # only, so unticking "Conflict" hides it even though some of its facts agree.
    if review == "ok":
        facets = sorted({"ok:"} | {f"ok:{row.kind}" for row in rows})
    else:
        facets = sorted(
            {f"{row.shown_status}:{row.kind}" for row in rows if row.shown_status in counts}
        )
    # What the page shows, and no more: a search must not match an id it keeps out of sight.
    search_parts = [label, raw.get("date") or "", raw.get("location") or ""]
    search_parts += [f"{s.name} {s.title or ''}" for s in sources]
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
        chart=chart(rows),
        issues=tuple(
            Issue(row.shown_status, _issue(row), row.review)
            for row in sorted(rows, key=_within_one_article)
            if row.flagged
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
    values = _compared_values(kind, claims)
    return Row(
        kind=kind,
        subject=fact.get("subject"),
        shown_status=shown_status,
        rule=fact.get("rule"),
        values=values,
        cells=cells,
        timeline=_timeline(fact, claims) if revision else (),
        disputes=_disputes(fact, claims) if shown_status == "conflict" else (),
    )


def _matching(claims: Sequence[ClaimView], entry: Mapping[str, Any]) -> ClaimView | None:
    """The claim a timeline entry or a disputed figure stands for: same article and value."""
    for claim in claims:
        if claim.article == str(entry.get("article")) and claim.value == entry.get("value"):
            return claim
    return None


def _timeline(fact: Mapping[str, Any], claims: Sequence[ClaimView]) -> tuple[ClaimView, ...]:
    """A revision's figures in the order the aligner put them, else by publication date."""
    entries = fact.get("timeline")
    if not entries:
        return tuple(
            sorted(claims, key=lambda c: (c.published is None, c.published or "", c.source))
        )
    steps = []
    for entry in entries:
        claim = _matching(claims, entry)
        if claim is not None:
            cue = "superseded" if entry.get("superseded") else entry.get("cue")
            steps.append(replace(claim, cue=CUE_LABELS.get(str(cue)) if cue else None))
    return tuple(steps)


def _disputes(fact: Mapping[str, Any], claims: Sequence[ClaimView]) -> tuple[ClaimView, ...]:
    """Who says what: the disputed figures, each with the source it is credited to."""
    found = (_matching(claims, side) for side in fact.get("attributions", ()))
    return tuple(claim for claim in found if claim is not None)


def _compared_values(kind: str, claims: Sequence[ClaimView]) -> tuple[str, ...]:
    """The values as compared, each once; of a figure, only those that disagree ("6 vs 5",
    not "≥ 1 vs 6 vs 5"); of a date, the day each names, not the words."""
    labelled = []
    for claim in claims:
        if kind == "date":
            label = formatting.format_date(claim.normalized) if claim.normalized else claim.value
        else:
            label = claim.interval or claim.value
        labelled.append((label, claim.low, claim.high))
    return formatting.disagreeing(labelled)


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
        review=Decision(best.get("reviewed") is True, None if decision is None else str(decision),
                        Carried.from_report(best.get("carried"))),
    )  # fmt: skip


def _issue(row: Row) -> str:
    """A one-line account of a fact that needs review, for the incident's summary line."""
    subject = f" ({row.subject})" if row.subject else ""
    name = f"{formatting.kind_label(row.kind)}{subject}"
    if row.shown_status == "revision":
        steps = " → ".join(c.interval or c.value for c in row.timeline)
        return f"{name} revised: {steps}"
    # One article contradicting itself is another matter than two sources disagreeing.
    inside = " (within one article)" if _within_one_article(row) else ""
    return f"{name}: {' vs '.join(row.values)}{inside}"


def _within_one_article(row: Row) -> bool:
    """Do all of a fact's claims come from one article?"""
    return sum(1 for cell in row.cells if cell) == 1


def _has_review(incident: IncidentView, review: str) -> bool:
    """Whether the incident shows up when only this review state is ticked."""
    return any(facet.startswith(review + ":") for facet in incident.facets.split())
