"""The store keeps each article's extraction: a batch extracts only new or changed articles."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from discrepancy import engine as parallel
from discrepancy.batches import check_batch
from discrepancy.models import Article, Claim, Kind, Report
from discrepancy.pipeline import Settings, run_articles
from discrepancy.read.files import read_inputs
from discrepancy.report.json_report import to_dict
from discrepancy.store import extractions
from discrepancy.store.extractions import (
    StoredExtractions,
    article_digest,
    decode_claims,
    decode_profile,
    encode_claims,
    encode_profile,
)
from discrepancy.store.sqlite import open_store

FIXTURES = Path(__file__).parents[1] / "fixtures"


def read(*folders: str) -> list[Article]:
    """The articles of fixture folders, in order."""
    articles, skipped = read_inputs([str(FIXTURES / f) for f in folders])
    assert skipped == []
    return articles


def four_batches() -> list[list[Article]]:
    """Two drone strikes, a market bombing and a bus station shooting, told over 4 batches;
    the last brings a new version of an article the first stored."""
    stories = read("articles")
    first = stories[0]
    revised = dataclasses.replace(first, text=first.text.replace("two", "four", 1))
    assert revised.text != first.text
    return [
        stories[:3],
        [*read("ci/part1"), stories[3]],
        [*read("ci/part2"), *stories[4:]],
        [*read("ci/later"), revised],
    ]


def without_tool(report: Report) -> dict[str, Any]:
    data = to_dict(report)
    data.pop("generated_by")
    return data


@pytest.fixture
def extracted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Ids of the articles a run extracts (rather than takes from the store)."""
    seen: list[str] = []
    real = parallel._extract_one

    def recording(index: int, article: Article) -> Any:
        seen.append(article.id)
        return real(index, article)

    monkeypatch.setattr(parallel, "_extract_one", recording)
    return seen


def test_four_batches_extract_only_what_is_new_and_equal_a_full_run(
    tmp_path: Path, extracted: list[str]
) -> None:
    batches = four_batches()
    with (
        open_store(tmp_path / "reused.sqlite") as reused,
        open_store(tmp_path / "full.sqlite") as full,
    ):
        for number, batch in enumerate(batches, 1):
            extracted.clear()
            incremental = check_batch(reused, batch)
            assert sorted(extracted) == sorted({*incremental.added, *incremental.replaced})
            everything = check_batch(full, batch, reuse_extractions=False)
            assert without_tool(incremental.report) == without_tool(everything.report), number
        assert incremental.replaced == (batches[0][0].id,)
        stored = reused.articles()
    assert without_tool(incremental.report) == without_tool(run_articles(stored))
    assert incremental.report.discrepancies


