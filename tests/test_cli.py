"""The `check` command end to end through CliRunner: outputs, exit codes, refusals."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from discrepancy.cli import main
from discrepancy.models import Article

WIRE = (
    " date 2025-04-09 A drone strike on a depot in Mosul on Wednesday killed at least four "
    "fighters and wounded six others, police said.\n"
)
DAILY = (
    " date 2025-04-09 At least four fighters were killed and seven were wounded when a drone "
    "hit a depot in Mosul on Wednesday, a security source said.\n"
)


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "wire.txt").write_text(WIRE, encoding="utf-8")
    (folder / "daily.txt").write_text(DAILY, encoding="utf-8")
    return folder


def test_json_to_stdout_with_the_wounded_conflict(batch: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(batch), "-o", "-", "-q"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["schema"] == "discrepancy-report/1"
    [incident] = [i for i in report["incidents"] if i["articles"]]
    assert sorted(incident["articles"]) == ["daily", "wire"]
    wounded = [d for d in report["discrepancies"] if d["kind"] == "wounded"]
    assert [sorted(d["values"]) for d in wounded] == [["seven", "six"]]


def test_fail_on_conflict_exits_1(batch: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(batch), "-o", "-", "--fail-on", "conflict"])
    assert result.exit_code == 1, result.output


def test_json_file_gets_an_html_twin(batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "report.json"
    result = CliRunner().invoke(main, ["check", str(batch), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["articles"]
    html = out.with_suffix(".html").read_text()
    assert "<html" in html and "Content-Security-Policy" in html


def test_json_file_is_the_json_dumps_text_of_the_report(batch: Path, tmp_path: Path) -> None:
    from discrepancy.pipeline import run
    from discrepancy.report.json_report import to_dict

    out = tmp_path / "out" / "report.json"
    result = CliRunner().invoke(main, ["check", str(batch), "-o", str(out), "-q", "--no-html"])
    assert result.exit_code == 0, result.output
    data = to_dict(run([str(batch)]))
    assert out.read_text(encoding="utf-8") == json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    assert not out.with_suffix(".html").exists()
    assert [p.name for p in out.parent.iterdir()] == ["report.json"]  # no temporary file left


def test_no_usable_input_exits_2_naming_the_input(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(empty), "-o", "-"])
    assert result.exit_code == 2
    assert "empty.txt" in result.output and "Error:" in result.output


def test_a_bad_file_is_skipped_and_the_batch_still_runs(batch: Path) -> None:
    (batch / "broken.jsonl").write_text('{"id": "x", "text": 5}\nnot json\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(batch), "-o", "-"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert {s["line"] for s in report["skipped"]} == {1, 2}
    assert "skipped" in result.stderr


def test_output_that_is_an_input_is_refused(batch: Path) -> None:
    target = batch / "wire.txt"
    before = target.read_bytes()
    result = CliRunner().invoke(
        main, ["check", str(target), str(batch / "daily.txt"), "-o", str(target)]
    )
    assert result.exit_code == 2
    assert target.read_bytes() == before


def test_jsonl_from_stdin() -> None:
    rows = "\n".join(json.dumps({"id": i, "text": t}) for i, t in (("w", WIRE), ("d", DAILY)))
    result = CliRunner().invoke(main, ["check", "-", "-o", "-", "-q"], input=rows)
    assert result.exit_code == 0, result.output
    assert [a["id"] for a in json.loads(result.stdout)["articles"]] == ["w", "d"]


def test_python_dash_m_runs_the_cli(batch: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "discrepancy", "check", str(batch), "-o", "-", "-q"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["schema"] == "discrepancy-report/1"


def test_jobs_two_gives_the_same_report(batch: Path) -> None:
    runner = CliRunner()
    single = runner.invoke(main, ["check", str(batch), "-o", "-", "-q"])
    double = runner.invoke(main, ["check", str(batch), "-o", "-", "-q", "--jobs", "2"])
    assert single.exit_code == double.exit_code == 0, double.output
    assert json.loads(single.stdout) == json.loads(double.stdout)


def test_scheduler_without_dask_engine_is_a_usage_error(batch: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(batch), "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2
    assert "Error:" in result.output


def test_check_extracts_each_article_as_it_is_read(
    batch: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from discrepancy import engine as parallel
    from discrepancy import terminal

    events: list[str] = []
    read, extract_one = terminal.iter_inputs, parallel._extract_one

    def reading(*args: object, **kwargs: object) -> Iterator[object]:
        for item in read(*args, **kwargs):  # type: ignore[arg-type]
            events.append(f"read {getattr(item, 'id', 'skipped')}")
            yield item

    def extracting(index: int, article: Article) -> object:
        events.append(f"extract {article.id}")
        return extract_one(index, article)

    monkeypatch.setattr(terminal, "iter_inputs", reading)
    monkeypatch.setattr(parallel, "_extract_one", extracting)
    (batch / "zz.jsonl").write_text('{"id": "row", "text": 5}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(batch), "-o", "-"])
    assert result.exit_code == 0, result.output
    assert events == [
        "read daily", "extract daily", "read wire", "extract wire", "read skipped",
    ]  # fmt: skip
    assert "skipped " in result.stderr and "zz.jsonl:1" in result.stderr
    assert [a["id"] for a in json.loads(result.stdout)["articles"]] == ["daily", "wire"]


def test_progress_bar_shows_position_rate_and_eta(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from discrepancy.terminal import Progress

    now = [1000.0]
    monkeypatch.setattr(time, "time", lambda: now[0])
    monkeypatch.setattr(time, "monotonic", lambda: now[0])
    monkeypatch.setattr("click._termui_impl.isatty", lambda stream: True)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    progress = Progress(quiet=False)
    with progress.showing(400) as advance:
        now[0] += 2
        advance(100)
        now[0] += 2
        advance(200)
        progress.note("skipped a.jsonl:3: invalid JSON")
    err = capsys.readouterr().err
    assert "200/400" in err and "50 articles/s" in err
    assert "00:00:04" in err  # 200 more articles at 50 a second
    # A note clears the bar's line rather than running on from it.
    assert "\r\x1b[Kskipped a.jsonl:3: invalid JSON\n" in err


def test_progress_bar_without_a_total_shows_the_rate(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from discrepancy.terminal import Progress

    monkeypatch.setattr("click._termui_impl.isatty", lambda stream: True)
    progress = Progress(quiet=False)
    with progress.showing(None) as advance:
        advance(300)
    assert "300" in capsys.readouterr().err
    with Progress(quiet=True).showing(None) as advance:
        advance(300)
    assert capsys.readouterr().err == ""


def test_skipped_rows_roll_up_per_file(batch: Path) -> None:
    rows = "".join(f'{{"id": "r{n}", "summary": "a table row"}}\n' for n in range(6))
    (batch / "incidents.jsonl").write_text(rows, encoding="utf-8")
    (batch / "mixed.jsonl").write_text('{"id": "m", "text": 5}\nnot json\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(batch), "-o", "-"])
    assert result.exit_code == 0, result.output
    skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped ")]
    # Six rows of one file are one line saying how many, why, and what to ask; two rows of
    # another file keep a line each.
    assert len(skipped) == 3, result.stderr
    [rolled] = [line for line in skipped if "incidents.jsonl" in line]
    assert "6 of 6 rows" in rolled and "the row has no 'text' (6)" in rolled
    assert "is this an article file?" in rolled
    assert sum("mixed.jsonl:" in line for line in skipped) == 2
    # The report keeps every row.
    assert len(json.loads(result.stdout)["skipped"]) == 8


def test_phases_are_named_and_the_bar_ends_full(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from discrepancy.terminal import Progress

    monkeypatch.setattr("click._termui_impl.isatty", lambda stream: True)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    progress = Progress(quiet=False)
    with progress.showing(400) as advance:
        advance(399)
        advance(400)  # the estimate was short: the bar waits at 400/401 while extracting
        progress.phase("grouping")
        progress.phase("aligning")
    progress.phase("writing")
    progress.finish()
    err = capsys.readouterr().err
    last_bar = err[: err.index("grouping")].rsplit("\r", 1)[-1]
    assert "reading and extracting" in last_bar and "400/400" in last_bar
    for name in ("grouping articles into incidents: ", "aligning facts across sources: ",
                 "writing the report: "):  # fmt: skip
        assert name in err
    assert err.endswith(" s\n")


def test_a_run_names_its_phases_in_a_log(
    batch: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from discrepancy.terminal import Progress

    monkeypatch.setattr(Progress, "MIN_ARTICLES", 1)
    result = CliRunner().invoke(main, ["check", str(batch), "-o", str(tmp_path / "r.json")])
    assert result.exit_code == 0, result.output
    err = result.stderr
    steps = ["reading and extracting: 2 articles", "grouping articles into incidents: ",
             "aligning facts across sources: ", "writing the report: "]  # fmt: skip
    assert [err.index(step) for step in steps] == sorted(err.index(step) for step in steps)


MARKET = (
    " date 2025-03-14 A car bomb exploded at a market in Qaraton on Friday, killing nine "
    "people and wounding 20, police said. Last month, an attack on a checkpoint in Velmora "
    "killed 14 soldiers.\n"
)
MINISTRY = (
    " date 2025-03-14 At least 11 people were killed and 20 wounded when a car bomb went off "
    "at a market in Qaraton on Friday, the health ministry said. In January, a suicide "
    "bombing in Dastgir killed 30 people.\n"
)


def test_end_of_run_summary_counts_as_the_html_does(tmp_path: Path) -> None:
    folder = tmp_path / "market"
    folder.mkdir()
    (folder / "market.txt").write_text(MARKET, encoding="utf-8")
    (folder / "ministry.txt").write_text(MINISTRY, encoding="utf-8")
    out = tmp_path / "r.json"
    result = CliRunner().invoke(
        main, ["check", str(folder), "-o", str(out), "--fail-on", "conflict"]
    )
    assert result.exit_code == 1, result.output
    err = result.stderr
    # What is counted is named: the incident the articles report and the two they mention.
    assert "checked 2 articles (0 skipped): 1 incident reported, 2 more mentioned in passing" in err
    assert "facts to review: 1 conflict, 0 variants, 0 revisions" in err
    html = out.with_suffix(".html").read_text(encoding="utf-8")

    def stat(name: str) -> str:
        found = re.search(rf'class="{name}"><dt>.*?</dt><dd>([\d,]+)</dd>', html)
        assert found, name
        return found.group(1)

    assert (stat("s-reported"), stat("s-background"), stat("s-conflict")) == ("1", "2", "1")
    # The top conflicts: fact, the values that disagree, the incident and its sources.
    top = err[err.index("top conflicts") :].splitlines()[1]
    assert "Killed: 9 vs ≥ 11 · 2025-03-14 · market, ministry" in top
    assert f"wrote {out}, {out.with_suffix('.html')}" in err
    # --fail-on lists what failed, like pytest's short summary.
    [fingerprint] = [d["fingerprint"] for d in json.loads(out.read_text())["discrepancies"]]
    assert "1 failed: not reviewed, at or above --fail-on conflict" in err
    assert f"FAILED {fingerprint[:8]} conflict Killed: 9 vs ≥ 11" in err


def test_a_warning_repeated_in_a_file_is_one_line_and_a_count(tmp_path: Path) -> None:
    rows = "".join(
        json.dumps({"id": f"m{n}", "text": "A bomb at CafÃ© Lune in Varnholt killed four "
                    "people, police said. â€œIt was awful,â€\x9d a witness said."}) + "\n"
        for n in range(3)
    )  # fmt: skip
    (tmp_path / "feed.jsonl").write_text(rows, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "feed.jsonl"), "-o", "-"])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning ")]
    assert len(warnings) == 2, result.stderr
    assert warnings[1].endswith("repaired mojibake/HTML entities (3 articles in all)")


def test_top_conflicts_name_the_incident_as_the_html_does() -> None:
    ci = Path(__file__).parent / "fixtures" / "ci"
    result = CliRunner().invoke(main, ["check", str(ci / "part1"), str(ci / "part2"), "-o", "-"])
    assert result.exit_code == 0, result.output
    top = result.stderr[result.stderr.index("top conflicts") :].splitlines()[1]
    assert (
        "Wounded: 6 vs 7 · Drone strike hits fuel depot outside Kirkuk (2025-03-04 Kirkuk)" in top
    )
