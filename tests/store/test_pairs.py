"""The store keeps each pair's evidence: a batch scores only pairs whose articles changed."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from discrepancy.batches import check_batch
from discrepancy.link.profile import Profile
from discrepancy.pipeline import run_articles
from discrepancy.store import pairs as stored_pairs
from discrepancy.store.pairs import StoredPairs
from discrepancy.store.sqlite import open_store
from tests.link.test_incidents import profiles
from tests.store.test_extractions import four_batches, read, without_tool


class Rows:
    """A store's pair rows in a dict."""

    def __init__(self) -> None:
        self.rows: dict[str, tuple[str, str]] = {}

    def read(self) -> list[tuple[str, str, str]]:
        return [(a, sig, partners) for a, (sig, partners) in self.rows.items()]

    def write(self, found: StoredPairs) -> list[str]:
        written = []
        for article, sig, partners in found.rows():
            self.rows[article] = (sig, partners)
            written.append(article)
        return written


def _cache(rows: Rows, found: list[Profile]) -> StoredPairs:
    cache = StoredPairs(rows.read, lambda article: f"digest of {article}", "v1")
    cache.start(found)
    return cache


def test_a_pair_is_taken_only_while_both_articles_are_as_stored() -> None:
    a, b, c = profiles(*read("articles")[:3])
    rows = Rows()
    first = _cache(rows, [a, b, c])
    for one, other, evidence in ((a, b, 1.25), (a, c, -100.0), (b, c, 0.1 + 0.2)):
        assert first.get(one, other) is None
        first.put(one, other, evidence)
    assert sorted(rows.write(first)) == ["01_wire_drone_strike", "02_courier_drone_strike",
                                         "03_gazette_drone_strike"]  # fmt: skip
    again = _cache(rows, [a, b, c])
    assert (again.get(a, b), again.get(a, c), again.get(b, c)) == (1.25, -100.0, 0.1 + 0.2)
    assert rows.write(again) == []
    # b's names are others now (the batch's boilerplate rule dropped one): its pairs are
    # scored again, and a's row no longer has the pair with c that blocking no longer makes.
    renamed = replace(b, people=(*b.people, "Jon Example"))
    changed = _cache(rows, [a, renamed, c])
    assert changed.get(a, renamed) is None and changed.get(renamed, c) is None
    changed.put(a, renamed, 2.0)
    changed.put(renamed, c, 0.5)
    assert sorted(rows.write(changed)) == ["01_wire_drone_strike", "02_courier_drone_strike"]
    later = _cache(rows, [a, renamed, c])
    assert (later.get(a, renamed), later.get(a, c), later.get(renamed, c)) == (2.0, None, 0.5)


def test_another_version_scores_every_pair_again() -> None:
    a, b = profiles(*read("articles")[:2])
    rows = Rows()
    first = _cache(rows, [a, b])
    first.put(a, b, 1.0)
    rows.write(first)
    other = StoredPairs(rows.read, lambda article: f"digest of {article}", "v2")
    other.start([a, b])
    assert other.get(a, b) is None


def test_four_batches_take_stored_pairs_and_equal_a_plain_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[StoredPairs] = []
    real = stored_pairs.StoredPairs.start

    def recording(self: StoredPairs, found: list[Profile]) -> None:
        made.append(self)
        real(self, found)

    monkeypatch.setattr(stored_pairs.StoredPairs, "start", recording)
    reused = 0
    with open_store(tmp_path / "news.sqlite") as store:
        for number, batch in enumerate(four_batches(), 1):
            made.clear()
            result = check_batch(store, batch)
            expected = without_tool(run_articles(store.articles()))
            assert without_tool(result.report) == expected, number
            # The first batch has nothing stored; a later one scores its own pairs.
            assert (made[-1].reused == 0) == (number == 1), number
            assert made[-1].computed > 0
            reused += made[-1].reused
    assert reused > 0


def test_rows_of_articles_a_run_left_out_are_dropped(tmp_path: Path) -> None:
    """An article a run leaves out (its extraction failed) may come back as it was, its
    partners changed meanwhile: its row, naming them as they were, must not be trusted."""
    with open_store(tmp_path / "news.sqlite") as store:
        store.save_pairs([("a", "sig a", '{"b": 1.0}'), ("b", "sig b", "{}")], ["a", "b"])
        store.save_pairs([("b", "sig b2", "{}")], ["b"])
        assert store.pair_rows() == [("b", "sig b2", "{}")]
