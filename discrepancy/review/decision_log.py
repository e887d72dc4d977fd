"""Review decisions read by index, each call on a connection of its own."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from discrepancy.store import decisions as store_decisions
from discrepancy.store.rows import Decision
from discrepancy.store.sqlite import Store


class DecisionLog:
    """Decisions read by index on a connection of their own (each call opens one)."""

    def __init__(self, connect: Callable[[], AbstractContextManager[tuple[Store, Any]]]) -> None:
        self._connect = connect

    def history(self, fingerprint: str, upto: int) -> list[Decision]:
        """Every decision about one discrepancy up to a decision id, newest first."""
        with self._connect() as (_, connection):
            return store_decisions.history(connection, fingerprint, upto)

    def one(self, number: int) -> Decision | None:
        """The decision with this id, if any."""
        with self._connect() as (_, connection):
            return store_decisions.one(connection, number)

    def since(self, after: int, upto: int) -> list[Decision]:
        """The decisions after one id up to another, newest first."""
        if after >= upto:
            return []
        with self._connect() as (_, connection):
            return store_decisions.since(connection, after, upto)

    def signing_key(self) -> bytes:
        """The key the server signs its cookies and forms with, kept in the store."""
        with self._connect() as (_, connection):
            return store_decisions.signing_key(connection)
