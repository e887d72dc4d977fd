"""What the review server reads and writes: a connection per request, the report cached per run."""

from __future__ import annotations

import functools
import re
import sqlite3
import threading
from collections.abc import Iterator, Mapping
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from discrepancy.align.identity import extends
from discrepancy.models import REVIEWED, Kind, Review
from discrepancy.report.html_model import IncidentView, ReportView, Row
from discrepancy.report.html_view import describe
from discrepancy.report.json_report import annotate, to_dict
from discrepancy.review.decision_log import DecisionLog
from discrepancy.store import decisions as store_decisions
from discrepancy.store.rows import Decision, StoredDiscrepancy
from discrepancy.store.sqlite import Store, StoreError, open_store

# Every decision the CLI knows, offered in the browser too; key is the keyboard shortcut on a
# discrepancy's page (and 1-4 its place here). "confirmed conflict" is offered for conflicts only.
UI_DECISIONS: Mapping[str, str] = {
    "confirmed conflict": "c",
    "false alarm": "f",
    "needs follow-up": "u",
    "accepted": "a",
}
# The form value that undoes the reviewer's own latest decision (by appending another).
UNDO = "undo"
# Queue lines per page: a store of a few thousand articles has hundreds of open items.
PAGE_SIZE = 50
# Review state of a discrepancy, from its latest decision; "new" has none.
STATE_OF = {
    None: "new",
    "needs follow-up": "follow-up",
    "confirmed conflict": "confirmed",
    "false alarm": "false-alarm",
    "accepted": "accepted",
}
# The queue views: which review states each one lists. "todo" is what still fails CI.
VIEWS: Mapping[str, frozenset[str]] = {
    "todo": frozenset({"new", "follow-up"}),
    "new": frozenset({"new"}),
    "follow-up": frozenset({"follow-up"}),
    "decided": frozenset({"confirmed", "false-alarm", "accepted"}),
    "all": frozenset(STATE_OF.values()),
}
VIEW_LABELS = {
    "todo": "To review",
    "new": "Never reviewed",
    "follow-up": "Needs follow-up",
    "decided": "Decided",
    "all": "All open",
}
STATUSES = ("conflict", "variant")
KINDS = tuple(kind.value for kind in Kind)
# A writer (a `check` run) holds the store for the whole batch; a reviewer's click waits this
# long for it before the server answers 503 and asks to try again.
BUSY_TIMEOUT_S = 10.0
# How many lines each list of "changes since your last visit" shows before "and N more".
CHANGES_SHOWN = 20


_NUMBER = re.compile(r"\d+(?:\.\d+)?")


class NotFound(LookupError):
    """An incident or discrepancy id the store does not have."""


class Invalid(ValueError):
    """A request value outside what is allowed (HTTP 400)."""


@dataclass(frozen=True)
class Snapshot:
    """The latest run's report and discrepancies, as the pages show them."""

    run: int
    # The report as `discrepancy-report/1` JSON (never changed after it is built) ...
    data: Mapping[str, Any]
    # ... and as the report page describes it, without review decisions.
    report: ReportView
    incidents: Mapping[str, IncidentView]
    open: tuple[StoredDiscrepancy, ...]
    known: Mapping[str, StoredDiscrepancy]
    # Report order of open discrepancies, to find "the next one" after a decision.
    order: Mapping[str, int]


@dataclass(frozen=True)
class Carried:
    """A decision made before a new source added a value: shown, to be decided again."""

    decision: Decision
    # The values the discrepancy had when it was decided.
    values: tuple[str, ...]


@dataclass(frozen=True)
class Item:
    """One discrepancy as a queue line: what it is, where, and where its review stands."""

    found: StoredDiscrepancy
    incident: IncidentView | None
    row: Row | None
    decision: Decision | None
    # Without a decision of its own: the one made before its newest value, if any.
    carried: Carried | None = None

    @property
    def fingerprint(self) -> str:
        """The discrepancy's fingerprint."""
        return self.found.fingerprint

    @property
    def state(self) -> str:
        """new, follow-up, confirmed, false-alarm or accepted."""
        return STATE_OF.get(self.decision.decision if self.decision else None, "new")

    @property
    def settled(self) -> bool:
        """Does the latest decision stop CI from failing on it?"""
        return self.decision is not None and self.decision.decision in REVIEWED

    @property
    def values(self) -> tuple[str, ...]:
        """The values as the report shows them (intervals for counts), counts smallest first."""
        values = self.row.values if self.row is not None else self.found.values
        firsts = [_NUMBER.search(v.replace(",", "")) for v in values]
        keys = [float(m.group()) for m in firsts if m is not None]
        if len(keys) == len(values):
            return tuple(v for _, v in sorted(zip(keys, values, strict=True)))
        return values


