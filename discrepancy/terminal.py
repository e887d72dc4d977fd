"""What a person sees on the terminal during a run: a progress bar and notes on stderr."""

from __future__ import annotations

import contextlib
import itertools
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import click

from discrepancy.errors import InputError, printable
from discrepancy.models import Article, Skipped
from discrepancy.read.files import iter_inputs
from discrepancy.read.limits import DEFAULT_MAX_ARTICLE_BYTES

# A file with more skipped rows than this gets one line saying how many and why.
ROLL_UP_AFTER = 3
# A parenthesised detail of a reason, e.g. the column of a JSON error.
_DETAILS = re.compile(r"\s*\([^()]*\)")
# What each step of a run is called on the terminal; the pipeline names the keys.
READING = "reading and extracting"
PHASES = {
    "grouping": "grouping articles into incidents",
    "aligning": "aligning facts across sources",
    "writing": "writing the report",
}


def reading(
    inputs: Sequence[str], progress: Progress, max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES
) -> Iterator[Article | Skipped]:
    """The inputs' articles and skipped inputs as they are read; problems noted per file."""
    skipped: dict[str, list[Skipped]] = {}
    articles: Counter[str] = Counter()
    warned: Counter[tuple[str, str]] = Counter()
    for item in iter_inputs(inputs, sys.stdin, max_article_bytes):
        if isinstance(item, Skipped):
            skipped.setdefault(item.path, []).append(item)
        else:
            if item.line is not None:  # a row of a JSONL/CSV file, for the roll-up below
                articles[item.path or ""] += 1
            for warning in item.warnings:
                where = item.path or item.id
                # The first of a file's kind is said at once; its repeats are counted at the end.
                if not warned[where, warning]:
                    progress.note(f"warning {where}: {warning}")
                warned[where, warning] += 1
        yield item
    for (where, warning), count in warned.items():
        if count > 1:
            progress.note(f"warning {where}: {warning} ({count:,} articles in all)")
    # One line per file, not per row: a table of 2,000 rows without text is one problem.
    for path, items in skipped.items():
        for line in skipped_lines(path, items, articles[path]):
            progress.note(line)


def skipped_lines(path: str, items: Sequence[Skipped], articles: int) -> list[str]:
    """What to say about one file's skipped inputs: each one, or a roll-up of many."""
    if len(items) <= ROLL_UP_AFTER:
        return [
            f"skipped {path}:{item.line}: {item.reason}"
            if item.line
            else f"skipped {path}: {item.reason}"
            for item in items
        ]
    reasons = Counter(_reason_kind(item.reason) for item in items)
    why = ", ".join(f"{reason} ({count:,})" for reason, count in reasons.most_common())
    rows = len(items) + articles
    line = f"skipped {path}: {len(items):,} of {rows:,} rows: {why}"
    if not articles:
        line += "; is this an article file?"
    return [line + " (the report lists every row)"]


def _reason_kind(reason: str) -> str:
    """A reason without its row's details: 'invalid JSON (... column 3); write ...' is
    'invalid JSON', so that rows skipped for one cause count together."""
    head = reason.split(";", 1)[0]
    return _DETAILS.sub("", head).strip() or reason


def with_an_article(
    items: Iterator[Article | Skipped], inputs: Sequence[str]
) -> Iterator[Article | Skipped]:
    """The same items, once one of them is found to be an article; InputError if none is."""
    head: list[Article | Skipped] = []
    for item in items:
        head.append(item)
        if isinstance(item, Article):
            return itertools.chain(head, items)
    raise InputError(
        "no usable article in " + ", ".join(inputs) + ". Give folders or .txt/.md/.jsonl/.csv"
        " files with article text (see the skipped lines above)."
    )


