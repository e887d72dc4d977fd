"""Discrepancies whose fingerprint changed with their incident's id: fold each into its new
fingerprint, so that its decisions follow it."""

from __future__ import annotations

import sqlite3
from collections.abc import Set

from discrepancy.store.rows import Renamed


def record(db: sqlite3.Connection, run: int, renamed: Renamed, current: Set[str]) -> None:
    """After a run's results are written: point every stored discrepancy of a renamed
    incident at the new id, and fold each discrepancy found again under a new fingerprint
    into it (the first run that saw it kept, the old row gone, the old fingerprint aliased)."""
    db.executemany(
        "UPDATE discrepancies SET incident = ? WHERE incident = ?",
        ((new, old) for old, new in renamed.incidents.items()),
    )
    pairs = [
        (old, new) for old, new in renamed.fingerprints.items()
        if old != new and old not in current and new in current
    ]  # fmt: skip
    # Only fingerprints the store has seen get an alias (the WHERE also keeps SQLite from
    # reading ON CONFLICT as a join's ON).
    db.executemany(
        "INSERT INTO renamed (old, new, run) SELECT fingerprint, ?, ? FROM discrepancies"
        " WHERE fingerprint = ? ON CONFLICT (old) DO UPDATE SET new = excluded.new,"
        " run = excluded.run",
        ((new, run, old) for old, new in pairs),
    )
    db.executemany("UPDATE renamed SET new = ? WHERE new = ?", ((n, o) for o, n in pairs))
    db.executemany(
        "UPDATE discrepancies SET first_run = min(first_run, coalesce("
        "(SELECT first_run FROM discrepancies WHERE fingerprint = ?), first_run))"
        " WHERE fingerprint = ?",
        pairs,
    )
    db.executemany("DELETE FROM discrepancies WHERE fingerprint = ?", ((o,) for o, _ in pairs))


def current_fingerprint(db: sqlite3.Connection, fingerprint: str) -> str:
    """The fingerprint a discrepancy has now, given any it had."""
    row = db.execute("SELECT new FROM renamed WHERE old = ?", (fingerprint,)).fetchone()
    return fingerprint if row is None else str(row[0])
