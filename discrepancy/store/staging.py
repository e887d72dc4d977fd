"""A run's rows written before the store's write lock is taken, then swapped in under it.

Saving a run replaces the incidents, facts and claims of every stored article and adds the
batch's articles and extractions: encoding and inserting them one by one from Python took
seconds for a batch of 2,000 articles, and a reviewer's decision waited that long for the write
lock. The rows are now written first into this connection's temporary tables (private to the
connection, outside the store file, gone with the connection if the run dies), with no lock on
the store. The rows that differ from the store's are then worked out, still without the lock
(most incidents of a large store are the same from one batch to the next); the write
transaction only deletes and writes those, with statements SQLite runs without coming back to
Python. An incident whose facts were aligned under the key the store holds for it
(store/alignments.py) keeps its stored facts and claims: they are neither encoded nor
compared. The run, its articles and its results still land in one transaction, all or nothing,
and the store ends as it would if every row had been written again. The articles'
extractions, a cache, follow in short transactions of their own.
"""

from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

from discrepancy.models import Article, Report
from discrepancy.store.rows import article_values, iso

# The columns of an article row made by rows.article_values, in its order.
_ARTICLE_COLUMNS = (
    "id, sha256, text, source, title, published, path, url, dateline, body_start, line, warnings,"
    " title_from_text"
)
# Staged tables shaped like the store's own, so that a row is copied with SELECT *.
_LIKE = {
    "staged_incidents": "incidents",
    "staged_facts": "facts",
    "staged_claims": "claims",
    "staged_extractions": "extractions",
    "staged_failures": "extraction_failures",
}
_OWN = {
    "staged_added": f"{_ARTICLE_COLUMNS}, n",
    "staged_replaced": _ARTICLE_COLUMNS,
    "staged_discrepancies": 'fingerprint, incident, kind, subject, status, "values", articles,'
    " position",
}
# The result tables a run replaces, with their keys, in the order rows are written (a claim
# needs its fact, a fact its incident) and deleted (the reverse).
_RESULTS = (("incidents", "id"), ("facts", "incident, position"),
            ("claims", "incident, fact, position"))  # fmt: skip
# (article, digest, version, claims, profile) and (article, digest, version, reason).
ExtractionRow = tuple[str, str, str, str, str]
FailureRow = tuple[str, str, str, str]


def stage(
    db: sqlite3.Connection,
    added: Sequence[Article],
    replaced: Sequence[Article],
    report: Report,
    extractions: Iterable[ExtractionRow] = (),
    failures: Iterable[FailureRow] = (),
    alignments: Mapping[str, str] | None = None,
) -> None:
    """Write a run's rows into the temporary tables, replacing any staged before.

    `alignments` gives the key each incident's facts were aligned under (store/alignments.py):
    an incident the store holds under the same id and key keeps its stored facts and claims,
    which are the same rows, and they are neither staged nor compared.
    """
    _prepare(db)
    write_articles(db, added, replaced)
    write_results(db, report, alignments or {})
    db.executemany(
        "INSERT INTO temp.staged_extractions (article, digest, version, claims, profile)"
        " VALUES (?, ?, ?, ?, ?)",
        extractions,
    )
    db.executemany(
        "INSERT INTO temp.staged_failures (article, digest, version, reason) VALUES (?, ?, ?, ?)",
        failures,
    )


def compare(db: sqlite3.Connection) -> None:
    """Find the staged result rows the store lacks and the store's rows the run no longer
    has: what swap_in writes and deletes. Call it after stage(), outside the write lock; its
    findings hold while no other run is saved (batches.py checks that under the lock)."""
    for table, key in _RESULTS:
        # EXCEPT compares every column, NULLs as equal. Fixed names from this module.
        db.execute(f"DELETE FROM temp.changed_{table}")
        db.execute(
            f"INSERT INTO temp.changed_{table}"
            f" SELECT * FROM temp.staged_{table} EXCEPT SELECT * FROM main.{table}"
        )
        db.execute(f"DELETE FROM temp.gone_{table}")
        # The facts and claims of kept incidents were not staged: they stay.
        kept = "" if table == "incidents" else " WHERE incident NOT IN temp.kept_incidents"
        db.execute(
            f"INSERT INTO temp.gone_{table} SELECT {key} FROM main.{table}{kept}"
            f" EXCEPT SELECT {key} FROM temp.staged_{table}"
        )