class Progress:
    """A progress bar on stderr with position, rate and ETA while articles are read and
    extracted, then one line per later phase with its time; none for short batches or -q."""

    # Shorter batches take a few seconds: a bar would only flicker.
    MIN_ARTICLES = 200
    LOG_EVERY = 10_000

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.bar: Any = None
        self.done = 0
        self.started = time.monotonic()
        # Whether this run shows progress at all (a bar was shown), and the phase under way.
        self.shown = False
        self.current: tuple[str, float] | None = None
        # Without a terminal (a CI log) the bar is not drawn: a line is written at each tenth
        # of the estimate instead (every LOG_EVERY articles when there is none).
        self.estimate: int | None = None
        self.logged = 0

    @contextlib.contextmanager
    def showing(self, total: int | None) -> Iterator[Callable[[int], None]]:
        """Show the bar for about `total` articles (None: unknown) while the block runs."""
        if not self.quiet and (total is None or total >= self.MIN_ARTICLES):
            # Without a total (stdin) the bar shows position and rate but no ETA.
            steps = itertools.count() if total is None else None
            self.bar = click.progressbar(steps, length=total, label=READING, file=sys.stderr,
                                         show_eta=True, show_pos=True,
                                         item_show_func=self._rate)  # fmt: skip
            self.started = time.monotonic()
            self.shown = True
            self.estimate, self.logged = total, 0
            self.bar.__enter__()
        try:
            yield self.advance
        finally:
            self._end_bar()

    def advance(self, done: int) -> None:
        """Move the bar to `done` articles."""
        step, self.done = done - self.done, done
        if self.bar is not None:
            # The total is an estimate: keep the bar short of full until extraction ends.
            if self.bar.length is not None and done >= self.bar.length:
                self.bar.length = done + 1
            self.bar.update(step)
            if not self.bar._is_atty:
                self._log(done)

    def _log(self, done: int) -> None:
        every = max(1, self.estimate // 10) if self.estimate else self.LOG_EVERY
        if done // every <= self.logged or (self.estimate and done >= self.estimate):
            return  # the line at the end says how many were done, and in how long
        self.logged = done // every
        about = f" of about {self.estimate:,}" if self.estimate else ""
        rate = self._rate(None)
        click.echo(f"{READING}: {done:,}{about} articles" + (f", {rate}" if rate else ""),
                   err=True)  # fmt: skip

    def phase(self, key: str) -> None:
        """End the bar (full, at the articles done) or the phase under way; name the next."""
        self._end_bar()
        self._end_phase()
        if self.quiet or not self.shown:
            return
        self.current = (PHASES.get(key, key), time.monotonic())
        if sys.stderr.isatty():
            click.echo(f"{self.current[0]}…", nl=False, err=True)

    def finish(self) -> None:
        """End whatever is shown: nothing is left half-drawn when the run's summary follows."""
        self._end_bar()
        self._end_phase()

    def note(self, message: str) -> None:
        """Print a line on stderr (not with -q); the bar redraws below it on its next move."""
        if self.quiet:
            return
        message = printable(message)
        if (self.bar is not None or self.current is not None) and sys.stderr.isatty():
            click.echo("\r\x1b[K", nl=False, err=True)  # clear the bar's line first
        click.echo(message, err=True)

    def _end_bar(self) -> None:
        bar, self.bar = self.bar, None
        if bar is None:
            return
        # The total was an estimate: the bar ends full, at the articles actually done.
        bar.length = max(self.done, 1)
        bar.pos = self.done
        bar.finished = True
        bar.render_progress()
        bar.render_finish()
        if not bar._is_atty:
            elapsed = time.monotonic() - self.started
            click.echo(f"{READING}: {self.done:,} articles in {elapsed:.1f} s", err=True)

    def _end_phase(self) -> None:
        current, self.current = self.current, None
        if current is None:
            return
        elapsed = time.monotonic() - current[1]
        start = "\r\x1b[K" if sys.stderr.isatty() else ""
        click.echo(f"{start}{current[0]}: {elapsed:.1f} s", err=True)

    def _rate(self, _item: object) -> str | None:
        elapsed = time.monotonic() - self.started
        return f"{self.done / elapsed:,.0f} articles/s" if self.done and elapsed > 0 else None
