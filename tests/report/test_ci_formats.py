"""Tests for the CI formats: JUnit XML, SARIF 2.1.0 (validated against the schema), summary."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any
from urllib.parse import urlparse
from urllib.request import url2pathname

import jsonschema
import pytest

from discrepancy.models import Kind, Report, Review
from discrepancy.pipeline import run_articles
from discrepancy.read.files import read_inputs
from discrepancy.report.ci_formats import SUMMARY_PREFIX, summary_line, to_junit, to_sarif

FIXTURES = Path(__file__).parents[1] / "fixtures" / "ci"
SARIF_SCHEMA = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def run(*inputs: str | Path) -> Report:
    """Check inputs (fixture batch names or paths) in one run."""
    paths = [str(FIXTURES / i) if isinstance(i, str) else str(i) for i in inputs]
    articles, _ = read_inputs(paths)
    return run_articles(articles)


def accepted(report: Report, kind: Kind) -> dict[str, Review]:
    """Reviews that accept the discrepancy of the given kind."""
    [found] = [d for d in report.discrepancies if d.kind == kind]
    return {found.fingerprint: Review(found.fingerprint, "accepted", "ana", "seen")}


def validate_sarif(log: dict[str, Any]) -> None:
    """Validate a SARIF log against the OASIS SARIF 2.1.0 schema."""
    validator = jsonschema.Draft4Validator(
        SARIF_SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def artifact_path(uri: str) -> Path:
    """The file a SARIF artifact URI names (relative to the working folder, or file://)."""
    if uri.startswith("file:"):
        return Path(url2pathname(urlparse(uri).path))
    return Path(url2pathname(uri))


# ---------------------------------------------------------------------------
# JUnit
# ---------------------------------------------------------------------------


def check_junit_shape(xml: str) -> ET.Element:
    """The structure Jenkins' and GitLab's JUnit readers need, with consistent counts."""
    root = ET.fromstring(xml)
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert suites
    for suite in suites:
        assert suite.get("name")
        cases = suite.findall("testcase")
        assert int(suite.get("tests", "-1")) == len(cases)
        assert int(suite.get("failures", "-1")) == sum(
            1 for c in cases if c.find("failure") is not None
        )
        assert int(suite.get("errors", "-1")) == 0
        for case in cases:
            assert case.get("name") and case.get("classname")
            assert set(child.tag for child in case) <= {"failure", "system-out"}
            for failure in case.findall("failure"):
                assert failure.get("message") and failure.get("type") in {"conflict", "variant"}
                assert failure.text
    assert int(root.get("tests", "-1")) == sum(int(s.get("tests", "0")) for s in suites)
    assert int(root.get("failures", "-1")) == sum(int(s.get("failures", "0")) for s in suites)
    return root


def test_junit_has_a_testcase_per_incident_and_a_failure_per_discrepancy() -> None:
    report = run("part1", "part2")
    root = check_junit_shape(to_junit(report))
    cases = root.findall("testsuite/testcase")
    assert [c.get("name", "").split()[0] for c in cases] == [i.id for i in report.incidents]
    failures = {c.get("name", "").split()[0]: [f.get("type") for f in c.findall("failure")]
                for c in cases}  # fmt: skip
    assert failures == {"inc-a995c89346": ["conflict"], "inc-85ac001956": ["variant"]}
    [kirkuk] = [c for c in cases if "Kirkuk" in c.get("name", "")]
    failure = kirkuk.find("failure")
    assert failure is not None
    assert failure.get("message") == "wounded conflict: six / seven"
    assert 'kirkuk_two: "seven" in: Three guards were killed and seven people' in (
        failure.text or ""
    )


def test_junit_reviewed_discrepancy_is_not_a_failure() -> None:
    report = run("part1", "part2")
    root = check_junit_shape(to_junit(report, accepted(report, Kind.WOUNDED)))
    [kirkuk] = [c for c in root.iter("testcase") if "Kirkuk" in c.get("name", "")]
    assert kirkuk.find("failure") is None
    assert "reviewed (accepted)" in (kirkuk.findtext("system-out") or "")
    assert root.get("failures") == "1"


def test_junit_without_discrepancies_passes() -> None:
    root = check_junit_shape(to_junit(run("part1")))
    assert root.get("failures") == "0" and root.get("tests") == "2"


# ---------------------------------------------------------------------------
# SARIF
# ---------------------------------------------------------------------------


def test_sarif_validates_against_the_schema() -> None:
    report = run("part1", "part2", "later")
    log = to_sarif(report, accepted(report, Kind.PERSON))
    validate_sarif(log)
    validate_sarif(to_sarif(run("part1")))  # no results at all


def test_schema_check_catches_a_broken_log() -> None:
    log = to_sarif(run("part1", "part2"))
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(AssertionError, match="level"):
        validate_sarif(log)


def test_sarif_has_a_rule_per_kind_and_results_point_at_the_evidence() -> None:
    report = run("part1", "part2")
    log = to_sarif(report)
    [sarif_run] = log["runs"]
    rules = [r["id"] for r in sarif_run["tool"]["driver"]["rules"]]
    assert rules == [kind.value for kind in Kind]
    by_rule = {r["ruleId"]: r for r in sarif_run["results"]}
    assert by_rule["wounded"]["level"] == "error" and by_rule["person"]["level"] == "warning"
    assert rules[by_rule["wounded"]["ruleIndex"]] == "wounded"
    wounded = by_rule["wounded"]
    locations = wounded["locations"] + wounded["relatedLocations"]
    assert [loc["message"]["text"] for loc in locations] == ['kirkuk_one: "six"',
                                                            'kirkuk_two: "seven"']  # fmt: skip
    for location in locations:
        physical = location["physicalLocation"]
        path = artifact_path(physical["artifactLocation"]["uri"])
        region = physical["region"]
        line = path.read_text(encoding="utf-8").splitlines()[region["startLine"] - 1]
        assert region["startLine"] == region["endLine"]
        assert (
            line[region["startColumn"] - 1 : region["endColumn"] - 1] == region["snippet"]["text"]
        )
    assert wounded["partialFingerprints"]["discrepancyFingerprint/v1"] == "90644c54aaeb8cc0"
    assert "suppressions" not in wounded


def test_sarif_marks_reviewed_results_as_suppressed() -> None:
    report = run("part1", "part2")
    log = to_sarif(report, accepted(report, Kind.WOUNDED))
    [wounded] = [r for r in log["runs"][0]["results"] if r["ruleId"] == "wounded"]
    assert wounded["suppressions"] == [
        {"kind": "external", "status": "accepted", "justification": "accepted: seen"}
    ]
    assert wounded["properties"]["decision"] == "accepted"


def test_sarif_for_jsonl_rows_points_at_the_line(tmp_path: Path) -> None:
    rows = []
    for name in ("part1/kirkuk_one.txt", "part2/kirkuk_two.txt"):
        text = (FIXTURES / name).read_text(encoding="utf-8")
        rows.append({"id": Path(name).stem, "text": text})
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    log = to_sarif(run(feed))
    validate_sarif(log)
    [wounded] = log["runs"][0]["results"]
    lines = [loc["physicalLocation"]["region"]["startLine"]
             for loc in wounded["locations"] + wounded["relatedLocations"]]  # fmt: skip
    assert lines == [1, 2]


# ---------------------------------------------------------------------------
# Summary line
# ---------------------------------------------------------------------------


def test_summary_line_is_one_parseable_line() -> None:
    line = summary_line({"articles": 5, "conflicts": 1, "fail_on": "conflict", "exit": 1})
    assert "\n" not in line
    prefix, _, payload = line.partition(" ")
    assert prefix == SUMMARY_PREFIX
    assert json.loads(payload) == {"articles": 5, "conflicts": 1, "fail_on": "conflict", "exit": 1}