def test_a_new_extractor_version_extracts_again_lazily(
    tmp_path: Path, extracted: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second, *_ = four_batches()
    with open_store(tmp_path / "news.sqlite") as store:
        check_batch(store, first)
        monkeypatch.setattr(extractions, "extractor_version", lambda: "test-next")
        extracted.clear()
        batch = check_batch(store, second)
        # Every stored article was extracted again under the new version, once.
        assert sorted(extracted) == sorted(a.id for a in [*first, *second])
        stored = store.articles()
    assert without_tool(batch.report) == without_tool(run_articles(stored))
    versions = sqlite3.connect(tmp_path / "news.sqlite").execute(
        "SELECT DISTINCT version FROM extractions"
    )
    assert [v for (v,) in versions] == ["test-next"]
    extracted.clear()
    with open_store(tmp_path / "news.sqlite") as store:
        check_batch(store, second)
    assert extracted == []


def test_pool_takes_stored_extractions_too(tmp_path: Path, extracted: list[str]) -> None:
    first, second, *_ = four_batches()
    with open_store(tmp_path / "news.sqlite") as store:
        check_batch(store, first)
        extracted.clear()
        batch = check_batch(store, second, settings=Settings(jobs=2))
        # Extracted in the pool's processes, not here; none of the stored ones again.
        assert extracted == []
        stored = store.articles()
        again = check_batch(store, second, settings=Settings(jobs=2))
    assert without_tool(batch.report) == without_tool(run_articles(stored))
    assert without_tool(again.report) == without_tool(batch.report)


class _Counting:
    """A cache over a dict, counting what it hands out."""

    def __init__(self) -> None:
        self.kept: dict[str, Any] = {}
        self.taken = 0

    def get(self, index: int, article: Article) -> Any:
        found = self.kept.get(article.id)
        if found is None:
            return None
        self.taken += 1
        return dataclasses.replace(found[0], index=index), found[1]

    def put(self, article: Article, extracted: Any) -> None:
        self.kept[article.id] = extracted

    def failure(self, article: Article) -> str | None:
        return None

    def put_failure(self, article: Article, reason: str) -> None:
        raise AssertionError(f"{article.id} failed: {reason}")


def test_extract_and_scope_numbers_cached_profiles_by_their_place_in_the_run() -> None:
    articles = read("articles")
    cache = _Counting()
    parallel.extract_and_scope(articles[:3], parallel.IN_PROCESS, cache=cache)
    assert set(cache.kept) == {a.id for a in articles[:3]}
    order = [articles[4], articles[2], articles[3], articles[0]]
    profiles, scoped = parallel.extract_and_scope(order, parallel.IN_PROCESS, cache=cache)
    assert cache.taken == 2
    assert [p.index for p in profiles] == [0, 1, 2, 3]
    assert [p.article_id for p in profiles] == [a.id for a in order]
    plain_profiles, plain_scoped = parallel.extract_and_scope(order, parallel.IN_PROCESS)
    assert (profiles, scoped) == (plain_profiles, plain_scoped)


# -- what is stored ----------------------------------------------------------------------------


def test_claims_and_profiles_come_back_equal_with_their_types() -> None:
    shared = "Four guards were killed and at least nine wounded near Varnholt on 3 May."
    claims = [
        Claim("a1", Kind.KILLED, "Four", 0, 4, shared, low=4, high=4, attribution="officials"),
        Claim("a1", Kind.WOUNDED, "at least nine", 30, 43, shared, low=9.0, high=math.inf),
        Claim("a1", Kind.WOUNDED, "three", 5, 10, "Three were hurt.", derived=True, low=3.0,
              high=3.0, scope="bg|2024-05-01|Varnholt", event_date=dt.date(2024, 5, 1),
              event_place="Varnholt"),
        Claim("a1", Kind.DATE, "3 May", 60, 65, shared, normalized="2024-05-03", precision="day"),
    ]  # fmt: skip
    back = decode_claims(encode_claims(claims))
    assert back == claims
    assert [type(c.low) for c in back] == [int, float, float, type(None)]
    assert isinstance(back[0].kind, Kind) and back[2].event_date == dt.date(2024, 5, 1)
    # The sentence the first, second and fourth claims share is stored once.
    assert encode_claims(claims).count("Varnholt on 3 May") == 1

    articles = read("articles")
    # An undated report keeps its whole story's words: they come back too.
    articles.append(dataclasses.replace(articles[0], id="undated", published=None))
    profiles, _ = parallel.extract_and_scope(articles, parallel.IN_PROCESS)
    assert profiles[-1].story_words
    for profile in profiles:
        again = decode_profile(encode_profile(profile), profile.index + 7)
        assert again == dataclasses.replace(profile, index=profile.index + 7)
        assert isinstance(again.countries, frozenset) and isinstance(again.people, tuple)


def test_a_changed_article_or_version_is_not_taken_from_the_store() -> None:
    article = read("articles")[0]
    profiles, scoped = parallel.extract_and_scope([article], parallel.IN_PROCESS)
    rows: dict[tuple[str, str], tuple[str, str, str]] = {}
    writer = StoredExtractions(lambda a, v: rows.get((a, v)), "v1")
    writer.put(article, (profiles[0], scoped[0]))
    for article_id, digest, version, claims, profile in writer.rows():
        rows[(article_id, version)] = (digest, claims, profile)
    assert StoredExtractions(lambda a, v: rows.get((a, v)), "v1").get(3, article) is not None
    assert StoredExtractions(lambda a, v: rows.get((a, v)), "v2").get(3, article) is None
    retitled = dataclasses.replace(article, title="Another headline")
    assert article_digest(retitled) != article_digest(article)
    assert StoredExtractions(lambda a, v: rows.get((a, v)), "v1").get(3, retitled) is None


def test_extractor_version_follows_the_extracting_code() -> None:
    version = extractions.extractor_version()
    assert version.startswith(f"{extractions.EXTRACTOR_VERSION}-")
    assert version == extractions.extractor_version()
