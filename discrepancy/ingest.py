"""Read articles from folders, text/Markdown files, JSONL, CSV and stdin, repairing encodings."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

import ftfy
from ftfy.badness import is_bad
from ftfy.chardata import CONTROL_CHARS

from discrepancy.models import Article, Skipped

# ---------------------------------------------------------------------------
# Data: file kinds, agency names and dateline patterns, kept apart from the logic below.
# ---------------------------------------------------------------------------

STDIN_NAME = "-"
STDIN_PATH = "<stdin>"
# Ids of stdin rows without an "id" field read "stdin:<line>", like "<file stem>:<line>".
STDIN_STEM = "stdin"

TEXT_SUFFIXES = frozenset({".txt", ".md"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
CSV_SUFFIXES = frozenset({".csv"})
# Folders hold all sorts of files (notes, images, exports); only these are articles.
# ".ndjson" is accepted when named explicitly but not picked up from folders.
FOLDER_SUFFIXES = TEXT_SUFFIXES | frozenset({".jsonl"}) | CSV_SUFFIXES

# Wire services whose name alone on the first line of a text credits the article to them.
# Lower case for matching; short codes that are also common words ("Trend", "Petra",
# "SPA") are left out because a line holding only such a word is more often not a credit.
AGENCIES = frozenset(
    {
        "aap", "adnkronos", "afp", "agence france-presse", "agence france presse", "agencia efe",
        "ani", "anadolu", "anadolu agency", "anadolu ajansi", "ansa", "antara", "ap",
        "asian news international", "associated press", "the associated press", "bernama", "belga",
        "bloomberg", "canadian press", "the canadian press", "deutsche presse-agentur", "dpa",
        "efe", "europa press", "ians", "interfax", "irna", "isna", "kuna", "kyodo", "kyodo news",
        "lusa", "mena", "notimex", "pap", "press trust of india", "prensa latina", "pti", "qna",
        "reuters", "ria novosti", "sana", "sputnik", "tass", "tasnim", "uni",
        "united press international", "upi", "wafa", "xinhua", "xinhua news agency", "yonhap",
        "yonhap news agency",
    }
)  # fmt: skip

# Words that make a short capitalised line (or dateline candidate) page furniture or a
# headline rather than a place: "BREAKING", "Advertisement", "By Jane Doe".
NOT_PLACE_WORDS = frozenset(
    {
        "advertisement", "analysis", "breaking", "by", "clarification", "close", "comments",
        "correction", "editorial", "email", "exclusive", "home", "latest", "live", "menu",
        "news", "opinion", "page", "photo", "photos", "police", "posted", "print", "related",
        "search", "share", "sponsored", "subscribe", "the", "update", "updated", "urgent",
        "video", "watch", "today", "tonight", "twitter", "facebook",
    }
)  # fmt: skip

# " date 2024-01-04 " at the very start of a text: a publication-date marker some crawls
# prepend; it is metadata, not part of the report.
DATE_MARKER = re.compile(r"\s*date[ \t]+(?P<date>\d{4}-\d{2}-\d{2})(?=\s|\Z)\s*", re.IGNORECASE)

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# Dashes that close a dateline; a bare hyphen only with spaces around it (see below).
_DATELINE_DASH = "(?:\u2014|\u2013|\u2015|--|-)"  # em, en, horizontal bar
# Quote marks a sentence may open with: straight, and curly double/single.
_OPENING_QUOTES = "\"'\u201c\u2018"
# An inline dateline opening the body: "BAGHDAD — ", "WASHINGTON (AP) — ",
# "ELGIN, Ill. -- ", "Kabul, Jan 5 (Reuters) - ", "NEW DELHI: ". The text after it must
# start a sentence, which keeps "Abu Bakr — the commander — ..." from reading as a dateline.
INLINE_DATELINE = re.compile(
    rf"""(?P<place>[^\W\d_][\w'\u2019.-]*(?:[ ][^\W\d_][\w'\u2019.-]*){{0,2}})
        (?:,[ ]?(?P<region>[^\W\d_][\w.]*(?:[ ][^\W\d_][\w.]*)?))?
        (?:,?[ ](?P<date>{_MONTH}[ ]\d{{1,2}}(?:,[ ]\d{{4}})?))?
        [ ]*(?:\((?P<paren>[^()\n]{{1,40}})\)[ ]*)?
        (?P<dash>{_DATELINE_DASH}|:)[ ]+(?=[{_OPENING_QUOTES}(]?[A-Z0-9])""",
    re.VERBOSE,
)
# "(Reuters) - " opening the body without a place.
AGENCY_PREFIX = re.compile(
    rf"\((?P<paren>[^()\n]{{1,40}})\)[ ]*{_DATELINE_DASH}[ ]+(?=[{_OPENING_QUOTES}(]?[A-Z0-9])"
)
# Characters allowed inside a place word besides letters: "Winston-Salem", "St. John's".
_PLACE_PUNCTUATION = frozenset("'\u2019.-")
# A line ending like a sentence (or cut mid-sentence) is text, not a headline.
_SENTENCE_END = re.compile("[.!?\u2026:;,]['\"\u201d\u2019)\\]]*\\Z")
# Punctuation that may trail an agency or place line: "STOCKTON-", "Cairo:".
_TRAILING_DASHES = ":-\u2014\u2013"
# Headlines are short; anything longer is a paragraph without a full stop.
MAX_HEADLINE_CHARS = 160
# Agency, place, headline and byline lines come first; more than this many is body text.
MAX_HEADER_LINES = 5
# "By Jane Doe" / "By Sam Lee and Ana Ruiz, Staff Writers" credit the writers, not content.
BYLINE_WORDS = frozenset({"By", "BY"})
MAX_BYLINE_WORDS = 8

# Only a small sample is needed to tell text from binary data.
_SAMPLE_BYTES = 8192
# Enough lines of a JSONL/CSV file to estimate its rows from its size within a few percent.
_ESTIMATE_SAMPLE_BYTES = 1 << 20
# Tab, line feed, form feed, carriage return and escape (terminal colours) occur in text;
# other C0 controls and DEL are binary data when they make up more than this share.
_CONTROL_BYTES = bytes(sorted(set(range(32)) - {9, 10, 11, 12, 13, 27} | {127}))
_MAX_CONTROL_SHARE = 0.05
# cp1252 text has a few high bytes (accents, curly quotes); invalid UTF-8 that is mostly
# high bytes is binary data or an encoding we cannot guess.
_MAX_HIGH_SHARE = 0.3

WARN_CP1252 = "repaired invalid UTF-8 (read as cp1252)"
WARN_UTF16 = "read as UTF-16 (byte order mark); save the file as UTF-8"
WARN_REPAIRED = "repaired mojibake/HTML entities"
WARN_SURROGATES = "replaced invalid UTF-16 surrogate escapes with U+FFFD"

# ftfy repairs mojibake and HTML entities but must leave clean text byte-identical: keep
# curly quotes, dashes, line breaks, ligatures, character widths and the Unicode form.
_FTFY_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False,
    fix_line_breaks=False,
    fix_latin_ligatures=False,
    fix_character_width=False,
    normalization=None,
    explain=False,
)

# Bytes that are not valid UTF-8 are read as cp1252; the five bytes cp1252 leaves undefined
# fall back to latin-1.
_CP1252_CHARS = tuple(
    bytes([b]).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b)
    for b in range(256)
)
_FALLBACK_ERRORS = "discrepancy-cp1252"
# Reads the rows of an open JSONL or CSV file.
_RowReader = Callable[[str, io.BufferedReader], Iterator[Article | Skipped]]
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Decode the invalid bytes of a UTF-8 error as cp1252 (codec error handler)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return "".join(_CP1252_CHARS[b] for b in bad), exc.end


codecs.register_error(_FALLBACK_ERRORS, _cp1252_fallback)


# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def iter_inputs(inputs: Sequence[str], stdin: TextIO | None = None) -> Iterator[Article | Skipped]:
    """Stream the articles and skipped inputs of files, folders and '-' (stdin), in order."""
    seen: dict[str, str] = {}
    stdin_read = False
    for given in inputs:
        if given == STDIN_NAME:
            if stdin_read:
                yield Skipped(
                    STDIN_PATH,
                    None,
                    "'-' (stdin) is given more than once; standard input can only be read "
                    "once, so name it one time",
                )
                continue
            stdin_read = True
            items = _read_stdin(stdin)
        else:
            items = _read_path(given)
        for item in items:
            if isinstance(item, Article):
                first = seen.get(item.id)
                if first is not None:
                    yield Skipped(
                        item.path or STDIN_PATH,
                        item.line,
                        f"duplicate article id {item.id!r}: {first} already has it; "
                        "give each article its own id or remove the duplicate",
                    )
                    continue
                seen[item.id] = _location(item.path or STDIN_PATH, item.line)
            yield item


def read_inputs(
    inputs: Sequence[str], stdin: TextIO | None = None
) -> tuple[list[Article], list[Skipped]]:
    """Read all inputs into the list of articles and the list of skipped inputs."""
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for item in iter_inputs(inputs, stdin):
        if isinstance(item, Article):
            articles.append(item)
        else:
            skipped.append(item)
    return articles, skipped


def estimate_count(inputs: Sequence[str]) -> int | None:
    """About how many articles the inputs hold, for a progress bar; None for stdin.

    A text file is one article; a JSONL/CSV file's rows are estimated from its size and the
    lines of its first mebibyte, so that the estimate costs no reading of the whole batch.
    """
    total = 0
    for given in inputs:
        if given == STDIN_NAME:
            return None
        found = _article_files(given, set()) if os.path.isdir(given) else [given]
        for path in found:
            if isinstance(path, str) and os.path.exists(path):
                total += _estimate_rows(path)
    return total


def _estimate_rows(path: str) -> int:
    """1 for a one-article file; the estimated rows of a JSONL/CSV file."""
    suffix = Path(path).suffix.lower()
    if suffix not in JSONL_SUFFIXES | CSV_SUFFIXES:
        return 1
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as handle:
            sample = handle.read(_ESTIMATE_SAMPLE_BYTES)
    except OSError:
        return 0
    lines = sample.count(b"\n") + (not sample.endswith(b"\n"))
    rows = round(lines * size / len(sample)) if sample else 0
    return max(0, rows - 1) if suffix in CSV_SUFFIXES else rows


# ---------------------------------------------------------------------------
# Paths and folders
# ---------------------------------------------------------------------------


def _location(path: str, line: int | None) -> str:
    """Name a file, or a line of it, for a message."""
    return path if line is None else f"{path} line {line}"


def _unreadable(exc: OSError, what: str = "file") -> str:
    """Say why a file or folder could not be read and what to do about it."""
    detail = exc.strerror or str(exc)
    return f"cannot read {what}: {detail}; check that you may read it (e.g. chmod +r)"


def _read_path(given: str) -> Iterator[Article | Skipped]:
    """Read one named file or folder."""
    if not os.path.exists(given):
        broken = os.path.islink(given)
        what = "a broken symbolic link" if broken else "no such file or folder"
        yield Skipped(
            given,
            None,
            f"{what}: {given!r}; check the path (use '-' to read JSONL from stdin)",
        )
        return
    if os.path.isdir(given):
        yield from _walk(given, set())
    else:
        yield from _read_file(given)


def _walk(folder: str, visited: set[str]) -> Iterator[Article | Skipped]:
    """Read the article files of a folder and its subfolders, in sorted name order."""
    for found in _article_files(folder, visited):
        if isinstance(found, Skipped):
            yield found
        else:
            yield from _read_file(found)


def _article_files(folder: str, visited: set[str]) -> Iterator[str | Skipped]:
    """The paths of the article files of a folder and its subfolders, in sorted name order."""
    real = os.path.realpath(folder)
    if real in visited:  # a symbolic link back up the tree would loop forever
        return
    visited.add(real)
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as exc:
        yield Skipped(folder, None, _unreadable(exc, "folder"))
        return
    for entry in entries:
        # Hidden files and folders (.git, editor backups) are not articles.
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _article_files(entry.path, visited)
        elif entry.is_file() and Path(entry.name).suffix.lower() in FOLDER_SUFFIXES:
            yield entry.path


def _read_file(path: str) -> Iterator[Article | Skipped]:
    """Read one file by its extension; unknown extensions are tried as text."""
    suffix = Path(path).suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from _read_rows(path, "JSONL", _jsonl_file_rows)
    elif suffix in CSV_SUFFIXES:
        yield from _read_rows(path, "CSV", _csv_rows)
    else:
        yield _read_text(path)


# ---------------------------------------------------------------------------
# Bytes to text
# ---------------------------------------------------------------------------


def _binary_reason(sample: bytes) -> str | None:
    """Say why a file's first bytes are not text, or None when they look like text."""
    if not sample:
        return None
    if b"\x00" in sample:
        return (
            "binary file (it contains NUL bytes); only text, Markdown, JSONL and CSV "
            "articles can be read, so convert it to text or leave it out"
        )
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > _MAX_CONTROL_SHARE * len(sample):
        return "binary file (mostly control bytes, not text); convert it to text or leave it out"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        high = len(sample) - len(sample.translate(None, bytes(range(128, 256))))
        if high > _MAX_HIGH_SHARE * len(sample):
            return (
                "not text: the bytes are neither UTF-8 nor cp1252 text (binary data or "
                "another encoding); save it as UTF-8 text or leave it out"
            )
    return None


def _decode(data: bytes, *, start: bool = True) -> tuple[str, list[str]]:
    """Decode bytes as UTF-8 (no BOM), falling back to cp1252 for invalid sequences."""
    # A byte order mark only opens a file; later lines of JSONL/CSV pass start=False.
    if start and data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif start and data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), [WARN_UTF16]
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        return data.decode("utf-8", errors=_FALLBACK_ERRORS), [WARN_CP1252]


