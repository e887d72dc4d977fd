"""Disjoint sets: the one union-find the stages use to join what rules say belongs together."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import Generic, TypeVar

T = TypeVar("T", bound=Hashable)


class DisjointSets(Generic[T]):
    """Items joined into groups; each group is named by one of its items."""

    def __init__(self, items: Iterable[T] = ()) -> None:
        self._parent: dict[T, T] = {item: item for item in items}

    def find(self, item: T) -> T:
        """The item naming the group `item` is in."""
        parent = self._parent.setdefault(item, item)
        while parent != item:
            grand = self._parent[parent]
            self._parent[item] = grand  # halve the path for the next look-up
            item, parent = parent, grand
        return item

    def union(self, first: T, second: T) -> None:
        """Join the groups of two items; the first item's group names the result."""
        root_first, root_second = self.find(first), self.find(second)
        if root_first != root_second:
            self._parent[root_second] = root_first
