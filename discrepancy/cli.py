"""Command line: a thin layer over `pipeline.run` and the report writers."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from discrepancy.errors import UsageError, printable
from discrepancy.exits import check_errors, handle_errors, stopped_by_signals
from discrepancy.read.paths import (
    refuse_missing_inputs,
    refuse_overlapping_outputs,
    refuse_overwriting_inputs,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from discrepancy.models import Article, Report, Review, Skipped
    from discrepancy.pipeline import Settings
    from discrepancy.store.sqlite import Store

F = TypeVar("F", bound=Callable[..., Any])

# Kept in sync with store.DEFAULT_PATH; not imported so `--help` stays fast.
DEFAULT_DB = "discrepancy.sqlite"


def db_option(help_text: str) -> Callable[[F], F]:
    """The --db option: a store path, or the default path when given without one."""
    return click.option(
        "--db", "db", metavar="PATH", is_flag=False, flag_value=DEFAULT_DB, default=None,
        help=f"{help_text} '--db' alone means {DEFAULT_DB}.",
    )  # fmt: skip


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
    "--format", "output_format", type=click.Choice(["json", "html", "junit", "sarif", "csv"]),
    default=None,
    help="Report format (default: from the output file's extension, else json). junit and "
    "sarif are for CI test and code-scanning views; csv has a row per claim and per "
    "discrepancy, for spreadsheets.",
)  # fmt: skip
@click.option(
    "--fail-on", type=click.Choice(["none", "variant", "conflict"]), default="none",
    show_default=True,
    help="Exit 1 when an unreviewed discrepancy of this status or worse is found.",
)  # fmt: skip
@click.option("--no-html", is_flag=True, help="Do not write the HTML twin of a JSON report.")
@db_option(
    "Store to align the batch with earlier batches and keep the results in (SQLite; made "
    "when missing)."
)
@click.option(
    "--all", "report_all", is_flag=True,
    help="With --db: report every stored incident, not only those the batch touched.",
)  # fmt: skip
@click.option(
    "--baseline", type=click.Path(dir_okay=False), default=None,
    help="Reviewed discrepancies (JSON from `discrepancy baseline export`); those accepted, "
    "false alarms or confirmed conflicts there do not fail the run.",
)  # fmt: skip
@click.option(
    "--previous", type=click.Path(dir_okay=False), default=None,
    help="A previous JSON report: the report gets a section on what changed since.",
)  # fmt: skip
@click.option(
    "--junit", "junit_path", type=click.Path(dir_okay=False), default=None,
    help="Also write a JUnit XML report to this file (besides -o).",
)  # fmt: skip
@click.option(
    "--sarif", "sarif_path", type=click.Path(dir_okay=False), default=None,
    help="Also write a SARIF 2.1.0 log to this file (besides -o).",
)  # fmt: skip
@click.option(
    "-q", "--quiet", is_flag=True,
    help="No progress bar, warnings or human summary on stderr (the discrepancy-summary "
    "line is still printed).",
)  # fmt: skip
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
    help="Processes for extraction (1: this process). With --engine dask and no --scheduler: "
    "local Dask workers.",
)  # fmt: skip
@click.option(
    "--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
    help="Run extraction on this machine, or extraction and alignment on a Dask cluster "
    "(pip install 'discrepancy[dask]').",
)  # fmt: skip
@click.option(
    "--scheduler", metavar="ADDRESS", default=None,
    help="Dask scheduler, e.g. tcp://host:8786 (needs --engine dask); without it a local "
    "cluster is started.",
)  # fmt: skip
@click.option(
    "--max-article-bytes", type=click.IntRange(min=1000), default=1_000_000, show_default=True,
    help="Cut an article longer than this (UTF-8 bytes), with a warning: the work per article "
    "grows with its length.",
)  # fmt: skip
@check_errors
def check(
    inputs: tuple[str, ...],
    output: str,
    output_format: str | None,
    fail_on: str,
    no_html: bool,
    db: str | None,
    report_all: bool,
    baseline: str | None,
    previous: str | None,
    junit_path: str | None,
    sarif_path: str | None,
    quiet: bool,
    jobs: int,
    engine: str,
    scheduler: str | None,
    max_article_bytes: int,
) -> None:
    """Check articles for discrepancies between sources.

    INPUTS are folders (read recursively), .txt/.md files (one article each), .jsonl/.csv
    files (columns id, title, published, source, url, text; only text is required), or '-'
    for JSONL on stdin.

    Exit status: 0 when nothing fails, 1 when an unreviewed discrepancy at or above
    --fail-on is found, 2 for unusable input, store, baseline or options. A one-line
    `discrepancy-summary {json}` goes to stderr on every run.

    Example:

        discrepancy check articles/ -o reports/batch.json --fail-on conflict

    Batches that build on each other, in CI:

    \b
        discrepancy check inbox/ --db news.sqlite --baseline reviewed.json \\
            --fail-on conflict -o reports/batch.json --junit reports/junit.xml
    """
    from discrepancy.models import Article
    from discrepancy.pipeline import Settings, run_items
    from discrepancy.read.files import estimate_count
    from discrepancy.report.diff import load_report
    from discrepancy.report.write import format_from_extension
    from discrepancy.store.baseline import applied, failing, load_baseline

    output_format = output_format or format_from_extension(output)
    if report_all and db is None:
        raise UsageError("--all needs --db: without a store there is only the batch to report.")
    refuse_missing_inputs(inputs)
    extra_outputs = {"junit": junit_path, "sarif": sarif_path}
    twin = output_format == "json" and not no_html and output != "-"
    refuse_overlapping_outputs(
        [output, *([str(Path(output).with_suffix(".html"))] if twin else []),
         *(p for p in extra_outputs.values() if p)],
        inputs, db, baseline, previous,
    )  # fmt: skip
    # Everything that can be refused is read before anything is written.
    reviews = load_baseline(baseline) if baseline else {}
    previous_report = load_report(previous) if previous else None
    from discrepancy.terminal import Progress, reading, with_an_article

    progress = Progress(quiet)

    def skipped_late(item: Skipped) -> None:
        where = f"{item.path}:{item.line}" if item.line else item.path
        progress.note(f"skipped {where}: {item.reason}")

    # Articles are extracted as they are read; the first one is looked for now so that an
    # input without any is refused before a store is opened or workers are started.
    items = with_an_article(reading(inputs, progress, max_article_bytes), inputs)
    summary: dict[str, Any] = {}
    store = _open_store(db) if db is not None else None
    if store is None:
        with progress.showing(estimate_count(inputs)) as advance:
            settings = Settings(progress=advance, jobs=jobs, engine=engine, scheduler=scheduler,
                                on_skip=skipped_late, phase=progress.phase)  # fmt: skip
            report = run_items(items, settings)
    else:
        # The store re-checks every stored article with the batch: it takes the whole batch.
        batch = list(items)
        articles = [a for a in batch if isinstance(a, Article)]
        skipped = [s for s in batch if not isinstance(s, Article)]
        with store, progress.showing(len(articles) + store.article_count()) as advance:
            report, store_reviews, summary = _check_with_store(
                store,
                articles,
                skipped,
                Settings(
                    advance, jobs, engine, scheduler, on_skip=skipped_late, phase=progress.phase
                ),
                inputs,
                report_all,
                quiet,
            )
        reviews = {**store_reviews, **reviews}
    annotated = baseline is not None or store is not None
    # Decisions found by what they were about: under a renamed incident, or before a new value.
    reviews = applied(report, reviews)
    from discrepancy.report.write import write_report

    progress.phase("writing")
    written = write_report(report, output, output_format, html_twin=not no_html,
           reviews=reviews if annotated else None, previous=previous_report,
           extra={f: p for f, p in extra_outputs.items() if p})  # fmt: skip
    progress.finish()
    _finish(report, reviews, fail_on, summary, quiet,
            failing(report.discrepancies, reviews, fail_on), written)  # fmt: skip


def _open_store(db: str) -> Store:
    from discrepancy.store.sqlite import open_store

    return open_store(db)


def _check_with_store(
    store: Store,
    articles: Sequence[Article],
    skipped: Sequence[Skipped],
    settings: Settings,
    inputs: tuple[str, ...],
    report_all: bool,
    quiet: bool,
) -> tuple[Report, dict[str, Review], dict[str, Any]]:
    """Check the batch against the store; the report, the store's reviews, summary fields."""
    from discrepancy.batches import check_batch
    from discrepancy.store.baseline import from_store
    from discrepancy.store.sqlite import select_incidents

    batch = check_batch(store, articles, skipped, settings, inputs)
    if not quiet:
        for article_id in batch.replaced:
            click.echo(printable(f"note {article_id}: new version replaces the stored article"),
                       err=True)  # fmt: skip
        for given, kept in batch.duplicates:
            click.echo(printable(f"note {given}: same headline and text as article {kept}; "
                                  "listed with it, not counted twice"), err=True)  # fmt: skip
    reviews = {review.fingerprint: review for review in from_store(store)}
    report = batch.report if report_all else select_incidents(batch.report, batch.touched)
    summary = {
        "batch_articles": len(articles),
        "added": len(batch.added),
        "replaced": len(batch.replaced),
        "unchanged": len(batch.unchanged),
        "duplicates": len(batch.duplicates),
        "stored_articles": len(batch.report.articles),
        "appeared": sum(1 for d in report.discrepancies if d.fingerprint in batch.appeared),
    }
    return report, reviews, summary


