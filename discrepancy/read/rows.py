"""Rows of JSONL and CSV files as articles: fields checked, dates parsed, bad rows skipped."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import IO, Any

from discrepancy.models import Article, Skipped
from discrepancy.read.encoding import (
    SAMPLE_BYTES,
    WARN_UTF16,
    binary_reason,
    decode,
    read_failure,
    replace_nul,
    unreadable,
)
from discrepancy.read.headers import build_article
from discrepancy.read.limits import (
    DEFAULT_MAX_ARTICLE_BYTES,
    cut_text,
    max_line_bytes,
    truncated_warning,
)

# Reads the rows of an open JSONL or CSV file: (path, handle, id stem, article limit).
_RowReader = Callable[[str, IO[Any], str, int], Iterator[Article | Skipped]]
# Delimiters a CSV file's header is tried with when it has no 'text' column with commas.
_OTHER_DELIMITERS = ";\t|"


@dataclass(frozen=True)
class TooLong:
    """In place of a line over the limit: its bytes were read in chunks and dropped."""

    limit: int


class _CsvLineTooLong(Exception):
    """Raised through the csv reader for a line over the limit, to start a new reader."""

    def __init__(self, number: int, limit: int) -> None:
        super().__init__(number, limit)
        self.number = number
        self.limit = limit


def read_rows(
    path: str, kind: str, rows: _RowReader, stem: str, limit: int
) -> Iterator[Article | Skipped]:
    """Open a JSONL or CSV file, refuse binary data, and read its rows one by one.

    A file opening with a UTF-16 byte order mark is read as UTF-16, like a text file.
    """
    try:
        with open(path, "rb") as handle:
            sample = handle.read(SAMPLE_BYTES)
            handle.seek(0)
            if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                with io.TextIOWrapper(handle, encoding="utf-16", newline="") as text:
                    for item in rows(path, text, stem, limit):
                        yield _warned(item, WARN_UTF16)
                return
            reason = binary_reason(sample)
            if reason is not None:
                yield Skipped(path, None, reason)
                return
            yield from rows(path, handle, stem, limit)
    except (OSError, UnicodeDecodeError) as exc:
        detail = unreadable(exc) if isinstance(exc, OSError) else f"invalid UTF-16 ({exc})"
        yield Skipped(path, None, detail)


def _warned(item: Article | Skipped, warning: str) -> Article | Skipped:
    if isinstance(item, Skipped) or warning in item.warnings:
        return item
    return replace(item, warnings=(*item.warnings, warning))


def bounded_lines(handle: IO[Any], limit: int) -> Iterator[bytes | str | TooLong]:
    """The lines of a file; a `TooLong` for one over `max_line_bytes(limit)`, whose bytes
    are read in chunks and dropped, never held whole (a 5 GB line, /dev/zero's endless one)."""
    longest = max_line_bytes(limit)
    while True:
        line = handle.readline(longest + 1)
        if not line:
            return
        if len(line) > longest and line[-1:] not in (b"\n", "\n"):
            while True:
                rest = handle.readline(1 << 20)
                if not rest or rest[-1:] in (b"\n", "\n"):
                    break
            yield TooLong(longest)
        else:
            yield line


def jsonl_file_rows(
    path: str, handle: IO[Any], stem: str, limit: int
) -> Iterator[Article | Skipped]:
    """Turn the lines of an open JSONL file into articles."""
    return jsonl_rows(path, stem, bounded_lines(handle, limit), limit)


def jsonl_rows(
    path: str,
    stem: str,
    lines: Iterator[bytes | str | TooLong],
    limit: int = DEFAULT_MAX_ARTICLE_BYTES,
) -> Iterator[Article | Skipped]:
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
        if isinstance(raw, TooLong):
            rows += 1
            yield Skipped(path, number, _too_long(raw.limit))
            continue
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
        yield _row_article(fields, path, stem, number, warnings, limit)
    if rows == 0:
        yield Skipped(path, None, "empty input: no JSONL rows; add one JSON object per line")


def _too_long(limit: int) -> str:
    return (
        f"line longer than {limit:,} bytes (16 times --max-article-bytes, plus 1 MiB); "
        "skipped without reading it whole. Split the row or raise --max-article-bytes"
    )


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


def csv_rows(path: str, handle: IO[Any], stem: str, limit: int) -> Iterator[Article | Skipped]:
    """Turn the records of an open CSV file into articles; a bad record is skipped alone."""
    csv.field_size_limit(max(csv.field_size_limit(), max_line_bytes(limit)))
    source = _CsvSource(handle, limit)
    header = source.header()
    if isinstance(header, Skipped):
        yield replace(header, path=path)
        return
    if header is None or not any(name.strip() for name in header):
        yield Skipped(
            path, None, "empty CSV file (no header row); add a header with a 'text' column"
        )
        return
    names = [name.strip().lower() for name in header]
    if "text" not in names:
        delimiter = _other_delimiter(header)
        if delimiter is None:
            found = ", ".join(repr(name) for name in names if name) or "none"
            yield Skipped(path, 1, f"no 'text' column (columns: {found}); name the column "
                          "holding the article text 'text'" + _delimiter_hint(header))  # fmt: skip
            return
        handle.seek(0)
        source = _CsvSource(handle, limit, delimiter)
        names = [name.strip().lower() for name in source.header() or []]  # type: ignore[union-attr]
        source.pending.append(f"read as a {_DELIMITER_NAMES[delimiter]}-delimited CSV file")
    columns: dict[str, int] = {}
    for index, name in enumerate(names):
        columns.setdefault(name, index)
    notes = list(source.pending[-1:]) if source.delimiter != "," else []
    source.pending.clear()
    for start, record, warnings, problem in source.records():
        if problem is not None:
            yield Skipped(path, start, problem)
            continue
        if not any(cell.strip() for cell in record):
            continue  # a blank line between records
        row: dict[str, object] = {
            name: record[index] for name, index in columns.items() if index < len(record)
        }
        yield _row_article(row, path, stem, start, notes + warnings, limit)


_DELIMITER_NAMES = {";": "semicolon", "\t": "tab", "|": "pipe", ",": "comma"}


def _other_delimiter(header: list[str]) -> str | None:
    """The delimiter a one-column header splits on into names with 'text' among them."""
    if len(header) != 1:
        return None
    for delimiter in _OTHER_DELIMITERS:
        if "text" in (name.strip().lower() for name in header[0].split(delimiter)):
            return delimiter
    return None


def _delimiter_hint(header: list[str]) -> str:
    """Name the delimiter a header seems to use when it is not a comma."""
    found = [d for d in _OTHER_DELIMITERS if len(header) == 1 and d in header[0]]
    if not found:
        return ""
    return (
        f"; the header holds {_DELIMITER_NAMES[found[0]]}s ({found[0]!r}): CSV files are read "
        "comma-delimited unless the header names a 'text' column with another delimiter"
    )


class _CsvSource:
    """CSV records of a file with the line each starts on; a record that cannot be parsed
    (an unclosed quote, a line over the limit) is reported and reading resumes after it."""

    def __init__(self, handle: IO[Any], limit: int, delimiter: str = ",") -> None:
        self.handle = handle
        self.limit = limit
        self.delimiter = delimiter
        self.lines = bounded_lines(handle, limit)
        self.number = 0  # physical lines read so far
        # Decoding warnings of the lines the reader has consumed, claimed by the next record.
        self.pending: list[str] = []
        # Where each line of the current record starts in the file, to resume after it.
        self.offsets: dict[int, int] = {}
        self.raw: list[str] = []
        self.reader = self._reader()

    def _reader(self) -> Iterator[list[str]]:
        return csv.reader(self._text_lines(), delimiter=self.delimiter)

    def _text_lines(self) -> Iterator[str]:
        while True:
            position = self.handle.tell() if self.handle.seekable() else None
            raw = next(self.lines, None)
            if raw is None:
                return
            self.number += 1
            if position is not None:
                self.offsets[self.number] = position
            if isinstance(raw, TooLong):
                raise _CsvLineTooLong(self.number, raw.limit)
            if isinstance(raw, bytes):
                text, warnings = decode(raw, start=self.number == 1)
            else:
                text, warnings = (raw.removeprefix("\ufeff") if self.number == 1 else raw), []
                text, more = replace_nul(text)
                warnings += more
            self.pending.extend(warnings)
            self.raw.append(text)
            yield text

    def header(self) -> list[str] | Skipped | None:
        try:
            return next(self.reader, None)
        except (csv.Error, _CsvLineTooLong, OSError) as exc:
            return Skipped("", 1, f"cannot read the CSV header ({exc}); fix the first line")

    def records(self) -> Iterator[tuple[int, list[str], list[str], str | None]]:
        """(first line, cells, warnings, None) per record; (line, [], [], why) for a bad one."""
        last = self.number
        while True:
            self.raw.clear()
            self.offsets = {k: v for k, v in self.offsets.items() if k > last}
            try:
                record = next(self.reader)
            except StopIteration:
                return
            except _CsvLineTooLong as long:
                yield long.number, [], [], _too_long(long.limit)
                last = self.number
                self.reader = self._reader()
                continue
            except csv.Error as exc:
                yield last + 1, [], [], f"malformed CSV ({exc}); this row was skipped"
                last = self.number
                continue
            start, last = last + 1, self.number
            warnings = list(self.pending)
            self.pending.clear()
            if last > start and "".join(self.raw).count('"') % 2 == 1 and self._resume(start):
                last = start
                yield (
                    start,
                    [],
                    [],
                    (
                        f"unclosed quote: a '\"' in the row at line {start} opens a field that "
                        "never closes, which would swallow the rows after it; close it, or double "
                        'a quote inside a field ("")'
                    ),
                )
                continue
            yield start, record, warnings, None

    def _resume(self, start: int) -> bool:
        """Read again from the line after `start` (False when the file cannot seek)."""
        offset = self.offsets.get(start + 1)
        if offset is None:
            return False
        self.handle.seek(offset)
        self.lines = bounded_lines(self.handle, self.limit)
        self.number = start
        self.reader = self._reader()
        return True


def _row_article(
    row: dict[str, object], path: str, stem: str, line: int, warnings: list[str], limit: int
) -> Article | Skipped:
    """Make the article of one JSONL/CSV row, or say why the row cannot be used.

    Whatever a row holds, an error making its article skips that row alone.
    """
    try:
        return _make_row_article(row, path, stem, line, warnings, limit)
    except Exception as error:  # one row never sinks its file
        return Skipped(path, line, read_failure(error))


def _make_row_article(
    row: dict[str, object], path: str, stem: str, line: int, warnings: list[str], limit: int
) -> Article | Skipped:
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
    cut = cut_text(text, limit)
    if cut is not None:
        warnings.append(truncated_warning(len(text.encode("utf-8", "surrogatepass")), limit))
        text = cut
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
