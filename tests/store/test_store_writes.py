"""Saving a batch: the write lock held only to copy staged rows, failures remembered, SIGTERM."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from discrepancy import engine
from discrepancy.batches import check_batch
from discrepancy.extract import Extraction, extract
from discrepancy.models import Article, Report
from discrepancy.review.server import create_app
from discrepancy.store import extractions as stored_extractions
from discrepancy.store import staging
from discrepancy.store.sqlite import open_store
from tests.review.test_serve import BASE, BASRA, MOGADISHU, TestClient, csrf_of, make_store
from tests.store.test_store import FIXTURES, batch, table_rows

# Articles written for these tests: a batch of its own beside the review fixtures.
OSK = [
    Article(f"osk-{n}", f"Two guards were hurt in a blast in Osk on Monday, report {n} said.")
    for n in range(12)
]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A store with the review fixtures' conflicts, as `check --db` leaves it."""
    return make_store(tmp_path, BASRA, MOGADISHU)


def _open_fingerprint(db: Path) -> str:
    with open_store(db, create=False) as store:
        return store.discrepancies()[0].fingerprint


def test_a_decision_made_while_check_db_saves_is_recorded_not_refused(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows of a run are encoded and written before the write lock is taken: a reviewer's
    decision posted while they are written goes in at once (never the 503 of a busy store)."""
    fingerprint = _open_fingerprint(db)
    saving, release = threading.Event(), threading.Event()
    staged = staging.write_results

    def held(connection: sqlite3.Connection, report: Report, *alignments: Any) -> None:
        staged(connection, report, *alignments)
        saving.set()
        assert release.wait(30), "the test never let the save go on"

    monkeypatch.setattr(staging, "write_results", held)
    failures: list[BaseException] = []

    def save() -> None:
        try:
            with open_store(db) as store:
                check_batch(store, OSK)
        except BaseException as error:  # reported by the test below
            failures.append(error)
            saving.set()

    # The editor has the form open when the check starts saving; one second is far more than
    # a decision takes, and far less than the save is held.
    with TestClient(create_app(str(db), busy_timeout=1.0), base_url=BASE) as client:
        token = csrf_of(client.get(f"/discrepancies/{fingerprint}").text)
        saver = threading.Thread(target=save)
        saver.start()
        try:
            assert saving.wait(60), "the save never started"
            assert not failures, failures
            answer = client.post(
                f"/discrepancies/{fingerprint}/decisions",
                data={"csrf": token, "decision": "false alarm", "reviewer": "ana", "note": ""},
                follow_redirects=False,
            )
        finally:
            release.set()
            saver.join(60)
    assert not failures, failures
    assert answer.status_code == 303, answer.text
    with open_store(db, create=False) as store:
        assert store.current_decisions()[fingerprint].reviewer == "ana"
        assert len(store.runs()) == 2
        assert {f"osk-{n}" for n in range(12)} <= {a.id for a in store.articles()}


def test_a_saved_run_is_the_run_computed(tmp_path: Path) -> None:
    """Staged and copied in, a store's rows are those of the batch's report, in its order."""
    db = tmp_path / "news.sqlite"
    with open_store(db) as store:
        check_batch(store, batch("part1"))
        second = check_batch(store, batch("part2")).report
        loaded = store.load_report()
    assert loaded.incidents == second.incidents
    assert loaded.discrepancies == second.discrepancies
    assert [a.id for a in loaded.articles] == [a.id for a in second.articles]


# -- failed extractions ---------------------------------------------------------------------------

BROKEN = Article("broken", "A bomb in Osk killed four people on Monday, police said.")


@pytest.fixture
def failing(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Extraction fails for the article "broken"; yields the ids extracted, in order."""
    extracted: list[str] = []

    def failing_extract(article: Article) -> Extraction:
        extracted.append(article.id)
        if article.id == BROKEN.id:
            raise ValueError("month must be in 1..12")
        return extract(article)

    monkeypatch.setattr(engine, "extract", failing_extract)
    yield extracted


def test_a_failed_extraction_is_remembered_and_not_tried_again(
    tmp_path: Path, failing: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "news.sqlite"
    with open_store(db) as store:
        first = check_batch(store, [*OSK[:2], BROKEN])
        assert BROKEN.id in failing
        failing.clear()
        second = check_batch(store, OSK[2:4])
        assert failing == ["osk-2", "osk-3"]  # the broken article is not extracted again
    reason = "extract: ValueError: month must be in 1..12"
    assert [s.reason for s in first.report.skipped] == [reason]
    assert [s.reason for s in second.report.skipped] == [
        f"{reason} ({stored_extractions.NOT_RETRIED})"
    ]
    assert BROKEN.id not in {a.id for a in second.report.articles}
    # New extractors try it again.
    failing.clear()
    monkeypatch.setattr(stored_extractions, "extractor_version", lambda: "another version")
    with open_store(db) as store:
        check_batch(store, OSK[4:5])
    assert BROKEN.id in failing


def test_an_article_that_fails_no_more_loses_its_failure(
    tmp_path: Path, failing: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "news.sqlite"
    with open_store(db) as store:
        check_batch(store, [OSK[0], BROKEN])
    monkeypatch.setattr(stored_extractions, "extractor_version", lambda: "fixed")
    monkeypatch.setattr(engine, "extract", extract)
    with open_store(db) as store:
        fixed = check_batch(store, OSK[1:2]).report
        assert fixed.skipped == ()
        assert store.extraction_failure(BROKEN.id, "fixed") is None
        assert store.extraction(BROKEN.id, "fixed") is not None


# -- SIGTERM while `check --db` writes --------------------------------------------------------

TERM_SCRIPT = """
import sys, time
from discrepancy.store import sqlite as store

original = store.Store._swap_in

def slow(self, run):
    original(self, run)
    print("written", flush=True)  # every row is in, nothing committed
    time.sleep(120)

store.Store._swap_in = slow
from discrepancy.cli import main
sys.argv = ["discrepancy", "check", *sys.argv[1:]]
main()
"""


def test_sigterm_while_check_db_writes_leaves_store_and_report_as_they_were(
    tmp_path: Path,
) -> None:
    db, report = tmp_path / "news.sqlite", tmp_path / "out" / "batch.json"
    report.parent.mkdir()
    with open_store(db) as store:
        check_batch(store, batch("part1"))
    report.write_text('{"earlier": "report"}\n', encoding="utf-8")
    before = table_rows(db)
    script = tmp_path / "slow_check.py"
    script.write_text(textwrap.dedent(TERM_SCRIPT), encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, str(script), str(FIXTURES / "part2"), "--db", str(db), "-q",
         "-o", str(report)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])},
    )  # fmt: skip
    watchdog = threading.Timer(120, process.kill)
    watchdog.start()
    try:
        assert process.stdout is not None and process.stderr is not None
        line = process.stdout.readline()
        assert line.strip() == "written", process.stderr.read()
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=60)
    finally:
        watchdog.cancel()
        process.kill()
        process.wait()
    assert process.returncode == 2, err
    assert "Traceback" not in err
    assert "interrupted (Ctrl-C or SIGTERM)" in err and '"exit":2' in err
    assert table_rows(db) == before
    assert report.read_text(encoding="utf-8") == '{"earlier": "report"}\n'
    assert sorted(p.name for p in report.parent.iterdir()) == ["batch.json"]
