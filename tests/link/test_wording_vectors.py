"""TF-IDF vectors computed on use give the very floats a stored dict of weights gave."""

from __future__ import annotations

import math

from discrepancy.link.wording import Vector, containment, cosine


def stored(words: dict[str, int], df: dict[str, int], total: int) -> dict[str, float]:
    """The weights as grouping once kept them: a dict of floats per article."""
    vector = {w: (1 + math.log(n)) * math.log(total / df[w]) for w, n in words.items()}
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {w: v / norm for w, v in vector.items()}


def test_vectors_match_stored_weights_bit_for_bit() -> None:
    leads = [
        {"gunman": 2, "opened": 1, "fire": 3, "outside": 1, "tavern": 2, "elgin": 1},
        {"fire": 1, "tavern": 1, "elgin": 2, "wounded": 4, "three": 1},
        {"market": 2, "blast": 1, "kirkuk": 3},
        {},
    ]
    df: dict[str, int] = {}
    for words in leads:
        for w in words:
            df[w] = df.get(w, 0) + 1
    total = len(leads) + 1
    idf = {w: math.log(total / n) for w, n in df.items()}
    vectors = [Vector(words, idf) for words in leads]
    dicts = [stored(words, df, total) for words in leads]
    for vector, plain in zip(vectors, dicts, strict=True):
        assert dict(vector.items()) == plain and list(vector) == list(plain)
    for i, a in enumerate(vectors):
        for j, b in enumerate(vectors):
            expected = sum(v * dicts[j].get(w, 0.0) for w, v in dicts[i].items())
            if len(dicts[i]) > len(dicts[j]):
                expected = sum(v * dicts[i].get(w, 0.0) for w, v in dicts[j].items())
            # The same float, not one close to it: grouping compares scores to a threshold.
            assert cosine(a, b) == expected and cosine(a, b).hex() == float(expected).hex()
            assert containment(a, b) == containment(dicts[i], dicts[j])
    assert cosine(vectors[0], vectors[2]) == 0.0 and "fire" in vectors[1]
