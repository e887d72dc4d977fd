"""Rows of JSONL and CSV files as articles: fields checked, dates parsed, bad rows skipped."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path

from discrepancy.models import Article, Skipped
from discrepancy.read.encoding import SAMPLE_BYTES, binary_reason, decode, unreadable
from discrepancy.read.headers import build_article

# Reads the rows of an open JSONL or CSV file.
_RowReader = Callable[[str, io.BufferedReader], Iterator[Article | Skipped]]


def read_rows(path: str, kind: str, rows: _RowReader) -> Iterator[Article | Skipped]:
    """Open a JSONL or CSV file, refuse binary data, and read its rows one by one."""
    try:
        with open(path, "rb") as handle:
            reason = _sample_reason(handle, kind)
            if reason is not None:
                yield Skipped(path, None, reason)
                return
            yield from rows(path, handle)
    except OSError as exc:
        yield Skipped(path, None, unreadable(exc))


def jsonl_file_rows(path: str, handle: io.BufferedReader) -> Iterator[Article | Skipped]:
    """Turn the lines of an open JSONL file into articles."""
    return jsonl_rows(path, Path(path).stem, iter(handle))


def _sample_reason(handle: io.BufferedReader, kind: str) -> str | None:
    """Check the first bytes of a row file for binary data, then rewind it."""
    sample = handle.read(SAMPLE_BYTES)
    handle.seek(0)
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return f"{kind} file is UTF-16 encoded; save it as UTF-8"
    return binary_reason(sample)


def jsonl_rows(path: str, stem: str, lines: Iterator[bytes | str]) -> Iterator[Article | Skipped]:
    """Turn JSONL lines into articles; a bad row is skipped and the others still load."""
    number = 0
    rows = 0
    while True:
        try:
            raw = next(lines)
        except StopIteration:
            break
        except (OSError, ValueError) as exc:  # UnicodeDecodeError is a ValueError
            yield Skipped(
                path, number + 1, f"cannot read line {number + 1} ({exc}); the rest was not read"
            )
            return
        number += 1
        if isinstance(raw, bytes):
            line, warnings = decode(raw, start=number == 1)
        else:
            line, warnings = (raw.removeprefix("\ufeff") if number == 1 else raw), []
        if not line.strip():
            continue
        rows += 1
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(
                path,
                number,
                f"invalid JSON ({exc.msg} at column {exc.colno}); write one JSON object "
                "per line, or remove the line",
            )
            continue
        except (ValueError, RecursionError) as exc:  # e.g. nesting too deep to parse
            yield Skipped(path, number, f"invalid JSON ({exc}); write one JSON object per line")
            continue
        if not isinstance(row, dict):
            yield Skipped(
                path,
                number,
                f"the line holds {_json_type(row)}, not a JSON object; write each article "
                'as {"text": ...}',
            )
            continue
        fields = {str(key).strip().lower(): value for key, value in row.items()}
        yield _row_article(fields, path, stem, number, warnings)
    if rows == 0:
        yield Skipped(path, None, "empty input: no JSONL rows; add one JSON object per line")


def _json_type(value: object) -> str:
    """Name a JSON value's type the way JSON does, with its article: "an array"."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    return "null"


def csv_rows(path: str, handle: io.BufferedReader) -> Iterator[Article | Skipped]:
    """Turn the records of an open CSV file into articles."""
    # Decoding warnings of the lines the reader has consumed, claimed by the next record.
    pending: list[str] = []

    def lines() -> Iterator[str]:
        for number, raw in enumerate(handle, 1):
            text, warnings = decode(raw, start=number == 1)
            pending.extend(warnings)
            yield text

    reader = csv.reader(lines())
    stem = Path(path).stem
    try:
        header = next(reader, None)
    except (csv.Error, OSError) as exc:
        yield Skipped(path, 1, f"cannot read the CSV header ({exc}); fix the first line")
        return
    if header is None or not any(name.strip() for name in header):
        yield Skipped(
            path, None, "empty CSV file (no header row); add a header with a 'text' column"
        )
        return
    names = [name.strip().lower() for name in header]
    if "text" not in names:
        found = ", ".join(repr(name) for name in names if name) or "none"
        yield Skipped(
            path,
            1,
            f"no 'text' column (columns: {found}); name the column holding the article text 'text'",
        )
        return
    columns: dict[str, int] = {}
    for index, name in enumerate(names):
        columns.setdefault(name, index)
    pending.clear()
    last = reader.line_num
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except (csv.Error, OSError) as exc:
            yield Skipped(
                path, last + 1, f"malformed CSV ({exc}); fix this row, the rest was not read"
            )
            return
        start, last = last + 1, reader.line_num
        warnings = list(pending)
        pending.clear()
        if not any(cell.strip() for cell in record):
            continue  # a blank line between records
        row: dict[str, object] = {
            name: record[index] for name, index in columns.items() if index < len(record)
        }
        yield _row_article(row, path, stem, start, warnings)


def _row_article(
    row: dict[str, object], path: str, stem: str, line: int, warnings: list[str]
) -> Article | Skipped:
    """Make the article of one JSONL/CSV row, or say why the row cannot be used."""
    text = row.get("text")
    if text is None:
        return Skipped(path, line, "the row has no 'text'; put the article text in a 'text' field")
    if not isinstance(text, str):
        return Skipped(
            path,
            line,
            f"'text' is {_json_type(text)}, not a string; put the article text in 'text' "
            "as a string",
        )
    if not text.strip():
        return Skipped(path, line, "'text' is empty; put the article text in it or remove the row")
    warnings = list(warnings)
    ident = _field(row, "id", warnings) or f"{stem}:{line}"
    published, problem = _parse_published(row.get("published"))
    if problem is not None:
        warnings.append(problem)
    return build_article(
        text,
        ident,
        path,
        line,
        warnings,
        title=_field(row, "title", warnings),
        source=_field(row, "source", warnings),
        url=_field(row, "url", warnings),
        published=published,
    )


def _field(row: dict[str, object], name: str, warnings: list[str]) -> str | None:
    """Read an optional string field; numbers are accepted as text, other types ignored."""
    value = row.get(name)
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        warnings.append(f"ignored {name!r}: {_json_type(value)}, not a string")
        return None
    return value.strip() or None


def _parse_published(value: object) -> tuple[dt.date | None, str | None]:
    """Parse an ISO date or datetime; return the date or a warning saying why not."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, str):
        stamp = value.strip()
        try:
            if len(stamp) == 10:
                return dt.date.fromisoformat(stamp), None
            return dt.datetime.fromisoformat(stamp).date(), None
        except ValueError:
            pass
    return None, (f"ignored unparsable published date {value!r}; use YYYY-MM-DD or an ISO datetime")
