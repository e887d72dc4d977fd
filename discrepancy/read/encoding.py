"""Bytes to clean text: binary refused, invalid UTF-8 read as cp1252, mojibake repaired."""

from __future__ import annotations

import codecs
import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ftfy import TextFixerConfig

# Only a small sample is needed to tell text from binary data.
SAMPLE_BYTES = 8192
# Enough lines of a JSONL/CSV file to estimate its rows from its size within a few percent.
ESTIMATE_SAMPLE_BYTES = 1 << 20
# Tab, line feed, form feed, carriage return and escape (terminal colours) occur in text;
# other C0 controls and DEL are binary data when they make up more than this share.
_CONTROL_BYTES = bytes(sorted(set(range(32)) - {9, 10, 11, 12, 13, 27} | {127}))
_MAX_CONTROL_SHARE = 0.05
# cp1252 text has a few high bytes (accents, curly quotes); invalid UTF-8 that is mostly
# high bytes is binary data or an encoding we cannot guess.
_MAX_HIGH_SHARE = 0.3

WARN_CP1252 = "repaired invalid UTF-8 (read as cp1252)"
WARN_UTF16 = "read as UTF-16 (byte order mark); save the file as UTF-8"
WARN_REPAIRED = "repaired mojibake/HTML entities"
WARN_SURROGATES = "replaced invalid UTF-16 surrogate escapes with U+FFFD"
WARN_NUL = "replaced NUL bytes with U+FFFD"
# A few stray NUL bytes in text (a crawler's glitch) are replaced; more than this share of a
# sample is binary data or UTF-16 without a byte order mark.
_MAX_NUL_SHARE = 0.001

# Bytes that are not valid UTF-8 are read as cp1252; the five bytes cp1252 leaves undefined
# fall back to latin-1.
_CP1252_CHARS = tuple(
    bytes([b]).decode("cp1252") if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D) else chr(b)
    for b in range(256)
)
_FALLBACK_ERRORS = "discrepancy-cp1252"
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _cp1252_fallback(exc: UnicodeError) -> tuple[str, int]:
    """Decode the invalid bytes of a UTF-8 error as cp1252 (codec error handler)."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return "".join(_CP1252_CHARS[b] for b in bad), exc.end


codecs.register_error(_FALLBACK_ERRORS, _cp1252_fallback)


def binary_reason(sample: bytes) -> str | None:
    """Say why a file's first bytes are not text, or None when they look like text."""
    if not sample:
        return None
    if sample.count(0) > max(1, _MAX_NUL_SHARE * len(sample)):
        return (
            "binary file (it contains NUL bytes); only text, Markdown, JSONL and CSV "
            "articles can be read, so convert it to text or leave it out"
        )
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > _MAX_CONTROL_SHARE * len(sample):
        return "binary file (mostly control bytes, not text); convert it to text or leave it out"
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        high = len(sample) - len(sample.translate(None, bytes(range(128, 256))))
        if high > _MAX_HIGH_SHARE * len(sample):
            return (
                "not text: the bytes are neither UTF-8 nor cp1252 text (binary data or "
                "another encoding); save it as UTF-8 text or leave it out"
            )
    return None


def decode(data: bytes, *, start: bool = True) -> tuple[str, list[str]]:
    """Decode bytes as UTF-8 (no BOM), falling back to cp1252 for invalid sequences."""
    # A byte order mark only opens a file; later lines of JSONL/CSV pass start=False.
    if start and data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif start and data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), [WARN_UTF16]
        except UnicodeDecodeError:
            pass
    try:
        text, warnings = data.decode("utf-8"), []
    except UnicodeDecodeError:
        text, warnings = data.decode("utf-8", errors=_FALLBACK_ERRORS), [WARN_CP1252]
    text, nul = replace_nul(text)
    return text, warnings + nul


def replace_nul(text: str) -> tuple[str, list[str]]:
    """The text with NUL characters replaced by U+FFFD, and the warning when there were any."""
    if "\x00" not in text:
        return text, []
    return text.replace("\x00", "\ufffd"), [WARN_NUL]


def ftfy_config() -> TextFixerConfig:
    """The configuration `fix_text` runs ftfy with."""
    # ftfy is imported only for a text that may need it (see _CLEAN_TEXT): importing it is a
    # tenth of a second, most of a one-article check's start-up.
    import ftfy

    # ftfy repairs mojibake and HTML entities but must leave clean text byte-identical: keep
    # curly quotes, dashes, line breaks, ligatures, character widths and the Unicode form.
    return ftfy.TextFixerConfig(
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        normalization=None,
        explain=False,
    )