# ftfy leaves a line as it is when it holds no "&" (HTML entities), none of the characters its
# fixers replace or remove (C1 controls, surrogates, the control characters it strips) and
# no sign of mojibake (`is_bad`, the test its encoding fix starts with): such lines skip
# ftfy's whole round of fixes.
_FTFY_TOUCHES = re.compile(
    "[&\x80-\x9f\ud800-\udfff" + "".join(re.escape(chr(c)) for c in sorted(CONTROL_CHARS)) + "]"
)


def fix_text(text: str) -> str:
    """`ftfy.fix_text(text, config=_FTFY_CONFIG)`, skipping the lines it would leave alone.

    ftfy fixes text line by line (segments of at most `max_decode_length` characters) and
    stops unescaping HTML for the rest of the text once a segment holds "<": both kept here.
    """
    config = _FTFY_CONFIG
    out: list[str] = []
    pos = 0
    while pos < len(text):
        textbreak = text.find("\n", pos) + 1
        if textbreak == 0:
            textbreak = len(text)
        if textbreak - pos > config.max_decode_length:
            textbreak = pos + config.max_decode_length
        segment = text[pos:textbreak]
        if config.unescape_html == "auto" and "<" in segment:
            config = config._replace(unescape_html=False)
        if not _FTFY_TOUCHES.search(segment) and (segment.isascii() or not is_bad(segment)):
            out.append(segment)
        else:
            out.append(ftfy.fix_and_explain(segment, config).text)
        pos = textbreak
    return "".join(out)


