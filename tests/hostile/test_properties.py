"""Property tests: any text, however hostile, goes through reading and extraction without
raising, within a budget of steps proportional to its length."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis", reason="pip install -e '.[test]' (hypothesis)")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from discrepancy.engine import _extract_one  # noqa: E402
from discrepancy.extract.sentences import MAX_SENTENCE_CHARS, split_sentences  # noqa: E402
from discrepancy.models import Article  # noqa: E402
from discrepancy.read.headers import (  # noqa: E402
    AGENCY_PREFIX,
    DATE_MARKER,
    INLINE_DATELINE,
    build_article,
)

# Pieces of news text and of what breaks parsers: figures, casualty words, dates possible and
# impossible, datelines, quotes, runs of punctuation, scripts, direction marks, controls.
TOKENS = (
    "killed", "wounded", "dead", "injured", "shot", "people", "at least", "dozens", "three",
    "12", "1,200", "0", "99999999999999999999", "-5", "½", "Monday", "yesterday", "last week",
    "January 5", "February 30, 2024", "2024-13-45", "0001-01-01", "9999-12-31", " date ",
    "BAGHDAD —", "(Reuters) -", "Mr.", "St.", "U.S.", "Dr. Ana Velt", "Omar al-Kessadi",
    "police said", "the ministry said", "according to", "\u201c", "\u201d", '"', "'", "(", ")",
    "...", "!!!", "?", ".", ",", ";", ":", "-", "—", "\n", "\n\n", "\t", " ", "   ",
    "قتل", "شخص", "Київ", "убиты", "\u202e", "\u200f", "\u200b", "\ufeff", "\x00", "\x1b[31m",
    "&amp;", "&#0;", "<script>", "Ã©", "\ufffd", "#", "##", "By Jane Roe", "AP", "Tarvel",
)  # fmt: skip
texts = st.one_of(
    st.text(max_size=3000),
    st.lists(st.sampled_from(TOKENS), max_size=400).map(" ".join),
    st.lists(st.sampled_from(TOKENS), max_size=400).map("".join),
    st.tuples(st.sampled_from(TOKENS), st.integers(1, 3000)).map(lambda t: t[0] * t[1]),
)
published = st.one_of(st.none(), st.dates(), st.sampled_from([dt.date.min, dt.date.max]))

# Python-level calls per character of text, and a floor for the fixed work of any article:
# news text takes 5-11 calls a character here; a step that grew with the square of the
# length would break this budget on texts of a few thousand characters.
CALLS_PER_CHAR = 100
CALLS_FLOOR = 20_000


def _counted(text: str, day: dt.date | None) -> int:
    calls = 0

    def profile(_frame: object, event: str, _arg: object) -> None:
        nonlocal calls
        if event in ("call", "c_call"):
            calls += 1

    built = build_article(text, "hostile", "hostile.txt", None, [], published=day)
    if isinstance(built, Article):
        # Patterns are compiled on first use, once a process: that is no article's cost.
        _extract_one(0, built)
    sys.setprofile(profile)
    try:
        if isinstance(built, Article):
            _extract_one(0, built)
    finally:
        sys.setprofile(None)
    return calls


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, day=published)
def test_extraction_never_raises_and_stays_within_its_step_budget(
    text: str, day: dt.date | None
) -> None:
    calls = _counted(text, day)
    assert calls <= CALLS_FLOOR + CALLS_PER_CHAR * len(text)


@settings(max_examples=100, deadline=None)
@given(text=texts)
def test_sentences_cover_the_text_and_none_is_over_the_limit(text: str) -> None:
    sentences = split_sentences(text)
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    assert all(text[s.start : s.end] == s.text for s in sentences)
    # Nothing but white space is lost between sentences.
    assert "".join("".join(s.text for s in sentences).split()) == "".join(text.split())


# Whole-text patterns (sentence splitting, the header of a text) see the article, not a
# sentence: on 200k characters built to make them backtrack they must stay linear (well
# under a second each here; a quadratic one takes minutes).
ADVERSARIAL = ("." * 200_000, "a" * 200_000, "A-" * 100_000, "\n" * 200_000, " " * 200_000,
               "Ab Cd " * 33_000, "(" * 200_000, "a." * 100_000, "ال" * 100_000)  # fmt: skip


@pytest.mark.parametrize("text", ADVERSARIAL, ids=lambda t: repr(t[:4]))
def test_whole_text_patterns_stay_linear_on_adversarial_text(text: str) -> None:
    started = time.process_time()
    split_sentences(text)
    for pattern in (DATE_MARKER, INLINE_DATELINE, AGENCY_PREFIX):
        pattern.match(text)
    assert time.process_time() - started < 20


# Exponential backtracking shows within a few dozen characters; 300 keeps the audit of every
# pattern to seconds in CI. A polynomial pattern is bounded by the hard sentence break
# (MAX_SENTENCE_CHARS); run `python tests/hostile/regex_audit.py 1000 0.25` to list those.
AUDIT_CHARS = 300


def test_no_pattern_backtracks_without_bound_on_a_sentence() -> None:
    """Every pattern of the package, over adversarial strings (regex_audit)."""
    assert AUDIT_CHARS <= MAX_SENTENCE_CHARS
    audit = Path(__file__).with_name("regex_audit.py")
    completed = subprocess.run(
        [sys.executable, str(audit), str(AUDIT_CHARS), "2.0"],
        capture_output=True, text=True, timeout=600, check=True,
    )  # fmt: skip
    lines = completed.stdout.strip().splitlines()
    assert lines[-1].startswith('{"checked": ') and int(lines[-1].split()[-1][:-1]) > 100
    assert lines[:-1] == [], "patterns slow on adversarial strings:\n" + "\n".join(lines[:-1])
