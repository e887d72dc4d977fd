"""Tests for the SQLite store: batches that build on each other, decisions, bad files, crashes."""

from __future__ import annotations

import dataclasses
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
from pathlib import Path
from typing import Any

import pytest

from discrepancy.batches import check_batch
from discrepancy.models import Article, Report
from discrepancy.pipeline import run_articles
from discrepancy.read.files import read_inputs
from discrepancy.report.json_report import to_dict
from discrepancy.store.rows import content_hash
from discrepancy.store.sqlite import (
    APPLICATION_ID,
    Store,
    StoreError,
    open_store,
    select_incidents,
)

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ci"
WOUNDED_6_7 = "90644c54aaeb8cc0"


def batch(*names: str) -> list[Article]:
    """The articles of fixture batch folders, in order."""
    articles, skipped = read_inputs([str(FIXTURES / name) for name in names])
    assert skipped == []
    return articles


def facts(report: Report) -> set[tuple[Any, ...]]:
    """What identifies a report's discrepancies, independent of order."""
    return {
        (d.fingerprint, d.incident, d.kind, d.subject, d.status, frozenset(d.values),
         frozenset(d.articles))
        for d in report.discrepancies
    }  # fmt: skip


def without_tool(report: Report) -> dict[str, Any]:
    """The JSON dict of a report, without the line naming the tool version."""
    data = to_dict(report)
    data.pop("generated_by")
    return data


