"""Reads of review decisions that cost the same however many were recorded, and the store's
settings (the review server's signing key)."""

from __future__ import annotations

import secrets
import sqlite3

from discrepancy.store.rows import Decision

# The review server signs its cookies and forms with this key, kept in the store.
SIGNING_KEY = "review_signing_key"
# A decision is read under the fingerprint its discrepancy has now: one recorded before the
# incident was renamed (store/renames.py) belongs to the renamed discrepancy.
_COLUMNS = "d.id, coalesce(r.new, d.fingerprint), d.decision, d.reviewer, d.note, d.at"
_FROM = "decisions AS d LEFT JOIN renamed AS r ON r.old = d.fingerprint"
_NAMED = "(d.fingerprint = ? OR d.fingerprint IN (SELECT old FROM renamed WHERE new = ?))"
# The latest decision per fingerprint as it is now: latest_decisions (one row per recorded
# fingerprint, kept by a trigger) folded through the renames, the newest decision winning.
_CURRENT = (
    "SELECT coalesce(r.new, l.fingerprint) AS fingerprint, max(l.decision_id) AS decision_id"
    " FROM latest_decisions AS l LEFT JOIN renamed AS r ON r.old = l.fingerprint"
    " GROUP BY coalesce(r.new, l.fingerprint)"
)


def _decision(row: tuple[int, str, str, str | None, str | None, str]) -> Decision:
    return Decision(*row)


def current(db: sqlite3.Connection) -> dict[str, Decision]:
    """The latest decision per fingerprint, one indexed row each."""
    rows = db.execute(
        "SELECT d.id, c.fingerprint, d.decision, d.reviewer, d.note, d.at"
        f" FROM ({_CURRENT}) AS c JOIN decisions AS d ON d.id = c.decision_id ORDER BY d.id"
    )
    return {r[1]: _decision(r) for r in rows}


def latest_id(db: sqlite3.Connection) -> int:
    """The id of the newest decision (0 for none): the rowid's maximum, read from its end."""
    row = db.execute("SELECT MAX(id) FROM decisions").fetchone()
    return int(row[0] or 0)


def every(db: sqlite3.Connection, fingerprint: str | None = None) -> list[Decision]:
    """Every decision (about one discrepancy, under any fingerprint it had), oldest first."""
    where, params = (f" WHERE {_NAMED}", (fingerprint, fingerprint)) if fingerprint else ("", ())
    rows = db.execute(f"SELECT {_COLUMNS} FROM {_FROM}{where} ORDER BY d.id", params)
    return [_decision(r) for r in rows]


def history(db: sqlite3.Connection, fingerprint: str, upto: int) -> list[Decision]:
    """Every decision about one discrepancy up to a decision id, newest first."""
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM {_FROM} WHERE {_NAMED} AND d.id <= ? ORDER BY d.id DESC",
        (fingerprint, fingerprint, upto),
    )
    return [_decision(r) for r in rows]


def one(db: sqlite3.Connection, number: int) -> Decision | None:
    """The decision with this id, if any."""
    row = db.execute(f"SELECT {_COLUMNS} FROM {_FROM} WHERE d.id = ?", (number,)).fetchone()
    return None if row is None else _decision(row)


def since(db: sqlite3.Connection, after: int, upto: int) -> list[Decision]:
    """The decisions after one id up to another, newest first (a range of the primary key)."""
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM {_FROM} WHERE d.id > ? AND d.id <= ? ORDER BY d.id DESC",
        (after, upto),
    )
    return [_decision(r) for r in rows]


def signing_key(db: sqlite3.Connection) -> bytes:
    """The review server's signing key, made and kept on first use, so restarts keep it."""
    row = db.execute("SELECT value FROM settings WHERE name = ?", (SIGNING_KEY,)).fetchone()
    if row is None:
        db.execute(
            "INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
            (SIGNING_KEY, secrets.token_hex(32)),
        )
        row = db.execute("SELECT value FROM settings WHERE name = ?", (SIGNING_KEY,)).fetchone()
    return bytes.fromhex(row[0])
