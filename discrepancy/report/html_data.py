"""An incident's view as the compact data the page's script renders, and back for the templates.

A large report's page holds the incidents past its first page as data, one JSON line each,
which `_report.js` turns into the same markup the templates make. Every text is shown as the
templates show it (dates, kinds and scopes already in words), so the script only lays it out;
sentences and articles are stored once for the page and referenced by number. `decode` gives
the view back, as the templates need it for the incidents the page carries as markup.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any

from discrepancy.report import formatting
from discrepancy.report.html_model import (
    Bar,
    Carried,
    Chart,
    ChartGroup,
    ClaimView,
    Decision,
    IncidentView,
    Issue,
    Link,
    Row,
    Source,
)


def data_line(value: Any) -> str:
    """One value as a line of JSON that is inert text anywhere in an HTML element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    # JSON escapes line breaks inside strings, so the value is one line. The characters that
    # could end the element holding the data or start an entity in it only occur inside
    # strings, where their escapes mean the same: the line is plain text to an HTML parser.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class Tables:
    """The articles and sentences of a page's data, each stored once and numbered."""

    def __init__(self) -> None:
        self.articles: list[list[Any]] = []
        self.sentences: list[str] = []
        # The files articles were read from: most batches are one or a few.
        self.paths: list[str] = []
        self._article_at: dict[str, int] = {}
        self._sentence_at: dict[str, int] = {}
        self._path_at: dict[str, int] = {}
        self._sources: list[Source] = []
        # The incident's own sentence strings (see `adopt`), by their text.
        self._originals: dict[str, str] = {}

    def article(self, source: Source) -> int:
        """The number of an article (a column's source), adding it when new."""
        at = self._article_at.get(source.id)
        if at is None:
            at = self._article_at[source.id] = len(self.articles)
            shown = _shown_source(source)
            self._sources.append(shown)
            path = None
            if shown.path:
                path = self._path_at.setdefault(shown.path, len(self.paths))
                if path == len(self.paths):
                    self.paths.append(shown.path)
            # The name is mostly the outlet itself: 0 says so.
            name = 0 if shown.name == shown.outlet else shown.name
            row = [shown.id, shown.outlet, name, shown.published, shown.title, shown.url, path]
            self.articles.append(_trim([*row, list(shown.warnings)]))
        return at

    def article_at(self, article_id: str) -> int:
        """The number of an article already in the table."""
        return self._article_at[article_id]

    def adopt(self, sentences: Iterable[str]) -> None:
        """The sentences of the incident being encoded, as the report holds them: the table
        keeps these strings rather than the copies a view pieces together from its parts."""
        self._originals = {text: text for text in sentences}

    def sentence(self, text: str) -> int:
        """The number of a sentence, adding it when new."""
        at = self._sentence_at.get(text)
        if at is None:
            text = self._originals.get(text, text)
            at = self._sentence_at[text] = len(self.sentences)
            self.sentences.append(text)
        return at

    def source(self, at: int) -> Source:
        """An article as the templates show it, by its number."""
        return self._sources[at]


def _shown_source(source: Source) -> Source:
    """The source with its date in words and its url only when the page may link to it."""
    return Source(
        id=source.id,
        outlet=source.outlet,
        name=source.name,
        published=formatting.format_date(source.published, "undated"),
        title=source.title,
        path=source.path,
        warnings=source.warnings,
        url=formatting.web_link(source.url),
    )


def _trim(row: list[Any]) -> list[Any]:
    """Drop trailing empty fields: the script reads a missing one as empty."""
    while row and (row[-1] is None or row[-1] == [] or row[-1] == ""):
        row.pop()
    return row


def _units(text: str) -> int:
    """The length of text in UTF-16 code units, as the script's strings count it."""
    return len(text) if text.isascii() else len(text.encode("utf-16-le", "surrogatepass")) // 2


def encode(view: IncidentView, tables: Tables) -> dict[str, Any]:
    """An incident as data, without its links to other incidents (`links` adds them)."""
    columns = {source.id: n for n, source in enumerate(view.sources)}
    record: dict[str, Any] = {
        "i": view.id,
        "l": view.label,
        "f": view.label_from,
        "d": formatting.format_date(view.date),
        "r": view.review,
        "o": view.outlets,
        "s": [tables.article(source) for source in view.sources],
        "rw": [_encode_row(row, columns, tables) for row in view.rows],
    }
    optional = {
        "w": view.location,
        "b": 1 if view.background else None,
        "n": view.change,
        "is": [_encode_issue(issue) for issue in view.issues],
        "m": [tables.article(source) for source in view.mentioned_in],
        "ch": _encode_chart(view.chart, tables) if view.chart else None,
    }
    record.update((key, value) for key, value in optional.items() if value)
    return record


