"""Count phrases ("at least four", "around 2,500", "dozens") as regex pieces and intervals."""

from __future__ import annotations

import re
from functools import lru_cache

from discrepancy.extract import lexicon
from discrepancy.extract.gates import prefix_tree

Interval = tuple[float | None, float | None]

_UNITS = "|".join(
    sorted((w for w, v in lexicon.NUMBER_WORDS.items() if v < 20), key=len, reverse=True)
)
_TENS = "|".join(w for w, v in lexicon.NUMBER_WORDS.items() if v >= 20)
_SMALL = rf"(?:(?:{_TENS})(?:[-\s](?:{_UNITS}))?|{_UNITS})"
# "two thousand five hundred", "one hundred and twelve", "a hundred": each further part
# starts with a scale word, which no small number word is, so the repeat cannot backtrack.
_WORD_NUMBER = (
    rf"(?:{_SMALL}|a(?=\s+(?:hundred|thousand)\b))"
    rf"(?:\s+(?:hundred|thousand|million)(?:\s+(?:and\s+)?{_SMALL})?){{0,3}}"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:\s+(?:million|thousand))?"
# "two dozen" is 24; a bare "dozens" is vague and lives in VAGUE_QUANTITIES.
_DOZEN = rf"(?:{_UNITS})\s+dozen\b"
_VAGUE = "|".join(
    re.escape(w).replace(r"\ ", r"\s+")
    for w in sorted(lexicon.VAGUE_QUANTITIES, key=len, reverse=True)
)
_LOWER_BOUND = lexicon.LOWER_BOUND_QUALIFIERS | lexicon.LOWER_BOUND_QUALIFIERS_MORE
_QUALIFIERS = sorted(
    _LOWER_BOUND
    | lexicon.STRICT_LOWER_QUALIFIERS
    | lexicon.UPPER_BOUND_QUALIFIERS
    | lexicon.STRICT_UPPER_QUALIFIERS
    | lexicon.BELOW_QUALIFIERS
    | lexicon.APPROXIMATE_QUALIFIERS,
    # Longest first; ties in a fixed order, so the pattern's text is the same in every run
    # (a set's order changes with the hash seed), as the compiled-pattern cache needs.
    key=lambda q: (-len(q), q),
)
QUALIFIER = "|".join(re.escape(q).replace(r"\ ", r"\s+") for q in _QUALIFIERS)
NUMBER = rf"(?:{_DOZEN}|{_DIGITS}|{_WORD_NUMBER})"


def _first_word(phrase: str) -> str:
    head, space, _ = phrase.partition(" ")
    return head + space


# What a count can start with: digits, or the first word of a qualifier, a number word, a
# vague quantity, "between" or "a" ("a hundred"; a word followed by more words keeps its
# space). Tested first at every word, it lets re pass over most words without trying every
# alternative of the count, which was most of a casualty pattern's cost (the letters alone
# let through nearly every word).
_COUNT_START = (
    r"(?=\d|"
    + prefix_tree(
        {_first_word(w) for w in [*_QUALIFIERS, *lexicon.VAGUE_QUANTITIES]}
        | set(lexicon.NUMBER_WORDS)
        | {"between ", "a "}
    )
    + ")"
)

# A count: optional qualifier, a number, a range ("between 10 and 15", "10 to 15", "10-15")
# or a vague quantity.  Digits glued to letters ("3rd", "9mm") are not counts.


def count_pattern(suffix: str = "") -> str:
    """COUNT with every group name ending in `suffix`: a pattern that reads two counts
    ("three women and four children") names the second one's groups apart."""
    return (
        rf"{_COUNT_START}(?P<count{suffix}>(?:(?P<qual{suffix}>{QUALIFIER})\s+)?"
        rf"(?:between\s+(?P<lo{suffix}>{NUMBER})\s+and\s+(?P<hi{suffix}>{NUMBER})"
        rf"|(?P<num{suffix}>{NUMBER})(?:\s*(?:-|–|to|or)\s*(?P<num2{suffix}>{NUMBER}))?"
        rf"|(?P<vague{suffix}>{_VAGUE})))(?![\w%$])"
    )