def _prepare(db: sqlite3.Connection) -> None:
    for name, table in _LIKE.items():
        # Fixed names from this module, never from input.
        db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} AS SELECT * FROM main.{table} WHERE 0")
    for name, columns in _OWN.items():
        db.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} ({columns})")
    db.execute("CREATE TEMP TABLE IF NOT EXISTS kept_incidents (id TEXT PRIMARY KEY)")
    for table, key in _RESULTS:
        db.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS changed_{table} AS SELECT * FROM main.{table} WHERE 0"
        )
        db.execute(f"CREATE TEMP TABLE IF NOT EXISTS gone_{table} ({key})")
    clear(db)


def clear(db: sqlite3.Connection) -> None:
    """Empty the temporary tables (the next stage does; they go with the connection)."""
    for name in (*_LIKE, *_OWN, "kept_incidents"):
        db.execute(f"DELETE FROM temp.{name}")
    for table, _ in _RESULTS:
        db.execute(f"DELETE FROM temp.changed_{table}")
        db.execute(f"DELETE FROM temp.gone_{table}")


def write_articles(
    db: sqlite3.Connection, added: Sequence[Article], replaced: Sequence[Article]
) -> None:
    """Stage the batch's new articles (numbered in input order) and its changed ones."""
    # executemany over generators: one prepared statement, rows made as SQLite takes them.
    db.executemany(
        f"INSERT INTO temp.staged_added ({_ARTICLE_COLUMNS}, n)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ((*article_values(a), n) for n, a in enumerate(added, 1)),
    )
    db.executemany(
        f"INSERT INTO temp.staged_replaced ({_ARTICLE_COLUMNS})"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (article_values(a) for a in replaced),
    )


def write_results(
    db: sqlite3.Connection, report: Report, alignments: Mapping[str, str] | None = None
) -> None:
    """Stage the report's incidents, facts, claims and discrepancies (the facts and claims of
    incidents stored under the same alignment key are kept, not staged)."""
    keys = alignments or {}
    stored = dict(
        db.execute("SELECT id, alignment FROM main.incidents WHERE alignment IS NOT NULL")
    )
    kept = {i.id for i in report.incidents if i.id in keys and stored.get(i.id) == keys[i.id]}
    db.executemany("INSERT INTO temp.kept_incidents VALUES (?)", ((i,) for i in kept))
    db.executemany(
        "INSERT INTO temp.staged_incidents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ((i.id, position, i.label, iso(i.date), i.location, json.dumps(list(i.articles)),
          json.dumps(list(i.mentioned_in)), i.background_of, keys.get(i.id))
         for position, i in enumerate(report.incidents)),
    )  # fmt: skip
    incidents = [i for i in report.incidents if i.id not in kept]
    db.executemany(
        "INSERT INTO temp.staged_facts VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        ((i.id, index, f.kind.value, f.subject, f.status.value, f.rule, int(f.revision), f.part)
         for i in incidents for index, f in enumerate(i.facts)),
    )  # fmt: skip
    db.executemany(
        "INSERT INTO temp.staged_claims VALUES"
        " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ((i.id, index, n, c.article, c.kind.value, c.value, c.start, c.end, c.sentence,
          c.subject, c.low, c.high, c.normalized, c.attribution, c.scope, iso(c.event_date),
          c.event_place, c.precision, int(c.derived))
         for i in incidents for index, f in enumerate(i.facts)
         for n, c in enumerate(f.claims)),
    )  # fmt: skip
    db.executemany(
        f"INSERT INTO temp.staged_discrepancies ({_OWN['staged_discrepancies']})"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        ((d.fingerprint, d.incident, d.kind.value, d.subject, d.status.value,
          json.dumps(list(d.values), ensure_ascii=False),
          json.dumps(list(d.articles), ensure_ascii=False), position)
         for position, d in enumerate(report.discrepancies)),
    )  # fmt: skip


