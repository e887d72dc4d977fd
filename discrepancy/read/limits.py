"""Size limits of one article and one input line: work per article has a fixed ceiling."""

from __future__ import annotations

# An article longer than this (UTF-8 bytes) is cut here with a warning (`--max-article-bytes`):
# a news article is 2-20 kB; a megabyte is a whole scraped site, a log or a book, and every
# stage after reading costs time in proportion to it.
DEFAULT_MAX_ARTICLE_BYTES = 1_000_000
# A JSONL line or CSV record may be this many times an article's limit: JSON escapes
# ("\u0627" for one Arabic letter) take up to six bytes a character, and the row has fields
# besides the text. A longer line is skipped, naming the limit, without holding it in memory.
LINE_FACTOR = 16
LINE_SLACK = 1 << 20
# A cut is moved back to the last white space this close to the limit, so no word is split.
_CUT_WINDOW = 2000


def max_line_bytes(max_article_bytes: int) -> int:
    """The longest JSONL/CSV line read for articles of at most `max_article_bytes`."""
    return LINE_FACTOR * max_article_bytes + LINE_SLACK


def cut_bytes(data: bytes, limit: int) -> bytes:
    """The first `limit` bytes of UTF-8 data, never splitting a character or, near the end,
    a word."""
    if len(data) <= limit:
        return data
    cut = limit
    while cut > 0 and data[cut] & 0xC0 == 0x80:  # inside a multi-byte character
        cut -= 1
    space = max(data.rfind(b" ", max(0, cut - _CUT_WINDOW), cut),
                data.rfind(b"\n", max(0, cut - _CUT_WINDOW), cut))  # fmt: skip
    return data[: space if space > 0 else cut]


def cut_text(text: str, limit: int) -> str | None:
    """The text cut to `limit` UTF-8 bytes, or None when it is not longer than that."""
    if len(text) * 4 <= limit:
        return None  # cannot be over the limit: no character takes more than four bytes
    data = text.encode("utf-8", "surrogatepass")
    if len(data) <= limit:
        return None
    return cut_bytes(data, limit).decode("utf-8", "surrogatepass")


def truncated_warning(size: int, limit: int) -> str:
    """The warning an article cut at the limit carries."""
    return (
        f"article longer than {limit:,} bytes ({size:,}); only the first {limit:,} bytes "
        "were read (raise --max-article-bytes to read more)"
    )
