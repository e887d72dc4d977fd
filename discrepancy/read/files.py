"""Read articles from folders, text/Markdown files, JSONL, CSV and stdin, repairing encodings."""

from __future__ import annotations

import codecs
import io
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import fields, replace
from pathlib import Path
from typing import IO, Any, TextIO, cast

from discrepancy.models import Article, Skipped
from discrepancy.read.encoding import (
    ESTIMATE_SAMPLE_BYTES,
    SAMPLE_BYTES,
    binary_reason,
    decode,
    has_surrogates,
    read_failure,
    replace_surrogates,
    unreadable,
)
from discrepancy.read.headers import build_article
from discrepancy.read.limits import (
    DEFAULT_MAX_ARTICLE_BYTES,
    cut_bytes,
    cut_text,
    truncated_warning,
)
from discrepancy.read.rows import bounded_lines, csv_rows, jsonl_file_rows, jsonl_rows, read_rows

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

# ---------------------------------------------------------------------------
# Public API
# ---------------------------------------------------------------------------


def iter_inputs(
    inputs: Sequence[str],
    stdin: TextIO | None = None,
    max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
) -> Iterator[Article | Skipped]:
    """Stream the articles and skipped inputs of files, folders and '-' (stdin), in order.

    An article longer than `max_article_bytes` (UTF-8) is cut there, with a warning.
    """
    # Where each id was first read: (path, line), sharing the article's own strings.
    seen: dict[str, tuple[str, int | None]] = {}
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
            items = _read_stdin(stdin, max_article_bytes)
        else:
            items = _read_path(given, max_article_bytes)
        for item in items:
            item = _valid_unicode(item)
            if isinstance(item, Article):
                first = seen.get(item.id)
                if first is not None:
                    yield Skipped(
                        item.path or STDIN_PATH,
                        item.line,
                        f"duplicate article id {item.id!r}: {_location(*first)} already has "
                        "it; give each article its own id or remove the duplicate",
                    )
                    continue
                seen[item.id] = (item.path or STDIN_PATH, item.line)
            yield item


def _valid_unicode(item: Article | Skipped) -> Article | Skipped:
    """The item with lone surrogates replaced in every string field (id, url, path, ...).

    JSON may escape them ("\\ud83d") and file names that are not UTF-8 hold them; no report
    writer could encode them later.
    """
    changed: dict[str, str] = {}
    for field in fields(item):
        value = getattr(item, field.name)
        if isinstance(value, str) and has_surrogates(value):
            changed[field.name] = replace_surrogates(value)
    if not changed:
        return item
    if isinstance(item, Skipped):
        return replace(item, **changed)  # type: ignore[arg-type]
    note = "replaced invalid UTF-16 surrogates with U+FFFD in " + ", ".join(sorted(changed))
    warnings = (*(replace_surrogates(w) for w in item.warnings), note)
    return replace(item, **changed, warnings=warnings)  # type: ignore[arg-type]


def read_inputs(
    inputs: Sequence[str],
    stdin: TextIO | None = None,
    max_article_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
) -> tuple[list[Article], list[Skipped]]:
    """Read all inputs into the list of articles and the list of skipped inputs."""
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for item in iter_inputs(inputs, stdin, max_article_bytes):
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
        if os.path.isdir(given):
            # A folder's article files are regular files (_article_files made sure).
            for path in _article_files(given, set(), given):
                if isinstance(path, str):
                    total += _estimate_rows(path, regular=True)
        elif os.path.exists(given):
            total += _estimate_rows(given)
    return total


def _estimate_rows(path: str, *, regular: bool = False) -> int:
    """1 for a one-article file; the estimated rows of a JSONL/CSV file."""
    suffix = _suffix(path)
    if not regular and not os.path.isfile(path):  # a pipe or a device is refused, never opened
        return 0
    if suffix not in JSONL_SUFFIXES | CSV_SUFFIXES:
        return 1
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as handle:
            sample = handle.read(ESTIMATE_SAMPLE_BYTES)
    except OSError:
        return 0
    lines = sample.count(b"\n") + (not sample.endswith(b"\n"))
    rows = round(lines * size / len(sample)) if sample else 0
    return max(0, rows - 1) if suffix in CSV_SUFFIXES else rows


# ---------------------------------------------------------------------------
# Paths and folders
# ---------------------------------------------------------------------------


def _suffix(path: str) -> str:
    """A file's extension, lower-cased (".txt"), without making a pathlib.Path of the name:
    parsing one per file was a quarter of the size estimate's CPU on 100,000 files."""
    return os.path.splitext(path)[1].lower()


def _location(path: str, line: int | None) -> str:
    """Name a file, or a line of it, for a message."""
    return path if line is None else f"{path} line {line}"


def _read_path(given: str, limit: int) -> Iterator[Article | Skipped]:
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
    special = _special_kind(given)
    if special is not None:
        yield Skipped(given, None, _special_reason(special))
    elif os.path.isdir(given):
        yield from _walk(given, limit)
    else:
        yield from _read_file(given, Path(given).stem, limit)