def swap_in(db: sqlite3.Connection, run: int) -> None:
    """Write the staged rows into the store as run `run`, after compare(); call it inside the
    write transaction. New articles are numbered after the stored ones, in input order."""
    seq = int(db.execute("SELECT coalesce(max(seq), 0) FROM main.articles").fetchone()[0])
    db.execute(
        f"UPDATE main.articles SET ({_ARTICLE_COLUMNS}, updated_run) ="
        f" (SELECT {_ARTICLE_COLUMNS}, ? FROM temp.staged_replaced AS s WHERE s.id = articles.id)"
        " WHERE id IN (SELECT id FROM temp.staged_replaced)",
        (run,),
    )
    db.execute(
        f"INSERT INTO main.articles ({_ARTICLE_COLUMNS}, seq, first_run, updated_run)"
        f" SELECT {_ARTICLE_COLUMNS}, n + ?, ?, ? FROM temp.staged_added ORDER BY rowid",
        (seq, run, run),
    )
    for table, key in reversed(_RESULTS):
        db.execute(f"DELETE FROM main.{table} WHERE ({key}) IN (SELECT * FROM temp.gone_{table})")
    for table, key in _RESULTS:
        columns = [row[1] for row in db.execute(f"PRAGMA main.table_info({table})")]
        changes = ", ".join(f'"{c}" = excluded."{c}"' for c in columns)
        # A changed row keeps its key: it is updated in place, so the rows that refer to it
        # (a fact's claims) never lose it.
        db.execute(
            f"INSERT INTO main.{table} SELECT * FROM temp.changed_{table} WHERE true"
            f" ON CONFLICT ({key}) DO UPDATE SET {changes}"
        )
    # Discrepancies the run no longer finds are resolved by it; the ones it finds are open.
    db.execute(
        "UPDATE main.discrepancies SET position = NULL,"
        " resolved_run = coalesce(resolved_run, ?)"
        " WHERE (position IS NOT NULL OR resolved_run IS NULL)"
        " AND fingerprint NOT IN (SELECT fingerprint FROM temp.staged_discrepancies)",
        (run,),
    )
    db.execute(
        f"INSERT INTO main.discrepancies ({_OWN['staged_discrepancies']}, first_run,"
        f" resolved_run) SELECT {_OWN['staged_discrepancies']}, ?, NULL"
        " FROM temp.staged_discrepancies WHERE true ORDER BY rowid"
        " ON CONFLICT (fingerprint) DO UPDATE SET incident = excluded.incident,"
        " status = excluded.status, articles = excluded.articles,"
        ' "values" = excluded."values", position = excluded.position,'
        " resolved_run = NULL",
        (run,),
    )


# Extractions copied per write transaction after the run (each one a short hold of the lock).
EXTRACTIONS_PER_WRITE = 250


def extraction_writes(db: sqlite3.Connection) -> Iterator[Callable[[], None]]:
    """The staged extractions and failures as writes of a few hundred rows each, to run one
    write transaction each after the run is committed.

    They are a cache (store/extractions.py): a run stopped between two of them leaves
    some articles without their extraction, and the next batch extracts those again.
    """
    staged = "SELECT 1 FROM temp.sqlite_schema WHERE name = 'staged_extractions'"
    if db.execute(staged).fetchone() is None:
        return  # nothing was staged on this connection
    low, high = db.execute(
        "SELECT coalesce(min(rowid), 1), coalesce(max(rowid), 0) FROM temp.staged_extractions"
    ).fetchone()
    for first in range(int(low), int(high) + 1, EXTRACTIONS_PER_WRITE):
        yield functools.partial(_copy_extractions, db, first, first + EXTRACTIONS_PER_WRITE)
    yield functools.partial(_copy_failures, db)


def _copy_extractions(db: sqlite3.Connection, first: int, end: int) -> None:
    db.execute(
        "INSERT INTO main.extractions SELECT * FROM temp.staged_extractions"
        " WHERE rowid >= ? AND rowid < ? ORDER BY rowid"
        " ON CONFLICT (article) DO UPDATE SET digest = excluded.digest,"
        " version = excluded.version, claims = excluded.claims, profile = excluded.profile",
        (first, end),
    )
    # An article extracted this time has no failure to remember.
    db.execute(
        "DELETE FROM main.extraction_failures WHERE article IN"
        " (SELECT article FROM temp.staged_extractions WHERE rowid >= ? AND rowid < ?)",
        (first, end),
    )


def _copy_failures(db: sqlite3.Connection) -> None:
    # One that failed keeps the version and digest it failed with.
    db.execute(
        "INSERT INTO main.extraction_failures SELECT * FROM temp.staged_failures WHERE true"
        " ORDER BY rowid ON CONFLICT (article) DO UPDATE SET digest = excluded.digest,"
        " version = excluded.version, reason = excluded.reason"
    )