def table_rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the result tables, for comparing a store before and after."""
    connection = sqlite3.connect(path)
    try:
        return {
            table: connection.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            for table in ("articles", "incidents", "facts", "claims", "discrepancies", "decisions")
        }
    finally:
        connection.close()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """Path of a store that does not exist yet."""
    return tmp_path / "news.sqlite"


def test_new_store_uses_wal_and_records_its_schema(db: Path) -> None:
    migrations = sorted(
        (Path(__file__).parents[2] / "discrepancy" / "store" / "migrations").glob("*.sql")
    )
    with open_store(db) as store:
        assert store.schema_version == len(migrations) == int(migrations[-1].name[:4])
    connection = sqlite3.connect(db)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    connection.close()


def test_two_batches_give_the_same_report_as_one_run(db: Path) -> None:
    one_run = run_articles(batch("part1", "part2"))
    with open_store(db) as store:
        first = check_batch(store, batch("part1"))
        second = check_batch(store, batch("part2"))
    assert first.report.discrepancies == ()
    assert facts(second.report) == facts(one_run)
    assert without_tool(second.report) == without_tool(one_run)
    assert WOUNDED_6_7 in {d.fingerprint for d in second.report.discrepancies}
    assert second.appeared == {d.fingerprint for d in one_run.discrepancies}


def test_batches_in_either_order_give_the_same_ids_as_one_run(tmp_path: Path) -> None:
    one_run = run_articles(batch("part1", "part2"))
    with open_store(tmp_path / "a.sqlite") as store:
        check_batch(store, batch("part1"))
        forward = check_batch(store, batch("part2")).report
    with open_store(tmp_path / "b.sqlite") as store:
        check_batch(store, batch("part2"))
        first_ids = {i.id for i in store.load_report().incidents}
        backward = check_batch(store, batch("part1")).report
    # Ids come from an incident's earliest article, whichever batch brought it: part1's
    # earlier articles rename the incidents part2 alone had made.
    assert facts(forward) == facts(backward) == facts(one_run)
    assert {i.id for i in backward.incidents} == {i.id for i in one_run.incidents} != first_ids


def test_rerunning_a_batch_changes_nothing(db: Path) -> None:
    with open_store(db) as store:
        check_batch(store, batch("part1"))
        check_batch(store, batch("part2"))
    before = table_rows(db)
    with open_store(db) as store:
        again = check_batch(store, batch("part2"))
        assert again.added == again.replaced == ()
        assert again.unchanged == ("kirkuk_two", "peshawar_two")
        assert again.appeared == frozenset()
        assert len(store.runs()) == 3  # the run log is the only thing that grows
    assert table_rows(db) == before


def test_same_text_under_another_id_is_not_counted_twice(db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy" / "kirkuk_copy.txt"
    copy.parent.mkdir()
    copy.write_bytes((FIXTURES / "part1" / "kirkuk_one.txt").read_bytes())
    with open_store(db) as store:
        check_batch(store, batch("part1"))
        articles, _ = read_inputs([str(copy)])
        result = check_batch(store, articles)
        assert result.duplicates == (("kirkuk_copy", "kirkuk_one"),)
        assert result.articles == ("kirkuk_copy",)
        assert store.article_count() == 3
        [kirkuk] = [i for i in result.report.incidents if "kirkuk_one" in i.articles]
        assert kirkuk.articles[kirkuk.articles.index("kirkuk_one") + 1] == "kirkuk_copy"
        assert kirkuk.id in result.touched
        assert result.report.copies == {"kirkuk_copy": "kirkuk_one"}
        # Listed, not counted: no claim of the copy.
        assert not any(c.article == "kirkuk_copy" for f in kirkuk.facts for c in f.claims)
    # A run that reads both copies makes the report the store makes.
    both = run_articles([*batch("part1"), *articles])
    assert both.incidents == result.report.incidents
    assert both.discrepancies == result.report.discrepancies


def test_new_version_of_an_article_replaces_the_old_one(db: Path) -> None:
    with open_store(db) as store:
        check_batch(store, batch("part1", "part2"))
        [old] = [a for a in store.articles() if a.id == "kirkuk_two"]
        text = old.text.replace("seven people", "six people")
        result = check_batch(store, [dataclasses.replace(old, text=text)])
        assert result.replaced == ("kirkuk_two",)
        assert store.article_count() == 4
        [new] = [a for a in store.articles() if a.id == "kirkuk_two"]
        assert content_hash(new.text) == content_hash(text)
        # six and six agree now: the conflict is resolved, and the store says when.
        assert WOUNDED_6_7 not in {d.fingerprint for d in result.report.discrepancies}
        [gone] = [d for d in store.discrepancies(include_resolved=True)
                  if d.fingerprint == WOUNDED_6_7]  # fmt: skip
        assert not gone.open and gone.resolved_run == result.run


def test_an_earlier_article_renames_the_incident_and_its_decision_follows(db: Path) -> None:
    def articles(name: str) -> list[Article]:
        found, _ = read_inputs([str(FIXTURES.parent / "ids" / name)])
        return found

    with open_store(db) as store:
        first = check_batch(store, articles("reports"))
        (before,) = first.report.discrepancies
        store.record_decision(before.fingerprint, "confirmed conflict", "ana", "hospital says 7")
        # "mosul_first" was published before the others: it names the incident, in the store
        # as in one run of every article.
        fresh = run_articles([*store.articles(), *articles("first")])
        second = check_batch(store, articles("first"))
        assert {i.id for i in second.report.incidents} == {i.id for i in fresh.incidents}
        assert {i.id for i in fresh.incidents} != {i.id for i in first.report.incidents}
        assert facts(second.report) == facts(fresh)
        (moved,) = second.report.discrepancies
        assert moved.fingerprint != before.fingerprint and moved.values == ("six", "seven")
        assert moved.fingerprint not in second.appeared
        # The decision is the renamed discrepancy's; the old fingerprint still finds it.
        decision = store.current_decisions()[moved.fingerprint]
        assert (decision.decision, decision.reviewer) == ("confirmed conflict", "ana")
        assert before.fingerprint not in store.current_decisions()
        assert store.find_discrepancy(before.fingerprint).fingerprint == moved.fingerprint
        assert [d.note for d in store.decisions(moved.fingerprint)] == ["hospital says 7"]
        stored = {d.fingerprint: d for d in store.discrepancies(include_resolved=True)}
        assert before.fingerprint not in stored and stored[moved.fingerprint].first_run == first.run


def test_load_report_rebuilds_the_latest_run(db: Path) -> None:
    with open_store(db) as store:
        check_batch(store, batch("part1"))
        result = check_batch(store, batch("part2"))
    with open_store(db, create=False) as store:
        assert without_tool(store.load_report()) == without_tool(result.report)


def test_touched_incidents_are_those_of_the_batch(db: Path) -> None:
    with open_store(db) as store:
        check_batch(store, batch("part1", "part2"))
        result = check_batch(store, batch("later"))
    assert result.touched == {"inc-a995c89346"}
    part = select_incidents(result.report, result.touched)
    assert [i.id for i in part.incidents] == ["inc-a995c89346"]
    assert {a.id for a in part.articles} == {"kirkuk_one", "kirkuk_two", "kirkuk_three"}
    assert {d.kind for d in part.discrepancies} == {"wounded"}


def test_decisions_are_appended_and_the_latest_counts(db: Path) -> None:
    with open_store(db) as store:
        check_batch(store, batch("part1", "part2"))
        store.record_decision(WOUNDED_6_7, "needs follow-up", "ana", "call the hospital")
        store.record_decision(WOUNDED_6_7, "confirmed conflict", "ben", "hospital says 7")
        assert [d.decision for d in store.decisions()] == ["needs follow-up", "confirmed conflict"]
        assert store.current_decisions()[WOUNDED_6_7].reviewer == "ben"
        assert store.find_discrepancy("9064").fingerprint == WOUNDED_6_7
        with pytest.raises(StoreError, match="not one of"):
            store.record_decision(WOUNDED_6_7, "fine")
    connection = sqlite3.connect(db)
    for statement in ("UPDATE decisions SET decision = 'accepted'", "DELETE FROM decisions"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            connection.execute(statement)
    connection.close()


def test_unknown_fingerprint_is_a_clear_error(db: Path) -> None:
    with open_store(db) as store:
        check_batch(store, batch("part1", "part2"))
        with pytest.raises(StoreError, match="no discrepancy with fingerprint"):
            store.find_discrepancy("ffff")


def unchanged_after_refusal(path: Path, match: str) -> None:
    """Opening the file fails with a message naming it, and leaves its bytes as they were."""
    before = path.read_bytes()
    with pytest.raises(StoreError, match=match) as error:
        open_store(path)
    assert str(path) in str(error.value)
    assert path.read_bytes() == before
    assert not Path(f"{path}-wal").exists()


def test_foreign_sqlite_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "dogs.sqlite"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE dogs (name TEXT)")
    connection.commit()
    connection.close()
    unchanged_after_refusal(path, "another program's SQLite database")


def test_file_that_is_not_sqlite_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"these are my notes, not a database\n" * 200)
    unchanged_after_refusal(path, "not a SQLite database or is corrupt")


def test_corrupt_store_is_refused(db: Path) -> None:
    with open_store(db) as store:
        check_batch(store, batch("part1", "part2"))
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.execute("PRAGMA journal_mode = DELETE")
    page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    connection.close()
    data = bytearray(db.read_bytes())
    # Scribble over every page after the first: the schema still reads, the tables do not.
    data[page_size:] = bytes([0xA5]) * (len(data) - page_size)
    db.write_bytes(bytes(data))
    unchanged_after_refusal(db, "corrupt")


def test_store_from_a_newer_version_is_refused(db: Path) -> None:
    open_store(db).close()
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA user_version = 99")
    connection.close()
    before = db.read_bytes()
    with pytest.raises(StoreError, match=r"schema version 99.*upgrade discrepancy"):
        open_store(db)
    assert db.read_bytes() == before


def test_missing_store_is_not_created_when_reading(db: Path) -> None:
    with pytest.raises(StoreError, match="no store at"):
        open_store(db, create=False)
    assert not db.exists()


def test_failed_batch_write_leaves_the_store_as_before(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(db) as store:
        check_batch(store, batch("part1"))
    before = table_rows(db)
    original = Store._swap_in

    def broken(self: Store, run: int) -> None:
        original(self, run)
        raise RuntimeError("disk full")

    monkeypatch.setattr(Store, "_swap_in", broken)
    with open_store(db) as store, pytest.raises(RuntimeError, match="disk full"):
        check_batch(store, batch("part2"))
    assert table_rows(db) == before


KILL_SCRIPT = """
import sys, time
from discrepancy.store import sqlite as store

