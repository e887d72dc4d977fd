"""Tests for sentence splitting with offsets into the article text."""

from __future__ import annotations

import itertools

import pytest

from discrepancy.extract.sentences import split_sentences


def texts(text: str, start: int = 0) -> list[str]:
    """The sentences of a text; each one's offsets give back its text."""
    sentences = split_sentences(text, start)
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text
    return [s.text for s in sentences]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "U.S. officials said Gen. Harlan Voss arrived in Erbil on Monday. Two soldiers were"
            " hurt.",
            [
                "U.S. officials said Gen. Harlan Voss arrived in Erbil on Monday.",
                "Two soldiers were hurt.",
            ],
        ),
        (
            "The attack happened on Jan. 28 in Mosul. Police said Mr. Hadi was not hurt.",
            ["The attack happened on Jan. 28 in Mosul.", "Police said Mr. Hadi was not hurt."],
        ),
        (
            "Police found J. Smith at 12 Elm St. in the morning. He was not hurt.",
            ["Police found J. Smith at 12 Elm St. in the morning.", "He was not hurt."],
        ),
        (
            "The shooting was reported at 3:10 a.m. on Sunday. Two men were wounded.",
            ["The shooting was reported at 3:10 a.m. on Sunday.", "Two men were wounded."],
        ),
        ('He said: "We are safe." Then he left.', ['He said: "We are safe."', "Then he left."]),
        ("Five were killed. 12 others were hurt.", ["Five were killed.", "12 others were hurt."]),
        (
            "Was anyone hurt? Nobody knows! Police came.",
            ["Was anyone hurt?", "Nobody knows!", "Police came."],
        ),
        ("The toll was 3.5 percent higher. Next.", ["The toll was 3.5 percent higher.", "Next."]),
        # a line break always ends a sentence (headlines, datelines, paragraphs)
        (
            "Drone kills commander in Mosul\n\nA drone struck a car. It burned.",
            ["Drone kills commander in Mosul", "A drone struck a car.", "It burned."],
        ),
        ("Line one\r\nLine two.", ["Line one", "Line two."]),
        ("  \n  Only one sentence here  \n\n", ["Only one sentence here"]),
        ("", []),
        # a scraped page lost the space after a period; abbreviations and domains stay whole
        (
            "Troopers shot a man inside his home.The situation began with a call.",
            ["Troopers shot a man inside his home.", "The situation began with a call."],
        ),
        (
            "He was seen at 9 p.m.Police read it on chicagotribune.com and at Jr.High.",
            ["He was seen at 9 p.m.Police read it on chicagotribune.com and at Jr.High."],
        ),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    assert texts(text) == expected


def test_start_skips_leading_metadata_and_offsets_still_index_the_text() -> None:
    text = " date 2024-02-07 \nReuters\nA drone struck a car. It burned."
    start = text.index("A drone")
    sentences = split_sentences(text, start)
    assert [(s.start, s.text) for s in sentences] == [
        (start, "A drone struck a car."),
        (start + len("A drone struck a car. "), "It burned."),
    ]


def test_sentences_cover_the_text_in_order_without_overlap() -> None:
    text = (
        "A drone strike on a car in Mosul on Wednesday killed a commander. “We will respond,” a"
        " spokesman said. Officials in the U.S. declined to comment.\nSeven people were wounded."
    )
    sentences = split_sentences(text)
    assert len(sentences) == 4
    for first, second in itertools.pairwise(sentences):
        assert first.end <= second.start
        assert text[first.end : second.start].strip() == ""
    assert sentences[0].start == 0 and sentences[-1].end == len(text)


def test_text_without_punctuation_breaks_at_a_space_before_the_limit() -> None:
    from discrepancy.extract.sentences import MAX_SENTENCE_CHARS

    words = [f"word{i}" for i in range(2000)]  # ~16k characters, no sentence end
    text = " ".join(words)
    sentences = split_sentences(text)
    assert len(sentences) > 1
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    assert all(text[s.start : s.end] == s.text for s in sentences)
    # Every break falls between words: joined again, the words are all there in order.
    assert " ".join(s.text for s in sentences).split() == words


def test_text_without_any_space_gets_hard_breaks() -> None:
    from discrepancy.extract.sentences import MAX_SENTENCE_CHARS

    text = "x" * (2 * MAX_SENTENCE_CHARS + 10)
    sentences = split_sentences(text)
    assert [len(s.text) for s in sentences] == [MAX_SENTENCE_CHARS, MAX_SENTENCE_CHARS, 10]


def test_a_long_real_sentence_under_the_limit_stays_whole() -> None:
    sentence = "Police said " + ", ".join(f"a guard named Ivo Tran {i}" for i in range(30)) + "."
    assert len(sentence) < 1000
    assert [s.text for s in split_sentences(sentence)] == [sentence]
