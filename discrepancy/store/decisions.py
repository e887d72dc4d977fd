"""Reads of review decisions that cost the same however many were recorded, and the store's
settings (the review server's signing key)."""

from __future__ import annotations

import secrets
import sqlite3

from discrepancy.store.rows import Decision

_COLUMNS = "id, fingerprint, decision, reviewer, note, at"
# The review server signs its cookies and forms with this key, kept in the store.
SIGNING_KEY = "review_signing_key"


def _decision(row: tuple[int, str, str, str | None, str | None, str]) -> Decision:
    return Decision(*row)


def current(db: sqlite3.Connection) -> dict[str, Decision]:
    """The latest decision per fingerprint, one indexed row each."""
    rows = db.execute(
        f"SELECT {', '.join('d.' + c.strip() for c in _COLUMNS.split(','))} "
        "FROM latest_decisions AS l JOIN decisions AS d ON d.id = l.decision_id ORDER BY d.id"
    )
    return {r[1]: _decision(r) for r in rows}


def latest_id(db: sqlite3.Connection) -> int:
    """The id of the newest decision (0 for none): the rowid's maximum, read from its end."""
    row = db.execute("SELECT MAX(id) FROM decisions").fetchone()
    return int(row[0] or 0)


def history(db: sqlite3.Connection, fingerprint: str, upto: int) -> list[Decision]:
    """Every decision about one discrepancy up to a decision id, newest first."""
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM decisions WHERE fingerprint = ? AND id <= ? ORDER BY id DESC",
        (fingerprint, upto),
    )
    return [_decision(r) for r in rows]


def one(db: sqlite3.Connection, number: int) -> Decision | None:
    """The decision with this id, if any."""
    row = db.execute(f"SELECT {_COLUMNS} FROM decisions WHERE id = ?", (number,)).fetchone()
    return None if row is None else _decision(row)


def since(db: sqlite3.Connection, after: int, upto: int) -> list[Decision]:
    """The decisions after one id up to another, newest first (a range of the primary key)."""
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM decisions WHERE id > ? AND id <= ? ORDER BY id DESC",
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
