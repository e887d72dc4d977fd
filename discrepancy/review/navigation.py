"""Moving through the review queue: the item after a decision, the neighbours of an item."""

from __future__ import annotations

from collections.abc import Sequence

from discrepancy.review.data import Filters, Item, State


def next_after(state: State, filters: Filters, fingerprint: str) -> Item | None:
    """The queue item after this discrepancy (by report order), wrapping round; None if empty."""
    queue = [item for item in state.queue(filters) if item.fingerprint != fingerprint]
    if not queue:
        return None
    here = state.snapshot.order.get(fingerprint, -1)
    later = [item for item in queue if state.snapshot.order[item.fingerprint] > here]
    return (later or queue)[0]


def neighbours(queue: Sequence[Item], fingerprint: str) -> tuple[Item | None, Item | None, int]:
    """The items before and after one in a queue, and its 1-based position (0 if not in it)."""
    for index, item in enumerate(queue):
        if item.fingerprint == fingerprint:
            before = queue[index - 1] if index > 0 else None
            after = queue[index + 1] if index + 1 < len(queue) else None
            return before, after, index + 1
    return None, (queue[0] if queue else None), 0
