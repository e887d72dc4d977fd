"""Patterns rebuilt from the cache are the ones re.compile makes, and a bad cache is no harm."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import discrepancy
from discrepancy.extract import compiled
from discrepancy.extract.caseless import Caseless, Deferred


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> compiled._Store:
    monkeypatch.setenv("DISCREPANCY_CACHE_DIR", str(tmp_path))
    fresh = compiled._Store()
    monkeypatch.setattr(compiled, "_STORE", fresh)
    return fresh


def _package_patterns() -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []
    for info in pkgutil.walk_packages(discrepancy.__path__, "discrepancy."):
        if info.name.endswith(("__main__", "review.run")):
            continue
        for value in vars(importlib.import_module(info.name)).values():
            if isinstance(value, Caseless):
                found += [(value._source, 0), (value._source, int(re.IGNORECASE))]
            elif isinstance(value, Deferred):
                found.append((value._source, value._flags))
    return found


def test_every_pattern_of_the_package_is_rebuilt_as_re_compiles_it(
    store: compiled._Store,
) -> None:
    patterns = _package_patterns()
    assert len(patterns) > 100
    # First run: compiled and kept; a later run (a new store reading the file): rebuilt.
    first = [compiled.compile_pattern(source, flags) for source, flags in patterns]
    store.save()
    assert store.path() is not None and store.path().exists()  # type: ignore[union-attr]
    later = compiled._Store()
    compiled._STORE = later
    rebuilt = [compiled.compile_pattern(source, flags) for source, flags in patterns]
    assert not later.added  # every one came from the file
    for (source, flags), one, two in zip(patterns, first, rebuilt, strict=True):
        expected = re.compile(source, flags)
        # Pattern equality compares the flags, the source and the compiled code.
        assert one == expected and two == expected, source[:80]
        assert (two.groups, two.groupindex) == (expected.groups, expected.groupindex)


def test_rebuilt_pattern_matches_as_the_compiled_one(store: compiled._Store) -> None:
    source = r"\b(?P<count>\d+|two)\s+(?:people\s+)?(?P<verb>killed|wounded)\b"
    compiled.compile_pattern(source, re.IGNORECASE)
    store.save()
    compiled._STORE = compiled._Store()
    pattern = compiled.compile_pattern(source, re.IGNORECASE)
    found = pattern.search("Police said Two people KILLED.")
    assert found is not None and found.group("count", "verb") == ("Two", "KILLED")


@pytest.mark.parametrize("content", [b"", b"{not marshal", b"N", b"\x00" * 40])
def test_damaged_cache_compiles_again(store: compiled._Store, content: bytes) -> None:
    path = store.path()
    assert path is not None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    assert compiled.compile_pattern(r"a(?P<b>b)c", 0) == re.compile(r"a(?P<b>b)c")


def test_damaged_entry_compiles_again(store: compiled._Store) -> None:
    source = r"(?P<word>\w+) (?P=word)"
    key = compiled._key(source, 0)
    compiled.compile_pattern(source)
    flags, code, groups, names, check = store.load()[key]
    # Code of another pattern (well formed: _sre would take it), or the same code damaged.
    other = compiled._entry(key, r"\w+ \w+", 0)
    assert other is not None
    for damaged in (
        (flags, other[1], groups, names, check),
        (flags, code[:-1], groups, names, check),
    ):
        store.load()[key] = damaged
        assert compiled.compile_pattern(source) == re.compile(source)


def test_unwritable_cache_still_compiles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("DISCREPANCY_CACHE_DIR", str(blocker / "sub"))
    fresh = compiled._Store()
    monkeypatch.setattr(compiled, "_STORE", fresh)
    assert compiled.compile_pattern("x+y") == re.compile("x+y")
    fresh.save()  # cannot write: nothing raised


def test_invalid_pattern_raises_as_re_does(store: compiled._Store) -> None:
    with pytest.raises(re.error):
        compiled.compile_pattern("(unclosed")
