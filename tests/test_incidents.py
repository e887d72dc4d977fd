"""Grouping rules, on short hand-written articles: which reports are one incident."""

from __future__ import annotations

import datetime as dt

from discrepancy.extract import extract
from discrepancy.incidents import Profile, group_articles, profile
from discrepancy.models import Article
from discrepancy.scope import scope_claims

# Page furniture that some sites print before every story, naming the reporter.
FURNITURE = (
    "Close Get email notifications on Marla Quennet daily!\n\n"
    "Your notification has been saved.\n\n"
    "Whenever Marla Quennet posts new content, you'll get an email delivered to your inbox.\n\n"
)


def article(ident: str, title: str, text: str, published: dt.date | None) -> Article:
    return Article(id=ident, title=title, text=text, published=published)


def profiles(*articles: Article) -> list[Profile]:
    found = []
    for index, item in enumerate(articles):
        extraction = extract(item)
        found.append(profile(index, extraction, scope_claims(extraction)))
    return found


def groups(*articles: Article) -> list[list[str]]:
    return [[articles[i].id for i in g] for g in group_articles(profiles(*articles))]


def test_names_in_page_furniture_are_not_evidence() -> None:
    first = article(
        "a",
        "Boy wounded on Larkspur Lane",
        FURNITURE + "A 9-year-old boy was shot in the leg on Larkspur Lane in Dunmore on Friday.",
        dt.date(2021, 5, 8),
    )
    (found,) = profiles(first)
    assert "Marla Quennet" not in found.people
    assert "inbox" not in found.words


def test_two_pages_of_furniture_from_one_reporter_are_not_one_incident() -> None:
    first = article(
        "a", "Teen hurt in Dunmore", FURNITURE + "A teen was shot in Dunmore on Friday night.",
        dt.date(2021, 5, 8),
    )  # fmt: skip
    second = article(
        "b", "Woman killed in Ridgefield", FURNITURE + "A woman was shot dead in Ridgefield.",
        dt.date(2021, 9, 20),
    )  # fmt: skip
    assert groups(first, second) == [["a"], ["b"]]


def test_an_arrest_report_naming_the_victim_joins_the_shooting() -> None:
    shooting = article(
        "a",
        "Man killed outside Brindle Street bar",
        "Tomas Okafor, 31, was shot and killed outside a bar on Brindle Street in Harlow on "
        "Saturday night, police said. Two other men, one of them Remy Adeyemi, were wounded.",
        dt.date(2022, 3, 13),
    )
    arrest = article(
        "b",
        "Suspect arrested in Brindle Street killing",
        "Police on Thursday arrested a 24-year-old man in the killing of Tomas Okafor and the "
        "wounding of Remy Adeyemi outside a Harlow bar. The suspect fled to a relative's home.",
        dt.date(2022, 3, 24),
    )
    assert groups(shooting, arrest) == [["a", "b"]]


def test_an_arrest_report_of_another_shooting_stays_apart() -> None:
    shooting = article(
        "a",
        "Man killed outside Brindle Street bar",
        "Tomas Okafor, 31, was shot and killed outside a bar on Brindle Street in Harlow on "
        "Saturday night, police said. Two other men, one of them Remy Adeyemi, were wounded.",
        dt.date(2022, 3, 13),
    )
    arrest = article(
        "b",
        "Suspect arrested in Harlow killing",
        "Police on Thursday arrested a 24-year-old man in the killing of Devon Marsh outside "
        "a Harlow bar. Detectives said the suspect fled to a relative's home.",
        dt.date(2022, 3, 24),
    )
    assert groups(shooting, arrest) == [["a"], ["b"]]


def test_a_spokesman_quoted_months_apart_does_not_join_two_shootings() -> None:
    first = article(
        "a",
        "Teen wounded in Harlow",
        "A 16-year-old was shot in the arm in Harlow on Friday, police spokesman Sgt. Ivo "
        "Pellham said. The teen was taken to a hospital.",
        dt.date(2022, 3, 12),
    )
    second = article(
        "b",
        "Woman wounded in Harlow",
        "A 40-year-old woman was shot in the leg in Harlow on Tuesday, police spokesman Sgt. "
        "Ivo Pellham said. The woman was taken to a hospital.",
        dt.date(2022, 8, 9),
    )
    found = profiles(first, second)
    assert found[0].officials == ("Ivo Pellham",) and found[0].people == ()
    assert groups(first, second) == [["a"], ["b"]]


def test_a_video_playlist_before_the_story_is_not_the_story() -> None:
    text = (
        "1:36 Mayor opens the new library downtown\n\n"
        "2:10 Police rescue a dog from a frozen pond\n\n"
        "A 2-year-old boy was shot in the stomach in Harlow on Thursday."
    )
    (found,) = profiles(article("a", "Toddler shot in Harlow", text, dt.date(2022, 3, 11)))
    assert "library" not in found.words and "pond" not in found.words
