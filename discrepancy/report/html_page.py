"""The report page made one incident at a time: each incident is described, counted and kept
as compact data as it streams past, then the page is written in the editor's order.

The first page of incidents is markup (readable without JavaScript, and printable); the rest
is data the page's script renders a page at a time, with every sentence and article stored
once. Nothing holds the report dict or every incident's view at once.
"""

from __future__ import annotations

import base64
import json
import tempfile
import weakref
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, NamedTuple

from discrepancy.report.html_data import Tables, data_line, data_pieces, decode, encode, links
from discrepancy.report.html_diff import diff_view
from discrepancy.report.html_model import IncidentView, Link, ReportView
from discrepancy.report.html_order import ReviewKey, grouped_order, review_key
from discrepancy.report.html_view import (
    Context,
    Tally,
    incident_view,
    report_context,
    review_totals,
    skipped_views,
)

# Incidents on a page: the first page is markup, the others are rendered from data when
# shown. Fifty incident lines fill a few screens and render in a few milliseconds; the
# first page's markup, the most urgent incidents with their evidence, stays small.
PAGE_SIZE = 50
# Data past this many bytes is deflated and written in base64: a 10k-article batch's data
# (about 12 MB of JSON) takes 2.4 MB so, and a browser reads and inflates that faster than
# it parses the plain text. Smaller data stays plain, so the page starts at once.
PACK_ABOVE = 2 * 2**20


class Data(NamedTuple):
    """The incidents past the first page: lines of JSON, or those deflated in base64."""

    packed: bool
    pieces: Iterator[str]


class PageBuilder:
    """Collects a report's articles, then its incidents one by one; then writes the page."""

    def __init__(
        self,
        report: Mapping[str, Any],
        *,
        previous: Mapping[str, Any] | None = None,
        page_size: int = PAGE_SIZE,
        pack_above: int = PACK_ABOVE,
    ) -> None:
        # Everything but the articles and incidents, which may be one-pass iterators.
        self._report = {k: v for k, v in report.items() if k not in ("articles", "incidents")}
        self._previous = previous
        self.page_size = max(page_size, 1)
        self._pack_above = pack_above
        self._articles: dict[str, Mapping[str, Any]] = {}
        self._context: Context | None = None
        self._diff: Mapping[str, Any] | None = None
        self._tables = Tables()
        self._tally = Tally()
        self._entries: dict[str, tuple[ReviewKey, str | None]] = {}
        self._labels: dict[str, str] = {}
        self._background: set[str] = set()
        self._backgrounds: dict[str, list[Link]] = {}
        # Per incident: its data as JSON text, its filter facets and what a search matches,
        # kept in a temporary file until the page is written in the editor's order.
        self._records = Spill()

    def add_article(self, article: Mapping[str, Any]) -> None:
        """Take one article of the report; all come before the first incident."""
        if self._context is not None:
            raise ValueError("articles must come before incidents")
        # What the page shows of an article; its text never reaches the page.
        keep = ("id", "source", "url", "title", "published", "path", "warnings", "copy_of")
        self._articles[str(article["id"])] = {k: article[k] for k in keep if k in article}

    def add_incident(self, raw: Mapping[str, Any]) -> None:
        """Describe one incident of the report and keep it as data."""
        view = incident_view(raw, self._started())
        parent = view.background_of.id if view.background_of else None
        self._entries[view.id] = (review_key(view), parent)
        self._labels[view.id] = view.label
        if view.background:
            self._background.add(view.id)
        if parent is not None:
            self._backgrounds.setdefault(parent, []).append(Link(view.id, view.label))
        self._tally.add(view)
        self._tables.adopt(
            str(claim["sentence"])
            for fact in raw.get("facts", ())
            for claim in fact.get("claims", ())
            if "sentence" in claim
        )
        record = data_line(encode(view, self._tables))
        self._tables.adopt(())
        self._records.add(view.id, record, view.facets, view.search)

    def tap(self, items: Iterable[Any], take: Callable[[Any], None]) -> Iterator[Any]:
        """Pass items on unchanged, taking each on the way: the JSON writer's own pass."""
        for item in items:
            take(item)
            yield item

    def page(self) -> tuple[ReportView, Data | None]:
        """The page's view with its first incidents, and the data of every incident when they
        are more than a page."""
        self._started()
        order = grouped_order(self._entries)
        first, rest = order[: self.page_size], order[self.page_size :]
        views = [self._view(key, child) for key, child in first]
        report = self._report
        view = ReportView(
            generated_by=report.get("generated_by"),
            schema=str(report.get("schema", "discrepancy-report/1")),
            articles=len(self._articles),
            skipped=skipped_views(report),
            incidents=tuple(views),
            totals=self._tally.totals,
            review_counts=self._tally.review_counts,
            kinds=self._tally.ordered_kinds(),
            diff=diff_view(self._diff, self._labels, self._previous) if self._diff else None,
            reviews=review_totals(report),
            incident_total=self._tally.incidents,
            background_total=self._tally.background,
        )
        if not rest:
            self._records.close()
            return view, None
        # Past one page, every incident is data: the script renders each page, the first
        # too, and the first page's markup is only for a reader without JavaScript.
        size = self._records.size + sum(map(len, self._tables.sentences))
        packed = size > self._pack_above
        lines = self._data(order)
        return view, Data(packed, pack(lines) if packed else lines)

    def _started(self) -> Context:
        """The context incidents are described in, made once every article is in."""
        if self._context is None:
            report = {**self._report, "articles": list(self._articles.values())}
            self._context, self._diff = report_context(report, self._articles, self._previous)
        return self._context

    def _links(self, key: str, child: bool) -> dict[str, Any]:
        """An incident's links to other incidents, known once every incident is in."""
        parent = self._entries[key][1]
        link = None if parent is None else Link(parent, self._labels.get(parent, parent))
        backgrounds = sorted(self._backgrounds.get(key, ()), key=lambda b: b.id)
        return links({}, link, backgrounds, child)

    def _view(self, key: str, child: bool) -> IncidentView:
        """An incident of the first page as the templates render it."""
        record, facets, search = self._records.get(key)
        linked = {**json.loads(record), **self._links(key, child)}
        return decode(linked, self._tables, facets, search)

    def _line(self, key: str, child: bool) -> str:
        """An incident's data line, its links added to the object it was kept as."""
        extra = self._links(key, child)
        record = self._records.get(key)[0]
        return (record[:-1] + "," + data_line(extra)[1:] if extra else record) + "\n"

    def _data(self, order: list[tuple[str, bool]]) -> Iterator[str]:
        """The data lines: articles, sentences, the filter index, then one line per incident."""
        tables = self._tables
        try:
            # The article and sentence tables and the index are a line each, written a piece
            # at a time: the first is data_line([articles, paths]).
            yield "["
            yield from data_pieces(tables.articles)
            yield "," + data_line(tables.paths) + "]\n"
            yield from data_pieces(tables.sentences)
            yield "\n"
            yield from data_pieces(self._index_entry(key, child) for key, child in order)
            yield "\n"
            for key, child in order:
                yield self._line(key, child)
        finally:
            self._records.close()

    def _index_entry(self, key: str, child: bool) -> list[Any]:
        """What filtering needs of an incident: id, facets, search text, background or not,
        and the incident it is listed under."""
        _, facets, search = self._records.get(key)
        parent = self._entries[key][1] if child else None
        entry = [key, facets, _words(search), int(key in self._background)]
        return entry if parent is None else [*entry, parent]