COUNT = count_pattern()


_SPACES = re.compile(r"\s+")


def _norm(phrase: str) -> str:
    return _SPACES.sub(" ", phrase.strip().lower())


@lru_cache(maxsize=4096)
def parse_number(phrase: str) -> float | None:
    """Value of a number written in digits or words ("2,500", "twenty-one", "1.5 million")."""
    text = _norm(phrase).replace(",", "")
    if text.endswith(" dozen"):
        units = parse_number(text[: -len(" dozen")])
        return None if units is None else units * 12
    scale = 1.0
    for word, factor in (("million", 1_000_000), ("thousand", 1000)):
        if text.endswith(" " + word) and re.fullmatch(r"[\d.]+ " + word, text):
            text, scale = text[: -len(word) - 1], float(factor)
    try:
        return float(text) * scale
    except ValueError:
        pass
    total = current = 0
    for token in re.split(r"[-\s]+", text):
        if token in ("and", "a"):  # "one hundred and twelve", "a hundred"
            continue
        if token in lexicon.NUMBER_WORDS:
            current += lexicon.NUMBER_WORDS[token]
        elif token == "hundred":
            current = max(current, 1) * 100
        elif token in ("thousand", "million"):
            total += max(current, 1) * lexicon.SCALE_WORDS[token]
            current = 0
        else:
            return _parse_with_quantulum(phrase)
    return float(total + current)


def _parse_with_quantulum(phrase: str) -> float | None:
    # Only reached for number phrases our table does not cover; quantulum3 is slow to load
    # and is therefore imported here, on a short span, never on whole articles.
    from quantulum3 import parser

    quantities = parser.parse(phrase)
    return float(quantities[0].value) if quantities else None


def _band(value: float) -> float:
    # "around 2,500" -> 2,250..2,750; small figures get at least one either side.
    return float(max(1, round(value * 0.1)))


def count_interval(match: re.Match[str], suffix: str = "") -> Interval | None:
    """The interval a COUNT match allows (the count_pattern(suffix) one), or None when it is
    not a usable count."""
    # The pattern's own groups as they are (most counts): no copy renamed per match.
    groups = (
        match.groupdict()
        if not suffix
        else {
            name[: len(name) - len(suffix)]: value
            for name, value in match.groupdict().items()
            if name.endswith(suffix)
        }
    )
    qualifier = _norm(groups["qual"]) if groups.get("qual") else None
    if groups.get("vague"):
        low, high = lexicon.VAGUE_QUANTITIES[_norm(groups["vague"])]
        if qualifier is not None and low is not None and low == high:
            # "more than a dozen" is 13 or more, "nearly a dozen" fewer than 12.
            return qualify(low, qualifier)
        return (low, high) if qualifier is None else (low, None)
    if groups.get("lo"):
        lo, hi = parse_number(groups["lo"]), parse_number(groups["hi"])
        return None if lo is None or hi is None else (min(lo, hi), max(lo, hi))
    value = parse_number(groups["num"]) if groups.get("num") else None
    if value is None:
        return None
    if groups.get("num2"):
        second = parse_number(groups["num2"])
        if second is None or second <= value:
            return None
        return (value, second)
    return qualify(value, qualifier)


def qualify(value: float, qualifier: str | None) -> Interval:
    """Apply a qualifier ("at least", "around") to a number."""
    if qualifier is None:
        return (value, value)
    if qualifier in _LOWER_BOUND:
        return (value, None)
    if qualifier in lexicon.STRICT_LOWER_QUALIFIERS:
        return (value + 1, None)
    if qualifier in lexicon.UPPER_BOUND_QUALIFIERS:
        return (0, value)
    if qualifier in lexicon.STRICT_UPPER_QUALIFIERS:
        return (0, max(0, value - 1))
    if qualifier in lexicon.BELOW_QUALIFIERS:
        return (max(0, value - _band(value)), max(0, value - 1))
    return (max(0, value - _band(value)), value + _band(value))
