"""A place spelled apart by two reports is a variant; another name of it is not."""

from __future__ import annotations

import datetime as dt

import pytest

from discrepancy.extract import extract
from discrepancy.extract.places import gazetteer
from discrepancy.models import Article, Kind, Status
from discrepancy.pipeline import run_articles

DAY = dt.date(2025, 3, 4)


@pytest.mark.parametrize(
    ("written", "city", "country"),
    [
        ("Kiev", "Kyiv", "UA"),
        ("Kharkov", "Kharkiv", "UA"),
        ("Sana'a", "Sanaa", "YE"),
        ("Kerbala", "Karbala", "IQ"),
        ("Khan Younis", "Khān Yūnis", "PS"),
        ("Nabatieh", "Nabatîyé et Tahta", "LB"),
    ],
)
def test_a_citys_other_transliteration_finds_it(written: str, city: str, country: str) -> None:
    (place, *_) = gazetteer()[written.lower()]
    assert (place.name, place.country) == (city, country)
    found = extract(
        Article(id="a", text=f"A missile hit a market in {written} on Monday, killing four people.")
    )
    assert found.main_place is not None and found.main_place.place.name == city


@pytest.mark.parametrize(("written", "country"), [("Tartus", "SY"), ("Duma", "SY")])
def test_a_city_geonames_spells_with_marks_is_found_in_plain_letters(
    written: str, country: str
) -> None:
    # geonames writes "Ţarţūs" and "Dūmā"; English copy writes neither mark.
    found = extract(
        Article(id="a", text=f"A missile hit a fuel depot in {written} on Monday, killing four.")
    )
    assert found.main_place is not None and found.main_place.place.country == country


def test_a_plain_form_that_is_a_first_name_is_no_place() -> None:
    # "Artëm" (a Russian town) in plain letters is a man's name.
    assert "artem" not in gazetteer()


def test_a_later_sentences_city_does_not_stand_in_for_a_town_the_lead_names() -> None:
    # Orlenka is no town the gazetteer knows; Sidon's hospital only took the wounded.
    found = extract(
        Article(
            id="a",
            text="A strike on a house in Orlenka killed five people on Monday, officials said. "
            "Sidon's main hospital said it had received three of the wounded.",
        )
    )
    assert found.main_place is None or found.main_place.place.name != "Sidon"


def test_a_lead_with_no_place_still_takes_the_next_sentences_city() -> None:
    found = extract(
        Article(
            id="a",
            text="A strike on a house killed five people on Monday, officials said. "
            "The house stood in the old quarter of Sidon, where three others were wounded.",
        )
    )
    assert found.main_place is not None and found.main_place.place.name == "Sidon"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # The actor's nationality is who struck, not where: the town is unknown, no place.
        ("The Syrian army said its jets struck a depot in Qarnit on Monday, killing six.", None),
        ("Iranian drones hit a fuel depot in Orlenka on Monday, killing four people.", None),
        # A part of the country named by its adjective is the country.
        ("A car bomb exploded in the Iraqi capital on Monday, killing six.", "IQ"),
        ("Shells fell on Syrian soil near Qarnit on Monday, killing two shepherds.", "SY"),
        # A capital that speaks is its government; a place officials speak in is where.
        ("Moscow said a drone had killed two guards at a depot in Orlenka.", None),
        ("Officials in Pakistan say two guards were killed by a drone.", "PK"),
    ],
)
def test_who_acts_or_speaks_is_no_place_but_a_part_of_a_country_is(
    text: str, country: str | None
) -> None:
    found = extract(Article(id="a", text=text))
    place = found.main_place.place.country if found.main_place else None
    assert place == country


def location_facts(first: str, second: str) -> list[tuple[Status, str | None, list[str]]]:
    report = run_articles(
        [Article(id="a", text=first, published=DAY), Article(id="b", text=second, published=DAY)]
    )
    (incident,) = [i for i in report.incidents if len(i.articles) == 2]
    return [
        (f.status, f.rule, sorted(c.value for c in f.claims))
        for f in incident.facts
        if f.kind == Kind.LOCATION
    ]


def test_two_spellings_of_one_city_are_a_variant() -> None:
    found = location_facts(
        "A Russian missile hit a shopping centre in Kiev on Monday, killing four people,"
        " officials said.",
        "Four people were killed when a Russian missile struck a shopping centre in Kyiv on"
        " Monday, officials said.",
    )
    assert found == [(Status.VARIANT, "same name, other transliteration", ["Kiev", "Kyiv"])]


def test_a_nationality_is_no_spelling_of_its_country() -> None:
    found = location_facts(
        "Pakistani jets struck a village on Monday, killing four people, officials said.",
        "Four people were killed when jets struck a village in Pakistan on Monday, officials said.",
    )
    # "Pakistani jets" says whose jets, not where the village is: no second spelling of
    # the place, so no variant (the one report that names the country is the place's).
    assert [(status, values) for status, _, values in found] == [(Status.SINGLE, ["Pakistan"])]


@pytest.mark.parametrize(
    ("sentence", "area"),
    [
        (
            "A drone hit a wedding in the village of Tarvish on Monday, killing six guests.",
            "Tarvish",
        ),
        ("Shells fell near the town of Orlenka overnight.", "Orlenka"),
        ("Gunmen attacked a bus in Selim Bey district, police said.", "Selim Bey"),
    ],
)
def test_a_local_place_is_read_with_or_without_its_kind_before_it(sentence: str, area: str) -> None:
    from discrepancy.extract.places import find_local_areas

    assert area in [found for _, _, found in find_local_areas(sentence)]
