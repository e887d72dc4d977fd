"""Decisions read by index (a page costs the same at 50k decisions as at none) and the review
server's signing key kept in the store (a form survives a restart)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from discrepancy.review.server import create_app
from discrepancy.store import decisions
from discrepancy.store.sqlite import open_store
from tests.review.test_serve import BASE, TestClient, csrf_of, fingerprints


def _append(db: Path, rows: list[tuple[str, str, str]]) -> None:
    """Append decisions in one transaction (the trigger keeps the current ones)."""
    with sqlite3.connect(db) as connection:
        connection.executemany(
            "INSERT INTO decisions (fingerprint, decision, reviewer, note, at)"
            " VALUES (?, ?, ?, NULL, '2025-01-01T00:00:00Z')",
            rows,
        )


def test_a_form_opened_before_a_restart_is_accepted_after_it(db: Path) -> None:
    fingerprint = fingerprints(db)["wounded"]
    with TestClient(create_app(str(db)), base_url=BASE) as before:
        token = csrf_of(before.get(f"/discrepancies/{fingerprint}").text)
        cookies = dict(before.cookies)
    with TestClient(create_app(str(db)), base_url=BASE, cookies=cookies) as after:
        form = {"csrf": token, "decision": "false alarm", "reviewer": "ana", "note": "typed"}
        response = after.post(f"/discrepancies/{fingerprint}/decisions", data=form,
                              follow_redirects=False)  # fmt: skip
    assert response.status_code == 303, response.text
    with open_store(db, create=False) as store:
        assert store.current_decisions()[fingerprint].note == "typed"


def test_the_signing_key_is_made_once_and_kept(db: Path) -> None:
    with sqlite3.connect(db, isolation_level=None) as connection:
        first = decisions.signing_key(connection)
        assert len(first) == 32 and decisions.signing_key(connection) == first


def test_current_decisions_history_and_changes_come_from_indexed_reads(db: Path) -> None:
    one, other = sorted(fingerprints(db).values())[:2]
    rows = [(one if n % 3 else other, "false alarm" if n % 2 else "accepted", f"r{n}")
            for n in range(3000)]  # fmt: skip
    _append(db, rows)
    with sqlite3.connect(db) as connection:
        current = decisions.current(connection)
        latest = decisions.latest_id(connection)
        assert latest == 3000
        assert {fp: d.reviewer for fp, d in current.items()} == {one: "r2999", other: "r2997"}
        trail = decisions.history(connection, other, upto=10)
        assert [d.reviewer for d in trail] == ["r9", "r6", "r3", "r0"]
        assert [d.id for d in decisions.since(connection, 2995, latest)] == [3000, 2999, 2998,
                                                                          2997, 2996]  # fmt: skip
        assert decisions.one(connection, 42) is not None and decisions.one(connection, 0) is None
        plans = [
            " ".join(str(row[-1]) for row in connection.execute("EXPLAIN QUERY PLAN " + query, args))
            for query, args in (
                ("SELECT d.* FROM latest_decisions AS l JOIN decisions AS d"
                 " ON d.id = l.decision_id ORDER BY d.id", ()),
                ("SELECT * FROM decisions WHERE fingerprint = ? AND id <= ? ORDER BY id DESC",
                 (one, 5)),
                ("SELECT * FROM decisions WHERE id > ? AND id <= ? ORDER BY id DESC", (1, 5)),
                ("SELECT MAX(id) FROM decisions", ()),
            )
        ]  # fmt: skip
    for plan in plans:
        assert "SCAN d " not in plan + " " and "SCAN decisions" not in plan, plan


def test_the_review_page_reads_only_current_decisions(db: Path) -> None:
    fingerprint = fingerprints(db)["wounded"]
    _append(db, [(fingerprint, "needs follow-up", f"r{n}") for n in range(2000)])
    with TestClient(create_app(str(db)), base_url=BASE) as client:
        queue = client.get("/?view=all")
        page = client.get(f"/discrepancies/{fingerprint}")
    assert queue.status_code == page.status_code == 200
    assert "r1999" in page.text and f"decision-{2000}" in page.text


def test_an_older_store_gets_its_current_decisions_on_upgrade(db: Path) -> None:
    fingerprint = fingerprints(db)["wounded"]
    _append(db, [(fingerprint, "accepted", "old"), (fingerprint, "false alarm", "newer")])
    with sqlite3.connect(db) as connection:
        connection.executescript(
            "DROP TRIGGER decisions_latest; DROP TABLE latest_decisions; DROP TABLE settings;"
            " DROP TABLE alignments; DROP TABLE pair_evidence; DROP TABLE extraction_failures;"
            " DROP TABLE extractions;"
            " DROP TABLE renamed;"
            " ALTER TABLE articles DROP COLUMN title_from_text;"
            " ALTER TABLE incidents DROP COLUMN alignment;"
            " ALTER TABLE facts DROP COLUMN part;"
            " PRAGMA user_version = 2;"
        )
    with open_store(db) as store:
        assert store.current_decisions()[fingerprint].reviewer == "newer"


@pytest.fixture
def db(template_store: Path, tmp_path: Path) -> Path:
    import shutil

    target = tmp_path / "team.sqlite"
    shutil.copyfile(template_store, target)
    return target


@pytest.fixture(scope="module")
def template_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.review.test_serve import BASRA, MOGADISHU, make_store

    return make_store(tmp_path_factory.mktemp("template"), BASRA, MOGADISHU)


def test_a_decision_during_check_db_waits_under_a_second(db: Path) -> None:
    """`check --db` computes the batch outside its write transaction: a reviewer's decision
    made meanwhile is written at once, not after the pipeline."""
    import time

    from discrepancy import batches
    from discrepancy.models import Article

    fingerprint = fingerprints(db)["wounded"]
    waited: list[float] = []
    real = batches.run_articles

    def computing(*args: object, **kwargs: object) -> object:
        with sqlite3.connect(db, timeout=10, isolation_level=None) as other:
            started = time.perf_counter()
            other.execute(
                "INSERT INTO decisions (fingerprint, decision, reviewer, note, at)"
                " VALUES (?, 'false alarm', 'ana', NULL, '2025-01-01T00:00:00Z')",
                (fingerprint,),
            )
            waited.append(time.perf_counter() - started)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    batch = [Article(f"extra-{n}", f"Two guards were hurt in Osk on Monday, report {n} said.")
             for n in range(20)]  # fmt: skip
    with pytest.MonkeyPatch.context() as patch, open_store(db) as store:
        patch.setattr(batches, "run_articles", computing)
        batches.check_batch(store, batch)
        assert store.current_decisions()[fingerprint].reviewer == "ana"
    assert waited and max(waited) < 1.0
