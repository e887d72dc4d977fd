"""Two groups that one link joins, whose words barely meet: a chain, not one story.

Grouping joins the strongest links first, and one link is enough to join two groups. Two
events of one kind (two rehab stays of one actress, two raids by one navy) share a name, a
place and a few words: one pair of their reports links, and the groups merge although the
rest of their reports neither link nor read alike. Two groups of two or more reports are
one story when many of their reports link across, or when their reports read about as alike
across the groups as within them; when neither holds, the one link is a chain.

How alike reports read is the mean cosine of their word vectors (the whole story of an
undated report, the lead of a dated one, as grouping compares them); for unit vectors the
mean over all pairs follows from the groups' vector sums, so no pair is compared one by one.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

# The groups are apart when fewer than this share of the pairs across them link...
LINKED_SHARE = 0.5
# ... and their reports read less than this share as alike across the groups as within the
# looser of them. Set on all corpora together (clusters F1 at 0.4 / 0.5 / 0.6 / 0.7: ecb-dev
# 0.825 / 0.828 / 0.829 / 0.825, gva-dev 0.9528 / 0.9532 / 0.9532 / 0.9532, pages-dev 0.974
# up to 0.6, 0.957 at 0.7); benchmarks/loco.py chooses 0.5 whichever corpus is left out.
ALIKE_SHARE = 0.5


class GroupWords:
    """The vector sums of groups of reports, for how alike their reports read."""

    def __init__(self, vectors: Sequence[Mapping[str, float]]) -> None:
        self._vectors = vectors
        self._sums: dict[int, tuple[dict[str, float], float]] = {}

    def apart(
        self,
        one: int,
        one_members: Collection[int],
        other: int,
        other_members: Collection[int],
        links: int,
    ) -> bool:
        """Whether two groups (each by its root and members) that `links` pairs across
        join are two stories: few links, and reports less alike across than within."""
        if len(one_members) < 2 or len(other_members) < 2:
            return False
        if links >= LINKED_SHARE * len(one_members) * len(other_members):
            return False
        sum_one, self_one = self._sum(one, one_members)
        sum_other, self_other = self._sum(other, other_members)
        within = min(
            _mean_within(sum_one, self_one, len(one_members)),
            _mean_within(sum_other, self_other, len(other_members)),
        )
        if len(sum_one) > len(sum_other):
            sum_one, sum_other = sum_other, sum_one
        across = sum(v * sum_other.get(w, 0.0) for w, v in sum_one.items())
        across /= len(one_members) * len(other_members)
        return across < ALIKE_SHARE * within

    def merged(self, kept: int, gone: int) -> None:
        """Two groups are one now, under the root `kept`: their sums are summed when known."""
        one, other = self._sums.pop(kept, None), self._sums.pop(gone, None)
        if one is None or other is None:
            return
        (sum_one, self_one), (sum_other, self_other) = sorted(
            (one, other), key=lambda s: -len(s[0])
        )
        for word, value in sum_other.items():
            sum_one[word] = sum_one.get(word, 0.0) + value
        self._sums[kept] = (sum_one, self_one + self_other)

    def _sum(self, root: int, members: Collection[int]) -> tuple[dict[str, float], float]:
        """A group's vector sum and the sum of its vectors' squared lengths."""
        found = self._sums.get(root)
        if found is None:
            total: dict[str, float] = {}
            squares = 0.0
            for i in members:
                vector = self._vectors[i]
                for word in vector:
                    value = vector[word]
                    total[word] = total.get(word, 0.0) + value
                    squares += value * value
            found = self._sums[root] = (total, squares)
        return found


def _mean_within(total: Mapping[str, float], squares: float, size: int) -> float:
    """The mean cosine of a group's pairs of reports, from the sum of its unit vectors: the
    sum's squared length is the reports' own squares plus twice every pair's cosine."""
    pairs = size * (size - 1) / 2
    return (sum(v * v for v in total.values()) - squares) / 2 / pairs
