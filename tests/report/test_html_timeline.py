"""The HTML report shows a revision's timeline in the aligner's order and who says what.

The articles are written for the test (invented places, sources and figures).
"""

from __future__ import annotations

import datetime as dt

from discrepancy.models import Article
from discrepancy.pipeline import run_articles
from discrepancy.report.html_report import render_html
from discrepancy.report.json_report import to_dict
from tests.report.test_report_html import parse

MON = dt.date(2025, 6, 2)
TUE = dt.date(2025, 6, 3)

ARTICLES = [
    Article(
        id="ferry-mon",
        published=MON,
        source="Harbour Post",
        text=(
            "TARVIK — A ferry caught fire off the port of Tarvik on Monday. The coast guard first "
            "put the toll at six; it later put the toll at four. The ship's cook, Odo Brenn, was "
            "among the dead."
        ),
    ),
    Article(
        id="ferry-tue",
        published=TUE,
        source="Coast Daily",
        text=(
            "TARVIK — A ferry caught fire off the port of Tarvik on Monday. The toll from the fire "
            "has risen to eight, the coast guard said. The ship's cook, Odo Brenn, was among the "
            "dead."
        ),
    ),
    Article(
        id="quarry",
        published=MON,
        source="Valley News",
        text=(
            "A wall collapsed at the quarry in Semmel on Monday. The quarry owner said two workers "
            "were killed. The fire brigade said five workers were killed."
        ),
    ),
]


def test_timeline_follows_the_aligner_and_names_each_cue() -> None:
    page = parse(render_html(to_dict(run_articles(ARTICLES))))
    steps = [
        (li.one(".t-val").text(), li.select(".t-cue")[0].text() if li.select(".t-cue") else None)
        for li in page.select(".revisions ol.timeline li")
    ]
    assert steps == [
        ("6", "replaced in its own article"),
        ("4", "update"),
        ("8", "update"),
    ]


def test_conflict_lists_who_says_what() -> None:
    page = parse(render_html(to_dict(run_articles(ARTICLES))))
    sides = [
        (li.one(".d-who").text(), li.one(".d-val").text())
        for li in page.select(".disputes ul.dispute li")
    ]
    assert sides == [("The quarry owner", "2"), ("The fire brigade", "5")]
