"""Cheap tests run before costly patterns: a sentence that fails one cannot hold their match.

Each gate is a necessary condition of the patterns it guards, never a heuristic: a sentence
the gate turns away gives no match of them, so skipping it changes no result. The comment of
each says why every match of its patterns holds what the gate looks for.
"""

from __future__ import annotations

import re
from typing import Any

from discrepancy.extract import lexicon
from discrepancy.extract.caseless import Caseless


def prefix_tree(words: set[str] | frozenset[str]) -> str:
    """A pattern matching the start of any of `words` (a space in one stands for white
    space), as a tree of their letters. Put in a look-ahead at the start of a pattern that
    opens with one of the words, it lets re reject a position after testing a letter or two,
    where the pattern's own alternatives (or a `\\b`, which keeps re from skipping ahead to a
    first letter) are tried one by one at every position."""
    tree: dict[str, dict[str, Any]] = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        if "" in node:
            return ""  # a shorter word is prefix enough: what follows need not be read
        parts = [
            (r"\s" if char == " " else re.escape(char)) + emit(child)
            for char, child in sorted(node.items())
        ]
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

    return emit(tree)


_UNITS = "|".join(sorted(lexicon.NUMBER_WORDS, key=len, reverse=True))
_VAGUE = "|".join(
    re.escape(w).replace(r"\ ", r"\s+")
    for w in sorted(lexicon.VAGUE_QUANTITIES, key=len, reverse=True)
)
# A count (numbers.count_pattern) holds a number or a vague quantity: digits, a number word
# ("two dozen" and "twenty-one" start with one), "a hundred", "a thousand", or a listed vague
# phrase. Every pattern puts a count after a word boundary or white space, so the count's
# first number word starts at one; a qualifier ("at least") is always followed by one of these.
COUNT_WORD = Caseless(rf"\d|\b(?:{_UNITS}|hundred|thousand|{_VAGUE})")