@dataclass(frozen=True)
class Filters:
    """The queue's filters, as given in the query string and checked."""

    view: str = "todo"
    status: str = ""
    kind: str = ""
    incident: str = ""
    # Words every listed item must contain (in its fact, values, incident label or place).
    text: str = ""
    page: int = 1

    @classmethod
    def parse(cls, query: Mapping[str, str]) -> Filters:
        """Filters from query or form fields; Invalid names the value that is not allowed."""
        view = query.get("view") or "todo"
        status = query.get("status") or ""
        kind = query.get("kind") or ""
        incident = query.get("incident") or ""
        text = " ".join((query.get("q") or "").split())
        page = query.get("page") or "1"
        if not page.isdigit() or not 1 <= int(page) <= 100_000:
            raise Invalid(f'page "{page[:20]}" is not a page number')
        if len(text) > 200:
            raise Invalid("the search is longer than 200 characters")
        if view not in VIEWS:
            raise Invalid(f'view "{view}" is not one of {", ".join(VIEWS)}')
        if status and status not in STATUSES:
            raise Invalid(f'status "{status}" is not one of {", ".join(STATUSES)}')
        if kind and kind not in KINDS:
            raise Invalid(f'kind "{kind}" is not one of {", ".join(KINDS)}')
        if len(incident) > 200:
            raise Invalid("the incident filter is too long to be an incident id")
        return cls(view, status, kind, incident, text, int(page))

    def query(self) -> dict[str, str]:
        """The non-default filters, for links that keep them."""
        fields = {"view": self.view, "status": self.status, "kind": self.kind}
        fields |= {"incident": self.incident, "q": self.text}
        fields["page"] = str(self.page) if self.page > 1 else ""
        return {k: v for k, v in fields.items() if v and not (k == "view" and v == "todo")}

    def keep(self, item: Item) -> bool:
        """Does the item pass these filters?"""
        found = item.found
        return (
            item.state in VIEWS[self.view]
            and (not self.status or found.status == self.status)
            and (not self.kind or found.kind == self.kind)
            and (not self.incident or found.incident == self.incident)
            and (not self.text or _matches(item, self.text))
        )


def _matches(item: Item, text: str) -> bool:
    """Does every word of the search occur in what the queue line shows (never its ids)?"""
    found, incident = item.found, item.incident
    shown = [found.kind, found.subject or "", *item.values]
    if incident is not None:
        shown += [incident.label, incident.location or "", incident.date or "", incident.outlets]
    haystack = " ".join(shown).casefold()
    return all(word in haystack for word in text.casefold().split())


@dataclass(frozen=True)
class Mark:
    """How far a reviewer had seen: the latest run and decision at their last visit."""

    run: int
    decision: int


@dataclass(frozen=True)
class Changes:
    """What happened since a reviewer's last visit, from the store's ids."""

    since: Mark
    new: tuple[Item, ...]
    resolved: tuple[Item, ...]
    # Each decision with the discrepancy it is about (None if the store lost track of it).
    decisions: tuple[tuple[Decision, Item | None], ...]

    @property
    def empty(self) -> bool:
        """Nothing changed."""
        return not (self.new or self.resolved or self.decisions)


