"""Writing a report: the JSON object with reviews and diff, each format's text, atomic files."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from discrepancy.models import Report, Review


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
        from discrepancy.report.html_report import iter_html

        return iter_html(data, previous=previous)
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
    # The HTML page and the diff read the whole report; the JSON alone is written one
    # incident at a time, never holding the document in memory.
    whole = twin or output_format == "html" or previous is not None
    data = report_dict(report, reviews, previous, whole=whole)
    written = []
    for extra_format, extra_path in (extra or {}).items():
        target = Path(extra_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, render(report, data, extra_format, reviews, previous))
        written.append(extra_path)
    pieces = render(report, data, output_format, reviews, previous)
    if output == "-":
        for piece in pieces:
            sys.stdout.write(piece)
        sys.stdout.flush()
        return written
    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, pieces)
    written.insert(0, output)
    if twin:
        atomic_write(path.with_suffix(".html"), render(report, data, "html", reviews, previous))
        written.insert(1, str(path.with_suffix(".html")))
    return written


def atomic_write(path: Path, text: str | Iterable[str]) -> None:
    """Write to a temporary file beside path, then rename it: never a half-written file."""
    # A crash mid-write must not leave a half report where the previous one was.
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.writelines([text] if isinstance(text, str) else text)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