def _finish(
    report: Report,
    reviews: dict[str, Review],
    fail_on: str,
    extra: dict[str, Any],
    quiet: bool,
    failed: list[Any],
    written: Sequence[str] = (),
) -> None:
    """Print the human and machine summaries, then exit 1 when something fails."""
    from discrepancy.report.ci_formats import summary_line
    from discrepancy.report.summary import failing_lines, summary_lines
    from discrepancy.store.baseline import counts

    found = counts(report.discrepancies, reviews)
    incidents = sum(1 for i in report.incidents if i.articles)
    if not quiet:
        for line in summary_lines(report, found["reviewed"], written):
            click.echo(line, err=True)
        for line in failing_lines(report, failed, fail_on):
            click.echo(line, err=True)
    code = 1 if failed else 0
    summary = {"articles": len(report.articles), "skipped": len(report.skipped),
               "incidents": incidents, **found, **extra, "failing": len(failed),
               "fail_on": fail_on, "exit": code}  # fmt: skip
    click.echo(summary_line(summary), err=True)
    if code:
        sys.exit(code)


@main.command()
@click.argument("old", type=click.Path(dir_okay=False))
@click.argument("new", type=click.Path(dir_okay=False))
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text",
    show_default=True, help="text for people and CI logs, json for tools.",
)  # fmt: skip
@click.option("-o", "--output", default="-", show_default=True, help="'-' writes to stdout.")
@handle_errors
def diff(old: str, new: str, output_format: str, output: str) -> None:
    """List new, resolved and changed discrepancies between two JSON reports.

    A discrepancy keeps its fingerprint while its values stay the same; a new value on the
    same fact shows as changed.

    Example:

        discrepancy diff reports/monday.json reports/tuesday.json
    """
    from discrepancy.report.diff import diff_reports, format_json, format_text, load_report

    refuse_overwriting_inputs(output, (old, new))
    found = diff_reports(load_report(old), load_report(new))
    text = format_json(found) if output_format == "json" else format_text(found)
    if output == "-":
        click.echo(text, nl=False)
    else:
        from discrepancy.report.write import atomic_write

        atomic_write(Path(output), text)


