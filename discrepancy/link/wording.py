"""What grouping reads of an article's wording: its words as TF-IDF vectors, and how alike."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence

from discrepancy.link.profile import Profile


class Vector(Mapping[str, float]):
    """Words' unit TF-IDF vector, each weight computed from its word count when read.

    Stored, the weights were a dict of floats per article as large as the profile itself
    (some 300 MB for 100k articles); a word's weight is its count's log-frequency times the
    batch's IDF over the norm, in that order, so every value has the same bits as before.
    """

    __slots__ = ("_idf", "_words", "norm")

    def __init__(self, words: Mapping[str, int], idf: Mapping[str, float]) -> None:
        self._words = words
        self._idf = idf
        raw = ((1 + math.log(n)) * idf[w] for w, n in words.items())
        self.norm = math.sqrt(sum(v * v for v in raw)) or 1.0

    def __getitem__(self, word: str) -> float:
        return (1 + math.log(self._words[word])) * self._idf[word] / self.norm

    def __contains__(self, word: object) -> bool:
        return word in self._words

    def __iter__(self) -> Iterator[str]:
        return iter(self._words)

    def __len__(self) -> int:
        return len(self._words)

    def dot(self, other: Vector) -> float:
        """The cosine of two vectors: the sum over this one's words, in its order, of the
        products of weights (a word the other lacks adds 0.0, which changes no sum)."""
        words, idf, norm = other._words, self._idf, self.norm
        other_norm = other.norm
        total = 0.0
        for word, n in self._words.items():
            m = words.get(word)
            if m is not None:
                weight = idf[word]
                total += ((1 + math.log(n)) * weight / norm) * (
                    (1 + math.log(m)) * weight / other_norm
                )
        return total


def document_frequencies(profiles: Sequence[Profile]) -> Counter[str]:
    """In how many articles each lead or headline word is."""
    return _frequencies(p.words for p in profiles)


def _frequencies(counts: Iterable[Mapping[str, int]]) -> Counter[str]:
    """In how many of these word counts each word is."""
    df: Counter[str] = Counter()
    for words in counts:
        df.update(words.keys())
    return df


def weights(profiles: Sequence[Profile], df: Counter[str]) -> list[Vector]:
    """Each article's lead and headline words as a unit TF-IDF vector."""
    idf = _idf(df, len(profiles))
    return [Vector(p.words, idf) for p in profiles]


def _idf(df: Counter[str], batch: int) -> dict[str, float]:
    """How rare each word is in the batch, as the weights' factor."""
    total = batch + 1
    return {w: math.log(total / n) for w, n in df.items()}


def story_vectors(profiles: Sequence[Profile]) -> dict[int, Vector]:
    """The whole-story vectors of the undated reports, by index."""
    df = _frequencies(p.story_words for p in profiles if p.story_words is not None)
    idf = _idf(df, len(profiles))
    return {p.index: Vector(p.story_words, idf) for p in profiles if p.story_words is not None}


def containment(short: Mapping[str, float], other: Mapping[str, float]) -> float:
    """The share of a short text's weight in words the other text has too."""
    total = sum(short.values())
    return sum(v for w, v in short.items() if w in other) / total if total else 0.0


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """The cosine of two unit vectors, summed over the shorter one's words."""
    if len(a) > len(b):
        a, b = b, a
    if isinstance(a, Vector) and isinstance(b, Vector):
        return a.dot(b)
    return sum(v * b.get(w, 0.0) for w, v in a.items())
