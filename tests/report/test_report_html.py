"""Tests for the HTML report: structure checked with selectors, escaping, CSP, formatting."""

from __future__ import annotations

import base64
import copy
import hashlib
import importlib.util
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape

from discrepancy.report import formatting
from discrepancy.report.html_report import TEMPLATES_DIR, describe, render_html, split_on_value

FIXTURE = Path(__file__).parent / "fixtures" / "sample_report.json"
BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "html_report.py"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class Node:
    """An element of the parsed page, enough for selector tests."""

    def __init__(self, tag: str, attrs: dict[str, str], parent: Node | None) -> None:
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self) -> Iterator[Node]:
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def matches(self, compound: str) -> bool:
        parts = re.findall(r"[.#]?[\w-]+|\[[^\]]+\]", compound)
        for part in parts:
            if part.startswith("."):
                ok = part[1:] in self.classes
            elif part.startswith("#"):
                ok = self.attrs.get("id") == part[1:]
            elif part.startswith("["):
                name, _, value = part[1:-1].partition("=")
                ok = name in self.attrs and (not value or self.attrs[name] == value.strip("\"'"))
            else:
                ok = self.tag == part
            if not ok:
                return False
        return True

    def select(self, selector: str) -> list[Node]:
        """Match tag, .class, #id and [attr=value] parts joined by descendant or ">" steps."""
        found, child = [self], False
        for compound in selector.split():
            if compound == ">":
                child = True
                continue
            pool = (
                (c for base in found for c in base.children if isinstance(c, Node))
                if child
                else (n for base in found for n in base.iter())
            )
            found, child = list(dict.fromkeys(n for n in pool if n.matches(compound))), False
        return found

    def one(self, selector: str) -> Node:
        found = self.select(selector)
        assert len(found) == 1, (selector, len(found))
        return found[0]


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, None)
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(Node(tag, {k: v or "" for k, v in attrs}, self.current))

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None and node.parent is not None, f"stray </{tag}>"
        self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(html: str) -> Node:
    """Parse a page into Nodes, failing on unbalanced end tags."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    assert builder.current is builder.root, f"unclosed <{builder.current.tag}>"
    return builder.root


@pytest.fixture(scope="module")
def sample() -> dict[str, Any]:
    report: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return report


@pytest.fixture(scope="module")
def html(sample: dict[str, Any]) -> str:
    return render_html(sample)


@pytest.fixture(scope="module")
def page(html: str) -> Node:
    return parse(html)


def incident(page: Node, incident_id: str) -> Node:
    return page.one(f"article#incident-{incident_id}")


def fact_row(page: Node, incident_id: str, kind_label: str) -> Node:
    rows = [
        row
        for row in incident(page, incident_id).select("tr.fact")
        if row.one("th span.kind").text() == kind_label
    ]
    assert len(rows) == 1, kind_label
    return rows[0]


HOSTILE = [
    "<script>window.__pwned=1;alert(1)</script>",
    '"><img src=x onerror="window.__pwned=2;alert(2)">',
    '<a href="javascript:window.__pwned=3">click</a>',
    "'><svg onload=window.__pwned=4>",
]


def hostile_report(sample: dict[str, Any]) -> dict[str, Any]:
    """The sample with attack strings in every article-derived field the page shows."""
    report = copy.deepcopy(sample)
    script, img, link, svg = HOSTILE
    report["generated_by"] = script
    for article in report["articles"]:
        article["title"] = f"Title {script}"
        article["source"] = f"Outlet {img}"
        article["path"] = "javascript:window.__pwned=5"
        article["warnings"] = [link]
    for item in report["incidents"]:
        item["label"] = f"Label {svg}"
        item["location"] = img
        for fact in item["facts"]:
            fact["subject"] = svg
            fact["rule"] = link
            for claim in fact["claims"]:
                claim["value"] = f"{claim['value']} {img}"
                claim["sentence"] = f"{script} {claim['value']} said {link}"
                claim["attribution"] = img
                claim["normalized"] = svg
                claim["scope"] = link
    report["skipped"].append({"path": img, "line": None, "reason": f"bad {script} {link}"})
    return report


def test_page_is_well_formed_and_self_contained(html: str, page: Node) -> None:
    assert html.startswith("<!DOCTYPE html>")
    assert page.one("html").attrs["lang"] == "en"
    # Nothing to fetch: no external scripts, styles, images, fonts or frames.
    assert not page.select("link") and not page.select("img") and not page.select("iframe")
    assert [s.attrs for s in page.select("script")] == [{}]
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "@import" not in html and "url(http" not in html


def test_csp_hashes_the_inline_script_and_style(page: Node) -> None:
    meta = page.one("meta[http-equiv=Content-Security-Policy]")
    policy = dict(part.strip().split(" ", 1) for part in meta.attrs["content"].split(";"))
    assert policy["default-src"] == "'none'"
    assert policy["img-src"] == "data:"

    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    assert policy["script-src"] == digest(page.one("script").text())
    assert policy["style-src"] == digest(page.one("style").text())
    # The policy must come before anything it governs.
    head = [n.tag for n in page.one("head").iter()]
    assert head.index("meta", 1) < head.index("style")


def stats_of(section: Node) -> dict[str, str]:
    """The figures of a section's dl.stats, by their label."""
    stats = section.one("dl.stats")
    return {
        dt.text().strip(): dd.text()
        for dt, dd in zip(stats.select("dt"), stats.select("dd"), strict=True)
    }


