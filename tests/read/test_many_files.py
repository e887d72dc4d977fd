"""A folder of many tiny files: read as a stream, and progress said in a log (issue 18)."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest
from click.testing import CliRunner

from discrepancy.cli import main
from discrepancy.models import Article
from discrepancy.read.files import estimate_count, iter_inputs
from discrepancy.terminal import Progress, reading

FILES = 300


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """FILES one-line articles in one folder (each its own small fire)."""
    made = tmp_path_factory.mktemp("tiny")
    for number in range(FILES):
        (made / f"note-{number:04d}.txt").write_text(
            f"Two people were hurt in a fire in Tarvel on Monday, report {number} said.\n",
            encoding="utf-8",
        )
    return made


def test_reading_a_folder_keeps_none_of_the_articles_it_gave(folder: Path) -> None:
    """The reader is a stream: what `check` has let go of is not held by the reader."""
    given: list[weakref.ref[Article]] = []
    for item in reading([str(folder)], Progress(quiet=True)):
        assert isinstance(item, Article)
        given.append(weakref.ref(item))
        del item
    gc.collect()
    assert len(given) == FILES
    assert [ref for ref in given if ref() is not None] == []


def test_ids_are_paths_in_the_folder_without_the_extension(folder: Path) -> None:
    (folder / "sub").mkdir(exist_ok=True)
    (folder / "sub" / "note-0001.md").write_text("A man was shot in Osk.\n", encoding="utf-8")
    try:
        ids = [a.id for a in iter_inputs([str(folder)]) if isinstance(a, Article)]
        assert estimate_count([str(folder)]) == FILES + 1
    finally:
        (folder / "sub" / "note-0001.md").unlink()
        (folder / "sub").rmdir()
    assert ids[:2] == ["note-0000", "note-0001"] and ids[-1] == "sub/note-0001"


def test_a_log_gets_a_progress_line_at_each_tenth_of_the_batch(
    folder: Path, tmp_path: Path
) -> None:
    """Without a terminal (a CI log) the bar is not drawn: lines say how far the run is."""
    result = CliRunner().invoke(
        main, ["check", str(folder), "--no-html", "-o", str(tmp_path / "out.json")]
    )
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stderr.splitlines() if " of about " in line]
    assert [line.split(" articles")[0] for line in lines] == [
        f"reading and extracting: {n:,} of about {FILES:,}" for n in range(30, FILES, 30)
    ]
    assert f"reading and extracting: {FILES:,} articles in " in result.stderr


def test_quiet_runs_and_short_batches_write_no_progress_lines(folder: Path, tmp_path: Path) -> None:
    quiet = CliRunner().invoke(
        main, ["check", str(folder), "--no-html", "-q", "-o", str(tmp_path / "out.json")]
    )
    assert quiet.exit_code == 0 and " of about " not in quiet.stderr
    short = tmp_path / "short"
    short.mkdir()
    for number in range(5):
        (short / f"{number}.txt").write_text(f"A man was shot in Osk, report {number}.\n")
    result = CliRunner().invoke(
        main, ["check", str(short), "--no-html", "-o", str(tmp_path / "short.json")]
    )
    assert result.exit_code == 0 and " of about " not in result.stderr
