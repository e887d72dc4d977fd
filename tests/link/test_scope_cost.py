"""What scoping costs, counted in pattern searches and characters searched, never in time."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from discrepancy.extract import caseless, extract
from discrepancy.link import scope
from discrepancy.link.scope import scope_claims
from discrepancy.models import Article, Kind

# Written for these tests: a transcript without sentence punctuation, so that the splitter's
# hard breaks cut it into long sentences of many figures each.
WORDS = (
    "three people were killed in Tarvel on Monday and four were wounded the mayor said "
    "two guards died at the gate while nine others were hurt in the market near the bridge "
    "officials said eleven shops burned and six people were taken to the Tarvel clinic "
)


def transcript(size: int) -> str:
    """`size` characters of the transcript, cut at a space."""
    text = WORDS * (size // len(WORDS) + 1)
    return text[: text.rfind(" ", 0, size)]


@contextmanager
def counted() -> Iterator[dict[str, int]]:
    """Count the searches of every case-insensitive pattern and the characters they were given."""
    seen = {"calls": 0, "chars": 0}
    original = caseless.Caseless.search

    def search(self: caseless.Caseless, text: str, pos: int = 0) -> Any:
        seen["calls"] += 1
        seen["chars"] += len(text) - pos
        return original(self, text, pos)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(caseless.Caseless, "search", search)
        yield seen


def test_a_sentence_is_read_once_for_all_its_counts_not_once_per_count() -> None:
    extraction = extract(Article("transcript", transcript(3000), title="Market attack"))
    counts = [c for c in extraction.claims if c.kind in (Kind.KILLED, Kind.WOUNDED)]
    sentences = {c.sentence for c in counts}
    assert len(counts) >= 3 * len(sentences)  # several counts a sentence
    history = scope._HISTORY_CUE
    calls: list[str] = []

    class Counting:
        def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
            calls.append(text)
            return history.search(text, pos)

    scope._no_incident.cache_clear()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(scope, "_HISTORY_CUE", Counting())
        scope_claims(extraction)
    assert len(calls) == len(sentences)


def test_scoping_searches_a_number_of_characters_linear_in_the_text() -> None:
    per_char = []
    for size in (20_000, 80_000):
        extraction = extract(Article("transcript", transcript(size)))
        scope._no_incident.cache_clear()
        scope._tells_other_shooting.cache_clear()
        scope._event_times.cache_clear()
        with counted() as seen:
            scope_claims(extraction)
        per_char.append(seen["chars"] / size)
    assert per_char[1] <= per_char[0] * 1.1, per_char
