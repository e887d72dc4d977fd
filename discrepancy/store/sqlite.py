"""The SQLite store: articles, incidents, claims, discrepancies and review decisions across runs."""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from importlib import resources
from typing import Any

from discrepancy import __version__
from discrepancy.errors import DiscrepancyError
from discrepancy.models import (
    DECISIONS,
    Article,
    Claim,
    Discrepancy,
    Fact,
    Incident,
    Kind,
    Report,
    Skipped,
    Status,
)
from discrepancy.store import decisions as store_decisions
from discrepancy.store import renames, staging
from discrepancy.store.rows import (
    Decision,
    Renamed,
    StoredDiscrepancy,
    article_from_row,
    claim_from_row,
    date_from_iso,
    now,
)

DEFAULT_PATH = "discrepancy.sqlite"
# Written into the SQLite header ("DSCR") so that a store is told apart from any other
# SQLite file without trusting table names alone.
APPLICATION_ID = 0x44534352
# A second CI job on the same store waits this long for the first one's write to finish.
BUSY_TIMEOUT_MS = 60_000
_MIGRATION_NAME = re.compile(r"(\d{4})_[a-z0-9_]+\.sql")


class StoreError(DiscrepancyError):
    """A store file that cannot be used as it is."""


def open_store(path: str | os.PathLike[str], *, create: bool = True) -> Store:
    """Open (and, with create, make or upgrade) the store at path; StoreError if unusable."""
    where = os.fspath(path)
    exists = os.path.exists(where)
    if not exists and not create:
        raise StoreError(
            f'no store at "{where}"; run `discrepancy check INPUTS --db {where}` first'
        )
    if exists and os.path.isdir(where):
        raise StoreError(f'store "{where}" is a folder; give a file path to --db')
    try:
        connection = sqlite3.connect(where, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise StoreError(f'cannot open store "{where}": {exc}; check the path') from None
    try:
        store = Store(connection, where)
        store._prepare(create=create)
    except BaseException:
        connection.close()
        raise
    return store


def select_incidents(report: Report, incidents: Iterable[str]) -> Report:
    """The part of a report about the given incidents, and the articles they name."""
    keep = set(incidents)
    chosen = tuple(i for i in report.incidents if i.id in keep)
    named = {a for i in chosen for a in (*i.articles, *i.mentioned_in)}
    return replace(
        report,
        articles=tuple(a for a in report.articles if a.id in named),
        incidents=chosen,
        discrepancies=tuple(d for d in report.discrepancies if d.incident in keep),
    )


class Store:
    """An open store; use open_store() to get one, and close it (or use `with`)."""

    def __init__(self, connection: sqlite3.Connection, path: str) -> None:
        self._db = connection
        self._db.row_factory = sqlite3.Row
        self.path = path
        # The report whose rows stage_run wrote last, for save_run to copy in.
        self._staged: Report | None = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection; the store stays as last committed."""
        self._db.close()

    # -- opening ------------------------------------------------------------------------

    def _fail(self, reason: str) -> StoreError:
        return StoreError(f'store "{self.path}" {reason}')

    def _prepare(self, *, create: bool) -> None:
        """Refuse foreign, corrupt or newer files; then migrate and switch to WAL."""
        try:
            application_id = self._db.execute("PRAGMA application_id").fetchone()[0]
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            tables = [
                r[0]
                for r in self._db.execute(
                    "SELECT name FROM sqlite_schema WHERE type = 'table'"
                    " AND name NOT LIKE 'sqlite_%' ORDER BY name"
                )
            ]
        except sqlite3.DatabaseError as exc:
            raise self._fail(
                f"is not a SQLite database or is corrupt ({exc}); give another --db path "
                "(the file was left as it is)"
            ) from None
        latest = len(_migrations())
        if application_id != APPLICATION_ID and (tables or version):
            listed = ", ".join(tables[:5]) + (", ..." if len(tables) > 5 else "")
            raise self._fail(
                f"is another program's SQLite database (tables: {listed or 'none'}), not a "
                "discrepancy store; give another --db path (the file was left as it is)"
            )
        if version > latest:
            raise self._fail(
                f"has schema version {version}, newer than this discrepancy {__version__} "
                f"knows (up to {latest}); upgrade discrepancy (the file was left as it is)"
            )
        if application_id == APPLICATION_ID:
            self._check_integrity()
        if version < latest:
            if not create:
                raise self._fail(
                    f"has schema version {version}; run `discrepancy check ... --db "
                    f"{self.path}` once to upgrade it"
                )
            self._migrate(version)
        try:
            mode = self._db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise self._fail(f"cannot be switched to WAL mode ({exc})") from None
        if str(mode).lower() != "wal":
            raise self._fail(f"cannot use write-ahead logging (journal mode stays {mode})")
        self._db.execute("PRAGMA foreign_keys = ON")

    def _check_integrity(self) -> None:
        try:
            problems = [r[0] for r in self._db.execute("PRAGMA quick_check")]
        except sqlite3.DatabaseError as exc:
            problems = [str(exc)]
        if problems != ["ok"]:
            raise self._fail(
                f"is corrupt ({'; '.join(problems[:3])}); restore it from a backup or give "
                "another --db path (the file was left as it is)"
            )

    def _migrate(self, version: int) -> None:
        for number, sql in _migrations()[version:]:
            # executescript runs the whole file; BEGIN/COMMIT around it makes each migration
            # and its version bump one transaction.
            script = (
                f"BEGIN IMMEDIATE;\nPRAGMA application_id = {APPLICATION_ID};\n{sql}\n"
                f"PRAGMA user_version = {number};\nCOMMIT;"
            )
            try:
                self._db.executescript(script)
            except sqlite3.Error as exc:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise self._fail(f"could not be upgraded to schema {number}: {exc}") from None

    @property
    def schema_version(self) -> int:
        """The schema version the store is at."""
        return int(self._db.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction: all of it is committed, or none of it."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise self._fail(f"is busy or read-only ({exc}); try again") from None
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # -- articles -----------------------------------------------------------------------

    def article_count(self) -> int:
        """How many articles are stored."""
        return int(self._db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def articles(self) -> list[Article]:
        """Every stored article, in the order the store first saw them."""
        return [
            article_from_row(row) for row in self._db.execute("SELECT * FROM articles ORDER BY seq")
        ]

    # -- extractions --------------------------------------------------------------------

    def extraction(self, article: str, version: str) -> tuple[str, str, str] | None:
        """The stored extraction of an article under this version: (digest, claims, profile)."""
        row = self._db.execute(
            "SELECT digest, claims, profile FROM extractions WHERE article = ? AND version = ?",
            (article, version),
        ).fetchone()
        return None if row is None else (row[0], row[1], row[2])

    def extraction_failure(self, article: str, version: str) -> tuple[str, str] | None:
        """How an article's extraction under this version failed: (digest, reason)."""
        row = self._db.execute(
            "SELECT digest, reason FROM extraction_failures WHERE article = ? AND version = ?",
            (article, version),
        ).fetchone()
        return None if row is None else (row[0], row[1])

    def save_extractions(self, rows: Iterable[tuple[str, str, str, str, str]]) -> None:
        """Keep (article, digest, version, claims, profile) rows, replacing older ones.

        Call it inside transaction(), after the run that stored the articles.
        """
        self._db.executemany(
            "INSERT INTO extractions (article, digest, version, claims, profile)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (article) DO UPDATE SET"
            " digest = excluded.digest, version = excluded.version,"
            " claims = excluded.claims, profile = excluded.profile",
            rows,
        )

    def alignment(self, key: str) -> str | None:
        """The facts JSON stored under an alignment key (store/alignments.py)."""
        row = self._db.execute("SELECT facts FROM alignments WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def save_alignments(self, rows: Iterable[tuple[str, str]], used: Iterable[str]) -> None:
        """Keep (key, facts) rows and drop the ones no key in `used` names, in one short
        write transaction after the run (a cache: content-keyed, never wrong, only stale)."""
        with self.transaction():
            self._delete_all_but("alignments", "key", used)
            self._db.executemany(
                "INSERT INTO alignments (key, facts) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
                rows,
            )

    def _delete_all_but(self, table: str, column: str, kept: Iterable[str]) -> None:
        """Delete the table's rows whose `column` is none of `kept` (a cache's rows no run
        used), through a temporary table: `kept` may hold more values than a query's
        parameters. `table` and `column` are this module's own names, never input."""
        self._db.execute("CREATE TEMP TABLE IF NOT EXISTS kept_keys (key TEXT)")
        self._db.execute("DELETE FROM temp.kept_keys")
        self._db.executemany("INSERT INTO temp.kept_keys VALUES (?)", ((k,) for k in kept))
        self._db.execute(
            f"DELETE FROM {table} WHERE {column} NOT IN (SELECT key FROM temp.kept_keys)"
        )

    def pair_rows(self) -> list[tuple[str, str, str]]:
        """Every stored (article, signature, partners) row of pair evidence (store/pairs.py)."""
        rows = self._db.execute("SELECT article, signature, partners FROM pair_evidence")
        return [(r[0], r[1], r[2]) for r in rows]

    def save_pairs(self, rows: Iterable[tuple[str, str, str]], present: Iterable[str]) -> None:
        """Write (article, signature, partners) rows and drop the rows of articles not
        `present` in the run, all in one short write transaction: a row left from a run its
        article was not in (its extraction failed) could name partners changed since."""
        with self.transaction():
            self._delete_all_but("pair_evidence", "article", present)
            self._db.executemany(
                "INSERT INTO pair_evidence (article, signature, partners) VALUES (?, ?, ?)"
                " ON CONFLICT (article) DO UPDATE SET signature = excluded.signature,"
                " partners = excluded.partners",
                rows,
            )

    # -- saving a batch ------------------------------------------------------------------

    def latest_run(self) -> int:
        """The id of the last run saved (0 before any): a batch computed after it is current."""
        return int(self._db.execute("SELECT coalesce(max(id), 0) FROM runs").fetchone()[0])

    def open_fingerprints(self) -> frozenset[str]:
        """Fingerprints of the discrepancies the latest run found."""
        rows = self._db.execute("SELECT fingerprint FROM discrepancies WHERE resolved_run IS NULL")
        return frozenset(r[0] for r in rows)

    def stored_incidents(self) -> list[sqlite3.Row]:
        """The latest run's incidents: id, articles, mentioned_in, background_of."""
        return self._db.execute(
            "SELECT id, articles, mentioned_in, background_of FROM incidents ORDER BY position"
        ).fetchall()

    def stage_run(
        self, added: Sequence[Article], replaced: Sequence[Article], report: Report,
        extractions: Iterable[staging.ExtractionRow] = (),
        failures: Iterable[staging.FailureRow] = (),
        alignments: Mapping[str, str] | None = None,
    ) -> None:  # fmt: skip
        """Write a run's rows where `save_run` takes them from, before the write lock is taken.

        Every row is encoded and written here, and compared with the store's, outside any
        transaction on the store: save_run holds the write lock only to write what differs
        (staging.py). The comparison holds while no other run is saved before save_run.
        """
        staging.stage(self._db, added, replaced, report, extractions, failures, alignments)
        staging.compare(self._db)
        self._staged = report

    def save_run(
        self, inputs: Sequence[str], added: Sequence[Article], replaced: Sequence[Article],
        unchanged: int, skipped: Sequence[Skipped], report: Report,
        renamed: Renamed | None = None,
    ) -> int:  # fmt: skip
        """Record a run with its new and changed articles and its results; return the run id.

        Call it inside transaction(): the run, its articles and its results land together.
        What stage_run staged for this report is written; otherwise it is staged now. With
        `renamed`, discrepancies of renamed incidents keep their decisions (renames.py).
        """
        if self._staged is not report:
            self.stage_run(added, replaced, report)
        run = self._insert_run(inputs, len(added), len(replaced), unchanged, skipped)
        self._swap_in(run)
        self._staged = None
        if renamed is not None:
            found = {d.fingerprint for d in report.discrepancies}
            renames.record(self._db, run, renamed, found)
        return run

    def _swap_in(self, run: int) -> None:
        staging.swap_in(self._db, run)

    def save_staged_extractions(self) -> None:
        """Keep the extractions (and failures) stage_run staged, after the run is saved: a few
        hundred per write transaction, so that a reviewer's decision never waits for them all."""
        for write in staging.extraction_writes(self._db):
            with self.transaction():
                write()

    def _insert_run(
        self, inputs: Sequence[str], added: int, replaced: int, unchanged: int,
        skipped: Sequence[Skipped],
    ) -> int:  # fmt: skip
        skipped_json = json.dumps(
            [{"path": s.path, "line": s.line, "reason": s.reason} for s in skipped],
            ensure_ascii=False,
        )
        cursor = self._db.execute(
            "INSERT INTO runs (at, tool, inputs, added, replaced, unchanged, skipped)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (now(), f"discrepancy {__version__}", json.dumps(list(inputs), ensure_ascii=False),
             added, replaced, unchanged, skipped_json),
        )  # fmt: skip
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    # -- reading results ----------------------------------------------------------------

    def load_report(self) -> Report:
        """The latest run's report over every stored article, rebuilt from the tables."""
        claims: dict[tuple[str, int], list[Claim]] = {}
        for row in self._db.execute("SELECT * FROM claims ORDER BY incident, fact, position"):
            claims.setdefault((row["incident"], row["fact"]), []).append(claim_from_row(row))
        facts: dict[str, list[Fact]] = {}
        for row in self._db.execute("SELECT * FROM facts ORDER BY incident, position"):
            facts.setdefault(row["incident"], []).append(
                Fact(Kind(row["kind"]), row["subject"], Status(row["status"]),
                     tuple(claims.get((row["incident"], row["position"]), ())), row["rule"],
                     bool(row["revision"]), row["part"])
            )  # fmt: skip
        incidents = tuple(
            Incident(r["id"], r["label"], date_from_iso(r["date"]), r["location"],
                     tuple(json.loads(r["articles"])), tuple(facts.get(r["id"], ())),
                     tuple(json.loads(r["mentioned_in"])), r["background_of"])
            for r in self._db.execute("SELECT * FROM incidents ORDER BY position")
        )  # fmt: skip
        found = tuple(
            Discrepancy(d.incident, Kind(d.kind), d.subject, Status(d.status), d.values,
                        d.articles, d.fingerprint)
            for d in self.discrepancies()
        )  # fmt: skip
        last = self._db.execute("SELECT skipped FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        skipped = tuple(
            Skipped(s["path"], s["line"], s["reason"])
            for s in json.loads(last[0] if last else "[]")
        )
        return Report(tuple(self.articles()), incidents, skipped, found)

    def discrepancies(self, *, include_resolved: bool = False) -> list[StoredDiscrepancy]:
        """Open discrepancies in report order; with include_resolved, resolved ones after them."""
        where = "" if include_resolved else " WHERE resolved_run IS NULL"
        rows = self._db.execute(
            f"SELECT * FROM discrepancies{where} ORDER BY position IS NULL, position, fingerprint"
        )
        return [
            StoredDiscrepancy(r["fingerprint"], r["incident"], r["kind"], r["subject"],
                              r["status"], tuple(json.loads(r["values"])),
                              tuple(json.loads(r["articles"])), r["first_run"], r["resolved_run"])
            for r in rows
        ]  # fmt: skip

    def find_discrepancy(self, fingerprint: str) -> StoredDiscrepancy:
        """The discrepancy with this fingerprint or unique fingerprint prefix (one it had before
        its incident was renamed leads to it too)."""
        wanted = renames.current_fingerprint(self._db, fingerprint.strip().lower())
        matches = [
            d for d in self.discrepancies(include_resolved=True)
            if d.fingerprint.startswith(wanted)
        ]  # fmt: skip
        if len(matches) == 1 and fingerprint.strip():
            return matches[0]
        if not matches or not fingerprint.strip():
            raise StoreError(
                f'no discrepancy with fingerprint "{fingerprint}" in store "{self.path}"; '
                "copy it from the JSON report or `discrepancy review --db ... --list`"
            )
        raise StoreError(
            f'fingerprint "{fingerprint}" matches {len(matches)} discrepancies in store '
            f'"{self.path}"; give more characters'
        )

    def runs(self) -> list[dict[str, Any]]:
        """The run log, oldest first."""
        return [dict(r) for r in self._db.execute("SELECT * FROM runs ORDER BY id")]

    # -- decisions ----------------------------------------------------------------------

    def record_decision(
        self,
        fingerprint: str,
        decision: str,
        reviewer: str | None = None,
        note: str | None = None,
        at: str | None = None,
    ) -> Decision:
        """Append a review decision for a discrepancy fingerprint and return it."""
        if decision not in DECISIONS:
            choices = ", ".join(f'"{d}"' for d in DECISIONS)
            raise StoreError(f'decision "{decision}" is not one of {choices}')
        if not fingerprint:
            raise StoreError("a decision needs the fingerprint of the discrepancy")
        at = at or now()
        with self.transaction():
            cursor = self._db.execute(
                "INSERT INTO decisions (fingerprint, decision, reviewer, note, at)"
                " VALUES (?, ?, ?, ?, ?)",
                (fingerprint, decision, reviewer, note, at),
            )
        assert cursor.lastrowid is not None
        return Decision(cursor.lastrowid, fingerprint, decision, reviewer, note, at)

    def decisions(self, fingerprint: str | None = None) -> list[Decision]:
        """Every decision recorded (for one discrepancy, under any fingerprint it had), oldest
        first."""
        return store_decisions.every(self._db, fingerprint)

    def current_decisions(self) -> dict[str, Decision]:
        """The latest decision per fingerprint (kept by a trigger: one row each to read)."""
        return store_decisions.current(self._db)


def _migrations() -> list[tuple[int, str]]:
    folder = resources.files("discrepancy.store").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        match = _MIGRATION_NAME.fullmatch(entry.name)
        if match:
            found.append((int(match.group(1)), entry.read_text(encoding="utf-8")))
    found.sort()
    # Numbers must run 1, 2, 3, ...: user_version counts the migrations applied.
    assert [n for n, _ in found] == list(range(1, len(found) + 1)), "migrations must be 0001.."
    return found
