"""First names from a name list, to tell a person's name from a place or a body."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


# data/given_names.txt (its header says where it comes from and how it was filtered) holds
# about 18,000 first names from Europe, Ukraine, Russia, the Arab world, Iran and South Asia.
@lru_cache(maxsize=1)
def _names() -> frozenset[str]:
    text = resources.files("discrepancy.extract").joinpath("data/given_names.txt")
    lines = text.read_text("utf-8").splitlines()
    return frozenset(line for line in lines if line and not line.startswith("#"))


def is_given_name(word: str) -> bool:
    """Is the word a first name the list knows ("Vassili", "Mariana"), not a plain word?"""
    return word.lower().strip(".,") in _names()