def _repair(text: str, warnings: list[str]) -> str:
    """Repair mojibake and HTML entities with ftfy, noting any change in warnings."""
    if text.isascii() and "&" not in text:
        # Mojibake needs non-ASCII characters and entities need "&": nothing to repair, and
        # ftfy is the slowest step of reading a clean article.
        return text
    fixed = fix_text(text)
    if fixed != text:
        warnings.append(WARN_REPAIRED)
    # JSON can escape lone surrogates; they cannot be written out as UTF-8 later.
    if _SURROGATE.search(fixed):
        fixed = _SURROGATE.sub("\ufffd", fixed)
        warnings.append(WARN_SURROGATES)
    return fixed


# ---------------------------------------------------------------------------
# One-article files
# ---------------------------------------------------------------------------


def _read_text(path: str) -> Article | Skipped:
    """Read a text or Markdown file as one article whose id is the file stem."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        return Skipped(path, None, _unreadable(exc))
    if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        reason = _binary_reason(data[:_SAMPLE_BYTES])
        if reason is not None:
            return Skipped(path, None, reason)
    text, warnings = _decode(data)
    if not text.strip():
        return Skipped(
            path,
            None,
            "empty file (no text, or only whitespace); add the article text or remove it",
        )
    return _article(text, Path(path).stem, path, None, warnings)


# ---------------------------------------------------------------------------
# JSONL and CSV rows
# ---------------------------------------------------------------------------


def _read_stdin(stdin: TextIO | None) -> Iterator[Article | Skipped]:
    """Read JSONL from standard input."""
    stream = stdin if stdin is not None else sys.stdin
    if stream is None:
        yield Skipped(
            STDIN_PATH,
            None,
            "standard input is not available; pipe JSONL into it or name a file instead of '-'",
        )
        return
    # Read bytes when the stream has them, so that invalid UTF-8 is repaired, not fatal.
    buffer = getattr(stream, "buffer", None)
    lines: Iterator[bytes | str]
    try:
        lines = iter(buffer) if isinstance(buffer, io.BufferedIOBase) else iter(stream)
    except (OSError, ValueError) as exc:
        yield Skipped(STDIN_PATH, None, f"cannot read standard input ({exc}); pipe JSONL into it")
        return
    yield from _jsonl_rows(STDIN_PATH, STDIN_STEM, lines)


def _read_rows(path: str, kind: str, rows: _RowReader) -> Iterator[Article | Skipped]:
    """Open a JSONL or CSV file, refuse binary data, and read its rows one by one."""
    try:
        with open(path, "rb") as handle:
            reason = _sample_reason(handle, kind)
            if reason is not None:
                yield Skipped(path, None, reason)
                return
            yield from rows(path, handle)
    except OSError as exc:
        yield Skipped(path, None, _unreadable(exc))


def _jsonl_file_rows(path: str, handle: io.BufferedReader) -> Iterator[Article | Skipped]:
    """Turn the lines of an open JSONL file into articles."""
    return _jsonl_rows(path, Path(path).stem, iter(handle))


def _sample_reason(handle: io.BufferedReader, kind: str) -> str | None:
    """Check the first bytes of a row file for binary data, then rewind it."""
    sample = handle.read(_SAMPLE_BYTES)
    handle.seek(0)
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return f"{kind} file is UTF-16 encoded; save it as UTF-8"
    return _binary_reason(sample)


def _jsonl_rows(path: str, stem: str, lines: Iterator[bytes | str]) -> Iterator[Article | Skipped]:
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
            line, warnings = _decode(raw, start=number == 1)
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


def _csv_rows(path: str, handle: io.BufferedReader) -> Iterator[Article | Skipped]:
    """Turn the records of an open CSV file into articles."""
    # Decoding warnings of the lines the reader has consumed, claimed by the next record.
    pending: list[str] = []

    def lines() -> Iterator[str]:
        for number, raw in enumerate(handle, 1):
            text, warnings = _decode(raw, start=number == 1)
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
    return _article(
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


# ---------------------------------------------------------------------------
# Leading metadata: date marker, agency, place, headline, inline dateline
# ---------------------------------------------------------------------------


@dataclass
class _Header:
    """What the leading lines of a text say about it, and where its content starts."""

    body_start: int = 0
    published: dt.date | None = None
    source: str | None = None
    dateline: str | None = None
    title: str | None = None


def _article(
    raw: str,
    ident: str,
    path: str,
    line: int | None,
    warnings: list[str],
    *,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    published: dt.date | None = None,
) -> Article | Skipped:
    """Repair a text, read its leading metadata and make the article."""
    warnings = list(warnings)
    text = _repair(raw, warnings)
    if title is not None:
        title = _repair(title, warnings)
    if source is not None:
        source = _repair(source, warnings)
    header = _read_header(text, title, warnings)
    if not text[header.body_start :].strip():
        return Skipped(
            path, line, "no article text after the date marker; add the text or remove it"
        )
    return Article(
        id=ident,
        text=text,
        source=source or header.source,
        title=title or header.title,
        published=published or header.published,
        path=path,
        url=url,
        dateline=header.dateline,
        body_start=header.body_start,
        line=line,
        warnings=tuple(dict.fromkeys(warnings)),
    )


def _skip_space(text: str, pos: int) -> int:
    """Return the first non-whitespace position at or after pos."""
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def _read_header(text: str, given_title: str | None, warnings: list[str]) -> _Header:
    """Find the date marker, agency, place and headline lines that precede the content."""
    header = _Header()
    pos = _skip_space(text, 0)
    marker = DATE_MARKER.match(text, pos)
    if marker is not None:
        try:
            header.published = dt.date.fromisoformat(marker["date"])
        except ValueError:
            warnings.append(f"ignored invalid date marker {marker['date']!r}")
        pos = marker.end()
    headline = False
    for _ in range(MAX_HEADER_LINES):
        end = text.find("\n", pos)
        if end < 0:
            break
        line = text[pos:end].strip()
        after = _skip_space(text, end)
        if after >= len(text):
            break  # the last line is content, whatever it looks like
        if given_title is not None and not headline and _same_text(line, given_title):
            headline = True
        elif header.source is None and (agency := _agency_line(line)) is not None:
            header.source = agency
        elif header.dateline is None and (
            place := _place_line(line, header.source is not None or headline)
        ):
            header.dateline = place
        elif _is_byline(line):
            pass  # a writer's credit is neither content nor a field of Article
        elif not headline and _is_headline(line, text, end):
            headline = True
            if given_title is None:
                header.title = _strip_heading(line)
        else:
            break
        pos = after
    if header.dateline is None:
        pos = _inline_dateline(text, pos, header)
    elif header.source is None:
        pos = _agency_prefix(text, pos, header)
    header.body_start = pos
    return header


def _same_text(line: str, other: str) -> bool:
    """Compare two strings ignoring case and runs of whitespace."""
    return " ".join(line.split()).casefold() == " ".join(other.split()).casefold()


def _agency_line(line: str) -> str | None:
    """Return the agency a line names on its own ("dpa", "(AFP)", "By Reuters"), if any."""
    name = line.strip().rstrip(_TRAILING_DASHES).strip()
    if name.startswith("(") and name.endswith(")"):
        name = name[1:-1].strip()
    if name.lower().startswith("by "):
        name = name[3:].strip()
    return name if name.lower() in AGENCIES else None


def _is_place_word(word: str) -> bool:
    """Tell whether a word can be part of a place name: capitalised letters."""
    core = word.rstrip(".")
    return (
        bool(core)
        and core[0].isupper()
        and all(char.isalpha() or char in _PLACE_PUNCTUATION for char in core)
        and core.lower() not in NOT_PLACE_WORDS
    )


def _place_line(line: str, after_credit: bool) -> str | None:
    """Return the cleaned place a line names on its own ("Cairo", "NEW DELHI"), if any."""
    line = line.rstrip(_TRAILING_DASHES).strip()
    place, _, region = line.partition(",")
    words = place.split()
    region_words = region.split()
    if not 1 <= len(words) <= 3 or len(region_words) > 2:
        return None
    if not all(_is_place_word(word) for word in words + region_words):
        return None
    # A short title-case line is as likely a headline ("Market Bombing Kills Five"); take it
    # as a place only in capitals, as one word, with a region, or after an agency/headline.
    if not (place.isupper() or len(words) == 1 or region_words or after_credit):
        return None
    return _clean_place(place, region)


def _clean_place(place: str, region: str | None) -> str:
    """Normalise a dateline place: "NEW DELHI" -> "New Delhi", keeping a region."""
    cleaned = " ".join(_title_word(word) for word in place.split())
    region = " ".join(region.split()) if region else ""
    if region:
        if region.isupper() and len(region) > 2 and "." not in region:
            region = region.title()
        cleaned = f"{cleaned}, {region}"
    return cleaned


def _title_word(word: str) -> str:
    """Title-case a word in capitals ("DELHI", "STE."), keeping initials like "D.C."."""
    core = word.rstrip(".")
    if len(core) < 2 or not core.isupper() or "." in core:
        return word
    return core.title() + word[len(core) :]


def _is_byline(line: str) -> bool:
    """Tell whether a line only credits a writer ("By Jane Doe", "By Sam Lee, Staff")."""
    words = line.split()
    return (
        len(words) >= 2
        and len(words) <= MAX_BYLINE_WORDS
        and words[0] in BYLINE_WORDS
        and words[1][:1].isupper()
        and not _SENTENCE_END.search(line)
    )


def _is_headline(line: str, text: str, end: int) -> bool:
    """Tell whether a first line is a headline rather than the start of the text."""
    line = _strip_heading(line)
    if not line or len(line) > MAX_HEADLINE_CHARS or len(line.split()) < 2:
        return False
    if line[0].islower() or _SENTENCE_END.search(line):
        return False
    # A hard-wrapped paragraph continues on the next line in lower case.
    following = text[end + 1 :].lstrip(" \t\r")
    return not (following and following[0].islower())


def _strip_heading(line: str) -> str:
    """Drop a Markdown heading's leading '#' marks."""
    stripped = line.lstrip("#")
    if stripped != line and stripped.startswith(" "):
        return stripped.strip()
    return line


