"""Writing a report: the JSON object with reviews and diff, each format's text, atomic files."""

from __future__ import annotations

import contextlib
import glob
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from discrepancy.models import Report, Review

# Temporary files are hidden beside their target: ".report.json.<pid>.tmp".
TEMP_PREFIX = "."


def format_from_extension(output: str) -> str:
    """The report format an output file's extension asks for; JSON by default."""
    if output.endswith((".html", ".htm")):
        return "html"
    if output.endswith(".xml"):
        return "junit"
    if output.endswith(".sarif"):
        return "sarif"
    if output.endswith(".csv"):
        return "csv"
    return "json"


def report_dict(
    report: Report,
    reviews: dict[str, Review] | None,
    previous: dict[str, Any] | None,
    *,
    whole: bool,
) -> dict[str, Any]:
    """The contract's JSON object, with review decisions and the diff when they apply.

    Unless `whole`, articles and incidents are iterators for one pass of `iter_json`.
    """
    from discrepancy.report.json_report import annotate, to_dict, to_stream

    data = to_dict(report) if whole else to_stream(report)
    if reviews is not None:
        annotate(data, reviews)
    if previous is not None:
        from discrepancy.report.diff import diff_reports

        data["diff"] = diff_reports(previous, data)
    return data


def render(
    report: Report,
    data: dict[str, Any],
    output_format: str,
    reviews: dict[str, Review] | None,
    previous: dict[str, Any] | None,
) -> Iterable[str]:
    """The text of one output, in pieces: a large report is never one string."""
    if output_format == "html":
        from discrepancy.report import html_report

        return html_report.iter_html(data, previous=previous)
    if output_format == "junit":
        from discrepancy.report.ci_formats import to_junit

        return [to_junit(report, reviews)]
    if output_format == "csv":
        from discrepancy.report.table_rows import iter_csv

        return iter_csv(report)
    if output_format == "sarif":
        from discrepancy.report.ci_formats import to_sarif_json

        return [to_sarif_json(report, reviews)]
    from discrepancy.report.json_report import iter_json

    return iter_json(data)


def write_report(
    report: Report,
    output: str,
    output_format: str,
    *,
    html_twin: bool,
    reviews: dict[str, Review] | None = None,
    previous: dict[str, Any] | None = None,
    extra: dict[str, str] | None = None,
) -> list[str]:
    """Write a report in a format to a path ('-': stdout), with its HTML twin and extras;
    the paths written, stdout left out."""
    twin = output_format == "json" and html_twin and output != "-"
    # The diff reads the whole report; otherwise the JSON and the HTML page are written one
    # incident at a time, never holding the document in memory.
    data = report_dict(report, reviews, previous, whole=previous is not None)
    written = []
    for extra_format, extra_path in (extra or {}).items():
        target = Path(extra_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, render(report, data, extra_format, reviews, previous))
        written.append(extra_path)
    if output == "-":
        for piece in render(report, data, output_format, reviews, previous):
            sys.stdout.write(piece)
        sys.stdout.flush()
        return written
    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    written.insert(0, output)
    if not twin:
        atomic_write(path, render(report, data, output_format, reviews, previous))
        return written
    from discrepancy.report import html_report

    # The page takes each incident as the JSON writer makes it (one pass over the report),
    # then is written from what it kept. Both files are written in full before either is
    # renamed, the HTML first: a run that fails leaves both old files, one killed between
    # the renames leaves an old JSON beside a new page, never a new JSON beside an old page.
    streamed, page = html_report.stream_twin(data, previous=previous)
    html = path.with_suffix(".html")
    with _temporary(path, render(report, streamed, "json", reviews, previous)) as json_done, \
            _temporary(html, html_report.iter_html(page)) as html_done:  # fmt: skip
        os.replace(html_done, html)
        os.replace(json_done, path)
    written.insert(1, str(html))
    return written


def atomic_write(path: Path, text: str | Iterable[str]) -> None:
    """Write to a temporary file beside path, then rename it: never a half-written file."""
    # A crash mid-write must not leave a half report where the previous one was.
    with _temporary(path, text) as done:
        os.replace(done, path)


@contextlib.contextmanager
def _temporary(path: Path, text: str | Iterable[str]) -> Iterator[Path]:
    """A temporary file beside path holding text, removed on the way out unless renamed."""
    _remove_stale(path)
    temporary = path.with_name(f"{TEMP_PREFIX}{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.writelines([text] if isinstance(text, str) else text)
        yield temporary
    finally:
        temporary.unlink(missing_ok=True)


def _remove_stale(path: Path) -> None:
    """Remove the temporary files a killed run (SIGKILL, power loss) left beside path."""
    try:
        leftovers = list(path.parent.glob(f"{glob.escape(TEMP_PREFIX + path.name)}.*.tmp"))
    except OSError:
        return
    for leftover in leftovers:
        pid = leftover.name[len(TEMP_PREFIX + path.name) + 1 : -len(".tmp")]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            leftover.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    """Is a process with this id running (so its temporary file is in use)?"""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists but is another user's
    return True
