"""The Python API and `--format csv` (issue 16 point 15)."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

import discrepancy
from discrepancy.cli import main

ROOT = Path(__file__).resolve().parents[1]
PIER = (
    " date 2025-05-03 A blast at the ferry pier in Port Lind on Saturday killed four "
    "dockers and wounded nine, the harbour police said.\n"
)
GAZETTE = (
    " date 2025-05-03 Four dockers died and eleven were hurt when a blast hit the ferry pier "
    "in Port Lind on Saturday, the port authority said.\n"
)


def batch(folder: Path) -> Path:
    folder.mkdir()
    (folder / "pier.txt").write_text(PIER, encoding="utf-8")
    (folder / "gazette.txt").write_text(GAZETTE, encoding="utf-8")
    return folder


def test_import_does_not_load_pandas() -> None:
    code = "import sys, discrepancy; print('pandas' in sys.modules, callable(discrepancy.check))"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           cwd=ROOT, check=True)  # fmt: skip
    assert found.stdout.split() == ["False", "True"]


def test_check_gives_dataframes(tmp_path: Path) -> None:
    report = discrepancy.check(batch(tmp_path / "pier"))
    assert isinstance(report, discrepancy.Report)
    [incident] = report.incidents[report.incidents.articles > 0].itertuples()
    assert incident.conflicts == 1
    wounded = report.discrepancies[report.discrepancies.kind == "wounded"]
    assert wounded.status.tolist() == ["conflict"]
    assert set(wounded["values"].iloc[0].split(" | ")) == {"nine", "eleven"}
    claims = report.claims[report.claims.kind == "wounded"]
    assert sorted(claims.article) == ["gazette", "pier"]
    assert claims.set_index("article").loc["pier", "attribution"] == "the harbour police"
    facts = report.facts.set_index("kind")
    assert facts.loc["wounded", "status"] == "conflict"
    assert facts.loc["wounded", "fingerprint"] == wounded.fingerprint.iloc[0]


def test_format_csv_has_a_row_per_claim_and_discrepancy(tmp_path: Path) -> None:
    folder = batch(tmp_path / "pier")
    (folder / "hostile.txt").write_text(
        " date 2025-05-03 =HYPERLINK(1) said four dockers were killed in Port Lind.\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["check", str(folder), "--format", "csv", "-o", "-", "-q"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    records = {row["record"] for row in rows}
    assert records == {"claim", "discrepancy"}
    [found] = [r for r in rows if r["record"] == "discrepancy" and r["kind"] == "wounded"]
    assert found["status"] == "conflict" and len(found["fingerprint"]) == 16
    wounded = [r for r in rows if r["record"] == "claim" and r["kind"] == "wounded"]
    assert {(r["article"], r["low"]) for r in wounded} == {("pier", "9"), ("gazette", "11")}
    # A cell a spreadsheet would run as a formula is written as text.
    assert not any(v.startswith("=") for row in rows for v in row.values())
    out = tmp_path / "r.csv"
    written = CliRunner().invoke(main, ["check", str(folder), "-o", str(out)])
    assert written.exit_code == 0 and out.read_text().startswith("record,incident,")