@main.group()
def baseline() -> None:
    """Baselines: the reviewed discrepancies a run should not fail on.

    Example:

        discrepancy baseline export --db news.sqlite -o reviewed.json
    """


@baseline.command("export")
@db_option("Store whose review decisions to export.")
@click.option("-o", "--output", default="-", show_default=True, help="'-' writes to stdout.")
@handle_errors
def baseline_export(db: str | None, output: str) -> None:
    """Write the store's current review decisions as a baseline JSON file.

    Example:

        discrepancy baseline export --db news.sqlite -o reviewed.json
    """
    from discrepancy.store.baseline import dump_baseline, from_store
    from discrepancy.store.sqlite import open_store

    if db is None:
        raise UsageError("baseline export needs --db PATH: the store holding the decisions.")
    refuse_overwriting_inputs(output, (), db)
    with open_store(db, create=False) as store:
        text = dump_baseline(from_store(store))
    if output == "-":
        click.echo(text, nl=False)
    else:
        from discrepancy.report.write import atomic_write

        atomic_write(Path(output), text)


@main.command()
@click.argument("fingerprint", required=False)
@click.argument(
    "decision", required=False,
    type=click.Choice(["confirmed conflict", "false alarm", "accepted", "needs follow-up"]),
)  # fmt: skip
@db_option("Store holding the discrepancies.")
@click.option("--reviewer", default=None, help="Who decided (a name or handle).")
@click.option("--note", default=None, help="Why, in a sentence.")
@click.option(
    "--list", "list_all", is_flag=True,
    help="List the store's open discrepancies with their decisions (the default without a "
    "FINGERPRINT).",
)  # fmt: skip
@handle_errors
def review(
    fingerprint: str | None,
    decision: str | None,
    db: str | None,
    reviewer: str | None,
    note: str | None,
    list_all: bool,
) -> None:
    """Record a review decision for a discrepancy; without arguments, list open ones.

    FINGERPRINT is the discrepancy's fingerprint from the JSON report (a unique prefix is
    enough). Decisions are appended, never changed: the latest one counts.

    Example:

        discrepancy review --db news.sqlite --list
        discrepancy review 90644c54 "confirmed conflict" --db news.sqlite --reviewer ana
    """
    from discrepancy.store.sqlite import open_store

    if db is None:
        raise UsageError("review needs --db PATH: the store holding the discrepancies.")
    if list_all and fingerprint is not None:
        raise UsageError("--list takes no FINGERPRINT: it lists them all.")
    with open_store(db, create=False) as store:
        if fingerprint is None:
            current = store.current_decisions()
            for found in store.discrepancies():
                settled = current.get(found.fingerprint)
                subject = f" ({found.subject})" if found.subject else ""
                click.echo(
                    f"{found.fingerprint} {found.incident} {found.kind}{subject} {found.status}: "
                    f"{' / '.join(found.values)}"
                    f" [{settled.decision if settled else 'unreviewed'}]"
                )
            return
        if decision is None:
            raise UsageError('give a DECISION after the fingerprint, e.g. "accepted".')
        found = store.find_discrepancy(fingerprint)
        store.record_decision(found.fingerprint, decision, reviewer, note)
    click.echo(f"{found.fingerprint}: {decision}", err=True)


