"""Tests for baselines: reading them, what they settle, and exporting them from a store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from discrepancy.batches import check_batch
from discrepancy.models import Discrepancy, Kind, Report, Review, Status
from discrepancy.pipeline import run_articles
from discrepancy.read.files import read_inputs
from discrepancy.report.json_report import annotate, to_dict
from discrepancy.store.baseline import (
    SCHEMA,
    BaselineError,
    counts,
    dump_baseline,
    failing,
    from_store,
    load_baseline,
    parse_baseline,
)
from discrepancy.store.sqlite import open_store

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ci"


def run(*names: str) -> Report:
    """Check fixture batch folders in one run."""
    articles, _ = read_inputs([str(FIXTURES / name) for name in names])
    return run_articles(articles)


def wounded(report: Report) -> Discrepancy:
    """The wounded conflict of the Kirkuk incident."""
    [found] = [d for d in report.discrepancies if d.kind == Kind.WOUNDED]
    return found


def write_baseline(path: Path, *entries: dict[str, object]) -> Path:
    """Write a baseline file by hand, as a reviewer might."""
    path.write_text(json.dumps({"schema": SCHEMA, "reviewed": list(entries)}), encoding="utf-8")
    return path


@pytest.mark.parametrize("decision", ["accepted", "false alarm", "confirmed conflict"])
def test_reviewed_conflict_does_not_fail(tmp_path: Path, decision: str) -> None:
    report = run("part1", "part2")
    conflict = wounded(report)
    assert failing(report.discrepancies, {}, "conflict") == [conflict]
    path = write_baseline(tmp_path / "b.json", {"fingerprint": conflict.fingerprint,
                                                 "decision": decision})  # fmt: skip
    assert failing(report.discrepancies, load_baseline(path), "conflict") == []


def test_needs_follow_up_still_fails(tmp_path: Path) -> None:
    report = run("part1", "part2")
    path = write_baseline(tmp_path / "b.json", {"fingerprint": wounded(report).fingerprint,
                                                 "decision": "needs follow-up"})  # fmt: skip
    assert failing(report.discrepancies, load_baseline(path), "conflict") == [wounded(report)]


def test_a_new_value_makes_a_reviewed_conflict_new_again(tmp_path: Path) -> None:
    before = run("part1", "part2")
    path = write_baseline(tmp_path / "b.json", {"fingerprint": wounded(before).fingerprint,
                                                 "decision": "accepted"})  # fmt: skip
    after = run("part1", "part2", "later")
    assert sorted(wounded(after).values) == ["Eight", "seven", "six"]
    assert wounded(after).fingerprint != wounded(before).fingerprint
    assert failing(after.discrepancies, load_baseline(path), "conflict") == [wounded(after)]


def test_fail_on_thresholds() -> None:
    report = run("part1", "part2")
    statuses = {d.status for d in report.discrepancies}
    assert statuses == {Status.CONFLICT, Status.VARIANT}
    assert failing(report.discrepancies, {}, "none") == []
    assert {d.status for d in failing(report.discrepancies, {}, "conflict")} == {Status.CONFLICT}
    assert len(failing(report.discrepancies, {}, "variant")) == 2


def test_annotate_and_counts() -> None:
    report = run("part1", "part2")
    reviews = {wounded(report).fingerprint: Review(wounded(report).fingerprint, "accepted")}
    data = annotate(to_dict(report), reviews)
    marks = {d["kind"]: (d["reviewed"], d["decision"]) for d in data["discrepancies"]}
    assert marks == {"wounded": (True, "accepted"), "person": (False, None)}
    assert counts(report.discrepancies, reviews) == {
        "conflicts": 1, "variants": 1, "new_conflicts": 0, "new_variants": 1, "reviewed": 1,
        "carried": 0,
    }  # fmt: skip


def test_baseline_that_is_not_json_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "reviewed.json"
    path.write_text('{"schema": "discrepancy-baseline/1", "reviewed": [', encoding="utf-8")
    with pytest.raises(BaselineError, match=r"reviewed\.json.*not valid JSON"):
        load_baseline(path)


def test_missing_baseline_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(BaselineError, match="baseline export"):
        load_baseline(tmp_path / "nope.json")


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ([], "not a discrepancy-baseline/1 document"),
        ({"schema": "other/1", "reviewed": []}, "not a discrepancy-baseline/1 document"),
        ({"schema": SCHEMA}, '"reviewed" must be a list'),
        ({"schema": SCHEMA, "reviewed": [{"decision": "accepted"}]}, 'no "fingerprint"'),
        ({"schema": SCHEMA, "reviewed": [{"fingerprint": "ab", "decision": "ok"}]}, "use one of"),
        ({"schema": SCHEMA, "reviewed": ["ab"]}, "entry 1 is not an object"),
    ],
)
def test_malformed_baselines_are_refused(document: object, message: str) -> None:
    with pytest.raises(BaselineError, match=message):
        parse_baseline(document, "b.json")


def test_export_from_store_round_trips(tmp_path: Path) -> None:
    articles, _ = read_inputs([str(FIXTURES / "part1"), str(FIXTURES / "part2")])
    with open_store(tmp_path / "s.sqlite") as store:
        report = check_batch(store, articles).report
        conflict = wounded(report)
        store.record_decision(conflict.fingerprint, "needs follow-up", "ana")
        store.record_decision(conflict.fingerprint, "false alarm", "ben", "same hospital count")
        reviews = from_store(store)
    [review] = reviews
    assert (review.decision, review.reviewer, review.note) == (
        "false alarm", "ben", "same hospital count",
    )  # fmt: skip
    assert (review.incident, review.kind, set(review.values)) == (
        conflict.incident, "wounded", {"six", "seven"},
    )  # fmt: skip
    path = tmp_path / "reviewed.json"
    path.write_text(dump_baseline(reviews), encoding="utf-8")
    assert load_baseline(path) == {conflict.fingerprint: review}
