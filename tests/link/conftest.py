"""Fixtures for the grouping tests."""

from __future__ import annotations

import pytest

from discrepancy.link import blocking


@pytest.fixture
def large_batch_blocking(monkeypatch: pytest.MonkeyPatch) -> None:
    """Blocking as a large batch has it: a test's few reports would otherwise be paired all
    with all (`blocking.ALL_PAIRS`), and the keys under test would propose nothing."""
    monkeypatch.setattr(blocking, "ALL_PAIRS", 0)