# ftfy leaves a line as it is when it holds no "&" (HTML entities), none of the characters its
# fixers replace or remove (C1 controls, surrogates, the control characters it strips) and
# no sign of mojibake (`is_bad`, the test its encoding fix starts with): such lines skip
# ftfy's whole round of fixes.
@lru_cache(maxsize=1)
def _ftfy_touches() -> re.Pattern[str]:
    from ftfy.chardata import CONTROL_CHARS

    return re.compile(
        "[&\x80-\x9f\ud800-\udfff" + "".join(re.escape(chr(c)) for c in sorted(CONTROL_CHARS)) + "]"
    )


# A text ftfy leaves alone, told without importing it: printable ASCII but "&", tab, line
# feed, form feed and carriage return (none of them a control character ftfy strips), and
# the punctuation of clean English text (curly quotes, dashes, the ellipsis, a no-break
# space), which ftfy's mojibake test finds only beside accented letters, currency signs or
# other symbols (tests/read/test_ingest_ftfy.py tries every short string of them on ftfy).
CLEAN_PUNCTUATION = "‘’“”–—…\xa0"
_CLEAN_TEXT = re.compile(f"[\t\n\x0c\r -%'-~{CLEAN_PUNCTUATION}]*")


def fix_text(text: str) -> str:
    """`ftfy.fix_text(text, config=ftfy_config())`, skipping the lines it would leave alone.

    ftfy fixes text line by line (segments of at most `max_decode_length` characters) and
    stops unescaping HTML for the rest of the text once a segment holds "<": both kept here.
    """
    if _CLEAN_TEXT.fullmatch(text):
        return text
    import ftfy
    from ftfy.badness import is_bad

    touches = _ftfy_touches()
    config = ftfy_config()
    out: list[str] = []
    pos = 0
    while pos < len(text):
        textbreak = text.find("\n", pos) + 1
        if textbreak == 0:
            textbreak = len(text)
        if textbreak - pos > config.max_decode_length:
            textbreak = pos + config.max_decode_length
        segment = text[pos:textbreak]
        if config.unescape_html == "auto" and "<" in segment:
            config = config._replace(unescape_html=False)
        if not touches.search(segment) and (segment.isascii() or not is_bad(segment)):
            out.append(segment)
        else:
            out.append(ftfy.fix_and_explain(segment, config).text)
        pos = textbreak
    return "".join(out)


def repair(text: str, warnings: list[str]) -> str:
    """Repair mojibake and HTML entities with ftfy, noting any change in warnings."""
    if text.isascii() and "&" not in text:
        # Mojibake needs non-ASCII characters and entities need "&": nothing to repair, and
        # ftfy is the slowest step of reading a clean article.
        return text
    fixed = fix_text(text)
    if fixed != text:
        warnings.append(WARN_REPAIRED)
    # JSON can escape lone surrogates; they cannot be written out as UTF-8 later.
    if _SURROGATE.search(fixed):
        fixed = _SURROGATE.sub("\ufffd", fixed)
        warnings.append(WARN_SURROGATES)
    return fixed


# ---------------------------------------------------------------------------
# One-article files
# ---------------------------------------------------------------------------


def has_surrogates(value: str) -> bool:
    """Does a string hold lone UTF-16 surrogates (a JSON escape, an undecodable file name)?"""
    return _SURROGATE.search(value) is not None


def replace_surrogates(value: str) -> str:
    """The string with each lone surrogate replaced by U+FFFD, so any writer can encode it."""
    return _SURROGATE.sub("\ufffd", value)


def read_failure(error: BaseException) -> str:
    """The reason an input is skipped when reading it raised: "read: ValueError: ..."."""
    message = " ".join(str(error).split()) or "no message"
    text = f"read: {type(error).__name__}: {message}"
    return text if len(text) <= 200 else text[:199] + "…"


def unreadable(exc: OSError, what: str = "file") -> str:
    """Say why a file or folder could not be read and what to do about it."""
    detail = exc.strerror or str(exc)
    return f"cannot read {what}: {detail}; check that you may read it (e.g. chmod +r)"