@main.command()
@db_option("Store whose discrepancies to review (made by `discrepancy check --db`).")
@click.option(
    "--host", default="127.0.0.1", show_default=True,
    help="Address to listen on. Anything but loopback (e.g. 0.0.0.0) needs --token.",
)  # fmt: skip
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
    help="Port to listen on; 0 picks a free one (the address is printed).",
)  # fmt: skip
@click.option(
    "--token", envvar="DISCREPANCY_TOKEN", show_envvar=True, default=None,
    help="Access token every request must carry (Authorization: Bearer, or open the page "
    "once with ?token=...). Prefer the environment variable: a command line is visible to "
    "other users of the machine.",
)  # fmt: skip
@handle_errors
def serve(db: str | None, host: str, port: int, token: str | None) -> None:
    """Review discrepancies in the browser; decisions are recorded in the store.

    Editors work through a queue of unreviewed discrepancies and mark each one as a
    confirmed conflict, a false alarm or needing follow-up, with a note. The next
    `discrepancy check --db` (and `discrepancy baseline export`) uses the decisions.

    Example:

        discrepancy serve --db team.sqlite   # then open http://127.0.0.1:8000/

    On a shared machine:

    \b
        DISCREPANCY_TOKEN=$(python3 -c 'import secrets; print(secrets.token_urlsafe())') \\
            discrepancy serve --db team.sqlite --host 0.0.0.0
    """
    from discrepancy.review.run import serve as run_server

    if db is None:
        raise UsageError("serve needs --db PATH: the store holding the discrepancies.")
    with stopped_by_signals() as received:
        run_server(db, host=host, port=port, token=token)
    if received:
        click.echo(
            f"Stopped ({received[0]}): requests in flight were finished first; every "
            f"acknowledged decision is in the store {printable(db)}.",
            err=True,
        )
