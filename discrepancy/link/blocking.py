"""Which pairs of articles grouping scores: those sharing a rare key (blocking, never all pairs)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from functools import lru_cache

from discrepancy.extract.names import fold, split_name
from discrepancy.link.profile import Profile

# A key shared by more articles than this is too common to propose a pair (a city, a word).
_MAX_BLOCK = 60
# The words of an article's lead that propose pairs: its rarest ones.
_TOP_WORDS = 8
# A batch with at most this many pairs has them all scored (about 200 articles): in a small
# batch, the words its reports share (the town, the market, the missile) are its common ones,
# not its rare ones, and blocking by rare keys would miss the pairs of its one story.
ALL_PAIRS = 20_000
# A name or street shared by more articles than this is boilerplate, not evidence.
MAX_SHARED = 6
# A death toll few shootings have: two reports stating it are one shooting whatever days
# their leads give (a vigil, a timeline, an inquiry days later).
MASS_TOLL = 3


def small_batch(count: int) -> bool:
    """Is a batch of this many articles small enough to score all its pairs?"""
    return count * (count - 1) // 2 <= ALL_PAIRS


def candidate_pairs(
    profiles: Sequence[Profile],
    vectors: Sequence[Mapping[str, float]],
    stories: Mapping[int, Mapping[str, float]] | None = None,
) -> set[tuple[int, int]]:
    """Pairs sharing a rare key (a name, a place, a distinctive word): blocking, not all pairs
    (but in a small batch, see ALL_PAIRS).

    `stories`: the whole-story vectors of undated reports, which grouping compares by them;
    their most distinctive words propose pairs as the lead's do.
    """
    count = len(profiles)
    if small_batch(count):
        return {(first, second) for first in range(count) for second in range(first + 1, count)}
    index: dict[str, list[int]] = defaultdict(list)
    for p, vector in zip(profiles, vectors, strict=True):
        # An official both quote proposes a pair too; the score weighs him by time apart.
        keys = {f"p:{split_name(n).family or n}".lower() for n in p.people}
        # A place's name in any transliteration ("Kiev", "Kyiv") proposes the pair.
        keys |= {f"a:{_folded(a)}" for a in p.areas}
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
        story = stories.get(p.index) if stories else None
        if story:
            top = sorted(story.items(), key=lambda kv: -kv[1])[:_TOP_WORDS]
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


@lru_cache(maxsize=65536)
def _folded(area: str) -> str:
    return " ".join(fold(w) for w in area.split())