def test_batch_summary_counts_and_skipped_reasons(page: Node) -> None:
    stats = stats_of(page.one("section.summary"))
    assert stats == {
        "Articles read": "5",
        "Skipped": "2",
        # Counted apart: incidents the articles report, and those they mention in passing.
        "Incidents reported": "2",
        "Mentioned in passing": "1",
        "Conflicts": "1",
        "Variants": "1",
        "Revisions": "1",
    }
    reasons = [li.text() for li in page.select("details.skipped li")]
    assert reasons[0].startswith("inbox/feed-2023-11.jsonl:7 ")
    assert 'empty "text" field' in reasons[0]
    assert reasons[1].startswith("inbox/scan-0042.pdf ")


def test_incidents_ordered_by_what_needs_review(page: Node) -> None:
    order = [a.attrs["id"] for a in page.select("#incidents article.incident")]
    # The background incident Mosul's articles mention comes right under it, indented,
    # not ahead of Kirkuk, which needs review.
    assert order == [
        "incident-inc-mosul-2023-11-18",
        "incident-inc-tal-afar-2022-03-14",
        "incident-inc-kirkuk-2023-12-02",
    ]
    assert "child" in incident(page, "inc-tal-afar-2022-03-14").classes
    assert "child" not in incident(page, "inc-kirkuk-2023-12-02").classes
    summary = incident(page, "inc-mosul-2023-11-18").one("> details > summary")
    assert summary.one(".when").text() == "18 Nov 2023"
    assert summary.one(".where").text() == "Mosul"
    assert summary.one(".label").text() == "Drone strike on a militia depot, Mosul"
    assert summary.one(".outlets").text() == "Northern Wire, Tigris Daily"
    assert summary.one(".issues").text() == "Wounded (militia fighters): 6 vs 7"
    # What disagrees comes before who said it.
    parts = [c.attrs.get("class") for c in summary.children if isinstance(c, Node)]
    assert parts.index("issues") < parts.index("outlets")


def test_incidents_are_collapsed_details_with_permalinks(page: Node) -> None:
    for item in page.select("article.incident"):
        details = item.one("> details")
        assert "open" not in details.attrs
        link = details.one(".permalink a")
        assert link.attrs["href"] == "#" + item.attrs["id"]


def test_conflict_row_has_icon_and_text(page: Node) -> None:
    row = fact_row(page, "inc-mosul-2023-11-18", "Wounded")
    assert "s-conflict" in row.classes
    badge = row.one("th .badge")
    assert badge.one("use").attrs["href"] == "#i-conflict"
    assert badge.text() == "Conflict"
    assert row.one("th .values").text() == "6 vs 7"
    # The icon it points at exists in the page.
    assert page.one("symbol#i-conflict")


def test_at_least_four_agrees_with_four(page: Node) -> None:
    row = fact_row(page, "inc-mosul-2023-11-18", "Killed")
    assert row.one("th .badge").text() == "Agree"
    cells = [td.one("summary").text() for td in row.select("td")]
    assert cells == ["At least four ≥ 4", "four 4"]


def test_variant_row_shows_spellings_and_rule(page: Node) -> None:
    row = fact_row(page, "inc-kirkuk-2023-12-02", "People")
    assert row.one("th .badge").text() == "Variant"
    assert row.one("th .badge use").attrs["href"] == "#i-variant"
    assert row.one("th .subject").text() == "commander"
    assert row.one("th .values").text() == "Abu Jafar al-Hamdani vs Abu Jaafar al-Hamdani"
    assert row.one("th .rule").text() == "Rule: same kunya and family name"
    # The first source (Levant Monitor) names nobody: its cell says so without a value.
    assert row.select("td")[0].text() == "–"


def test_revision_is_a_timeline_not_a_conflict(page: Node) -> None:
    kirkuk = incident(page, "inc-kirkuk-2023-12-02")
    row = fact_row(page, "inc-kirkuk-2023-12-02", "Killed")
    assert "s-revision" in row.classes
    assert row.one("th .badge").text() == "Revision"
    assert not row.select("use[href=#i-conflict]")
    steps = [
        (li.one(".t-date").text(), li.one(".t-src").text(), li.one(".t-val").text())
        for li in kirkuk.select(".revisions ol.timeline li")
    ]
    assert steps == [
        ("2 Dec 2023", "Levant Monitor", "2"),
        ("3 Dec 2023", "Northern Wire", "3"),
        ("4 Dec 2023", "plains-2023-12-04-kirkuk", "5"),
    ]
    assert "s-revision" not in fact_row(page, "inc-mosul-2023-11-18", "Wounded").classes


def test_columns_are_sources_in_publication_order(page: Node) -> None:
    heads = incident(page, "inc-kirkuk-2023-12-02").select("thead th.src")
    assert [(h.one(".outlet").text(), h.one(".pub").text()) for h in heads] == [
        ("Levant Monitor", "2 Dec 2023"),
        ("Northern Wire", "3 Dec 2023"),
        ("Unknown outlet", "4 Dec 2023"),
    ]
    assert heads[2].one(".aid").text() == "plains-2023-12-04-kirkuk"
    # Where the outlet is unknown, the article id names the source in the summary line.
    outlets = incident(page, "inc-kirkuk-2023-12-02").one("> details > summary .outlets")
    assert outlets.text() == "Levant Monitor, Northern Wire, plains-2023-12-04-kirkuk"


def test_every_claim_sentence_appears_with_its_value_marked(
    sample: dict[str, Any], html: str, page: Node
) -> None:
    shown = sorted(
        (q.text(), [m.text() for m in q.select("mark")])
        for q in page.select("details.evidence blockquote")
    )
    claims = sorted(
        (c["sentence"], [c["value"]])
        for i in sample["incidents"]
        for f in i["facts"]
        for c in f["claims"]
    )
    assert shown == claims
    # In the markup each piece is escaped on its own and only the value is marked up.
    for sentence, (value,) in claims:
        before, match, after = split_on_value(sentence, value)
        assert f"<blockquote>{escape(before)}<mark>{escape(match)}</mark>{escape(after)}<" in html


