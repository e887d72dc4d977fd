"""Compiled patterns kept between runs in the user's cache folder, as .pyc files keep code.

`re` parses and compiles a pattern in Python, and keeps the result only for the life of the
process: the casualty patterns (a count phrase alone is 4,600 characters) took half of a
one-article check's CPU time to compile. Here the compiled form of each Caseless and Deferred
pattern is stored once and rebuilt in C by the next run. The format is CPython's own, so it
is keyed by the interpreter; anything unexpected (another Python, a damaged file) falls back
to `re.compile`, which stays the reference: a test compares every pattern both ways.
"""

from __future__ import annotations

import atexit
import hashlib
import importlib
import marshal
import os
import re
import sys
from array import array
from pathlib import Path
from typing import Any

# A stored pattern: flags after parsing, its code as 32-bit words, group count, group names,
# and a digest of all these with the pattern's key (_sre only checks that code is well
# formed, not that it is this pattern's: a damaged entry must not pass for it).
_Entry = tuple[int, bytes, int, dict[str, int], bytes]
# Past this many entries (the package holds about 250 patterns, each edit of a word list
# adds changed ones) the file is written again with only what this run used.
_MAX_ENTRIES = 1000


def cache_folder() -> Path:
    """The user's cache folder for discrepancy ($DISCREPANCY_CACHE_DIR, else the XDG one)."""
    root = os.environ.get("DISCREPANCY_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "discrepancy"
    )
    return Path(root)


class _Store:
    """The stored patterns, read on first use and written back at exit when some were added."""

    def __init__(self) -> None:
        self.entries: dict[str, _Entry] | None = None
        self.used: set[str] = set()
        self.added = False

    def path(self) -> Path | None:
        sre = _internal("_sre")
        if sre is None or sre.CODESIZE != 4 or array("I").itemsize != 4:
            return None
        digest = hashlib.sha256(f"{sys.version}:{sre.MAGIC}".encode()).hexdigest()[:16]
        return cache_folder() / f"patterns-{sys.implementation.cache_tag}-{digest}.marshal"

    def read(self) -> dict[str, _Entry]:
        path = self.path()
        if path is not None:
            try:
                stored = marshal.loads(path.read_bytes())
                if isinstance(stored, dict):
                    return stored
            except (OSError, ValueError, EOFError, TypeError):
                pass
        return {}

    def load(self) -> dict[str, _Entry]:
        if self.entries is None:
            self.entries = self.read()
        return self.entries

    def save(self) -> None:
        path = self.path()
        if not self.added or path is None or self.entries is None:
            return
        # What other runs kept since this one read the file stays.
        entries = {**self.read(), **self.entries}
        if len(entries) > _MAX_ENTRIES:
            entries = {key: entries[key] for key in self.used if key in entries}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            partial.write_bytes(marshal.dumps(entries))
            os.replace(partial, path)
        except (OSError, ValueError):
            pass  # not kept this time: the next run compiles again
        self.added = False


_STORE = _Store()
atexit.register(_STORE.save)


def _internal(name: str) -> Any:
    # re's own modules (CPython's), by name: they have no public interface to type against.
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def _key(source: str, flags: int) -> str:
    return hashlib.sha256(f"{flags}:{source}".encode("utf-8", "surrogatepass")).hexdigest()


def _digest(key: str, flags: int, code: bytes, groups: int, names: dict[str, int]) -> bytes:
    described = marshal.dumps((key, flags, groups, sorted(names.items())))
    return hashlib.sha256(described + code).digest()


def _rebuild(key: str, source: str, entry: _Entry) -> re.Pattern[str] | None:
    try:
        flags, code, groups, groupindex, check = entry
        if check != _digest(key, flags, code, groups, groupindex):
            return None
        indexgroup: list[str | None] = [None] * (groups + 1)
        for name, index in groupindex.items():
            indexgroup[index] = name
        words = array("I")
        words.frombytes(code)
        # As re._compiler.compile ends (CPython 3.11 to 3.13); _sre refuses code that is not
        # well formed.
        pattern = _internal("_sre").compile(
            source, flags, words.tolist(), groups, groupindex, tuple(indexgroup)
        )
        return pattern if isinstance(pattern, re.Pattern) else None
    except Exception:  # any failure means: compile it as re does
        return None


def _entry(key: str, source: str, flags: int) -> _Entry | None:
    # What re._compiler.compile hands to _sre.compile (CPython 3.11 to 3.13).
    try:
        parsed = _internal("re._parser").parse(source, flags)
        code = array("I", _internal("re._compiler")._code(parsed, flags)).tobytes()
        groupindex = dict(parsed.state.groupdict)
        flags |= parsed.state.flags
        groups = parsed.state.groups - 1
        return (flags, code, groups, groupindex, _digest(key, flags, code, groups, groupindex))
    except Exception:  # re's internals differ: nothing is stored
        return None


def compile_pattern(source: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(source, flags)`, from the cache when an earlier run compiled it."""
    flags = int(flags)
    key = _key(source, flags)
    entries = _STORE.load()
    _STORE.used.add(key)
    stored = entries.get(key)
    if stored is not None:
        pattern = _rebuild(key, source, stored)
        if pattern is not None:
            return pattern
    entry = _entry(key, source, flags)
    pattern = None if entry is None else _rebuild(key, source, entry)
    if entry is None or pattern is None:
        return re.compile(source, flags)
    entries[key] = entry
    _STORE.added = True
    return pattern
