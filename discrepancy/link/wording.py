"""What grouping reads of an article's wording: its words as TF-IDF vectors, and how alike."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from discrepancy.link.profile import Profile


def document_frequencies(profiles: Sequence[Profile]) -> Counter[str]:
    """In how many articles each lead or headline word is."""
    df: Counter[str] = Counter()
    for p in profiles:
        df.update(p.words.keys())
    return df


def weights(profiles: Sequence[Profile], df: Counter[str]) -> list[dict[str, float]]:
    """Each article's lead and headline words as a unit TF-IDF vector."""
    weigh = _TfIdf(df, len(profiles))
    return [weigh(p.words) for p in profiles]


class _TfIdf:
    """Words' unit vectors: log counts weighted by how rare each word is in the batch. Each
    word's and each count's logarithm is taken once per batch, not once per article: the
    same floats, a third of the work."""

    def __init__(self, df: Counter[str], batch: int) -> None:
        total = batch + 1
        self._idf = {w: math.log(total / n) for w, n in df.items()}
        self._tf: dict[int, float] = {}

    def __call__(self, words: dict[str, int]) -> dict[str, float]:
        tf, idf = self._tf, self._idf
        vector = {}
        for w, n in words.items():
            if n not in tf:
                tf[n] = 1 + math.log(n)
            vector[w] = tf[n] * idf[w]
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {w: v / norm for w, v in vector.items()}


def story_vectors(profiles: Sequence[Profile]) -> dict[int, dict[str, float]]:
    """The whole-story vectors of the undated reports, by index."""
    df: Counter[str] = Counter()
    for p in profiles:
        if p.story_words is not None:
            df.update(p.story_words.keys())
    weigh = _TfIdf(df, len(profiles))
    return {p.index: weigh(p.story_words) for p in profiles if p.story_words is not None}


def containment(short: dict[str, float], other: dict[str, float]) -> float:
    """The share of a short text's weight in words the other text has too."""
    total = sum(short.values())
    return sum(v for w, v in short.items() if w in other) / total if total else 0.0


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """The cosine of two unit vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())