def test_evidence_gives_attribution_and_scope(page: Node) -> None:
    row = fact_row(page, "inc-mosul-2023-11-18", "Wounded")
    pops = [td.one(".pop") for td in row.select("td")]
    assert [p.text() for p in pops[0].select("p")] == [
        "Attributed to: according to a hospital official"
    ]
    background = incident(page, "inc-tal-afar-2022-03-14").one(".pop")
    assert "Scope: background:tal-afar-2022" in [p.text() for p in background.select("p")]


def test_background_incident_links_both_ways(page: Node) -> None:
    background = incident(page, "inc-tal-afar-2022-03-14")
    summary = background.one("> details > summary")
    badge = summary.one(".badge")
    assert badge.text() == "Background"
    assert badge.one("use").attrs["href"] == "#i-background"
    # Under its parent it takes one line: who mentions it is in its body.
    assert not summary.select(".outlets") and not summary.select(".tag")
    assert background.one(".background-of a").attrs["href"] == "#incident-inc-mosul-2023-11-18"
    assert "northwire-2023-11-18-mosul" in background.one(".mentioned-in").text()
    parent = incident(page, "inc-mosul-2023-11-18")
    assert parent.one(".backgrounds a").attrs["href"] == "#incident-inc-tal-afar-2022-03-14"


def test_article_warnings_are_shown(page: Node) -> None:
    warnings = incident(page, "inc-mosul-2023-11-18").select(".sources .warning")
    assert [w.text() for w in warnings] == ["Warning: repaired broken encoding in 2 places"]


def test_chart_draws_open_ended_arrow_for_at_least(page: Node) -> None:
    chart = incident(page, "inc-mosul-2023-11-18").one("figure.chart svg")
    groups = [t.text() for t in chart.select("text.group")]
    assert groups == ["Killed (militia fighters): Agree", "Wounded (militia fighters): Conflict"]
    bars = chart.select("g")
    assert [sorted(g.classes)[0] for g in bars] == ["b-open", "b-point", "b-point", "b-point"]
    assert [g.one("text.val").text() for g in bars] == ["≥ 4", "4", "6", "7"]
    open_bar = bars[0]
    # An open-ended claim is a shaft plus an arrowhead reaching the end of the axis.
    assert open_bar.one("rect") and open_bar.select("path")
    ticks = [float(t.attrs["x"]) for t in chart.select("text.tick")]
    tip = float(re.findall(r"L([\d.]+) ", open_bar.select("path")[0].attrs["d"])[0])
    assert tip == max(ticks)


def test_charts_only_for_incidents_with_numeric_facts(sample: dict[str, Any]) -> None:
    # Mosul (conflict) and Kirkuk (revision) get one; Tal Afar's single figure does not.
    charted = [a.attrs["id"] for a in parse(render_html(sample)).select("article.incident")
               if a.select("figure.chart")]  # fmt: skip
    assert charted == ["incident-inc-mosul-2023-11-18", "incident-inc-kirkuk-2023-12-02"]
    report = copy.deepcopy(sample)
    for item in report["incidents"]:
        item["facts"] = [f for f in item["facts"] if f["kind"] not in ("killed", "wounded")]
    assert not parse(render_html(report)).select("figure.chart")


def test_filters_are_hidden_without_javascript(page: Node) -> None:
    controls = page.one("form#controls")
    assert "hidden" in controls.attrs
    statuses = [i.attrs["value"] for i in controls.select("input[name=status]")]
    assert statuses == ["conflict", "variant", "revision", "ok"]
    kinds = [o.attrs["value"] for o in controls.select("select option")]
    assert kinds == [
        "",
        "killed",
        "wounded",
        "troops",
        "person",
        "organization",
        "date",
        "location",
    ]


def test_facets_list_issues_only_for_incidents_that_need_review(page: Node) -> None:
    facets = {a.attrs["id"]: a.attrs["data-facets"] for a in page.select("article.incident")}
    assert facets == {
        "incident-inc-mosul-2023-11-18": "conflict:wounded",
        "incident-inc-kirkuk-2023-12-02": "revision:killed variant:person",
        "incident-inc-tal-afar-2022-03-14": "ok: ok:killed",
    }


def test_print_stylesheet_present(page: Node) -> None:
    assert "@media print" in page.one("style").text()


def test_output_is_deterministic(sample: dict[str, Any], html: str) -> None:
    assert render_html(copy.deepcopy(sample)) == html
    shuffled = copy.deepcopy(sample)
    shuffled["incidents"].reverse()
    shuffled["articles"].reverse()
    assert render_html(shuffled) == html


def test_no_changes_section_without_a_diff(page: Node) -> None:
    assert not page.select("#changes")
    assert not page.select(".tag.change")


def test_previous_report_alone_gives_the_diff(sample: dict[str, Any], html: str) -> None:
    page = parse(render_html(sample, previous=sample))
    changes = page.one("section#changes")
    assert stats_of(changes) == {"New": "0", "Resolved": "0", "Changed": "0", "Unchanged": "3"}
    assert changes.one(".no-changes").text().startswith("No discrepancy is new")
    # Everything else is as without it.
    assert page.one("#incidents").text() == parse(html).one("#incidents").text()


def test_extra_fields_are_optional(sample: dict[str, Any]) -> None:
    """A report with only the contract's fields renders too."""
    report = copy.deepcopy(sample)
    del report["generated_by"]
    for article in report["articles"]:
        del article["warnings"]
    for item in report["incidents"]:
        for key in ("label", "mentioned_in", "background_of"):
            del item[key]
        for fact in item["facts"]:
            del fact["rule"], fact["revision"]
            for claim in fact["claims"]:
                del claim["attribution"], claim["scope"]
    page = parse(render_html(report))
    # Without a label the earliest headline of the incident's own articles names it.
    mosul = incident(page, "inc-mosul-2023-11-18")
    assert mosul.one(".label").text() == "Drone strike hits militia depot in Mosul"
    assert "from-title" in mosul.one(".label").classes
    # Without the revision flag the rising Kirkuk toll is a plain conflict.
    assert "s-conflict" in fact_row(page, "inc-kirkuk-2023-12-02", "Killed").classes