def links(
    record: dict[str, Any], parent: Link | None, backgrounds: Sequence[Link], child: bool
) -> dict[str, Any]:
    """Add what is known once every incident is seen: the parent, backgrounds, indentation."""
    if parent is not None:
        record["p"] = [parent.id, parent.label]
    if backgrounds:
        record["bk"] = [[link.id, link.label] for link in backgrounds]
    if child:
        record["c"] = 1
    return record


def _encode_issue(issue: Issue) -> list[Any]:
    return _trim([issue.status, issue.text, _encode_decision(issue.review)])


def _encode_decision(review: Decision | None) -> list[Any] | None:
    if review is None:
        return None
    before = review.before
    carried = None if before is None else [before.decision, before.reviewer, before.note,
                                           list(before.values)]  # fmt: skip
    # Status and text for the script; the decision itself for the templates.
    return _trim([review.status, review.text, 1 if review.reviewed else 0, review.decision,
                  carried])  # fmt: skip


def _encode_row(row: Row, columns: Mapping[str, int], tables: Tables) -> dict[str, Any]:
    encoded: dict[str, Any] = {
        "k": formatting.kind_label(row.kind),
        "t": row.shown_status,
        "c": [[_encode_claim(claim, tables) for claim in cell] for cell in row.cells],
    }
    optional = {
        "j": row.subject,
        "u": row.rule,
        # Only a fact that needs review shows its values compared.
        "v": list(row.values) if row.flagged else None,
        "rv": _encode_decision(row.review),
        "tl": [[*_position(claim, row, columns), claim.cue] for claim in row.timeline],
        "dp": [_position(claim, row, columns) for claim in row.disputes],
    }
    encoded.update((key, value) for key, value in optional.items() if value)
    return encoded


def _position(claim: ClaimView, row: Row, columns: Mapping[str, int]) -> list[int]:
    """Where a timeline step or disputed figure stands in the row: column and place in it."""
    column = columns[claim.article]
    for at, other in enumerate(row.cells[column]):
        if (
            other.value == claim.value
            and other.before == claim.before
            and (other.match == claim.match and other.after == claim.after)
        ):
            return [column, at]
    raise ValueError(f"claim {claim.value!r} is not in its row")


def _encode_claim(claim: ClaimView, tables: Tables) -> list[Any]:
    start = _units(claim.before)
    scope = formatting.scope_label(claim.scope) if claim.scope and claim.scope != "main" else None
    return _trim([
        claim.value, claim.interval, tables.sentence(claim.before + claim.match + claim.after),
        start, start + _units(claim.match), 1 if claim.open else None, claim.attribution,
        claim.normalized, scope,
    ])  # fmt: skip


def _encode_chart(chart: Chart, tables: Tables) -> list[Any]:
    # A bar's label is its article's name and date: the article's number says it.
    groups = [
        [group.heading, group.y, [_trim([bar.shape, tables.article_at(bar.article), bar.text,
                                         bar.y, bar.x1, bar.x2, bar.width, bar.arrow])
                                  for bar in group.bars]]
        for group in chart.groups
    ]  # fmt: skip
    ticks = [list(tick) for tick in chart.ticks]
    return [chart.width, chart.height, chart.label_x, chart.value_x, chart.axis_y, ticks, groups]


# --- back to the view, for the templates ------------------------------------------------


def decode(
    record: Mapping[str, Any],
    tables: Tables,
    facets: str,
    search: str,
) -> IncidentView:
    """The view the templates render, from an incident's data: shown as `encode` found it."""
    sources = tuple(tables.source(at) for at in record["s"])
    rows = tuple(_decode_row(row, sources, tables) for row in record["rw"])
    parent = record.get("p")
    return IncidentView(
        id=record["i"],
        label=record["l"],
        label_from=record["f"],
        # Already in words: the templates' filters leave words as they are.
        date=record["d"],
        location=record.get("w"),
        review=record["r"],
        counts={},
        sources=sources,
        outlets=record["o"],
        mentioned_in=tuple(tables.source(at) for at in record.get("m", ())),
        background=bool(record.get("b")),
        rows=rows,
        chart=_decode_chart(record["ch"], tables) if record.get("ch") else None,
        issues=tuple(
            Issue(raw[0], raw[1], _decode_decision(_at(raw, 2))) for raw in record.get("is", ())
        ),
        background_of=None if parent is None else Link(parent[0], parent[1]),
        backgrounds=tuple(Link(key, label) for key, label in record.get("bk", ())),
        facets=facets,
        search=search,
        child=bool(record.get("c")),
        change=record.get("n"),
    )


