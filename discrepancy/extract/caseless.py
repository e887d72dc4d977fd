"""Case-insensitive patterns run as case-sensitive ones on lower-cased text, which is faster;
large patterns compiled on first use."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from functools import cached_property, lru_cache

from discrepancy.extract.compiled import compile_pattern

# `re` tries IGNORECASE literals without its quick first-character test, so a long word
# alternation costs several times more than on lower-cased text.  The two agree on text made
# of ASCII and general punctuation (’ “ — …): its lower-casing keeps every offset and re
# folds none of its characters in any other way.  Other text takes the IGNORECASE pattern.
_FOLD_UNSAFE = re.compile(r"[^\x00-\x7f\u2000-\u206f]")
_ESCAPE = re.compile(r"\\.|\(\?P[<=]")


# Each extractor folds the same sentence again: a few recent ones are kept.
@lru_cache(maxsize=64)
def fold_case(text: str) -> str | None:
    """`text` lower-cased, or None where that could change what a pattern matches."""
    if text.isascii() or not _FOLD_UNSAFE.search(text):
        return text.lower()
    return None


class Caseless:
    """A case-insensitive pattern; matches come from the original text, as re.IGNORECASE's."""

    def __init__(
        self, pattern: str, needs: tuple[str, ...] = (), last_words: int | None = None
    ) -> None:
        # The lower-cased text has no capitals to match: the pattern must spell none.
        if re.search(r"[A-Z]", _ESCAPE.sub("", pattern)):
            raise ValueError(f"pattern with capital letters: {pattern[:60]!r}")
        self._source = pattern
        self._needed = needs
        # A pattern that ends the text (`$`) and spans at most `last_words` words is searched
        # in the text's last words only: run on the words before each count of a long
        # sentence, it would otherwise try every position of the sentence again per count.
        self._last_words = last_words

    # Both forms are compiled on first use: compiling every pattern of the package at import
    # was most of a one-article check's start-up, and many patterns never run in a batch;
    # and from the compiled form an earlier run kept (compiled.py).
    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The IGNORECASE pattern, for text lower-casing could change."""
        return compile_pattern(self._source, re.IGNORECASE)

    @cached_property
    def _lower(self) -> re.Pattern[str]:
        return compile_pattern(self._source)

    @cached_property
    def _needs(self) -> re.Pattern[str] | None:
        # Lower-case strings of which every match holds one: a cheap test that skips the
        # pattern on most sentences.
        return compile_pattern("|".join(map(re.escape, self._needed))) if self._needed else None

    def _absent(self, lowered: str) -> bool:
        return self._needs is not None and self._needs.search(lowered) is None

    def test(self, text: str, pos: int = 0) -> bool:
        """Does the pattern occur in `text[pos:]`?"""
        if self._last_words is not None:
            pos = max(pos, last_words_start(text, self._last_words))
        lowered = fold_case(text)
        if lowered is None:
            return self.pattern.search(text, pos) is not None
        return not self._absent(lowered) and self._lower.search(lowered, pos) is not None

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        """Like re.Pattern.search."""
        if self._last_words is not None:
            pos = max(pos, last_words_start(text, self._last_words))
        lowered = fold_case(text)
        if lowered is None:
            return self.pattern.search(text, pos)
        if self._absent(lowered):
            return None
        found = self._lower.search(lowered, pos)
        # Re-read at the same start: the same match, with the groups' original case.
        return None if found is None else self.pattern.match(text, found.start())

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Like re.Pattern.finditer."""
        lowered = fold_case(text)
        if lowered is None:
            yield from self.pattern.finditer(text)
            return
        if self._absent(lowered):
            return
        for found in self._lower.finditer(lowered):
            match = self.pattern.match(text, found.start())
            if match is not None:
                yield match


def last_words_start(text: str, words: int) -> int:
    """Where the last `words` words of `text` begin (white space before them included): a
    match that ends the text and spans at most that many words starts there or later."""
    # str.split and re's \s agree on what white space is (both Py_UNICODE_ISSPACE).
    head = text.rsplit(None, words)
    return len(head[0]) if len(head) > words else 0


class Deferred:
    """A re pattern compiled on first use (or rebuilt from an earlier run's, compiled.py): a
    one-article check compiles only the patterns its sentences reach, where compiling every
    pattern at import was most of its start-up."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = pattern
        self._flags = flags

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The compiled pattern."""
        return compile_pattern(self._source, self._flags)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """Like re.Pattern.search."""
        return self.pattern.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """Like re.Pattern.match."""
        return self.pattern.match(text, pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """Like re.Pattern.fullmatch."""
        return self.pattern.fullmatch(text, pos, endpos)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """Like re.Pattern.finditer."""
        return self.pattern.finditer(text)