def test_unlisted_article_and_empty_report_render() -> None:
    report = {
        "schema": "discrepancy-report/1",
        "articles": [],
        "incidents": [
            {
                "id": "x1",
                "date": None,
                "location": None,
                "articles": ["ghost"],
                "facts": [
                    {
                        "kind": "attacks",
                        "subject": None,
                        "status": "single",
                        "claims": [
                            {
                                "article": "ghost",
                                "value": "two",
                                "low": 2,
                                "high": 2,
                                "normalized": None,
                                "sentence": "There were two blasts.",
                                "start": 10,
                                "end": 13,
                            }
                        ],
                    }
                ],
            }
        ],
        "skipped": [],
        "discrepancies": [],
    }
    page = parse(render_html(report))
    assert page.one("th.src .outlet").text() == "Unlisted article"
    assert page.one("tr.fact th .kind").text() == "Attacks"
    assert page.one(".when").text() == "date unknown"
    empty = parse(
        render_html(
            {
                "schema": "discrepancy-report/1",
                "articles": [],
                "incidents": [],
                "skipped": [],
                "discrepancies": [],
            }
        )
    )
    assert not empty.select("article.incident")


def test_hostile_fixture_is_the_sample_under_attack(sample: dict[str, Any]) -> None:
    """The browser test's hostile_report.json is this module's hostile_report(sample)."""
    saved = json.loads(FIXTURE.with_name("hostile_report.json").read_text(encoding="utf-8"))
    assert saved == hostile_report(sample)


def test_hostile_text_is_escaped_everywhere(sample: dict[str, Any]) -> None:
    html = render_html(hostile_report(sample))
    page = parse(html)
    assert len(page.select("script")) == 1
    assert not page.select("img") and not page.select("iframe")
    for node in page.iter():
        assert not [a for a in node.attrs if a.startswith("on")], (node.tag, node.attrs)
        for name in ("href", "src", "action", "formaction"):
            assert not node.attrs.get(name, "").lower().startswith("javascript:")
    # Every payload is still readable as text.
    text = page.text()
    for payload in HOSTILE:
        assert payload in text
    assert "<script>window" not in html and "<img" not in html


def test_templates_never_mark_text_safe() -> None:
    for template in TEMPLATES_DIR.glob("*.html"):
        assert "|safe" not in template.read_text(encoding="utf-8").replace(" ", ""), template


def test_split_on_value_keeps_entities_whole() -> None:
    # Escaping first would turn the apostrophe into &#39; and cut it at "39".
    sentence = "O'Neil's unit said 39 were hurt."
    assert split_on_value(sentence, "39") == ("O'Neil's unit said ", "39", " were hurt.")
    page = parse(f"<p>{render_value(sentence, '39')}</p>")
    assert page.one("mark").text() == "39"
    assert page.one("p").text() == sentence


def render_value(sentence: str, value: str) -> str:
    """Render one claim's evidence through the real template."""
    report = {
        "schema": "discrepancy-report/1",
        "articles": [{"id": "a", "source": None, "title": None, "published": None, "path": None}],
        "incidents": [
            {
                "id": "i",
                "date": None,
                "location": None,
                "articles": ["a"],
                "facts": [
                    {
                        "kind": "killed",
                        "subject": None,
                        "status": "single",
                        "claims": [
                            {
                                "article": "a",
                                "value": value,
                                "low": 39,
                                "high": 39,
                                "normalized": None,
                                "sentence": sentence,
                                "start": 0,
                                "end": 2,
                            }
                        ],
                    }
                ],
            }
        ],
        "skipped": [],
        "discrepancies": [],
    }
    html = render_html(report)
    return re.search(r"<blockquote>(.*?)</blockquote>", html, re.S).group(1)  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("sentence", "value", "expected"),
    [
        ("At least four were killed.", "At least four", ("", "At least four", " were killed.")),
        ("In 2016 six died; 6 hurt.", "6", ("In 2016 six died; ", "6", " hurt.")),
        ("Police said SIX were hurt.", "six", ("Police said ", "SIX", " were hurt.")),
        ("No figure here.", "seven", ("No figure here.", "", "")),
        ("", "", ("", "", "")),
    ],
)
def test_split_on_value(sentence: str, value: str, expected: tuple[str, str, str]) -> None:
    assert split_on_value(sentence, value) == expected


def test_value_missing_from_sentence_is_said(sample: dict[str, Any]) -> None:
    report = copy.deepcopy(sample)
    report["incidents"][0]["facts"][0]["claims"][0]["value"] = "a dozen"
    pop = parse(render_html(report)).one("article#incident-inc-tal-afar-2022-03-14 .pop")
    assert not pop.select("mark")
    assert pop.select("p")[0].text() == "“a dozen” is not written verbatim in this sentence."


def test_describe_sorts_and_counts(sample: dict[str, Any]) -> None:
    view = describe(sample)
    assert [i.review for i in view.incidents] == ["conflict", "ok", "variant"]
    assert [i.child for i in view.incidents] == [False, True, False]
    assert view.review_counts == {"conflict": 1, "variant": 1, "revision": 1, "ok": 1}
    assert "abu jaafar al-hamdani" in view.incidents[2].search
    assert view.diff is None and view.reviews is None


