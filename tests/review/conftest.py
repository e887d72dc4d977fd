"""Fixtures of the review server's tests: a store of two incidents, copied for each test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def template_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A review store of the Basra and Mogadishu articles, made once; tests work on copies."""
    from tests.review.test_serve import BASRA, MOGADISHU, make_store

    return make_store(tmp_path_factory.mktemp("template"), BASRA, MOGADISHU)


@pytest.fixture
def db(template_store: Path, tmp_path: Path) -> Path:
    """A copy of the template store for one test."""
    target = tmp_path / "team.sqlite"
    shutil.copyfile(template_store, target)
    return target