@dataclass(frozen=True)
class State:
    """One consistent read of the store for one page."""

    snapshot: Snapshot
    current: Mapping[str, Decision]
    latest_decision: int
    # Reads the decisions this view does not hold (an audit trail, the changes since a
    # visit) by index, never all of them: a page costs the same at 50k decisions as at none.
    log: DecisionLog

    @property
    def mark(self) -> Mark:
        """The store's position now, for the reviewer's visit cookie."""
        return Mark(self.snapshot.run, self.latest_decision)

    def item(self, found: StoredDiscrepancy, incident: IncidentView | None = None) -> Item:
        """The queue line of one discrepancy (in the given view of its incident, if any)."""
        incident = incident or self.snapshot.incidents.get(found.incident)
        row = None
        # A resolved discrepancy's fact may still exist with other values; never show those.
        if incident is not None and found.open:
            row = next(
                (r for r in incident.rows if r.kind == found.kind and r.subject == found.subject),
                None,
            )
        decision = self.current.get(found.fingerprint)
        carried = None if decision is not None else self._carried(found)
        return Item(found, incident, row, decision, carried)

    def _carried(self, found: StoredDiscrepancy) -> Carried | None:
        """The decision on this fact before a new source added a value to it: a resolved
        discrepancy of the same incident, kind and subject whose values it still holds."""
        if not found.open:
            return None
        siblings = self._decided_resolved.get((found.incident, found.kind, found.subject), ())
        earlier = [(d, old) for d, old in siblings if extends(found.values, old.values)]
        decision, old = max(earlier, key=lambda pair: pair[0].id, default=(None, None))
        return None if decision is None or old is None else Carried(decision, old.values)

    @functools.cached_property
    def _decided_resolved(
        self,
    ) -> dict[tuple[str, str, str | None], list[tuple[Decision, StoredDiscrepancy]]]:
        index: dict[tuple[str, str, str | None], list[tuple[Decision, StoredDiscrepancy]]] = {}
        for fingerprint, decision in self.current.items():
            old = self.snapshot.known.get(fingerprint)
            if old is not None and not old.open:
                index.setdefault((old.incident, old.kind, old.subject), []).append((decision, old))
        return index

    def items(self) -> list[Item]:
        """Every open discrepancy in report order."""
        return [self.item(found) for found in self.snapshot.open]

    def queue(self, filters: Filters) -> list[Item]:
        """The open discrepancies these filters keep, in report order."""
        return [item for item in self.items() if filters.keep(item)]

    def find(self, fingerprint: str) -> Item:
        """The discrepancy with exactly this fingerprint, open or resolved; NotFound if none."""
        found = self.snapshot.known.get(fingerprint)
        if found is None:
            raise NotFound(f'no discrepancy with fingerprint "{fingerprint}" in this store')
        return self.item(found)

    def incident(self, incident_id: str) -> IncidentView:
        """The incident as the report shows it, with the current decisions; NotFound if none."""
        if incident_id not in self.snapshot.incidents:
            raise NotFound(f'no incident "{incident_id}" in the latest run of this store')
        data = self.snapshot.data
        raws = {str(i["id"]): i for i in data["incidents"]}
        raw = raws[incident_id]
        # Its background incidents and the one it is background of, for their labels.
        related = {incident_id, str(raw.get("background_of") or "")}
        related |= {key for key, i in raws.items() if i.get("background_of") == incident_id}
        incidents = [i for key, i in raws.items() if key in related]
        named = {
            str(a) for i in incidents
            for a in (*i.get("articles", ()), *i.get("mentioned_in", ()),
                      *(c["article"] for f in i.get("facts", ()) for c in f.get("claims", ())))
        }  # fmt: skip
        part = {
            **data,
            "articles": [a for a in data["articles"] if str(a["id"]) in named],
            "incidents": incidents,
            "skipped": [],
            "discrepancies": [
                d for d in data["discrepancies"] if str(d.get("incident")) in related
            ],
        }
        view = describe(self.annotated(part))
        return next(i for i in view.incidents if i.id == incident_id)

    def annotated(self, data: Mapping[str, Any]) -> dict[str, Any]:
        """A copy of a report dict whose discrepancies carry their current decision."""
        reviews = {
            fp: Review(fp, d.decision, d.reviewer, d.note, d.at) for fp, d in self.current.items()
        }
        copy = {**data, "discrepancies": [dict(d) for d in data.get("discrepancies", ())]}
        return annotate(copy, reviews)

    def history(self, fingerprint: str) -> list[Decision]:
        """Every decision about one discrepancy, newest first: the audit trail."""
        return self.log.history(fingerprint, self.latest_decision)

    def decision(self, number: int) -> Decision | None:
        """The decision with this id, if any."""
        return self.log.one(number) if number <= self.latest_decision else None

    def changes(self, since: Mark, reviewer: str | None) -> Changes:
        """New and resolved discrepancies and other reviewers' decisions since a mark."""
        me = (reviewer or "").casefold()
        known = self.snapshot.known
        return Changes(
            since,
            tuple(self.item(d) for d in self.snapshot.open if d.first_run > since.run),
            tuple(
                self.item(d)
                for d in known.values()
                if d.resolved_run is not None and d.resolved_run > since.run
            ),
            tuple(
                (d, self.item(known[d.fingerprint]) if d.fingerprint in known else None)
                for d in self.log.since(since.decision, self.latest_decision)
                if not me or (d.reviewer or "").casefold() != me
            ),
        )