class Spill:
    """Each incident's data line, facets and search text, in a temporary file by its id.

    A page keeps every incident until it knows their order; in memory that was some 10 KB
    per incident of a 100k-article batch, the largest thing the HTML twin held.
    """

    def __init__(self) -> None:
        self._file: Any = None
        # Per id: where its texts start in the file and each one's length in bytes.
        self._at: dict[str, tuple[int, int, int, int]] = {}
        self._end = 0
        # Characters of the data lines, which decide whether the page's data is deflated.
        self.size = 0

    def add(self, key: str, record: str, facets: str, search: str) -> None:
        """Keep an incident's three texts under its id."""
        if self._file is None:
            # Closed by close() once the page is written, or when the spill is let go (a page
            # that failed); the system removes it on close.
            self._file = tempfile.TemporaryFile(prefix="discrepancy-page-")  # noqa: SIM115
            self._closer = weakref.finalize(self, self._file.close)
        parts = [text.encode("utf-8") for text in (record, facets, search)]
        self._file.seek(self._end)
        self._file.write(b"".join(parts))
        self._at[key] = (self._end, *map(len, parts))  # type: ignore[assignment]
        self._end += sum(map(len, parts))
        self.size += len(record)

    def get(self, key: str) -> tuple[str, str, str]:
        """An incident's data line, facets and search text."""
        start, first, second, third = self._at[key]
        self._file.seek(start)
        data = self._file.read(first + second + third)
        return (
            data[:first].decode("utf-8"),
            data[first : first + second].decode("utf-8"),
            data[first + second :].decode("utf-8"),
        )

    def close(self) -> None:
        """Remove the file; nothing can be read after."""
        if self._file is not None:
            self._closer()


def _words(text: str) -> str:
    """Each word of a search text once: a search term has no spaces, so it matches the text
    exactly when it matches one of its words, however often that word comes."""
    return " ".join(dict.fromkeys(text.split()))


def pack(lines: Iterable[str]) -> Iterator[str]:
    """Text deflated (zlib) and written in base64, a piece at a time."""
    deflate = zlib.compressobj(6)
    pending = bytearray()
    for line in lines:
        pending += deflate.compress(line.encode("utf-8"))
        if len(pending) >= 3 * 2**16:
            # Whole groups of three bytes make base64 without padding: the pieces join.
            cut = len(pending) - len(pending) % 3
            yield base64.b64encode(pending[:cut]).decode("ascii")
            del pending[:cut]
    pending += deflate.flush()
    yield base64.b64encode(pending).decode("ascii")
