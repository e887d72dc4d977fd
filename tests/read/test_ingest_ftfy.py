"""ingest.fix_text gives exactly what ftfy.fix_text gives with the same configuration."""

from __future__ import annotations

import ftfy
import pytest

from discrepancy.read.encoding import _FTFY_CONFIG, fix_text

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


def test_long_segments_split_as_ftfy_splits_them() -> None:
    config = _FTFY_CONFIG._replace(max_decode_length=7)
    text = "abcdefghijklmnop&amp;qrstuvwxyzâ€™s\nshort\n"
    import discrepancy.read.encoding as ingest

    saved = ingest._FTFY_CONFIG
    ingest._FTFY_CONFIG = config
    try:
        assert fix_text(text) == ftfy.fix_text(text, config=config)
    finally:
        ingest._FTFY_CONFIG = saved


def test_same_as_ftfy_on_every_character_a_line_may_hold() -> None:
    # Each character below 0x3000 (and a few above) alone and next to letters, on its own
    # line and after a mojibake-free ASCII line.
    chars = [chr(c) for c in range(0x3000)] + ["\ufeff", "\ufff9", "\ufffc", "\uff21", "\ufb01"]
    for char in chars:
        for text in (char, f"ab{char}cd\n", f"x\n{char}{char}y", f"Ã{char}\n"):
            assert fix_text(text) == ftfy.fix_text(text, config=_FTFY_CONFIG), repr(text)