class Backend:
    """The store as the server uses it: one SQLite connection per request, never shared.

    sqlite3 connections must stay in the thread that made them, and requests run on a thread
    pool; a fresh connection per request costs well under a millisecond. The report, which only
    a `check` run changes, is rebuilt when the latest run id moves.
    """

    def __init__(self, path: str, busy_timeout: float = BUSY_TIMEOUT_S) -> None:
        self.path = path
        self.busy_timeout = busy_timeout
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._overview: tuple[tuple[int, int], ReportView] | None = None

    def check(self) -> None:
        """Open the store once with every check (foreign, corrupt, newer, old): StoreError."""
        with open_store(self.path, create=False):
            pass

    @contextmanager
    def _connect(self) -> Iterator[tuple[Store, sqlite3.Connection]]:
        try:
            # mode=rw: a store that vanished while serving is an error, not a new empty file.
            connection = sqlite3.connect(
                Path(self.path).resolve().as_uri() + "?mode=rw",
                uri=True,
                isolation_level=None,
                timeout=self.busy_timeout,
            )
        except sqlite3.Error as exc:
            raise StoreError(f'cannot open store "{self.path}": {exc}') from None
        with closing(connection):
            # The store is in WAL mode already (check() made sure); FULL makes each
            # acknowledged decision durable on disk, not only in the page cache.
            connection.execute("PRAGMA synchronous = FULL")
            connection.execute("PRAGMA foreign_keys = ON")
            yield Store(connection, self.path), connection

    def read(self) -> State:
        """One consistent view of runs, report and decisions (a single read transaction)."""
        with self._connect() as (store, connection):
            connection.execute("BEGIN")
            try:
                run = _latest(connection, "runs")
                snapshot = self._snapshot
                if snapshot is None or snapshot.run != run:
                    snapshot = self._rebuild(store, run)
                current = store_decisions.current(connection)
                latest = store_decisions.latest_id(connection)
            finally:
                connection.execute("COMMIT")
        return State(snapshot, current, latest, DecisionLog(self._connect))

    def _rebuild(self, store: Store, run: int) -> Snapshot:
        with self._lock:
            # Another request may have rebuilt it while this one waited.
            if self._snapshot is not None and self._snapshot.run == run:
                return self._snapshot
            data = to_dict(store.load_report())
            report = describe(data)
            every = store.discrepancies(include_resolved=True)
            still = tuple(d for d in every if d.open)
            snapshot = Snapshot(
                run=run,
                data=data,
                report=report,
                incidents={i.id: i for i in report.incidents},
                open=still,
                known={d.fingerprint: d for d in every},
                order={d.fingerprint: n for n, d in enumerate(still)},
            )
            self._snapshot = snapshot
            return snapshot

    def overview(self, state: State) -> ReportView:
        """The whole report with the current decisions, rebuilt when a run or decision is new."""
        key = (state.snapshot.run, state.latest_decision)
        cached = self._overview
        if cached is not None and cached[0] == key:
            return cached[1]
        view = describe(state.annotated(state.snapshot.data))
        self._overview = (key, view)
        return view

    def decide(self, fingerprint: str, decision: str, reviewer: str, note: str | None) -> Decision:
        """Append a decision about a known discrepancy; NotFound, or StoreError when busy."""
        with self._connect() as (store, connection):
            row = connection.execute(
                "SELECT 1 FROM discrepancies WHERE fingerprint = ?", (fingerprint,)
            ).fetchone()
            if row is None:
                raise NotFound(f'no discrepancy with fingerprint "{fingerprint}" in this store')
            return store.record_decision(fingerprint, decision, reviewer, note)

    def signing_key(self) -> bytes:
        """The key the server signs its cookies and forms with, kept in the store."""
        return DecisionLog(self._connect).signing_key()

    def undo(self, fingerprint: str, reviewer: str) -> Decision:
        """Undo the reviewer's own latest decision by appending the one it replaced (history
        kept); with none before it, the item goes back to the queue as "needs follow-up"."""
        with self._connect() as (store, _):
            history = store.decisions(fingerprint)
            if not history or history[-1].reviewer != reviewer:
                raise Invalid(f"{reviewer} has no latest decision here to undo")
            last = history[-1]
            earlier = history[-2] if len(history) > 1 else None
            restored = earlier.decision if earlier is not None else "needs follow-up"
            note = f"Undid {last.decision} (#{last.id}); back to {restored}."
            return store.record_decision(fingerprint, restored, reviewer, note)

    def baseline(self) -> dict[str, Any]:
        """The baseline document of the store's current decisions, as `baseline export`."""
        from discrepancy.store.baseline import from_store, to_document

        with self._connect() as (store, _):
            return to_document(from_store(store))


def _latest(connection: sqlite3.Connection, table: str) -> int:
    # Fixed table names from this module, never from a request.
    row = connection.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()
    return int(row[0])
