"""Caseless patterns match exactly what the same pattern with re.IGNORECASE matches."""

from __future__ import annotations

import random
import re
from collections.abc import Iterable

import pytest

from discrepancy.extract.caseless import Caseless, Deferred, fold_case

PATTERN = r"\b(?P<count>\d+|two|three)\s+(?:people\s+)?(?P<verb>killed|wounded)\b"
TEXTS = [
    "Police said Two people Killed and three wounded.",
    "“Three WOUNDED,” the sheriff’s office said — 4 killed.",
    "İstanbul: two killed",  # İ lower-cases to two characters: the IGNORECASE path
    "ſeven were hurt; three killed",  # re folds ſ to s: the IGNORECASE path
    "nothing here",
]


def _spans(matches: Iterable[re.Match[str]]) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in matches]


@pytest.mark.parametrize("text", TEXTS)
def test_same_matches_as_ignorecase(text: str) -> None:
    caseless = Caseless(PATTERN, needs=("killed", "wounded"))
    plain = re.compile(PATTERN, re.IGNORECASE)
    assert _spans(caseless.finditer(text)) == _spans(plain.finditer(text))
    assert caseless.test(text) == bool(plain.search(text))
    for pos in range(len(text)):
        found, expected = caseless.search(text, pos), plain.search(text, pos)
        assert (found and (found.span(), found.groups())) == (
            expected and (expected.span(), expected.groups())
        )


def test_groups_keep_the_original_case() -> None:
    match = Caseless(PATTERN).search("Two people Killed")
    assert match is not None and match.group("verb") == "Killed"


def test_fold_case_declines_text_whose_case_folding_differs() -> None:
    assert fold_case("Sheriff’s “Office”") == "sheriff’s “office”"
    assert fold_case("İstanbul") is None


def test_capital_letters_in_a_pattern_are_refused() -> None:
    with pytest.raises(ValueError):
        Caseless(r"\bKilled\b")
    Caseless(r"(?P<name>\w+)\s\S")  # escapes and group names are not letters to match


def test_deferred_is_compiled_on_first_use_and_matches_as_re() -> None:
    deferred = Deferred(PATTERN, re.IGNORECASE)
    assert "pattern" not in vars(deferred)
    plain = re.compile(PATTERN, re.IGNORECASE)
    for text in TEXTS:
        assert _spans(deferred.finditer(text)) == _spans(plain.finditer(text))
        for pos in range(len(text)):
            found, expected = deferred.match(text, pos), plain.match(text, pos)
            assert (found and found.span()) == (expected and expected.span())
    assert vars(deferred)["pattern"] is deferred.pattern


def _ending_patterns() -> list[Caseless]:
    from discrepancy.align import cues
    from discrepancy.link import scope_patterns

    found = [
        value
        for value in vars(scope_patterns).values()
        if isinstance(value, Caseless) and value._last_words is not None
    ] + [pattern for _, pattern in cues._BEFORE]
    assert len(found) >= 8
    return found


# The longest ending each pattern reads, in words: the tail search must reach back that far.
ENDINGS = (
    "among them at least",
    "among the those killed were",
    "took in the bodies of",
    "took in a b c d e f g h i j k l m n o and",
    "admitted some twelve wounded men and",
    "another",
    "killed a further",
    "injuring another",
    "revised the number of the dead downwards to",
    "corrected its earlier toll of the wounded to",
    "increased the death toll in the city to",
    "initially put the toll of the dead at",
    "up from an earlier toll of the",
    "now stands at",
    "has hit",
    "in the Tarvel depot alone, at least",
)


def test_a_pattern_ending_the_text_finds_in_its_last_words_what_a_full_search_finds() -> None:
    rng = random.Random(18)
    spaces = (" ", " ", " ", "  ", "\n", "\t ", ", ", " x ")
    filler = ("Tarvel", "12", "a-b", "were", "the", "and", "them")
    for caseless in _ending_patterns():
        plain = re.compile(caseless._source, re.IGNORECASE)
        matched = 0
        for _ in range(4000):
            words = rng.choices(filler, k=rng.randint(0, 30)) + rng.choice(ENDINGS).split()
            if rng.random() < 0.3:
                del words[rng.randrange(len(words))]
            text = "".join(word + rng.choice(spaces) for word in words)
            found, expected = caseless.search(text), plain.search(text)
            assert (found and found.span()) == (expected and expected.span()), (
                caseless._source[:40],
                text,
            )
            matched += expected is not None
        assert matched > 20, caseless._source[:40]  # the texts did reach the pattern
