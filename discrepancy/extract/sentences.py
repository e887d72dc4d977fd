"""Sentence splitting with character offsets into the article text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from discrepancy.extract.lexicon import ABBREVIATIONS

# A sentence ends at . ! ? (optionally followed by closing quotes or brackets) and white space
# before something that can start a sentence; or at a line break.
# Scraped pages often lose the space after a period: "inside his own home.The situation".
# Runs of end marks, quotes and line breaks are taken whole (possessive quantifiers) and only
# from their first character (the look-behinds): a run of dots ("......" in a table of
# contents) would otherwise be tried again from each of its characters, quadratic in its length.
_BOUNDARY = re.compile(
    r"""(?<![.!?])[.!?]++["'”’)\]]*+(?=\s+["'“‘(\[]?[A-Z0-9])|(?<!\n)\n++"""
    r"""|(?<=[a-z]{2})[.!?]++["'”’]?(?=[A-Z][a-z])"""
)
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
# Text without sentence punctuation (scraped navigation, a transcript, one long list) is
# broken every so many characters, at the last space before the limit: every pattern runs
# per sentence, some per figure in it, so an unbounded sentence makes an article's cost grow
# with the square of its length. Real sentences are far shorter (the longest in the dev
# corpora are a few hundred characters); a break is only looked for in the limit's second half.
MAX_SENTENCE_CHARS = 1000
_MIN_BREAK = MAX_SENTENCE_CHARS // 2


# A video playlist's entry: its running time, then another story's title ("1:51 Man charged
# in ...", "1:47 'I miss him every day,' says ..."); a clock time ("1:45 a.m.") is not one.
_PLAYLIST_ENTRY = re.compile(r"\s*\d{1,2}:\d{2}\s+(?![aApP]\.?[mM]\b)[\"'‘“]?[A-Z]")


def is_playlist_entry(sentence: str) -> bool:
    """Is the sentence a related video's teaser line rather than the story's?"""
    return _PLAYLIST_ENTRY.match(sentence) is not None


@dataclass(frozen=True)
class Sentence:
    """A sentence and where it stands in the article text."""

    start: int
    end: int
    text: str


def _is_abbreviation(text: str, dot: int) -> bool:
    # Look only at the word just before the period: searching from the start of the text
    # would make splitting quadratic in the article's length.
    match = _WORD_BEFORE.search(text, max(0, dot - 24), dot)
    if not match:
        return False
    word = match.group(1).lower().rstrip(".")
    # Single initials ("J. Smith") and listed abbreviations keep the sentence going.
    return len(word) == 1 or word in ABBREVIATIONS


def split_sentences(text: str, start: int = 0) -> list[Sentence]:
    """Split `text[start:]` into sentences whose offsets index `text`."""
    sentences: list[Sentence] = []
    begin = start
    for match in _BOUNDARY.finditer(text, start):
        if match.group().startswith(".") and _is_abbreviation(text, match.start()):
            continue
        end = match.end() if not match.group().startswith("\n") else match.start()
        _append(sentences, text, begin, end)
        begin = match.end()
    _append(sentences, text, begin, len(text))
    return sentences


def _append(sentences: list[Sentence], text: str, begin: int, end: int) -> None:
    while end - begin > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", begin + _MIN_BREAK, begin + MAX_SENTENCE_CHARS)
        if cut < 0:
            cut = begin + MAX_SENTENCE_CHARS  # no space at all: a hard break
        _append_piece(sentences, text, begin, cut)
        begin = cut
    _append_piece(sentences, text, begin, end)


def _append_piece(sentences: list[Sentence], text: str, begin: int, end: int) -> None:
    # str.strip() drops exactly the characters str.isspace() calls white space.
    piece = text[begin:end]
    stripped = piece.strip()
    if stripped:
        begin += len(piece) - len(piece.lstrip())
        sentences.append(Sentence(begin, begin + len(stripped), stripped))
