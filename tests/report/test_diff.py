"""Tests for comparing two JSON reports."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from discrepancy.report.diff import ReportFileError, diff_reports, format_text, load_report


def report(
    *discrepancies: dict[str, Any], articles: tuple[str, ...] = ("a", "b", "c")
) -> dict[str, Any]:
    """A minimal contract report holding the given discrepancies."""
    return {
        "schema": "discrepancy-report/1",
        "articles": [{"id": a} for a in articles],
        "incidents": [{"id": "inc-1"}, {"id": "inc-2"}],
        "skipped": [],
        "discrepancies": list(discrepancies),
    }


def item(
    fingerprint: str | None,
    kind: str,
    values: list[str],
    status: str = "conflict",
    incident: str = "inc-1",
    articles: tuple[str, ...] = ("a", "b"),
) -> dict[str, Any]:
    """One flattened discrepancy."""
    found = {"incident": incident, "kind": kind, "subject": None, "status": status,
             "values": values, "articles": list(articles)}  # fmt: skip
    if fingerprint is not None:
        found["fingerprint"] = fingerprint
    return found


def test_new_resolved_changed_and_unchanged() -> None:
    old = report(
        item("f1", "wounded", ["six", "seven"]),
        item("f2", "killed", ["three", "four"]),
        item("f3", "person", ["Abu Bakr", "Abu Baqir"], "variant", "inc-2"),
    )
    new = report(
        item("f1b", "wounded", ["six", "seven", "eight"]),
        item("f3", "person", ["Abu Bakr", "Abu Baqir"], "variant", "inc-2"),
        item("f4", "date", ["4 March", "6 March"], incident="inc-2"),
    )
    found = diff_reports(old, new)
    assert [d["fingerprint"] for d in found["new"]] == ["f4"]
    assert [d["fingerprint"] for d in found["resolved"]] == ["f2"]
    [change] = found["changed"]
    assert (change["old"]["fingerprint"], change["new"]["fingerprint"]) == ("f1", "f1b")
    assert change["added_values"] == ["eight"] and change["removed_values"] == []
    assert found["unchanged"] == 1
    text = format_text(found)
    assert text.splitlines()[0] == "new: 1  resolved: 1  changed: 1  unchanged: 1"
    assert "+ inc-2 date conflict: 4 March / 6 March  [f4]" in text
    assert "- inc-1 killed conflict: three / four  [f2]" in text
    assert "~ inc-1 wounded conflict: six / seven / eight  (added eight)" in text


def test_identical_reports_have_no_difference() -> None:
    same = report(item("f1", "wounded", ["six", "seven"]))
    found = diff_reports(same, same)
    assert (found["new"], found["resolved"], found["changed"], found["unchanged"]) == (
        [], [], [], 1,
    )  # fmt: skip


def test_status_change_with_the_same_fingerprint_is_a_change() -> None:
    found = diff_reports(report(item("f1", "person", ["A", "B"], "variant")),
                         report(item("f1", "person", ["A", "B"], "conflict")))  # fmt: skip
    [change] = found["changed"]
    assert change["changed"] == ["status"]


def test_reports_without_fingerprints_are_matched_by_values() -> None:
    old = report(item(None, "wounded", ["six", "seven"]))
    new = report(item(None, "wounded", ["Seven", "six"]))
    assert diff_reports(old, new)["unchanged"] == 1


def test_discrepancies_outside_the_new_report_are_not_resolved() -> None:
    old = report(item("f1", "wounded", ["six", "seven"], articles=("x", "y")))
    found = diff_reports(old, report(articles=("a",)))
    assert found["resolved"] == [] and found["not_compared"] == 1


def test_load_report_errors_name_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "old.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(ReportFileError, match=r"old\.json.*not valid JSON"):
        load_report(broken)
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"schema": "something/2"}), encoding="utf-8")
    with pytest.raises(ReportFileError, match=r"other\.json.*not a discrepancy-report/1"):
        load_report(other)
    with pytest.raises(ReportFileError, match="does not exist"):
        load_report(tmp_path / "missing.json")
