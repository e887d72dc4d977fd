"""A text given without a headline is a story of its own, whatever kind of news it tells."""

from __future__ import annotations

from pathlib import Path

from discrepancy.extract import extract
from discrepancy.link.profile import Profile, profile
from discrepancy.link.scope import scope_claims
from discrepancy.models import Article
from discrepancy.read.files import read_inputs

# A report of news the crime lexicon does not cover, under a headline line of its own.
MERGER = (
    "Loomfield Mills agrees to buy Carrow Textiles\n"
    "Loomfield Mills said it will buy the rival spinner Carrow Textiles for 80 million pounds. "
    "The deal joins the two biggest wool mills in the valley. "
    "Carrow's owners will keep a seat on the board of the merged company.\n"
)


def read_profile(article: Article) -> Profile:
    extraction = extract(article)
    return profile(0, extraction, scope_claims(extraction))


def test_a_text_whose_headline_is_its_own_first_line_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "merger.txt"
    path.write_text(MERGER, encoding="utf-8")
    (article,), _ = read_inputs([str(path)])
    assert article.title == "Loomfield Mills agrees to buy Carrow Textiles"
    assert article.title_from_text
    found = read_profile(article)
    assert not found.headline_only
    assert {"spinner", "wool", "board"} <= found.words.keys()


def test_a_page_given_with_its_headline_and_telling_no_crime_is_a_wall() -> None:
    # The same page crawled with its headline as a field: no sentence reports an attack, so
    # the text is a wall or an error page and only the headline tells the story.
    body = MERGER.split("\n", 1)[1]
    article = Article(id="w", title="Loomfield Mills agrees to buy Carrow Textiles", text=body)
    found = read_profile(article)
    assert found.headline_only
    assert "spinner" not in found.words


# A story whose first sentences tell no crime, and whose crime word comes only later.
CHAPEL_FIRE = (
    "A fire gutted the old Wexcombe chapel on Sunday night, leaving only its bell tower. "
    "Firefighters fought the blaze for six hours. "
    "Investigators have named no suspect."
)


def test_a_plain_text_is_read_from_its_first_sentence() -> None:
    found = read_profile(Article(id="p", text=CHAPEL_FIRE))
    assert {"wexcombe", "chapel", "bell", "tower"} <= found.words.keys()


def test_a_page_given_with_its_headline_is_read_from_its_first_report_of_a_crime() -> None:
    # Crawled with a headline field, what precedes the first report of a crime is furniture.
    page = Article(
        id="g", title="Chapel fire", text="Weekend bake sale raises funds. " + CHAPEL_FIRE
    )
    found = read_profile(page)
    assert "bake" not in found.words


def test_curly_and_straight_apostrophes_make_one_word() -> None:
    # One outlet types "St Aldric’s", another "St Aldric's": one word for grouping.
    curly = read_profile(Article(id="c", text="A shell hit St Aldric’s clinic on Monday."))
    straight = read_profile(Article(id="s", text="A shell hit St Aldric's clinic on Monday."))
    assert "aldric's" in curly.words
    assert curly.words == straight.words
