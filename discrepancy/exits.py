"""How the commands end on an error: one message, exit 2, and for `check` the summary line."""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import sys
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import click

from discrepancy.errors import DiscrepancyError, printable

F = TypeVar("F", bound=Callable[..., Any])


def handle_errors(function: F) -> F:
    """Turn a DiscrepancyError into one clear message and exit code 2, in one place."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except DiscrepancyError as error:
            click.echo(f"Error: {printable(str(error))}", err=True)
            sys.exit(2)

    return wrapper  # type: ignore[return-value]


def check_errors(function: F) -> F:
    """Any error of `check` is one message, the summary line and exit 2 (1 means conflicts).

    A file that cannot be written (-o on a folder, a full disk) is a message, not a traceback;
    an unexpected error says it is one. SIGTERM ends the run like Ctrl-C, so the temporary
    files of the report are removed on the way out.
    """

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from discrepancy.report.ci_formats import summary_line

        previous = signal.signal(signal.SIGTERM, _terminate)
        try:
            return function(*args, **kwargs)
        except DiscrepancyError as error:
            message = str(error)
        except OSError as error:
            message = _os_error(error, kwargs.get("output") == "-")
        except KeyboardInterrupt:
            message = "interrupted (Ctrl-C or SIGTERM); no report was written or replaced"
        except Exception as error:  # a bug: still exit 2, never 1 ("conflict found")
            message = f"internal error ({type(error).__name__}: {error}); please report it"
        finally:
            signal.signal(signal.SIGTERM, previous)
        message = printable(message)
        click.echo(f"Error: {message}", err=True)
        click.echo(summary_line({"error": message, "exit": 2}), err=True)
        sys.exit(2)

    return wrapper  # type: ignore[return-value]


@contextlib.contextmanager
def stopped_by_signals() -> Iterator[list[str]]:
    """For `serve`: SIGTERM, like Ctrl-C, ends the block with the signal's name in the list.

    uvicorn takes both signals while it serves, lets the requests in flight finish (each
    decision is committed or rolled back whole) and gives the signal back when it has stopped;
    here it ends the command instead of killing the process, so the command can say so.
    """
    received: list[str] = []

    def stop(signum: int, _frame: object) -> None:
        received.append(signal.Signals(signum).name)
        raise KeyboardInterrupt(f"signal {signum}")

    previous = {number: signal.signal(number, stop) for number in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield received
    except KeyboardInterrupt:
        if not received:
            received.append("SIGINT")
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _terminate(signum: int, _frame: object) -> None:
    """SIGTERM: unwind like an interrupt, so that `finally` blocks remove temporary files."""
    raise KeyboardInterrupt(f"signal {signum}")


def _os_error(error: OSError, to_stdout: bool) -> str:
    """Say which file could not be written or read, and why, without a traceback."""
    where = f" {error.filename!r}" if error.filename else ""
    if error.filename is None and to_stdout:
        # The report went to stdout (a closed pipe, /dev/full): drop what is still buffered,
        # or the interpreter fails again flushing it on exit.
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
    return f"cannot write or read{where}: {error.strerror or error}"
