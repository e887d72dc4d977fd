import pytest

from tests.extract.test_casualties import check


@pytest.mark.parametrize(
    ("sentence", "must_find", "must_not"),
    [
        ("On January 28 three soldiers were killed.", [("killed", "three", 3, 3)], [(None, 28)]),
        (
            "Police said a 45-year-old man died at the scene.",
            [("killed", "a 45-year-old man", 1, 1)],
            [(None, 45)],
        ),
        (
            "Two teenagers, aged 15 and 17, were wounded.",
            [("wounded", "Two", 2, 2)],
            [(None, 15), (None, 17)],
        ),
        (
            "The death toll from Saturday's car bombing rose to seven.",
            [("killed", "seven", 7, 7)],
            [],
        ),
    ],
)
def test_regression(sentence, must_find, must_not):
    check(sentence, must_find, must_not)


def test_two_dozen():
    from tests.extract.test_casualties import counts

    found = counts("Roughly two dozen people were wounded.")
    assert any(
        k == "wounded" and lo is not None and hi is not None and lo < 24 < hi
        for k, _, lo, hi in found
    ), found


@pytest.mark.parametrize(
    ("sentence", "must_find"),
    [
        ("The attack killed nine people along the highway.", [("killed", "nine", 9, 9)]),
        ("The strikes killed 12 people across the province.", [("killed", "12", 12, 12)]),
        # civilians are the whole group a strike kills (lexicon.WHOLE_GROUP_NOUNS): the toll
        ("The shelling killed seven civilians overnight.", [("killed", "seven", 7, 7)]),
    ],
)
def test_regression_np(sentence, must_find):
    check(sentence, must_find, [])
