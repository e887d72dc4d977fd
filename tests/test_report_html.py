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

from discrepancy import formatting
from discrepancy.report_html import TEMPLATES_DIR, describe, render_html, split_on_value

FIXTURE = Path(__file__).parent / "fixtures" / "report" / "sample_report.json"
BENCHMARK = Path(__file__).resolve().parent.parent / "benchmarks" / "html_report.py"
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


def test_batch_summary_counts_and_skipped_reasons(page: Node) -> None:
    stats = {
        dt.text().strip(): dd.text()
        for dt, dd in zip(page.select("dl.stats dt"), page.select("dl.stats dd"), strict=True)
    }
    assert stats == {
        "Articles read": "5",
        "Skipped": "2",
        "Incidents": "3",
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
    assert order == [
        "incident-inc-mosul-2023-11-18",
        "incident-inc-kirkuk-2023-12-02",
        "incident-inc-tal-afar-2022-03-14",
    ]
    summary = incident(page, "inc-mosul-2023-11-18").one("> details > summary")
    assert summary.one(".when").text() == "18 Nov 2023"
    assert summary.one(".where").text() == "Mosul"
    assert summary.one(".label").text() == "Drone strike on a militia depot, Mosul"
    assert summary.one(".outlets").text() == "Northern Wire, Tigris Daily"
    assert summary.one(".issues").text() == "wounded (militia fighters): 6 / 7"


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
    assert row.one("th .values").text() == "6 / 7"
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
    assert row.one("th .values").text() == "Abu Jafar al-Hamdani / Abu Jaafar al-Hamdani"
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
    assert background.one("> details > summary .tag").text() == "background"
    assert background.one("> details > summary .outlets").text() == "mentioned in Northern Wire"
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


def test_previous_report_is_accepted(sample: dict[str, Any], html: str) -> None:
    assert render_html(sample, previous=sample) == html


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
    mosul = incident(page, "inc-mosul-2023-11-18")
    assert mosul.one(".label").text() == "Mosul, 18 Nov 2023"
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
    assert [i.review for i in view.incidents] == ["conflict", "variant", "ok"]
    assert view.review_counts == {"conflict": 1, "variant": 1, "revision": 1, "ok": 1}
    assert "abu jaafar al-hamdani" in view.incidents[1].search


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


def test_synthetic_batch_renders_compactly() -> None:
    """The benchmark's generator makes a valid report; the page stays small per incident."""
    spec = importlib.util.spec_from_file_location("html_report_benchmark", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    report = module.make_report(n_incidents=100, n_articles=200)
    page = parse(render_html(report))
    assert len(page.select("article.incident")) == 100
    assert len(page.select("article.incident > details[open]")) == 0
    claims = sum(len(f["claims"]) for i in report["incidents"] for f in i["facts"])
    assert len(page.select("details.evidence")) == claims
    # Filtering stays cheap in Chromium only while each incident's markup stays modest.
    assert sum(1 for _ in page.iter()) / 100 < 200