original = store.Store._swap_in

def slow(self, run):
    original(self, run)
    print("written", flush=True)  # everything is written, nothing committed
    time.sleep(120)

store.Store._swap_in = slow
from discrepancy.cli import main
sys.argv = ["discrepancy", "check", *sys.argv[1:]]
main()
"""


def test_killed_batch_write_leaves_the_previous_batch_intact(db: Path, tmp_path: Path) -> None:
    with open_store(db) as store:
        first = check_batch(store, batch("part1"))
    before = table_rows(db)
    script = tmp_path / "slow_check.py"
    script.write_text(textwrap.dedent(KILL_SCRIPT), encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, str(script), str(FIXTURES / "part2"), "--db", str(db), "-q",
         "-o", str(tmp_path / "out.json")],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path,
    )  # fmt: skip
    watchdog = threading.Timer(120, process.kill)
    watchdog.start()
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.strip() == "written", process.stderr.read() if process.stderr else ""
        os.kill(process.pid, signal.SIGKILL)
        assert process.wait(timeout=30) == -signal.SIGKILL
    finally:
        watchdog.cancel()
        process.kill()
        process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()
    assert table_rows(db) == before
    with open_store(db) as store:
        assert [a.id for a in store.articles()] == ["kirkuk_one", "peshawar_one"]
        assert without_tool(store.load_report()) == without_tool(first.report)
        # and the store takes the batch afterwards as if nothing had happened
        again = check_batch(store, batch("part2"))
    assert WOUNDED_6_7 in {d.fingerprint for d in again.report.discrepancies}


def test_a_store_from_the_first_schema_is_migrated_in_place(db: Path) -> None:
    first = Path(__file__).parents[2] / "discrepancy" / "store" / "migrations" / "0001_initial.sql"
    connection = sqlite3.connect(db)
    from discrepancy.store.sqlite import APPLICATION_ID

    connection.executescript(
        first.read_text(encoding="utf-8")
        + f"\nPRAGMA user_version = 1;\nPRAGMA application_id = {APPLICATION_ID};"
    )
    connection.close()
    with open_store(db) as store:
        assert store.schema_version > 1
    columns = {row[1] for row in sqlite3.connect(db).execute("PRAGMA table_info(claims)")}
    assert {"precision", "derived"} <= columns


def test_a_stored_article_keeps_whether_its_title_came_from_its_text(
    db: Path, tmp_path: Path
) -> None:
    own = tmp_path / "own.txt"
    own.write_text("Mill fire closes the river road\nA fire closed the river road.\n", "utf-8")
    given = Article(id="given", title="Mill fire closes the river road", text="A fire closed it.")
    read, skipped = read_inputs([str(own)])
    assert skipped == [] and read[0].title_from_text
    with open_store(db) as store:
        check_batch(store, [*read, given])
        stored = {a.id: a for a in store.articles()}
    assert stored[read[0].id] == read[0]
    assert stored["given"] == given and not stored["given"].title_from_text
