"""CLI tests of identity across runs: incident ids and fingerprints that do not depend on how
articles were batched, decisions that follow a renamed incident, and decisions carried to a
discrepancy a new source added a value to."""

from __future__ import annotations

import importlib.util
import json
import shutil
import sqlite3
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from discrepancy.cli import main
from discrepancy.report.ci_formats import SUMMARY_PREFIX

ROOT = Path(__file__).parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "ci"
PART1, PART2, LATER = (str(FIXTURES / n) for n in ("part1", "part2", "later"))
# One bombing: two reports of it (a 6-vs-7 wounded conflict), and one published before them.
REPORTS, FIRST = (str(ROOT / "tests" / "fixtures" / "ids" / n) for n in ("reports", "first"))
_SPEC = importlib.util.spec_from_file_location("generate", ROOT / "benchmarks" / "generate.py")
assert _SPEC is not None and _SPEC.loader is not None
generate = importlib.util.module_from_spec(_SPEC)
sys.modules["generate"] = generate  # dataclasses look their module up while it loads
_SPEC.loader.exec_module(generate)
# Enough synthetic articles for incidents of one to five articles, background mentions and
# name variants; small enough for a few runs per test.
SIZE = 90


def invoke(*args: str) -> Result:
    """Run the CLI with separate stdout and stderr."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def summary(result: Result) -> dict[str, Any]:
    """The machine-readable summary line of a check run."""
    lines = [line for line in result.stderr.splitlines() if line.startswith(SUMMARY_PREFIX + " ")]
    assert len(lines) == 1, result.stderr
    parsed: dict[str, Any] = json.loads(lines[0].split(" ", 1)[1])
    return parsed


def load(path: str | Path) -> dict[str, Any]:
    """A JSON file."""
    data: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    return data


def ids(report: dict[str, Any]) -> tuple[set[str], set[str]]:
    """A report's incident ids and discrepancy fingerprints."""
    return (
        {str(i["id"]) for i in report["incidents"]},
        {str(d["fingerprint"]) for d in report["discrepancies"]},
    )


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in an empty folder, so default paths land there."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic corpus like a crawl of local news: one JSONL file, newest articles first,
    so that each later batch brings articles published before the incidents' first ones."""
    rows = sorted(generate.generate(SIZE), key=lambda r: (r["published"], r["id"]), reverse=True)
    path = tmp_path_factory.mktemp("corpus") / "all.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def split(corpus: Path, parts: int, folder: Path) -> list[str]:
    """The corpus cut into `parts` JSONL files, in its order."""
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    size = -(-len(lines) // parts)
    folder.mkdir()
    paths = []
    for n in range(parts):
        path = folder / f"batch{n}.jsonl"
        path.write_text("".join(lines[n * size : (n + 1) * size]), encoding="utf-8")
        paths.append(str(path))
    return paths


def batched(paths: list[str], db: str, output: str) -> Result:
    """Check each batch into the store in turn; the last run reports every stored incident."""
    for path in paths[:-1]:
        result = invoke("check", path, "--db", db, "-q", "--no-html", "-o", "-")
        assert result.exit_code == 0, result.output
    result = invoke("check", paths[-1], "--db", db, "--all", "-q", "--no-html", "-o", output)
    assert result.exit_code == 0, result.output
    return result


@pytest.mark.parametrize("parts", [2, 4])
def test_batches_give_the_ids_of_one_run_and_an_empty_diff(
    work: Path, corpus: Path, parts: int
) -> None:
    plain = invoke("check", str(corpus), "-q", "--no-html", "-o", "plain.json")
    assert plain.exit_code == 0, plain.output
    paths = split(corpus, parts, work / "batches")
    first = invoke("check", paths[0], "--db", "news.sqlite", "-q", "--no-html", "-o", "first.json")
    assert first.exit_code == 0, first.output
    batched(paths[1:], "news.sqlite", "batched.json")
    one, many = load("plain.json"), load("batched.json")
    assert ids(many) == ids(one)
    assert len(ids(one)[1]) >= 10
    # The batches did rename incidents: a later one brought an earlier article.
    assert ids(load("first.json"))[0] - ids(one)[0]
    diff = invoke("diff", "plain.json", "batched.json", "--format", "json")
    assert diff.exit_code == 0, diff.output
    found = json.loads(diff.output)
    assert (found["new"], found["resolved"], found["changed"]) == ([], [], [])
    assert found["unchanged"] == len(one["discrepancies"])


def test_a_baseline_exported_from_the_store_applies_to_a_plain_run(
    work: Path, corpus: Path
) -> None:
    paths = split(corpus, 3, work / "batches")
    for path in paths:
        result = invoke("check", path, "--db", "news.sqlite", "-q", "--no-html", "-o", "-")
        assert result.exit_code == 0, result.output
        # Decide everything open after each batch: later batches rename some of them.
        listed = invoke("review", "--db", "news.sqlite")
        for line in listed.output.splitlines():
            if line.endswith("[unreviewed]"):
                decided = invoke("review", line.split()[0], "accepted", "--db", "news.sqlite")
                assert decided.exit_code == 0, decided.output
    exported = invoke("baseline", "export", "--db", "news.sqlite", "-o", "reviewed.json")
    assert exported.exit_code == 0, exported.output
    plain = invoke("check", str(corpus), "--baseline", "reviewed.json", "--fail-on", "variant",
                   "--no-html", "-o", "plain.json")  # fmt: skip
    assert plain.exit_code == 0, plain.output
    report = load("plain.json")
    assert report["discrepancies"] and all(d["reviewed"] for d in report["discrepancies"])
    assert summary(plain)["failing"] == 0


def test_a_decision_survives_the_id_change_an_earlier_article_brings(work: Path) -> None:
    first = invoke("check", REPORTS, "--db", "news.sqlite", "-q", "--no-html", "-o", "first.json")
    [wounded] = [d for d in load("first.json")["discrepancies"] if d["kind"] == "wounded"]
    decided = invoke("review", wounded["fingerprint"], "confirmed conflict", "--db",
                     "news.sqlite", "--reviewer", "ana", "--note", "hospital says 7")  # fmt: skip
    assert first.exit_code == decided.exit_code == 0, decided.output
    # Published before the others: this article names the incident now.
    later = invoke("check", FIRST, "--db", "news.sqlite", "--fail-on", "conflict",
                   "--no-html", "-o", "later.json")  # fmt: skip
    plain = invoke("check", REPORTS, FIRST, "-q", "--no-html", "-o", "plain.json")
    assert later.exit_code == plain.exit_code == 0, later.output
    [moved] = [d for d in load("later.json")["discrepancies"] if d["kind"] == "wounded"]
    [fresh] = [d for d in load("plain.json")["discrepancies"] if d["kind"] == "wounded"]
    assert moved["incident"] != wounded["incident"]
    assert (moved["incident"], moved["fingerprint"]) == (fresh["incident"], fresh["fingerprint"])
    assert (moved["reviewed"], moved["decision"], moved["reviewer"], moved["note"]) == (
        True, "confirmed conflict", "ana", "hospital says 7",
    )  # fmt: skip
    assert summary(later)["appeared"] == 0
    exported = invoke("baseline", "export", "--db", "news.sqlite", "-o", "-")
    [entry] = json.loads(exported.output)["reviewed"]
    assert (entry["fingerprint"], entry["incident"]) == (fresh["fingerprint"], fresh["incident"])
    listed = invoke("review", "--db", "news.sqlite")
    assert f"{fresh['fingerprint']} {fresh['incident']} wounded" in listed.output
    assert "[confirmed conflict]" in listed.output
    # The old fingerprint still leads to it.
    again = invoke("review", wounded["fingerprint"], "accepted", "--db", "news.sqlite")
    assert again.exit_code == 0 and again.stderr.startswith(fresh["fingerprint"]), again.output


def test_a_store_with_first_seen_ids_renames_them_and_keeps_decisions(work: Path) -> None:
    """A store written when incidents kept the id they were first stored under: the next
    batch names them as a plain run does, and their decisions follow."""
    from discrepancy.align.facts import fingerprint
    from discrepancy.store.sqlite import open_store

    first = invoke("check", PART1, PART2, "--db", "news.sqlite", "-q", "--no-html", "-o", "-")
    assert first.exit_code == 0, first.output
    with open_store("news.sqlite") as store:
        [found] = [d for d in store.load_report().discrepancies if d.kind == "wounded"]
        [incident] = [i for i in store.load_report().incidents if i.id == found.incident]
    [fact] = [f for f in incident.facts if f.kind == "wounded"]
    # The id and fingerprint that store had: another article's, first stored.
    old = "inc-0123456789"
    with sqlite3.connect("news.sqlite") as db:
        for table, column in (("incidents", "id"), ("facts", "incident"), ("claims", "incident")):
            db.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", (old, incident.id))
        db.execute("UPDATE discrepancies SET incident = ?, fingerprint = ? WHERE fingerprint = ?",
                   (old, fingerprint(old, fact), found.fingerprint))  # fmt: skip
        db.execute("INSERT INTO decisions (fingerprint, decision, reviewer, at) VALUES"
                   " (?, 'false alarm', 'ben', '2025-01-01T00:00:00Z')",
                   (fingerprint(old, fact),))  # fmt: skip
    again = invoke("check", PART2, "--db", "news.sqlite", "--fail-on", "conflict", "--no-html",
                   "-o", "again.json")  # fmt: skip
    assert again.exit_code == 0, again.output
    [wounded] = [d for d in load("again.json")["discrepancies"] if d["kind"] == "wounded"]
    assert (wounded["incident"], wounded["fingerprint"]) == (incident.id, found.fingerprint)
    assert (wounded["decision"], wounded["reviewer"]) == ("false alarm", "ben")


def test_a_new_value_carries_the_decision_into_check_html_junit_and_diff(work: Path) -> None:
    first = invoke("check", PART1, PART2, "--no-html", "-o", "before.json")
    [wounded] = [d for d in load("before.json")["discrepancies"] if d["kind"] == "wounded"]
    Path("reviewed.json").write_text(json.dumps({
        "schema": "discrepancy-baseline/1",
        "reviewed": [{"fingerprint": wounded["fingerprint"], "incident": wounded["incident"],
                      "kind": "wounded", "subject": None, "values": wounded["values"],
                      "decision": "accepted", "reviewer": "ana", "note": "both counts quoted"}],
    }), encoding="utf-8")  # fmt: skip
    old = invoke("check", PART1, PART2, "--baseline", "reviewed.json", "--no-html",
                 "-o", "old.json")  # fmt: skip
    new = invoke("check", PART1, PART2, LATER, "--baseline", "reviewed.json", "--fail-on",
                 "conflict", "-o", "new.json", "--junit", "junit.xml")  # fmt: skip
    assert first.exit_code == old.exit_code == 0, old.output
    # Decided again, not settled: the run fails, and says what was decided before.
    assert new.exit_code == 1, new.output
    assert summary(new)["carried"] == 1 and summary(new)["failing"] == 1
    [grown] = [d for d in load("new.json")["discrepancies"] if d["kind"] == "wounded"]
    assert (grown["reviewed"], grown["decision"]) == (False, None)
    assert grown["carried"] == {
        "fingerprint": wounded["fingerprint"], "decision": "accepted", "reviewer": "ana",
        "note": "both counts quoted", "at": None, "values": wounded["values"],
    }  # fmt: skip
    html = Path("new.html").read_text(encoding="utf-8")
    assert "Reviewed before the new value: accepted by ana" in html
    assert "both counts quoted" in html
    assert "reviewed before the new value: accepted by ana" in Path("junit.xml").read_text()
    for old_report in ("old.json", "before.json"):
        diff = invoke("diff", old_report, "new.json")
        carried = "reviewed before the new value: accepted by ana: both counts quoted"
        assert diff.exit_code == 0 and carried in diff.output, diff.output
    diffed = json.loads(invoke("diff", "old.json", "new.json", "--format", "json").output)
    [change] = diffed["changed"]
    assert change["carried"]["decision"] == "accepted"


def test_a_new_value_carries_the_store_decision(work: Path) -> None:
    first = invoke("check", PART1, PART2, "--db", "news.sqlite", "-q", "--no-html", "-o", "r1.json")
    [wounded] = [d for d in load("r1.json")["discrepancies"] if d["kind"] == "wounded"]
    decided = invoke("review", wounded["fingerprint"], "false alarm", "--db", "news.sqlite",
                     "--reviewer", "ben")  # fmt: skip
    later = invoke("check", LATER, "--db", "news.sqlite", "--previous", "r1.json",
                   "-o", "r2.json")  # fmt: skip
    assert first.exit_code == decided.exit_code == later.exit_code == 0, later.output
    [grown] = [d for d in load("r2.json")["discrepancies"] if d["kind"] == "wounded"]
    assert (grown["reviewed"], grown["carried"]["decision"]) == (False, "false alarm")
    html = Path("r2.html").read_text(encoding="utf-8")
    assert html.count("reviewed before the new value: false alarm by ben") == 1  # the diff
    assert "Reviewed before the new value: false alarm by ben" in html  # the fact's badge


def test_a_store_copied_before_the_upgrade_opens(work: Path) -> None:
    """Migration 0005 on a store of schema 4 keeps its decisions readable."""
    first = invoke("check", PART1, PART2, "--db", "news.sqlite", "-q", "--no-html", "-o", "-")
    fingerprint = next(
        d["fingerprint"]
        for d in json.loads(first.stdout)["discrepancies"]
        if d["kind"] == "wounded"
    )
    invoke("review", fingerprint, "accepted", "--db", "news.sqlite")
    shutil.copyfile("news.sqlite", "old.sqlite")
    with sqlite3.connect("old.sqlite") as db:
        db.executescript(
            "DROP TABLE alignments; DROP TABLE pair_evidence; DROP TABLE extraction_failures;"
            " DROP TABLE renamed;"
            " ALTER TABLE articles DROP COLUMN title_from_text;"
            " ALTER TABLE incidents DROP COLUMN alignment;"
            " ALTER TABLE facts DROP COLUMN part;"
            " PRAGMA user_version = 4;"
        )
    listed = invoke("review", "--db", "old.sqlite")
    assert "has schema version 4" in listed.output
    upgraded = invoke("check", PART2, "--db", "old.sqlite", "-q", "--no-html", "-o", "-")
    assert upgraded.exit_code == 0, upgraded.output
    assert "[accepted]" in invoke("review", "--db", "old.sqlite").output


def test_an_earlier_article_with_a_new_value_carries_the_decision_across_the_rename(
    work: Path,
) -> None:
    first = invoke("check", REPORTS, "--db", "news.sqlite", "-q", "--no-html", "-o", "r1.json")
    [wounded] = [d for d in load("r1.json")["discrepancies"] if d["kind"] == "wounded"]
    decided = invoke("review", wounded["fingerprint"], "accepted", "--db", "news.sqlite",
                     "--reviewer", "ana")  # fmt: skip
    Path("first").mkdir()
    text = (Path(FIRST) / "mosul_first.txt").read_text(encoding="utf-8")
    Path("first", "mosul_first.txt").write_text(
        text.replace("wounding six", "wounding nine"), encoding="utf-8"
    )
    later = invoke("check", "first", "--db", "news.sqlite", "--fail-on", "conflict",
                   "--no-html", "-o", "r2.json")  # fmt: skip
    assert first.exit_code == decided.exit_code == 0, decided.output
    assert later.exit_code == 1, later.output
    [grown] = [d for d in load("r2.json")["discrepancies"] if d["kind"] == "wounded"]
    assert grown["incident"] != wounded["incident"] and "nine" in grown["values"]
    assert grown["carried"]["decision"] == "accepted"
    assert grown["carried"]["values"] == wounded["values"]


def test_the_review_app_carries_a_decision_across_the_rename(work: Path) -> None:
    """The review app finds the decision before the new value under the renamed incident."""
    from tests.review.test_serve import BASE, Page, TestClient, create_app

    invoke("check", REPORTS, "--db", "news.sqlite", "-q", "--no-html", "-o", "r1.json")
    [wounded] = [d for d in load("r1.json")["discrepancies"] if d["kind"] == "wounded"]
    invoke("review", wounded["fingerprint"], "accepted", "--db", "news.sqlite", "--reviewer", "ana",
           "--note", "both figures quoted")  # fmt: skip
    Path("first").mkdir()
    text = (Path(FIRST) / "mosul_first.txt").read_text(encoding="utf-8")
    Path("first", "mosul_first.txt").write_text(text.replace("wounding six", "wounding nine"))
    invoke("check", "first", "--db", "news.sqlite", "-q", "--no-html", "-o", "r2.json")
    [grown] = [d for d in load("r2.json")["discrepancies"] if d["kind"] == "wounded"]
    with TestClient(create_app("news.sqlite"), base_url=BASE) as client:
        line = Page(client.get("/").text).text("li", id_=f"q-{grown['fingerprint']}")
        page = Page(client.get(f"/discrepancies/{grown['fingerprint']}").text)
    assert "reviewed before the new value: accepted by ana" in line
    assert "both figures quoted" in page.text(id_="sv-carried")
