"""What grouping weighs a batch by: word weights over the batch, and the pairs worth scoring."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence

from discrepancy.extract.names import split_name
from discrepancy.link.profile import Profile

# A key shared by more articles than this is too common to propose a pair (a city, a word).
_MAX_BLOCK = 60
# The words of an article's lead that propose pairs: its rarest ones.
_TOP_WORDS = 8
# A name or street shared by more articles than this is boilerplate, not evidence.
MAX_SHARED = 6
# A death toll few shootings have: two reports stating it are one shooting whatever days
# their leads give (a vigil, a timeline, an inquiry days later).
MASS_TOLL = 3


def document_frequencies(profiles: Sequence[Profile]) -> Counter[str]:
    """In how many articles each lead or headline word is."""
    df: Counter[str] = Counter()
    for p in profiles:
        df.update(p.words.keys())
    return df


def weights(profiles: Sequence[Profile], df: Counter[str]) -> list[dict[str, float]]:
    """Each article's TF-IDF vector of its lead and headline words, of length one."""
    total = len(profiles) + 1
    # Each word's and each count's logarithm once, not once per article: the same floats.
    idf = {w: math.log(total / n) for w, n in df.items()}
    tf: dict[int, float] = {}
    vectors = []
    for p in profiles:
        vector = {}
        for w, n in p.words.items():
            if n not in tf:
                tf[n] = 1 + math.log(n)
            vector[w] = tf[n] * idf[w]
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors.append({w: v / norm for w, v in vector.items()})
    return vectors


def containment(short: dict[str, float], other: dict[str, float]) -> float:
    """The share of a short text's weight in words the other text has too."""
    total = sum(short.values())
    return sum(v for w, v in short.items() if w in other) / total if total else 0.0


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def candidate_pairs(
    profiles: Sequence[Profile], vectors: Sequence[dict[str, float]]
) -> set[tuple[int, int]]:
    """Pairs sharing a rare key (a name, a place, a distinctive word): blocking, not all pairs."""
    index: dict[str, list[int]] = defaultdict(list)
    for p, vector in zip(profiles, vectors, strict=True):
        # An official both quote proposes a pair too; the score weighs him by time apart.
        keys = {f"p:{split_name(n).family or n}".lower() for n in p.people}
        keys |= {f"a:{a}" for a in p.areas}
        keys |= {f"o:{o}" for o in p.organizations}
        keys |= {f"b:{b}" for b in p.blocks}
        # A death toll few incidents have ("nine killed") proposes the reports stating it.
        keys |= {f"k:{k}" for k in p.killed if k >= MASS_TOLL}
        if p.city:
            keys.add(f"c:{p.city}")
            if p.published_ordinal is not None:
                # A big city has too many articles for one block; its weeks do not.
                week = p.published_ordinal // 7
                keys |= {f"cw:{p.city}:{week}", f"cw:{p.city}:{week + 1}"}
        top = sorted(vector.items(), key=lambda kv: -kv[1])[:_TOP_WORDS]
        keys |= {f"w:{w}" for w, _ in top}
        for key in keys:
            index[key].append(p.index)
    pairs: set[tuple[int, int]] = set()
    for key, members in index.items():
        # An address many reports give is no evidence (a busy corner, or generated text); the
        # limit does not grow with the batch, as the pairs a key makes grow with its square.
        if len(members) > (MAX_SHARED if key.startswith("b:") else _MAX_BLOCK):
            continue
        for i, first in enumerate(members):
            for second in members[i + 1 :]:
                pairs.add((first, second) if first < second else (second, first))
    # A page with only its headline shares few words with a full report, and rarely the
    # report's top ones: it meets every report that has one of its rarer words.
    short_words = {w for p in profiles if p.headline_only for w in p.words}
    having: dict[str, list[int]] = defaultdict(list)
    for p in profiles:
        for word in p.words.keys() & short_words:
            having[word].append(p.index)
    for p in profiles:
        if p.headline_only:
            for word in p.words:
                others = having[word]
                if len(others) <= _MAX_BLOCK:
                    pairs.update((min(p.index, o), max(p.index, o)) for o in others if o != p.index)
    return pairs
