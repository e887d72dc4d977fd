"""Tolls stated as tolls: "the death toll rose to 11", "put the toll at 70", "the number of
injured has increased to 206", and a second figure for one ("first put at nine, later at
seven"), each its own count."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from discrepancy.extract import casualty_patterns as patterns
from discrepancy.extract import lexicon
from discrepancy.extract.count_phrases import plausible_number, scan
from discrepancy.extract.numbers import Interval, count_interval
from discrepancy.models import Kind


@dataclass(frozen=True)
class TollMatch:
    """A toll's count, offsets relative to the sentence."""

    kind: Kind
    start: int
    end: int
    interval: Interval
    # The toll rose ("rose to 11") or was revised ("later at seven").
    revision: bool


def _toll_kind(match: re.Match[str], sentence: str) -> Kind | None:
    """Which toll a toll phrase states: by the word after its count ("seven dead and 74
    wounded"), by its subject ("injury toll"), or by the words after "number of"."""
    after = patterns.WORD_AFTER_TOLL.match(sentence, match.end())
    word = after.group(1).lower() if after else ""
    if word in lexicon.TOLL_WOUNDED_WORDS:
        return Kind.WOUNDED
    if word in lexicon.TOLL_KILLED_WORDS:
        return Kind.KILLED
    subject = match.group("subject").lower()
    if subject.startswith("injury"):
        return Kind.WOUNDED
    if not subject.startswith("number"):
        return Kind.KILLED
    words = {w.strip(".,’'()").lower() for w in match.group("gap").split()}
    killed, wounded = words & lexicon.TOLL_KILLED_WORDS, words & lexicon.TOLL_WOUNDED_WORDS
    if killed and not wounded:
        return Kind.KILLED
    if wounded and not killed:
        return Kind.WOUNDED
    return None


def find_tolls(sentence: str) -> Iterator[TollMatch]:
    """Tolls as subject or object, each figure of one its own match."""
    for pattern in (patterns.TOLL, patterns.TOLL_PUT):
        for match in scan(pattern, sentence):
            if match.group("verb").lower() in ("of", "at", "to") and match.group("gap"):
                continue  # "the toll of 12" only right after the toll
            if not plausible_number(sentence, match):
                continue
            kind = _toll_kind(match, sentence)
            interval = count_interval(match)
            if kind is None or interval is None:
                continue
            before = count_interval(match, "_f") if match.group("count_f") else None
            if before is not None:
                # "rose from nine to 11": the earlier figure first, then the one it rose to.
                yield TollMatch(kind, *match.span("count_f"), before, False)
            rise = before is not None or (pattern is patterns.TOLL and bool(match.group("rise")))
            yield TollMatch(kind, match.start("count"), match.end("count"), interval, rise)
            follow = patterns.TOLL_FOLLOW.match(sentence, match.end("count"))
            if follow is None:
                continue
            suffix = "_x" if follow.group("count_x") else ""
            second = count_interval(follow, suffix)
            if second is not None:
                yield TollMatch(kind, *follow.span("count" + suffix), second, True)
