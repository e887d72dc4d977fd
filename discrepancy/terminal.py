"""What a person sees on the terminal during a run: a progress bar and notes on stderr."""

from __future__ import annotations

import contextlib
import itertools
import re
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import click

from discrepancy.errors import InputError
from discrepancy.models import Article, Skipped
from discrepancy.read.files import iter_inputs
from discrepancy.read.limits import DEFAULT_MAX_ARTICLE_BYTES

# Control characters (C0, DEL, C1) and bidirectional overrides in a file name or a reason
# would let an input forge lines on stderr (a fake discrepancy-summary) or reorder them.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(message: str) -> str:
    """The message with control and direction characters shown as escapes (\\n, \\x1b)."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), message)


def reading(
    inputs: Sequence[str], progress: Progress, max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES
) -> Iterator[Article | Skipped]:
    """The inputs' articles and skipped inputs as they are read, noting each problem."""
    for item in iter_inputs(inputs, sys.stdin, max_article_bytes):
        if isinstance(item, Skipped):
            where = f"{item.path}:{item.line}" if item.line else item.path
            progress.note(f"skipped {where}: {item.reason}")
        else:
            for warning in item.warnings:
                progress.note(f"warning {item.path or item.id}: {warning}")
        yield item


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
    """A progress bar on stderr with position, rate and ETA; none for short batches or with -q."""

    # Shorter batches take a few seconds: a bar would only flicker.
    MIN_ARTICLES = 200

    def __init__(self, quiet: bool) -> None:
        self.quiet = quiet
        self.bar: Any = None
        self.done = 0
        self.started = time.monotonic()

    @contextlib.contextmanager
    def showing(self, total: int | None) -> Iterator[Callable[[int], None]]:
        """Show the bar for about `total` articles (None: unknown) while the block runs."""
        if not self.quiet and (total is None or total >= self.MIN_ARTICLES):
            # Without a total (stdin) the bar shows position and rate but no ETA.
            steps = itertools.count() if total is None else None
            self.bar = click.progressbar(steps, length=total, label="checking", file=sys.stderr,
                                         show_eta=True, show_pos=True,
                                         item_show_func=self._rate)  # fmt: skip
            self.started = time.monotonic()
        if self.bar is None:
            yield self.advance
            return
        with self.bar:
            yield self.advance
        self.bar = None

    def advance(self, done: int) -> None:
        """Move the bar to `done` articles."""
        step, self.done = done - self.done, done
        if self.bar is not None:
            # The total is an estimate: keep the bar short of full until the run says done.
            if self.bar.length is not None and done >= self.bar.length:
                self.bar.length = done + 1
            self.bar.update(step)

    def note(self, message: str) -> None:
        """Print a line on stderr (not with -q); the bar redraws below it on its next move."""
        if self.quiet:
            return
        message = printable(message)
        if self.bar is not None and sys.stderr.isatty():
            click.echo("\r\x1b[K", nl=False, err=True)  # clear the bar's line first
        click.echo(message, err=True)

    def _rate(self, _item: object) -> str | None:
        elapsed = time.monotonic() - self.started
        return f"{self.done / elapsed:,.0f} articles/s" if self.done and elapsed > 0 else None
