"""ingest.fix_text gives exactly what ftfy.fix_text gives with the same configuration."""

from __future__ import annotations

import itertools

import ftfy
import pytest
from ftfy.badness import is_bad
from ftfy.chardata import CONTROL_CHARS

from discrepancy.read.encoding import CLEAN_PUNCTUATION, fix_text, ftfy_config

_FTFY_CONFIG = ftfy_config()

TEXTS = [
    "",
    "plain ASCII line\nand another\n",
    "no newline at the end",
    "The mayorâ€™s office said\nTwo people were shot.\n",  # mojibake on one line
    "Smith &amp; Sons\nclean line\n",  # an entity
    "<p>Tom &amp; Jerry</p>\nlater &amp; after a tag\n",  # "<" stops unescaping for good
    "first &amp; line\n<b>tag</b>\nthen &lt;entity&gt;\n",
    "control\x07char\nescape \x1b[31mred\x1b[0m\nform\x0cfeed\ttab\r\n",
    "curly “quotes” and — dashes…\nCafÃ© du Monde\n",
    "\n\n\nblank lines\n\n",
    "a" * 50 + "\n" + "Ã©" * 20,
    "lone surrogate \ud83d here\n",
    "BOM \ufeff and C1 \x85 controls\n",
]


@pytest.mark.parametrize("text", TEXTS)
def test_same_as_ftfy(text: str) -> None:
    assert fix_text(text) == ftfy.fix_text(text, config=_FTFY_CONFIG)


def test_long_segments_split_as_ftfy_splits_them(monkeypatch: pytest.MonkeyPatch) -> None:
    config = _FTFY_CONFIG._replace(max_decode_length=7)
    text = "abcdefghijklmnop&amp;qrstuvwxyzâ€™s\nshort\n"
    import discrepancy.read.encoding as ingest

    monkeypatch.setattr(ingest, "ftfy_config", lambda: config)
    assert fix_text(text) == ftfy.fix_text(text, config=config)


def test_same_as_ftfy_on_every_character_a_line_may_hold() -> None:
    # Each character below 0x3000 (and a few above) alone and next to letters, on its own
    # line and after a mojibake-free ASCII line.
    chars = [chr(c) for c in range(0x3000)] + ["\ufeff", "\ufff9", "\ufffc", "\uff21", "\ufb01"]
    for char in chars:
        for text in (char, f"ab{char}cd\n", f"x\n{char}{char}y", f"Ã{char}\n"):
            assert fix_text(text) == ftfy.fix_text(text, config=_FTFY_CONFIG), repr(text)


def test_clean_punctuation_is_never_mojibake_to_ftfy() -> None:
    # fix_text leaves a text of ASCII and this punctuation alone without asking ftfy: every
    # string of up to four of these characters (ftfy's mojibake patterns made only of them
    # and ASCII are no longer) must be one ftfy finds nothing in.
    assert not any(ord(c) in CONTROL_CHARS or 0x80 <= ord(c) <= 0x9F for c in CLEAN_PUNCTUATION)
    alphabet = [*CLEAN_PUNCTUATION, "a", "Z", "1", "_", " ", ".", "!", "\t", "\x0c", "\r"]
    for size in range(1, 5):
        for chars in itertools.product(alphabet, repeat=size):
            text = "".join(chars)
            assert not is_bad(text), repr(text)


@pytest.mark.parametrize(
    "text",
    [
        "He said: “Two people were killed” – a ‘grim’ day…\n\nNo\xa0one else was hurt.\r\n",
        "tab\tand form\x0cfeed, quotes ' \" and <b>tags</b> (no entities)\n",
    ],
)
def test_clean_text_comes_back_as_it_is(text: str) -> None:
    assert fix_text(text) == text == ftfy.fix_text(text, config=_FTFY_CONFIG)