def _special_kind(path: str) -> str | None:
    """ "a named pipe", "a device", "a socket" for what is no regular file or folder."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # reading it says why
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return None


def _special_reason(kind: str) -> str:
    # Reading one could wait forever (a pipe nobody writes) or never end (/dev/zero).
    return (
        f"{kind}, not a file; refused without reading. Save the articles to a file, or pipe "
        "JSONL into '-'"
    )


def _walk(folder: str, limit: int) -> Iterator[Article | Skipped]:
    """Read the article files of a folder and its subfolders, in sorted name order.

    An article's id is its path inside the folder without the extension ("ap/article"), so
    files of one name in different subfolders stay apart.
    """
    for found in _article_files(folder, set(), folder):
        if isinstance(found, Skipped):
            yield found
        else:
            relative = os.path.splitext(os.path.relpath(found, folder))[0]
            yield from _read_file(found, relative.replace(os.sep, "/"), limit)


def _article_files(folder: str, visited: set[str], root: str) -> Iterator[str | Skipped]:
    """The paths of the article files of a folder and its subfolders, in sorted name order.

    Symbolic links are followed inside the tree of `root` only: a link out of it, a loop or
    a link that cannot be followed is skipped with its reason; so are pipes, devices and
    sockets bearing an article's extension.
    """
    real = os.path.realpath(folder)
    if real in visited:  # a symbolic link back up the tree would loop forever
        yield Skipped(folder, None, "a symbolic link loop: this folder is already being read")
        return
    visited.add(real)
    try:
        with os.scandir(folder) as listing:
            # Names only, not the listing's entries: a folder of 100,000 files is sorted in a
            # fraction of the memory (benchmarks/tiny_files.py).
            links: set[str] = set()
            names = sorted(_names(listing, links))
    except OSError as exc:
        yield Skipped(folder, None, unreadable(exc, "folder"))
        return
    for name in names:
        is_link = name in links
        # Hidden files and folders (.git, editor backups) are not articles.
        if name.startswith("."):
            continue
        path = os.path.join(folder, name)
        article_name = _suffix(name) in FOLDER_SUFFIXES
        try:
            mode = os.stat(path).st_mode
        except OSError as exc:
            if article_name or is_link or _is_folder(path):
                yield Skipped(path, None, _unfollowable(exc))
            continue
        is_dir = stat.S_ISDIR(mode)
        if is_link and (is_dir or article_name):
            outside = _outside(path, root)
            if outside is not None:
                yield Skipped(path, None, outside)
                continue
        if is_dir:
            yield from _article_files(path, visited, root)
        elif article_name and stat.S_ISREG(mode):
            yield path
        elif article_name:
            kind = _special_kind(path) or "not a regular file"
            yield Skipped(path, None, _special_reason(kind))


def _names(listing: Iterator[os.DirEntry[str]], links: set[str]) -> Iterator[str]:
    """The names of a folder's entries; the names of its symbolic links go into `links`."""
    for entry in listing:
        if entry.is_symlink():
            links.add(entry.name)
        yield entry.name


def _is_folder(path: str) -> bool:
    """Is `path` itself a folder (a link to one is not)?"""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _unfollowable(exc: OSError) -> str:
    """Why a folder entry could not be looked at: a link loop, a missing target, no access."""
    detail = exc.strerror or str(exc)
    return (
        f"cannot follow it ({detail}): a symbolic link loop, a link to nothing, or no "
        "permission; fix or remove the link"
    )


def _outside(link: str, root: str) -> str | None:
    """Say why a link is not followed when it points out of the folder being read."""
    target = os.path.realpath(link)
    top = os.path.realpath(root)
    if os.path.commonpath([target, top]) == top:
        return None
    return (
        f"a symbolic link out of the folder (to {target}); it is not followed, so that a "
        "batch reads only its own tree. Name the target itself to read it"
    )


def _read_file(path: str, ident: str, limit: int) -> Iterator[Article | Skipped]:
    """Read one file by its extension; unknown extensions are tried as text."""
    suffix = _suffix(path)
    if suffix in JSONL_SUFFIXES:
        yield from read_rows(path, "JSONL", jsonl_file_rows, ident, limit)
    elif suffix in CSV_SUFFIXES:
        yield from read_rows(path, "CSV", csv_rows, ident, limit)
    else:
        try:
            yield _read_text(path, ident, limit)
        except Exception as error:  # one file never sinks the batch
            yield Skipped(path, None, read_failure(error))


# ---------------------------------------------------------------------------
# Bytes to text
# ---------------------------------------------------------------------------


def _read_text(path: str, ident: str, limit: int) -> Article | Skipped:
    """Read a text or Markdown file as one article, at most `limit` bytes of it."""
    try:
        with open(path, "rb") as handle:
            # A UTF-16 file takes two bytes a character: read enough for `limit` of UTF-8.
            data = handle.read(2 * limit + 3)
            size = os.fstat(handle.fileno()).st_size
    except OSError as exc:
        return Skipped(path, None, unreadable(exc))
    warnings: list[str] = []
    if len(data) > limit and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        data = cut_bytes(data, limit)
        warnings.append(truncated_warning(max(size, len(data) + 1), limit))
    if not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        reason = binary_reason(data[:SAMPLE_BYTES])
        if reason is not None:
            return Skipped(path, None, reason)
    text, decoded = decode(data)
    warnings.extend(decoded)
    cut = cut_text(text, limit)  # a UTF-16 file over the limit
    if cut is not None:
        text = cut
        warnings.append(truncated_warning(max(size, limit + 1), limit))
    if not text.strip():
        return Skipped(
            path,
            None,
            "empty file (no text, or only whitespace); add the article text or remove it",
        )
    return build_article(text, ident, path, None, warnings)


# ---------------------------------------------------------------------------
# JSONL and CSV rows
# ---------------------------------------------------------------------------


def _read_stdin(stdin: TextIO | None, limit: int) -> Iterator[Article | Skipped]:
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
    source = cast("IO[Any]", buffer if isinstance(buffer, io.BufferedIOBase) else stream)
    yield from jsonl_rows(STDIN_PATH, STDIN_STEM, bounded_lines(source, limit), limit)