def _at(row: Sequence[Any], index: int) -> Any:
    """A field of a trimmed row: None when it was dropped."""
    return row[index] if index < len(row) else None


def _decode_decision(raw: Sequence[Any] | None) -> Decision | None:
    if raw is None:
        return None
    carried = _at(raw, 4)
    before = None if carried is None else Carried(carried[0], carried[1], carried[2],
                                                  tuple(carried[3]))  # fmt: skip
    return Decision(bool(raw[2]), _at(raw, 3), before)


def _decode_row(raw: Mapping[str, Any], sources: Sequence[Source], tables: Tables) -> Row:
    cells = tuple(
        tuple(_decode_claim(claim, sources[column], tables) for claim in cell)
        for column, cell in enumerate(raw["c"])
    )
    timeline = tuple(_with_cue(cells[c][k], cue) for c, k, cue in raw.get("tl", ()))
    return Row(
        kind=raw["k"],
        subject=raw.get("j"),
        shown_status=raw["t"],
        rule=raw.get("u"),
        values=tuple(raw.get("v", ())),
        cells=cells,
        timeline=timeline,
        review=_decode_decision(raw.get("rv")),
        disputes=tuple(cells[c][k] for c, k in raw.get("dp", ())),
    )


def _with_cue(claim: ClaimView, cue: str | None) -> ClaimView:
    return replace(claim, cue=cue)


def _decode_claim(raw: Sequence[Any], source: Source, tables: Tables) -> ClaimView:
    sentence = tables.sentences[raw[2]]
    before, match, after = _cut(sentence, raw[3], raw[4])
    return ClaimView(
        article=source.id,
        source=source.name,
        published=source.published,
        value=raw[0],
        interval=raw[1],
        low=None,
        high=None,
        normalized=_at(raw, 7),
        before=before,
        match=match,
        after=after,
        attribution=_at(raw, 6),
        # The scope in words: the templates' scope filter leaves words as they are.
        scope=_at(raw, 8),
        open=bool(_at(raw, 5)),
    )


def _cut(sentence: str, start: int, end: int) -> tuple[str, str, str]:
    """A sentence cut at UTF-16 offsets into before, match and after."""
    if sentence.isascii():
        return sentence[:start], sentence[start:end], sentence[end:]
    units = sentence.encode("utf-16-le", "surrogatepass")

    def part(a: int, b: int) -> str:
        return units[2 * a : 2 * b].decode("utf-16-le", "surrogatepass")

    return part(0, start), part(start, end), part(end, len(units) // 2)


def _decode_chart(raw: Sequence[Any], tables: Tables) -> Chart:
    width, height, label_x, value_x, axis_y, ticks, groups = raw
    return Chart(
        width=width,
        height=height,
        label_x=label_x,
        value_x=value_x,
        axis_y=axis_y,
        ticks=tuple((x, label) for x, label in ticks),
        groups=tuple(
            ChartGroup(heading, y, tuple(_decode_bar(bar, tables) for bar in bars))
            for heading, y, bars in groups
        ),
    )


def _decode_bar(raw: Sequence[Any], tables: Tables) -> Bar:
    shape, article, text, y, x1, x2, width = raw[:7]
    source = tables.source(article)
    label = f"{source.name} · {source.published}"
    return Bar(shape, label, text, y, x1, x2, width, _at(raw, 7) or "", source.id)


def data_pieces(items: Iterable[Any], piece: int = 2**16) -> Iterator[str]:
    """`data_line` of a list of the items, in pieces of about `piece` characters: a table of
    every sentence of a large batch is never one string (nor its copies while escaped)."""
    # JSON writes a list as its items' own text between brackets, comma-separated, and
    # escaping works character by character: the pieces join into data_line(list(items)).
    pending: list[str] = ["["]
    size = 0
    for at, item in enumerate(items):
        text = data_line(item)
        pending.append("," + text if at else text)
        size += len(text)
        if size >= piece:
            yield "".join(pending)
            pending, size = [], 0
    pending.append("]")
    yield "".join(pending)