def _inline_dateline(text: str, pos: int, header: _Header) -> int:
    """Read an inline dateline ("BAGHDAD — ", "Kabul, Jan 5 (Reuters) - ") at pos."""
    match = INLINE_DATELINE.match(text, pos)
    if match is None:
        return _agency_prefix(text, pos, header)
    # "CLEVELAND-- Two men ...": the first hyphen of the dash is not part of the name.
    place, region = match["place"].rstrip("-"), match["region"]
    words = place.split() + (region.split() if region else [])
    if not all(_is_place_word(word) for word in words):
        return _agency_prefix(text, pos, header)
    # "Cairo: ..." is too often a label or quote; a colon closes only a dateline in capitals.
    if match["dash"] == ":" and not place.isupper():
        return _agency_prefix(text, pos, header)
    header.dateline = _clean_place(place, region)
    _credit(match["paren"], header)
    return match.end()


def _agency_prefix(text: str, pos: int, header: _Header) -> int:
    """Read a "(Reuters) - " credit opening the body at pos."""
    match = AGENCY_PREFIX.match(text, pos)
    if match is None or match["paren"].strip().lower() not in AGENCIES:
        return pos
    _credit(match["paren"], header)
    return match.end()


def _credit(paren: str | None, header: _Header) -> None:
    """Take a dateline's parenthesised outlet ("AP", "KDKA") as the source, not a date."""
    if paren is None or header.source is not None:
        return
    name = paren.strip()
    if name and not any(char.isdigit() for char in name):
        header.source = name