@pytest.mark.parametrize(
    ("low", "high", "text"),
    [
        (4, None, "≥ 4"),
        (6, 6, "6"),
        (2250, 2750, "2,250–2,750"),
        (None, 40, "≤ 40"),
        (None, None, "?"),
        (2.5, 2.5, "2.5"),
    ],
)
def test_format_interval(low: float | None, high: float | None, text: str) -> None:
    assert formatting.format_interval(low, high) == text


def test_formatting_filters() -> None:
    assert formatting.format_date("2024-01-04") == "4 Jan 2024"
    assert formatting.format_date(None) == "date unknown"
    assert formatting.format_date(None, "undated") == "undated"
    assert formatting.format_date("early 2024") == "early 2024"
    assert formatting.format_number(2500) == "2,500"
    assert formatting.format_percent(0.25) == "25%"
    assert formatting.format_percent(0.125, 1) == "12.5%"
    assert formatting.format_percent(None) == "–"
    assert formatting.pluralize(1, "article") == "1 article"
    assert formatting.pluralize(1200, "incident") == "1,200 incidents"
    assert formatting.kind_label("person") == "People"
    assert formatting.kind_label("time_of_day") == "Time of day"


@pytest.mark.parametrize(
    ("scope", "text"),
    [
        ("bg|2024-02-07|Mosul", "another incident, 7 Feb 2024, Mosul"),
        ("bg|month-07|?", "another incident, Jul"),
        ("bg|weekday-1|Erbil", "another incident, Tuesday, Erbil"),
        ("bg|?|?", "another incident"),
        ("bg|roundup-2|Quarry Street", "shooting 2 of a round-up, Quarry Street"),
        ("background:tal-afar-2022", "background:tal-afar-2022"),
    ],
)
def test_scope_label(scope: str, text: str) -> None:
    assert formatting.scope_label(scope) == text


