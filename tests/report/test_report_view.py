"""What the report says about a flagged fact and its sources (issue 16 points 8 and 9)."""

from __future__ import annotations

from typing import Any

from discrepancy.report.formatting import disagreeing, outlet
from discrepancy.report.html_view import describe


def claim(article: str, value: str, low: float | None = None, high: float | None = None,
          normalized: str | None = None) -> dict[str, Any]:  # fmt: skip
    return {"article": article, "value": value, "low": low, "high": high,
            "normalized": normalized, "sentence": f"They said {value}."}  # fmt: skip


ARTICLES = [
    {"id": "3f9a0c1d2e4b5a6978", "source": "Harbour Gazette", "url": "https://harbour.example/a",
     "title": "Blast at the ferry pier", "published": "2025-05-03"},
    {"id": "a1b2c3d4e5f60718293", "source": None, "url": "https://www.valleypost.example/x/1",
     "title": "Ferry pier blast toll rises", "published": "2025-05-04"},
    {"id": "c0ffee00c0ffee00c0ff", "source": None, "url": None, "title": "Pier explosion",
     "published": "2025-05-04"},
]  # fmt: skip
A, B, C = (a["id"] for a in ARTICLES)


def report(*facts: dict[str, Any]) -> dict[str, Any]:
    incident = {"id": "inc-pier", "label": "2025-05-03 Port Lind", "date": "2025-05-03",
                "location": "Port Lind", "articles": [A, B, C], "facts": list(facts)}  # fmt: skip
    return {"articles": ARTICLES, "incidents": [incident], "skipped": [], "discrepancies": []}


def test_a_conflict_line_shows_only_the_values_that_disagree() -> None:
    killed = {"kind": "killed", "status": "conflict", "claims": [
        claim(A, "six", 6, 6), claim(B, "five", 5, 5), claim(C, "at least one", 1, None),
        claim(C, "no fewer than zero", 0, None), claim(A, "6", 6, 6)]}  # fmt: skip
    [incident] = describe(report(killed)).incidents
    [issue] = incident.issues
    assert issue.text == "Killed: 6 vs 5"
    assert incident.rows[0].values == ("6", "5")


def test_a_date_conflict_shows_the_dates_compared() -> None:
    date = {"kind": "date", "status": "conflict", "claims": [
        claim(A, "Saturday night", normalized="2025-05-03"),
        claim(B, "Saturday night", normalized="2025-04-26")]}  # fmt: skip
    [issue] = describe(report(date)).incidents[0].issues
    assert issue.text == "Date: 3 May 2025 vs 26 Apr 2025"


def test_a_conflict_inside_one_article_is_labelled_and_listed_after() -> None:
    inside = {"kind": "wounded", "status": "conflict",
              "claims": [claim(C, "four", 4, 4), claim(C, "nine", 9, 9)]}  # fmt: skip
    across = {"kind": "killed", "status": "conflict",
              "claims": [claim(A, "two", 2, 2), claim(B, "three", 3, 3)]}  # fmt: skip
    issues = describe(report(inside, across)).incidents[0].issues
    assert [i.text for i in issues] == [
        "Killed: 2 vs 3",
        "Wounded: 4 vs 9 (within one article)",
    ]


def test_disagreeing_keeps_everything_when_nothing_is_disjoint() -> None:
    assert disagreeing([("≥ 2", 2, None), ("3", 3, 3)]) == ("≥ 2", "3")
    assert disagreeing([("Ana", None, None), ("Anna", None, None)]) == ("Ana", "Anna")


def test_outlet_is_the_source_else_the_url_domain() -> None:
    assert outlet(" Harbour  Gazette ", "https://x.example") == "Harbour Gazette"
    assert outlet(None, "https://www.valleypost.example/x/1") == "valleypost.example"
    assert outlet("", "not a url") is None
    assert outlet(None, None) is None


def test_sources_are_outlets_linked_to_their_articles() -> None:
    from discrepancy.report.html_report import render_html

    killed = {"kind": "killed", "status": "conflict", "claims": [
        claim(A, "six", 6, 6), claim(B, "five", 5, 5), claim(C, "four", 4, 4)]}  # fmt: skip
    data = report(killed)
    [incident] = describe(data).incidents
    # The source field, else the url's domain, else the headline: never the hex id.
    assert {s.id: s.name for s in incident.sources} == {
        A: "Harbour Gazette", B: "valleypost.example", C: "Pier explosion",
    }  # fmt: skip
    assert incident.outlets == "Harbour Gazette, valleypost.example + 1 article without an outlet"
    html = render_html(data)
    header = html[html.index("<thead>") : html.index("</thead>")]
    assert '<a class="outlet" href="https://harbour.example/a"' in header
    assert '<a class="outlet" href="https://www.valleypost.example/x/1"' in header
    assert A not in header and C not in header
    chart = html[html.index('<figure class="chart"') :]
    assert "Pier explosion · 4 May 2025</text>" in chart and "…</text>" not in chart


def test_only_web_urls_become_links() -> None:
    from discrepancy.report.html_report import render_html

    data = report({"kind": "killed", "status": "single", "claims": [claim(A, "two", 2, 2)]})
    data["articles"][0] = {**ARTICLES[0], "url": "javascript:alert(1)"}
    assert "javascript:" not in render_html(data)


def test_incidents_ordered_by_the_most_severe_fact() -> None:
    def incident(name: str, *facts: dict[str, Any]) -> dict[str, Any]:
        return {"id": name, "label": name, "date": "2025-05-03", "location": None,
                "articles": [A, B, C], "facts": list(facts)}  # fmt: skip

    two = [claim(A, "two", 2, 2), claim(B, "three", 3, 3)]
    three = [*two, claim(C, "four", 4, 4)]
    dates = [claim(A, "Friday", normalized="2025-05-02"),
             claim(B, "Monday", normalized="2025-04-28")]  # fmt: skip
    places = [claim(A, "Port Lind"), claim(B, "Lindhaven")]
    incidents = [
        incident("dates-and-places", {"kind": "date", "status": "conflict", "claims": dates},
                 {"kind": "location", "status": "conflict", "claims": places}),
        incident("killed-two-sources", {"kind": "killed", "status": "conflict", "claims": two}),
        incident("wounded-variant", {"kind": "wounded", "status": "variant", "claims": two}),
        incident("killed-three-sources",
                 {"kind": "killed", "status": "conflict", "claims": three}),
    ]  # fmt: skip
    data = {"articles": ARTICLES, "incidents": incidents, "skipped": [], "discrepancies": []}
    assert [i.id for i in describe(data).incidents] == [
        "killed-three-sources", "killed-two-sources", "dates-and-places", "wounded-variant",
    ]  # fmt: skip
