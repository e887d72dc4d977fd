"""`check` refuses paths given by mistake and exits 2 with the summary line on any error."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from discrepancy.cli import main

TEXT = (
    " date 2025-03-11 A car bomb in the market of Tarvel on Monday killed six people and "
    "wounded eleven, the town's mayor said.\n"
)
OTHER = (
    " date 2025-03-11 Six people died and nine were hurt when a car bomb went off in the "
    "Tarvel market on Monday, a hospital official said.\n"
)


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "wire.txt").write_text(TEXT, encoding="utf-8")
    (folder / "daily.txt").write_text(OTHER, encoding="utf-8")
    return folder


def _summary(stderr: str) -> dict[str, object]:
    [line] = [ln for ln in stderr.splitlines() if ln.startswith("discrepancy-summary ")]
    return json.loads(line.split(" ", 1)[1])  # type: ignore[no-any-return]


def test_a_missing_path_beside_good_ones_exits_2(batch: Path, tmp_path: Path) -> None:
    typo = tmp_path / "typo" / "articles.jsonl"
    out = tmp_path / "out.json"
    result = CliRunner().invoke(main, ["check", str(batch), str(typo), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert "no such file or folder" in result.stderr and "typo" in result.stderr
    assert _summary(result.stderr)["exit"] == 2
    assert not out.exists()


def test_the_html_twin_may_not_overwrite_an_input(batch: Path) -> None:
    page = batch / "page.html"
    page.write_text(TEXT, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["check", str(page), str(batch / "wire.txt"), "-o", str(batch / "page.json")]
    )
    assert result.exit_code == 2, result.output
    assert page.read_text(encoding="utf-8") == TEXT
    assert not (batch / "page.json").exists()


def test_the_html_twin_may_not_overwrite_the_store(batch: Path, tmp_path: Path) -> None:
    store = tmp_path / "store.html"
    out = tmp_path / "store.json"
    result = CliRunner().invoke(main, ["check", str(batch), "--db", str(store), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert not store.exists() and not out.exists()


def test_two_outputs_on_one_file_are_refused(batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    result = CliRunner().invoke(
        main, ["check", str(batch), "-o", str(out), "--junit", str(tmp_path / "r.html")]
    )
    assert result.exit_code == 2, result.output
    assert "two outputs" in result.stderr


def test_an_output_through_a_link_to_an_input_is_refused(batch: Path, tmp_path: Path) -> None:
    link = tmp_path / "alias.json"
    link.symlink_to(batch / "wire.txt")
    inputs = [str(batch / "wire.txt"), str(batch / "daily.txt")]
    result = CliRunner().invoke(main, ["check", *inputs, "-o", str(link), "--no-html"])
    assert result.exit_code == 2, result.output
    assert (batch / "wire.txt").read_text(encoding="utf-8") == TEXT


def test_an_output_the_next_run_would_read_as_an_article_is_refused(batch: Path) -> None:
    out = batch / "sub" / "report.md"
    result = CliRunner().invoke(main, ["check", str(batch), "-o", str(out), "--format", "json"])
    assert result.exit_code == 2, result.output
    assert "inside the input folder" in result.stderr
    assert not out.exists()


def test_output_on_a_folder_exits_2_with_the_summary(batch: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["check", str(batch), "-o", str(tmp_path)])
    assert result.exit_code == 2, result.output
    assert "is a folder" in result.stderr
    assert "Traceback" not in result.output
    assert _summary(result.stderr)["exit"] == 2


def test_an_unwritable_output_exits_2_and_keeps_the_earlier_report(
    batch: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from discrepancy.report import write

    out = tmp_path / "report.json"
    first = CliRunner().invoke(main, ["check", str(batch), "-o", str(out)])
    assert first.exit_code == 0, first.output
    before = out.read_bytes(), out.with_suffix(".html").read_bytes()

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(write.os, "replace", full)
    result = CliRunner().invoke(main, ["check", str(batch), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert "No space left on device" in result.stderr
    assert (out.read_bytes(), out.with_suffix(".html").read_bytes()) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["batch", "report.html", "report.json"]


def test_a_failing_html_twin_leaves_the_old_json_untouched(
    batch: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from discrepancy.report import html_report

    out = tmp_path / "report.json"
    out.write_text("old", encoding="utf-8")

    def broken(*_args: object, **_kwargs: object) -> object:
        raise RuntimeError("template exploded")

    monkeypatch.setattr(html_report, "iter_html", broken)
    result = CliRunner().invoke(main, ["check", str(batch), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert "internal error" in result.stderr and _summary(result.stderr)["exit"] == 2
    assert out.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["batch", "report.json"]


def test_a_temporary_file_of_a_killed_run_is_removed_by_the_next(
    batch: Path, tmp_path: Path
) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    leftover = tmp_path / f".report.json.{dead.stdout.strip()}.tmp"
    leftover.write_text("half", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(batch), "-o", str(tmp_path / "report.json")])
    assert result.exit_code == 0, result.output
    assert not leftover.exists()


def test_stdout_on_a_full_device_exits_2_without_a_traceback(batch: Path) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        completed = subprocess.run(
            [sys.executable, "-m", "discrepancy", "check", str(batch), "-o", "-"],
            stdout=full, stderr=subprocess.PIPE, text=True, check=False,
        )  # fmt: skip
    assert completed.returncode == 2, completed.stderr
    assert "Traceback" not in completed.stderr and "Exception ignored" not in completed.stderr
    assert _summary(completed.stderr)["exit"] == 2