def test_synthetic_batch_renders_compactly() -> None:
    """The benchmark's generator makes a valid report; the page stays small per incident."""
    spec = importlib.util.spec_from_file_location("html_report_benchmark", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    report = module.make_report(n_incidents=100, n_articles=200)
    # All of them as markup (the first page): past it the page holds the incidents as data.
    page = parse(render_html(report, page_size=100))
    assert len(page.select("article.incident")) == 100
    assert len(page.select("article.incident > details[open]")) == 0
    claims = sum(len(f["claims"]) for i in report["incidents"] for f in i["facts"])
    assert len(page.select("details.evidence")) == claims
    # Filtering stays cheap in Chromium only while each incident's markup stays modest.
    assert sum(1 for _ in page.iter()) / 100 < 200


# --- Labels, sources and grouping -------------------------------------------------------


def bare_incident(incident_id: str, **fields: Any) -> dict[str, Any]:
    """An incident dict with the contract's fields; `fields` override them."""
    item: dict[str, Any] = {
        "id": incident_id,
        "label": None,
        "date": None,
        "location": None,
        "articles": [],
        "mentioned_in": [],
        "background_of": None,
        "facts": [],
    }
    item.update(fields)
    return item


def figure(kind: str, status: str, *claims: tuple[str, str, float, str]) -> dict[str, Any]:
    """A numeric fact from (article, value, figure, sentence) claims."""
    return {
        "kind": kind,
        "subject": None,
        "status": status,
        "rule": None,
        "revision": False,
        "claims": [
            {
                "article": article,
                "value": value,
                "low": number,
                "high": number,
                "normalized": None,
                "sentence": sentence,
                "start": 0,
                "end": 0,
            }
            for article, value, number, sentence in claims
        ],
    }


def bare_report(incidents: list[dict[str, Any]], articles: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "schema": "discrepancy-report/1",
        "articles": articles,
        "incidents": incidents,
        "skipped": [],
        "discrepancies": [],
    }


HASHED = ["000_5e1f0c4a9b2d7e31", "001_9a8b7c6d5e4f3a21"]


def hashed_articles(**titles: str | None) -> list[dict[str, Any]]:
    """Two articles named by hashes, with no outlet; titles by index ("t0", "t1")."""
    return [
        {
            "id": article_id,
            "source": None,
            "title": titles.get(f"t{n}"),
            "published": "2021-05-0" + str(n + 1),
            "path": None,
        }
        for n, article_id in enumerate(HASHED)
    ]


def test_label_that_repeats_date_and_place_gives_way_to_a_headline() -> None:
    report = bare_report(
        [
            bare_incident(
                "inc-1",
                label="2021-05-01 Lakeside",
                date="2021-05-01",
                location="Lakeside",
                articles=HASHED,
            )
        ],
        hashed_articles(t1="Two hurt in Lakeside ferry crash"),
    )
    label = parse(render_html(report)).one(".label")
    assert label.text() == "Two hurt in Lakeside ferry crash"
    assert "from-title" in label.classes


def test_without_headline_the_sentence_with_most_figures_is_quoted() -> None:
    one = "A fire broke out in the hold, and three people died while nine were hurt, crews said."
    report = bare_report(
        [
            bare_incident(
                "inc-1",
                label="2021-05-01 Lakeside",
                date="2021-05-01",
                location="Lakeside",
                articles=HASHED,
                facts=[
                    figure(
                        "killed",
                        "agree",
                        (HASHED[1], "three", 3, one),
                        (HASHED[0], "3", 3, "3 died."),
                    ),
                    figure("wounded", "single", (HASHED[1], "nine", 9, one)),
                ],
            )
        ],
        hashed_articles(),
    )
    page = parse(render_html(report))
    label = page.one(".label")
    assert "from-quote" in label.classes
    assert (
        label.text()
        == "“A fire broke out in the hold, and three people died while nine were hurt, crews said.”"
    )
    # Articles named by a hash are counted, not listed.
    assert page.one(".outlets").text() == "2 articles, no outlet named"


def test_long_quoted_label_is_cut_at_a_word() -> None:
    sentence = "Four people were killed " + "and the road stayed closed " * 10 + "all day."
    report = bare_report(
        [
            bare_incident(
                "bg-1",
                label="mentioned in passing",
                mentioned_in=[HASHED[0]],
                facts=[figure("killed", "single", (HASHED[0], "Four", 4, sentence))],
            )
        ],
        hashed_articles(),
    )
    label = parse(render_html(report)).one(".label").text()
    assert label.startswith("“") and label.endswith("…”")
    kept = label[1:-2]
    assert len(kept) < 110
    # Cut between words, never inside one.
    assert sentence.startswith(kept) and sentence[len(kept)] == " "
    assert formatting.truncate("short  text ") == "short text"
    assert formatting.truncate("alpha beta gamma delta", 14) == "alpha beta…"


def test_given_label_kept_and_readable_ids_listed() -> None:
    articles = hashed_articles()
    articles[0]["source"] = "Harbour Post"
    articles.append({"id": "ledger-may-2", "source": None, "title": None, "published": None})
    report = bare_report(
        [
            bare_incident(
                "inc-1",
                label="Ferry fire off Lakeside",
                articles=[*HASHED, "ledger-may-2"],
            )
        ],
        articles,
    )
    page = parse(render_html(report))
    assert page.one(".label").text() == "Ferry fire off Lakeside"
    assert page.one(".outlets").text() == "Harbour Post, ledger-may-2 + 1 article without an outlet"


def test_background_follows_its_parent_even_when_it_sorts_first(sample: dict[str, Any]) -> None:
    report = copy.deepcopy(sample)
    # A background incident with conflicts of its own (two, where Mosul has one) still stays
    # under its parent, but background is hidden by default: it does not bring its parent
    # (Kirkuk) up (issue 16). One whose parent is missing goes on its own, after the rest.
    report["incidents"].append(
        bare_incident(
            "bg-kirkuk",
            background_of="inc-kirkuk-2023-12-02",
            mentioned_in=["levant-2023-12-02-kirkuk"],
            facts=[
                figure(
                    "killed",
                    "conflict",
                    ("levant-2023-12-02-kirkuk", "two", 2, "Two died in an earlier raid."),
                    ("plains-2023-12-04-kirkuk", "four", 4, "Four died in that raid."),
                ),
                figure(
                    "wounded",
                    "conflict",
                    ("levant-2023-12-02-kirkuk", "one", 1, "One was hurt in that raid."),
                    ("plains-2023-12-04-kirkuk", "six", 6, "Six were hurt in that raid."),
                ),
            ],
        )
    )
    report["incidents"].append(
        bare_incident(
            "bg-orphan",
            label="Earlier raid",
            background_of="inc-missing",
            mentioned_in=["levant-2023-12-02-kirkuk"],
        )
    )
    view = describe(report)
    assert [(i.id, i.child) for i in view.incidents] == [
        ("inc-mosul-2023-11-18", False),
        ("inc-tal-afar-2022-03-14", True),
        ("inc-kirkuk-2023-12-02", False),
        ("bg-kirkuk", True),
        ("bg-orphan", False),
    ]
    page = parse(render_html(report))
    kirkuk_bg = incident(page, "bg-kirkuk").one("> details > summary")
    assert kirkuk_bg.one(".badge").text() == "Conflict"
    assert kirkuk_bg.one(".tag").text() == "background"
    assert kirkuk_bg.one(".issues").text() == "Killed: 2 vs 4; Wounded: 1 vs 6"
    orphan = incident(page, "bg-orphan").one("> details > summary")
    assert orphan.one(".outlets").text() == "mentioned in Levant Monitor"


# --- Facts that need review: first, with their sentences open -------------------------


def test_flagged_rows_come_first_with_their_evidence_open(page: Node) -> None:
    kinds = [
        r.one(".kind").text() for r in incident(page, "inc-mosul-2023-11-18").select("tr.fact")
    ]
    assert kinds[:2] == ["Wounded", "Killed"]
    kirkuk = [
        r.one(".kind").text() for r in incident(page, "inc-kirkuk-2023-12-02").select("tr.fact")
    ]
    assert kirkuk[:3] == ["Killed", "People", "Wounded"]
    for row in page.select("tr.fact"):
        opened = ["open" in d.attrs for d in row.select("details.evidence")]
        flagged = row.classes & {"s-conflict", "s-variant", "s-revision"}
        assert all(opened) if flagged else not any(opened), row.one(".kind").text()


def test_a_repeated_value_opens_once_per_source() -> None:
    said = "Nine were hurt."
    report = bare_report(
        [
            bare_incident(
                "inc-1",
                articles=HASHED,
                facts=[
                    figure(
                        "wounded",
                        "conflict",
                        (HASHED[0], "nine", 9, said),
                        (HASHED[0], "9", 9, "Again: 9 hurt."),
                        (HASHED[1], "eleven", 11, "Eleven were hurt."),
                    )
                ],
            )
        ],
        hashed_articles(),
    )
    cells = parse(render_html(report)).select("tr.fact td")
    assert [["open" in d.attrs for d in c.select("details.evidence")] for c in cells] == [
        [True, False],
        [True],
    ]


# --- People shot --------------------------------------------------------------------------


def shot_report() -> dict[str, Any]:
    sentence_a = "Police said four people were shot, one fatally."
    sentence_b = "Five people were shot outside the club, police said."
    return bare_report(
        [
            bare_incident(
                "inc-shot",
                label="Shooting outside a club",
                date="2021-05-01",
                location="Lakeside",
                articles=HASHED,
                facts=[
                    figure(
                        "shot",
                        "conflict",
                        (HASHED[0], "four", 4, sentence_a),
                        (HASHED[1], "Five", 5, sentence_b),
                    ),
                    figure(
                        "killed",
                        "agree",
                        (HASHED[0], "one", 1, sentence_a),
                        (HASHED[1], "one", 1, "One died."),
                    ),
                ],
            ),
            bare_incident(
                "inc-calm",
                label="Quiet night",
                articles=[HASHED[0]],
                facts=[figure("shot", "single", (HASHED[0], "two", 2, "Two were shot."))],
            ),
        ],
        hashed_articles(),
    )


def test_shot_has_a_label_a_filter_a_row_and_a_chart() -> None:
    report = shot_report()
    page = parse(render_html(report))
    assert formatting.kind_label("shot") == "Shot"
    options = [(o.attrs["value"], o.text()) for o in page.select("#filter-kind option")]
    assert options == [("", "any kind"), ("killed", "Killed"), ("shot", "Shot")]
    row = fact_row(page, "inc-shot", "Shot")
    assert "s-conflict" in row.classes
    assert row.one(".values").text() == "4 vs 5"
    summary = incident(page, "inc-shot").one("> details > summary")
    assert summary.one(".issues").text() == "Shot: 4 vs 5"
    facets = {a.attrs["id"]: a.attrs["data-facets"] for a in page.select("article.incident")}
    assert facets == {"incident-inc-shot": "conflict:shot", "incident-inc-calm": "ok: ok:shot"}
    groups = [t.text() for t in incident(page, "inc-shot").select("text.group")]
    assert groups == ["Killed: Agree", "Shot: Conflict"]
    # The matrix lists shot after killed and wounded among the facts that agree.
    assert describe(report).kinds == ("killed", "shot")


# --- Review decisions ------------------------------------------------------------------------


def reviewed_sample(sample: dict[str, Any]) -> dict[str, Any]:
    """The sample as `check --baseline` annotates it: one confirmed, one to follow up."""
    report = copy.deepcopy(sample)
    wounded, killed, person = report["discrepancies"]
    wounded.update(reviewed=True, decision="confirmed conflict")
    killed.update(reviewed=False, decision="needs follow-up")
    person.update(reviewed=False, decision=None)
    return report


def test_review_decisions_are_shown_next_to_flagged_facts(sample: dict[str, Any]) -> None:
    page = parse(render_html(reviewed_sample(sample)))
    wounded = fact_row(page, "inc-mosul-2023-11-18", "Wounded").select("th .badge")
    assert [(b.text(), b.one("use").attrs["href"]) for b in wounded] == [
        ("Conflict", "#i-conflict"),
        ("Reviewed: confirmed conflict", "#i-reviewed"),
    ]
    killed = fact_row(page, "inc-kirkuk-2023-12-02", "Killed").select("th .badge")
    assert [b.text() for b in killed] == ["Revision", "Decision: needs follow-up"]
    person = fact_row(page, "inc-kirkuk-2023-12-02", "People").select("th .badge")
    assert [b.text() for b in person] == ["Variant", "Not reviewed"]
    # Facts that agree have nothing to review.
    assert len(fact_row(page, "inc-kirkuk-2023-12-02", "Wounded").select("th .badge")) == 1
    # The summary line names decisions; "not reviewed" is the default and goes unsaid there.
    issues = incident(page, "inc-kirkuk-2023-12-02").select("> details > summary .issue")
    assert [i.text() for i in issues] == [
        "Killed revised: 2 → 3 → 5 Decision: needs follow-up",
        "People (commander): Abu Jafar al-Hamdani vs Abu Jaafar al-Hamdani",
    ]
    for symbol in ("i-reviewed", "i-followup", "i-unreviewed"):
        assert page.one(f"symbol#{symbol}")


def test_summary_counts_reviewed_and_unreviewed(sample: dict[str, Any]) -> None:
    stats = stats_of(parse(render_html(reviewed_sample(sample))).one("section.summary"))
    assert stats["Reviewed"] == "1"
    assert stats["Not reviewed"] == "2"
    view = describe(reviewed_sample(sample))
    assert view.reviews is not None
    assert (view.reviews.reviewed, view.reviews.unreviewed) == (1, 2)


def test_decision_matches_the_fact_by_its_values_when_kind_and_subject_repeat() -> None:
    names = ("Harbour Guard", "Harbor Guard", "Coast Watch", "Coastwatch")
    facts = []
    for first, second in (names[:2], names[2:]):
        fact = figure(
            "organization",
            "variant",
            (HASHED[0], first, 0, f"{first} said."),
            (HASHED[1], second, 0, f"{second} said."),
        )
        for claim in fact["claims"]:
            claim["low"] = claim["high"] = None
        facts.append(fact)
    report = bare_report([bare_incident("inc-1", articles=HASHED, facts=facts)], hashed_articles())
    report["discrepancies"] = [
        {"incident": "inc-1", "kind": "organization", "subject": None, "status": "variant",
         "values": list(names[2:]), "reviewed": True, "decision": "false alarm"},
        {"incident": "inc-1", "kind": "organization", "subject": None, "status": "variant",
         "values": list(names[:2]), "reviewed": False, "decision": None},
    ]  # fmt: skip
    rows = parse(render_html(report)).select("tr.fact")
    decided = {r.one(".values").text(): r.select("th .badge")[1].text() for r in rows}
    assert decided == {
        "Harbour Guard vs Harbor Guard": "Not reviewed",
        "Coast Watch vs Coastwatch": "Reviewed: false alarm",
    }


# --- Changes since the previous run ----------------------------------------------------------


def diffed_sample(sample: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The sample with the diff `check --previous` adds, and the previous report it came from.

    Previously: Mosul's wounded were 6 vs 8 (now 6 vs 7: changed), the Kirkuk commander's
    spellings were not flagged (now: new), and a Basra incident no longer read had a conflict
    (resolved, but not in this report).
    """
    from discrepancy.report.diff import diff_reports

    current = copy.deepcopy(sample)
    old = copy.deepcopy(sample)
    wounded = old["discrepancies"][0]
    wounded["values"] = ["Six", "eight"]
    wounded["fingerprint"] = "old-wounded"
    del old["discrepancies"][2]
    old["incidents"].append(
        bare_incident(
            "inc-basra-2023-10-01",
            label="Checkpoint shooting, Basra",
            articles=["northwire-2023-11-18-mosul"],
        )
    )
    old["discrepancies"].append(
        {
            "incident": "inc-basra-2023-10-01",
            "kind": "killed",
            "subject": None,
            "status": "conflict",
            "values": ["two", "three"],
            "articles": ["northwire-2023-11-18-mosul"],
        }
    )
    current["diff"] = diff_reports(old, current)
    return current, old


def test_changes_section_counts_and_lists_with_links(sample: dict[str, Any]) -> None:
    report, old = diffed_sample(sample)
    page = parse(render_html(report, previous=old))
    changes = page.one("section#changes")
    assert changes.one("h2").text() == "Changes since the previous run"
    assert stats_of(changes) == {"New": "1", "Resolved": "1", "Changed": "1", "Unchanged": "1"}
    # The section comes between the batch summary and the filters.
    main = [
        n.attrs.get("id") or n.attrs.get("class")
        for n in page.one("main").children
        if isinstance(n, Node)
    ]
    assert main.index("summary") < main.index("changes") < main.index("controls")

    new = changes.one("#changes-new li")
    assert new.one(".badge").text() == "Variant"
    assert new.one(".what").text() == "People (commander)"
    assert new.one(".values").text() == "Abu Jafar al-Hamdani vs Abu Jaafar al-Hamdani"
    assert new.one("a").attrs["href"] == "#incident-inc-kirkuk-2023-12-02"
    assert new.one("a").text() == "Strike on a convoy on the Kirkuk road"

    changed = changes.one("#changes-changed li")
    assert changed.one(".values").text() == "Six vs seven"
    assert changed.one(".detail").text() == "(added seven; removed eight)"
    assert changed.one("a").attrs["href"] == "#incident-inc-mosul-2023-11-18"

    resolved = changes.one("#changes-resolved li")
    assert resolved.one(".badge").text() == "Conflict"
    # Not in this report: named from the previous one, and not a link to nowhere.
    assert not resolved.select("a")
    assert resolved.one(".gone").text() == "Checkpoint shooting, Basra"

    # Every link in the section points at an incident of the page.
    ids = {a.attrs["id"] for a in page.select("article.incident")}
    assert all(a.attrs["href"][1:] in ids for a in changes.select("a"))
    tags = {
        a.attrs["id"]: a.one(".tag.change").text()
        for a in page.select("article.incident")
        if a.select(".tag.change")
    }
    assert tags == {
        "incident-inc-kirkuk-2023-12-02": "new since the previous run",
        "incident-inc-mosul-2023-11-18": "changed since the previous run",
    }


def test_changes_without_the_previous_report_name_incidents_by_id(sample: dict[str, Any]) -> None:
    report, _old = diffed_sample(sample)
    report["diff"]["not_compared"] = 2
    report["diff"]["changed"][0]["changed"] = ["values", "status"]
    report["diff"]["changed"][0]["old"]["status"] = "variant"
    changes = parse(render_html(report)).one("section#changes")
    assert changes.one("#changes-resolved .gone").text() == "inc-basra-2023-10-01"
    assert changes.one(".not-compared").text().startswith("2 discrepancies of the previous run")
    assert changes.one("#changes-changed .detail").text() == (
        "(added seven; removed eight; was variant, now conflict)"
    )


def test_long_change_lists_start_collapsed(sample: dict[str, Any]) -> None:
    report, _old = diffed_sample(sample)
    item = report["diff"]["new"][0]
    report["diff"]["new"] = [dict(item, fingerprint=str(n)) for n in range(11)]
    changes = parse(render_html(report)).one("section#changes")
    assert "open" not in changes.one("#changes-new").attrs
    assert "open" in changes.one("#changes-changed").attrs
    assert len(changes.select("#changes-new li")) == 11


def test_hostile_text_in_diff_and_decisions_is_escaped(sample: dict[str, Any]) -> None:
    report, old = diffed_sample(hostile_report(sample))
    script, img, link, svg = HOSTILE
    for item in report["discrepancies"]:
        item.update(reviewed=True, decision=f"ok {script}")
    report["diff"]["resolved"][0]["values"] = [img, link]
    report["diff"]["changed"][0]["added_values"] = [svg]
    old["incidents"][-1]["label"] = f"Gone {script}"
    html = render_html(report, previous=old)
    page = parse(html)
    assert len(page.select("script")) == 1
    assert not page.select("img") and not page.select("svg[onload]")
    assert "<script>window" not in html and "<img" not in html
    text = page.text()
    for payload in HOSTILE:
        assert payload in text


def test_a_copy_says_it_is_one_among_the_sources() -> None:
    from discrepancy.models import Article
    from discrepancy.pipeline import run_articles
    from discrepancy.report.json_report import to_dict

    text = "A shell killed three people at the Orvel market on Tuesday, the governor said."
    other = "A shell killed five people at the Orvel market on Tuesday, the governor said."
    report = run_articles(
        [Article(id="wire", title="Three killed", text=text),
         Article(id="wire-again", title="Three killed", text=text),
         Article(id="paper", title="Five killed", text=other)]
    )  # fmt: skip
    assert report.discrepancies  # an incident an editor opens, written out in the page
    html = render_html(to_dict(report))
    assert "a copy of wire (same headline and text): not counted as a second source" in html
