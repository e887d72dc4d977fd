"""Command line: a thin layer over `pipeline.run` and the report writers."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from discrepancy.errors import DiscrepancyError, InputError, UsageError

F = TypeVar("F", bound=Callable[..., Any])

_SEVERITY = {"none": 3, "conflict": 2, "variant": 1}
_STATUS_LEVEL = {"conflict": 2, "variant": 1}


def _handle_errors(function: F) -> F:
    """Turn a DiscrepancyError into one clear message and exit code 2, in one place."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except DiscrepancyError as error:
            click.echo(f"Error: {error}", err=True)
            sys.exit(2)

    return wrapper  # type: ignore[return-value]


@click.group()
@click.version_option(package_name="discrepancy")
def main() -> None:
    """Find where news sources disagree about the same violent incident.

    Example:

        discrepancy check articles/ -o reports/batch.json
    """


@main.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "-o", "--output", default="-", show_default=True,
    help="Report file; '-' writes to stdout. A JSON report also gets an HTML twin next to it.",
)  # fmt: skip
@click.option(
    "--format", "output_format", type=click.Choice(["json", "html"]), default=None,
    help="Report format (default: from the output file's extension, else json).",
)  # fmt: skip
@click.option(
    "--fail-on", type=click.Choice(["none", "variant", "conflict"]), default="none",
    show_default=True, help="Exit 1 when a discrepancy of this status or worse is found.",
)  # fmt: skip
@click.option("--no-html", is_flag=True, help="Do not write the HTML twin of a JSON report.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar or warnings on stderr.")
@_handle_errors
def check(
    inputs: tuple[str, ...],
    output: str,
    output_format: str | None,
    fail_on: str,
    no_html: bool,
    quiet: bool,
) -> None:
    """Check articles for discrepancies between sources.

    INPUTS are folders (read recursively), .txt/.md files (one article each), .jsonl/.csv
    files (columns id, title, published, source, url, text; only text is required), or '-'
    for JSONL on stdin.

    Example:

        discrepancy check articles/ -o reports/batch.json --fail-on conflict
    """
    from discrepancy.ingest import read_inputs
    from discrepancy.pipeline import Settings, run_articles

    output_format = output_format or ("html" if output.endswith((".html", ".htm")) else "json")
    _refuse_overwriting_inputs(output, inputs)
    articles, skipped = read_inputs(inputs, stdin=sys.stdin)
    if not quiet:
        for item in skipped:
            where = f"{item.path}:{item.line}" if item.line else item.path
            click.echo(f"skipped {where}: {item.reason}", err=True)
        for article in articles:
            for warning in article.warnings:
                click.echo(f"warning {article.path or article.id}: {warning}", err=True)
    if not articles:
        raise InputError(
            "no usable article in " + ", ".join(inputs) + ". Give folders or .txt/.md/.jsonl/.csv"
            " files with article text (see the skipped lines above)."
        )
    with _progress(len(articles), quiet) as advance:
        report = run_articles(articles, skipped, Settings(progress=advance))
    _write(report, output, output_format, html_twin=not no_html)
    counts = {"conflict": 0, "variant": 0}
    for found in report.discrepancies:
        counts[found.status.value] += 1
    if not quiet:
        click.echo(
            f"discrepancy: articles={len(report.articles)} skipped={len(report.skipped)} "
            f"incidents={sum(1 for i in report.incidents if i.articles)} "
            f"conflicts={counts['conflict']} variants={counts['variant']}",
            err=True,
        )
    threshold = _SEVERITY[fail_on]
    if any(_STATUS_LEVEL[d.status.value] >= threshold for d in report.discrepancies):
        sys.exit(1)


def _refuse_overwriting_inputs(output: str, inputs: tuple[str, ...]) -> None:
    if output == "-":
        return
    target = Path(output).resolve()
    for given in inputs:
        if given != "-" and Path(given).exists() and Path(given).resolve() == target:
            raise UsageError(
                f'output "{output}" is one of the inputs; it would be overwritten. '
                "Choose another -o file."
            )


class _progress:
    """A progress bar on stderr for long batches; silent for short ones or with -q."""

    def __init__(self, total: int, quiet: bool) -> None:
        self.bar: Any = None
        if not quiet and total >= 200:
            self.bar = click.progressbar(length=total, label="checking", file=sys.stderr,
                                         show_eta=True, show_pos=True)  # fmt: skip
        self.done = 0

    def __enter__(self) -> Callable[[int], None]:
        if self.bar is not None:
            self.bar.__enter__()
        return self.advance

    def advance(self, done: int) -> None:
        if self.bar is not None:
            self.bar.update(done - self.done)
        self.done = done

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


def _write(report: Any, output: str, output_format: str, *, html_twin: bool) -> None:
    from discrepancy.report_json import to_dict, to_json

    if output_format == "html":
        from discrepancy.report_html import render_html

        text = render_html(to_dict(report))
    else:
        text = to_json(report)
    if output == "-":
        click.echo(text, nl=False)
        return
    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    _atomic_write(path, text)
    if output_format == "json" and html_twin:
        from discrepancy.report_html import render_html

        _atomic_write(path.with_suffix(".html"), render_html(to_dict(report)))


def _atomic_write(path: Path, text: str) -> None:
    # A crash mid-write must not leave a half report where the previous one was.
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
