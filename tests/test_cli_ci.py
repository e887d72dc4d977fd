"""CLI tests for CI use: --db, --baseline, --fail-on, junit/sarif, the summary line, diff."""

from __future__ import annotations

import json
import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from discrepancy.cli import main
from discrepancy.report.ci_formats import SUMMARY_PREFIX

FIXTURES = Path(__file__).parent / "fixtures" / "ci"
PART1, PART2, LATER = (str(FIXTURES / n) for n in ("part1", "part2", "later"))
WOUNDED_6_7 = "90644c54aaeb8cc0"


def invoke(*args: str) -> Result:
    """Run the CLI with separate stdout and stderr."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def summary(result: Result) -> dict[str, Any]:
    """The machine-readable summary line of a check run."""
    lines = [line for line in result.stderr.splitlines() if line.startswith(SUMMARY_PREFIX + " ")]
    assert len(lines) == 1, result.stderr
    parsed: dict[str, Any] = json.loads(lines[0].split(" ", 1)[1])
    return parsed


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in an empty folder, so default paths land there."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_fail_on_conflict_follows_reviews_and_new_values(work: Path) -> None:
    first = invoke("check", PART1, PART2, "--db", "news.sqlite", "--fail-on", "conflict",
                   "-o", "r1.json")  # fmt: skip
    assert first.exit_code == 1, first.output
    assert summary(first)["new_conflicts"] == 1 and summary(first)["failing"] == 1

    decided = invoke("review", WOUNDED_6_7[:8], "confirmed conflict", "--db", "news.sqlite",
                     "--reviewer", "ana", "--note", "desk checked both")  # fmt: skip
    assert decided.exit_code == 0, decided.output
    exported = invoke("baseline", "export", "--db", "news.sqlite", "-o", "reviewed.json")
    assert exported.exit_code == 0, exported.output
    baseline = json.loads(Path("reviewed.json").read_text(encoding="utf-8"))
    assert [r["fingerprint"] for r in baseline["reviewed"]] == [WOUNDED_6_7]

    # the same batch again, now reviewed: passes, and the report says why
    again = invoke("check", PART2, "--db", "news.sqlite", "--baseline", "reviewed.json",
                   "--fail-on", "conflict", "-o", "r2.json")  # fmt: skip
    assert again.exit_code == 0, again.output
    assert summary(again) | {"reviewed": 1, "new_conflicts": 0, "exit": 0} == summary(again)
    report = json.loads(Path("r2.json").read_text(encoding="utf-8"))
    [wounded] = [d for d in report["discrepancies"] if d["kind"] == "wounded"]
    assert (wounded["reviewed"], wounded["decision"]) == (True, "confirmed conflict")

    # an 8-wounded claim makes it a new discrepancy
    later = invoke("check", LATER, "--db", "news.sqlite", "--baseline", "reviewed.json",
                   "--fail-on", "conflict", "-o", "r3.json", "--previous", "r2.json")  # fmt: skip
    assert later.exit_code == 1, later.output
    assert summary(later)["appeared"] == 1
    diffed = json.loads(Path("r3.json").read_text(encoding="utf-8"))["diff"]
    assert [c["added_values"] for c in diffed["changed"]] == [["Eight"]]
    assert Path("r3.html").exists()


def test_hand_written_baseline_without_a_store(work: Path) -> None:
    Path("reviewed.json").write_text(json.dumps({
        "schema": "discrepancy-baseline/1",
        "reviewed": [{"fingerprint": WOUNDED_6_7, "decision": "false alarm", "reviewer": "ana"}],
    }), encoding="utf-8")  # fmt: skip
    args = ("check", PART1, PART2, "--fail-on", "conflict", "--no-html", "-o", "r.json")
    assert invoke(*args).exit_code == 1
    assert invoke(*args, "--baseline", "reviewed.json").exit_code == 0
    assert invoke(*args, "--baseline", "reviewed.json", "--fail-on", "variant").exit_code == 1


def test_db_reports_touched_incidents_unless_all(work: Path) -> None:
    assert invoke("check", PART1, PART2, "--db", "--no-html", "-o", "r.json").exit_code == 0
    assert Path("discrepancy.sqlite").exists()  # --db alone means the default path
    touched = invoke("check", LATER, "--db", "-o", "-", "-q")
    assert [i["location"] for i in json.loads(touched.stdout)["incidents"]] == ["Kirkuk"]
    everything = invoke("check", LATER, "--db", "-o", "-", "-q", "--all")
    assert len(json.loads(everything.stdout)["incidents"]) == 2
    assert summary(everything)["unchanged"] == 1 and summary(everything)["stored_articles"] == 5


def test_quiet_keeps_only_the_summary_line(work: Path) -> None:
    result = invoke("check", PART1, PART2, "-q", "-o", "-")
    assert result.stderr.splitlines() == [result.stderr.strip()]
    assert summary(result) == {
        "articles": 4, "skipped": 0, "incidents": 2, "conflicts": 1, "variants": 1,
        "new_conflicts": 1, "new_variants": 1, "reviewed": 0, "carried": 0, "failing": 0,
        "fail_on": "none",
        "exit": 0,
    }  # fmt: skip
    loud = invoke("check", PART1, PART2, "-o", "-")
    assert loud.stderr.splitlines()[0].startswith("checked 4 articles (0 skipped)")


def test_new_version_and_copies_are_noted(work: Path) -> None:
    assert invoke("check", PART1, "--db", "s.sqlite", "-q", "-o", "-").exit_code == 0
    changed = work / "changed" / "kirkuk_one.txt"
    changed.parent.mkdir()
    text = (FIXTURES / "part1" / "kirkuk_one.txt").read_text(encoding="utf-8")
    changed.write_text(text.replace("six workers", "nine workers"), encoding="utf-8")
    copy = work / "changed" / "peshawar_copy.txt"
    copy.write_bytes((FIXTURES / "part1" / "peshawar_one.txt").read_bytes())
    result = invoke("check", str(changed.parent), "--db", "s.sqlite", "-o", "-")
    assert "note kirkuk_one: new version replaces the stored article" in result.stderr
    assert "note peshawar_copy: same headline and text as article peshawar_one" in result.stderr
    assert summary(result)["replaced"] == 1 and summary(result)["duplicates"] == 1


def test_junit_and_sarif_files(work: Path) -> None:
    junit = invoke("check", PART1, PART2, "--format", "junit", "-o", "out/junit.xml")
    assert junit.exit_code == 0, junit.output
    root = ET.parse("out/junit.xml").getroot()
    assert root.get("tests") == "2" and root.get("failures") == "2"
    assert not Path("out/junit.html").exists()
    sarif = invoke("check", PART1, PART2, "-o", "out/run.sarif")  # format from the extension
    assert sarif.exit_code == 0, sarif.output
    log = json.loads(Path("out/run.sarif").read_text(encoding="utf-8"))
    assert log["version"] == "2.1.0" and len(log["runs"][0]["results"]) == 2
    # one run, every format: JSON + HTML on -o, JUnit and SARIF beside them
    both = invoke("check", PART1, PART2, "-o", "all/r.json", "--junit", "all/junit.xml",
                  "--sarif", "all/r.sarif", "-q")  # fmt: skip
    assert both.exit_code == 0, both.output
    assert {p.name for p in Path("all").iterdir()} == {"r.json", "r.html", "junit.xml", "r.sarif"}
    assert ET.parse("all/junit.xml").getroot().get("failures") == "2"


def test_diff_command(work: Path) -> None:
    invoke("check", PART1, PART2, "--no-html", "-o", "old.json")
    invoke("check", PART1, PART2, LATER, "--no-html", "-o", "new.json")
    text = invoke("diff", "old.json", "new.json")
    assert text.exit_code == 0, text.output
    assert text.stdout.splitlines()[0] == "new: 0  resolved: 0  changed: 1  unchanged: 1"
    as_json = invoke("diff", "old.json", "new.json", "--format", "json")
    assert json.loads(as_json.stdout)["changed"][0]["added_values"] == ["Eight"]


# ---------------------------------------------------------------------------
# Refusals: exit 2, a message naming the file, nothing overwritten
# ---------------------------------------------------------------------------


def refused(result: Result, *needles: str) -> None:
    """Exit 2 with one error line naming what failed."""
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("Error: ")
    for needle in needles:
        assert needle in result.stderr


def test_invalid_baseline_is_refused_before_anything_is_written(work: Path) -> None:
    Path("reviewed.json").write_text("{oops", encoding="utf-8")
    Path("r.json").write_text("previous report", encoding="utf-8")
    result = invoke("check", PART1, "--db", "s.sqlite", "--baseline", "reviewed.json",
                    "-o", "r.json")  # fmt: skip
    refused(result, "reviewed.json", "not valid JSON")
    assert Path("r.json").read_text(encoding="utf-8") == "previous report"
    assert not Path("s.sqlite").exists()


def test_foreign_and_corrupt_stores_are_refused(work: Path) -> None:
    connection = sqlite3.connect("shop.sqlite")
    connection.execute("CREATE TABLE orders (id INTEGER)")
    connection.commit()
    connection.close()
    before = Path("shop.sqlite").read_bytes()
    refused(invoke("check", PART1, "--db", "shop.sqlite"), "shop.sqlite", "another program")
    assert Path("shop.sqlite").read_bytes() == before
    Path("junk.sqlite").write_bytes(b"\x00garbage" * 512)
    refused(invoke("check", PART1, "--db", "junk.sqlite"), "junk.sqlite", "corrupt")
    assert Path("junk.sqlite").read_bytes() == b"\x00garbage" * 512


def test_newer_store_is_refused(work: Path) -> None:
    assert invoke("check", PART1, "--db", "s.sqlite", "-q", "-o", "-").exit_code == 0
    connection = sqlite3.connect("s.sqlite")
    connection.execute("PRAGMA user_version = 99")
    connection.close()
    refused(invoke("check", PART2, "--db", "s.sqlite"), "s.sqlite", "upgrade discrepancy")


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("check", PART1, "--all"), "--all needs --db"),
        (("check", PART1, "--db", "r.json", "-o", "r.json"), "also given as --db"),
        (("baseline", "export"), "needs --db"),
        (("baseline", "export", "--db", "missing.sqlite"), "no store at"),
        (("review", "abc", "accepted", "--db", "missing.sqlite"), "no store at"),
        (("diff", "nope.json", "nope2.json"), "does not exist"),
    ],
)
def test_usage_errors(work: Path, args: tuple[str, ...], needle: str) -> None:
    refused(invoke(*args), needle)


def test_review_lists_open_discrepancies(work: Path) -> None:
    invoke("check", PART1, PART2, "--db", "s.sqlite", "-q", "-o", "-")
    listed = invoke("review", "--db", "s.sqlite")
    assert f"{WOUNDED_6_7} inc-a995c89346 wounded conflict: six / seven [unreviewed]" in (
        listed.stdout
    )
    refused(invoke("review", "ffff", "accepted", "--db", "s.sqlite"), "no discrepancy")


def test_review_list_named_in_the_refusal_exists(work: Path) -> None:
    invoke("check", PART1, PART2, "--db", "s.sqlite", "-q", "-o", "-")
    refusal = invoke("review", "ffff", "accepted", "--db", "s.sqlite")
    assert "--list" in refusal.stderr
    listed = invoke("review", "--db", "s.sqlite", "--list")
    assert listed.exit_code == 0, listed.output
    assert f"{WOUNDED_6_7} inc-a995c89346 wounded conflict" in listed.stdout
    refused(invoke("review", "ffff", "--db", "s.sqlite", "--list"), "--list takes no")


@pytest.mark.parametrize(
    "command", [["check"], ["diff"], ["baseline"], ["baseline", "export"], ["review"]]
)
def test_every_command_has_help_with_an_example(command: list[str]) -> None:
    result = invoke(*command, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.stdout


def test_no_usable_article_creates_no_store(work: Path) -> None:
    Path("empty").mkdir()
    refused(invoke("check", "empty", "--db", "s.sqlite"), "no usable article")
    assert not Path("s.sqlite").exists()


def test_plain_report_has_no_review_fields(work: Path) -> None:
    plain = json.loads(invoke("check", PART1, PART2, "-q", "-o", "-").stdout)
    assert plain["discrepancies"] and all(
        "reviewed" not in d and "decision" not in d for d in plain["discrepancies"]
    )
    assert "diff" not in plain
