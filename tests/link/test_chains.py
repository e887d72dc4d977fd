"""Two groups one link joins, whose reports neither link nor read alike across, stay apart."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from discrepancy.extract import extract
from discrepancy.link import chains
from discrepancy.link.chains import GroupWords
from discrepancy.link.grouping import group_articles
from discrepancy.link.profile import Profile, profile
from discrepancy.link.scope import scope_claims
from discrepancy.models import Article

# Two mishaps at sea on one day; one report of each quotes the same harbour master.
TANKER = (
    "The tanker Orsolya Grand ran aground on a sandbank, and salvage crews began pumping "
    "crude from her forward tanks. Captain Ilse Varga said no oil had leaked.",
    "Salvage crews worked through the night to refloat the tanker Orsolya Grand, aground on "
    "the sandbank. Captain Ilse Varga told reporters the hull was intact and no crude had "
    "leaked.",
    "Tugs failed to pull the tanker Orsolya Grand off the sandbank where she ran aground. "
    "Captain Ilse Varga said pumping of crude would go on. Harbour master Tomas Keller said "
    "the coast was closed to boats.",
)
FERRY = (
    "Fire broke out in the engine room of the ferry Belavista as she carried her passengers, "
    "and lifeboats took everyone ashore. Chief engineer Rune Hallberg was treated for smoke.",
    "The passengers of the burning ferry Belavista were all taken ashore by lifeboats after "
    "fire broke out in the engine room. Chief engineer Rune Hallberg was treated in hospital "
    "for smoke.",
    "Lifeboats took the passengers of the ferry Belavista ashore after fire broke out in her "
    "engine room, and Rune Hallberg was treated for smoke. Harbour master Tomas Keller said "
    "the coast was closed to boats.",
)


def profiles(*texts: str) -> list[Profile]:
    found = []
    for index, text in enumerate(texts):
        article = Article(id=f"a{index}", text=text, published=dt.date(2025, 5, 6))
        extraction = extract(article)
        found.append(profile(index, extraction, scope_claims(extraction)))
    return found


def test_one_shared_official_does_not_chain_two_stories() -> None:
    found = profiles(*TANKER, *FERRY)
    assert sorted(map(sorted, group_articles(found))) == [[0, 1, 2], [3, 4, 5]]


def test_without_the_rule_the_one_link_chains_them(monkeypatch: pytest.MonkeyPatch) -> None:
    # The test above holds because of this rule: with no share of likeness asked, they chain.
    monkeypatch.setattr(chains, "ALIKE_SHARE", 0.0)
    found = profiles(*TANKER, *FERRY)
    assert sorted(map(sorted, group_articles(found))) == [[0, 1, 2, 3, 4, 5]]


def unit(**weights: float) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in weights.values()))
    return {w: v / norm for w, v in weights.items()}


def test_groups_reading_alike_across_are_one_story() -> None:
    # A follow-up pair says what the first pair says, in part: one link is enough.
    vectors = [
        unit(tanker=1, aground=1, crude=1),
        unit(tanker=1, aground=1, salvage=1),
        unit(tanker=1, crude=1, tugs=1),
        unit(tanker=1, aground=1, tugs=1),
    ]
    assert not GroupWords(vectors).apart(0, {0, 1}, 2, {2, 3}, links=1)


def test_groups_with_most_pairs_linked_are_one_story() -> None:
    vectors = [unit(tanker=1), unit(tanker=1), unit(ferry=1), unit(ferry=1)]
    words = GroupWords(vectors)
    assert words.apart(0, {0, 1}, 2, {2, 3}, links=1)
    assert not words.apart(0, {0, 1}, 2, {2, 3}, links=2)


def test_a_single_report_is_never_apart() -> None:
    vectors = [unit(tanker=1), unit(ferry=1), unit(ferry=1)]
    assert not GroupWords(vectors).apart(0, {0}, 1, {1, 2}, links=0)


def test_merged_sums_are_the_sums_of_the_members() -> None:
    vectors = [
        unit(tanker=1, aground=2),
        unit(tanker=2, crude=1),
        unit(ferry=1, fire=1),
        unit(ferry=1, tanker=1),
    ]
    merged = GroupWords(vectors)
    merged.apart(0, {0, 1}, 2, {2, 3}, links=0)  # computes and keeps the two groups' sums
    merged.merged(0, 2)
    total, squares = merged._sum(0, {0, 1, 2, 3})
    fresh_total, fresh_squares = GroupWords(vectors)._sum(0, {0, 1, 2, 3})
    assert total == pytest.approx(fresh_total)
    assert squares == pytest.approx(fresh_squares)


def test_mean_within_is_the_mean_cosine_of_the_pairs() -> None:
    vectors = [unit(tanker=1, aground=2), unit(tanker=2, crude=1), unit(aground=1, crude=1)]
    pairs = [(0, 1), (0, 2), (1, 2)]
    cosines = [sum(v * vectors[j].get(w, 0.0) for w, v in vectors[i].items()) for i, j in pairs]
    total, squares = GroupWords(vectors)._sum(0, {0, 1, 2})
    assert chains._mean_within(total, squares, 3) == pytest.approx(sum(cosines) / 3)
