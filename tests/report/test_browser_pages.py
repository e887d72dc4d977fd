"""A large report in Chromium: incidents past the first page are data the script renders a page
at a time, as the templates would; filters, the address, keys and a phone work across pages."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from discrepancy.report.html_report import render_html
from tests.report.test_browser_report import SCREENSHOTS, Watched, assert_fits_a_phone, load
from tests.report.test_report_html import (
    diffed_sample,
    hostile_report,
    reviewed_sample,
    shot_report,
)

pytestmark = pytest.mark.browser

# A script that serialises an element as the user meets it: tag, attributes, and text with
# its white space collapsed, whitespace-only text left out; then what it reads (innerText)
# once shown with every part opened.
SERIALISE = """(key) => {
    const el = window.discrepancyReport.render(key);
    if (!el) return null;
    const clone = el.cloneNode(true);
    clone.hidden = false;
    clone.querySelectorAll('details').forEach(d => d.open = true);
    // Adjacent text nodes read as one, as they do on screen.
    clone.normalize();
    function walk(node) {
        if (node.nodeType === Node.TEXT_NODE) {
            const text = node.data.replace(/\\s+/g, ' ');
            return text.trim() ? text : null;
        }
        if (node.nodeType !== Node.ELEMENT_NODE) return null;
        const attrs = Array.from(node.attributes)
            .filter(a => !['hidden', 'data-search'].includes(a.name))
            .map(a => [a.name, a.name === 'class'
                ? a.value.split(/\\s+/).filter(c => c && c !== 'context' && c !== 'current').join(' ')
                : a.value])
            .sort();
        const children = Array.from(node.childNodes).map(walk).filter(c => c !== null);
        return [node.tagName.toLowerCase(), attrs, children];
    }
    const tree = walk(clone);
    const box = document.createElement('div');
    box.style.contentVisibility = 'visible';
    box.appendChild(clone);
    document.body.appendChild(box);
    clone.style.contentVisibility = 'visible';
    const text = clone.innerText;
    box.remove();
    const words = (el.getAttribute('data-search') || '').split(' ').filter(Boolean);
    return [tree, text, Array.from(new Set(words)).sort()];
}"""


def address(page: Any) -> str:
    """The page's address as its script last wrote it (Playwright's page.url follows history
    changes a moment later)."""
    return str(page.evaluate("() => location.href"))


def many(report: dict[str, Any], copies: int) -> dict[str, Any]:
    """The report with each incident (and discrepancy) repeated under new ids and labels."""
    out = copy.deepcopy(report)
    out["incidents"], out["discrepancies"] = [], []
    for n in range(copies):
        for item in report["incidents"]:
            clone = copy.deepcopy(item)
            clone["id"] = f"{item['id']}-{n:03d}"
            if clone.get("background_of"):
                clone["background_of"] = f"{clone['background_of']}-{n:03d}"
            clone["label"] = f"{item.get('label') or 'Untitled'} ({n})"
            out["incidents"].append(clone)
        for item in report["discrepancies"]:
            out["discrepancies"].append(dict(item, incident=f"{item['incident']}-{n:03d}"))
    return out


def ids(report: dict[str, Any]) -> list[str]:
    return ["incident-" + str(item["id"]) for item in report["incidents"]]


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


def opened(context: Any, path: Path) -> Watched:
    watched = Watched(context.new_page())
    watched.page.goto(path.as_uri())
    # A page whose data is deflated starts once the browser has inflated it.
    watched.page.wait_for_function("() => window.discrepancyReport")
    return watched


def write(tmp_path: Path, name: str, html: str) -> Path:
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return path


def fixtures() -> dict[str, tuple[dict[str, Any], dict[str, Any] | None]]:
    sample = load("sample_report.json")
    diffed, previous = diffed_sample(sample)
    return {
        "sample": (sample, None),
        "hostile": (hostile_report(sample), None),
        "reviewed": (reviewed_sample(sample), None),
        "diffed": (diffed, previous),
        "shot": (shot_report(), None),
        "copies": (many(sample, 3), None),
    }


@pytest.mark.parametrize("packed", [False, True])
def test_incidents_from_data_are_the_templates_markup(
    context: Any, tmp_path: Path, packed: bool
) -> None:
    for name, (report, previous) in fixtures().items():
        # All as markup, and all but the first as data (deflated or plain).
        markup = write(tmp_path, f"{name}-markup.html", render_html(report, previous=previous))
        data = write(tmp_path, f"{name}-data.html", render_html(
            report, previous=previous, page_size=1, pack_above=0 if packed else 2**40
        ))  # fmt: skip
        assert "report-data" in data.read_text(encoding="utf-8")
        first, second = opened(context, markup), opened(context, data)
        for key in ids(report):
            expected = first.page.evaluate(SERIALISE, key)
            assert expected is not None, key
            assert second.page.evaluate(SERIALISE, key) == expected, (name, key)
        assert first.errors == second.errors == [], name
        first.page.close()
        second.page.close()


@pytest.fixture
def paged(tmp_path: Path) -> tuple[dict[str, Any], Path]:
    """Forty copies of the sample: 80 incidents reported and 40 mentioned, two pages of 50."""
    report = many(load("sample_report.json"), 40)
    return report, write(tmp_path, "paged.html", render_html(report))


def shown(page: Any) -> list[str]:
    found: list[str] = page.eval_on_selector_all(
        "article.incident:not([hidden]):not(.context)", "els => els.map(e => e.id)"
    )
    return found


def test_pages_keep_the_filters_and_live_in_the_address(
    context: Any, paged: tuple[dict[str, Any], Path]
) -> None:
    _, path = paged
    watched = opened(context, path)
    page = watched.page
    assert page.text_content("#shown-count") == "80 of 80 incidents shown"
    assert page.text_content("#pager .page-of") == "Page 1 of 2 · 1–50 of 80"
    first = shown(page)
    # The conflicts first (Mosul's copies), then the variants and revisions (Kirkuk's).
    assert len(first) == 50 and all("mosul" in key for key in first[:40])
    assert all("kirkuk" in key for key in first[40:])
    page.click("#pager .next")
    second = shown(page)
    assert len(second) == 30 and not set(first) & set(second)
    assert "page=2" in address(page)
    assert page.text_content("#pager .page-of") == "Page 2 of 2 · 51–80 of 80"
    assert page.is_disabled("#pager .next") and not page.is_disabled("#pager .prev")
    # A filter applies to every page and starts again at the first.
    page.check("#show-background")
    assert page.text_content("#shown-count") == (
        "120 of 120 incidents and background mentions shown"
    )
    assert "page=" not in address(page)
    page.click("#pager .next")
    page.click("#pager .next")
    assert page.text_content("#pager .page-of") == "Page 3 of 3 · 101–120 of 120"
    on_third = shown(page)
    assert len(on_third) == 20
    # The address gives another reader the same page, filters and all.
    other = context.new_page()
    other.goto(address(page))
    other.wait_for_function("() => window.discrepancyReport")
    assert other.is_checked("#show-background")
    assert shown(other) == on_third
    other.close()
    page.uncheck("input[name=status][value=conflict]")
    assert page.text_content("#pager .page-of") == "Page 1 of 2 · 1–50 of 80"
    assert not any("mosul" in key for key in shown(page))
    page.fill("#filter-text", "kirkuk")
    assert page.is_hidden("#pager")
    assert len(shown(page)) == 40
    assert watched.errors == []


def test_a_link_to_an_incident_on_another_page_turns_to_it(
    context: Any, paged: tuple[dict[str, Any], Path]
) -> None:
    _, path = paged
    target = "incident-inc-kirkuk-2023-12-02-035"
    watched = Watched(context.new_page())
    page = watched.page
    page.goto(f"{path.as_uri()}?hide=variant#{target}")
    page.wait_for_function("() => window.discrepancyReport")
    # Hidden by the filter and on the second page: the filters are cleared, the page turned.
    assert page.evaluate("window.discrepancyReport.page()") == 1
    assert page.get_attribute(f"#{target} > details", "open") is not None
    assert page.locator(f"#{target} tr.s-variant blockquote").first.is_visible()
    assert "current" in (page.get_attribute(f"#{target}", "class") or "")
    top = page.evaluate(f"document.getElementById('{target}').getBoundingClientRect().top")
    bar = page.evaluate("document.getElementById('controls').getBoundingClientRect().bottom")
    assert bar <= top < bar + 60
    # Its permalink and the link to its background incident work from data too.
    page.click(f"#{target} .permalink a")
    assert page.evaluate("location.hash") == f"#{target}"
    page.goto(path.as_uri() + "#incident-inc-mosul-2023-11-18-030")
    page.wait_for_function("() => window.discrepancyReport")
    page.click("#incident-inc-mosul-2023-11-18-030 .backgrounds a")
    background = "#incident-inc-tal-afar-2022-03-14-030"
    page.wait_for_function(f"() => document.querySelector('{background} > details').open")
    assert page.is_visible(background)
    assert page.is_checked("#show-background")
    assert watched.errors == []


def test_keys_step_on_to_the_next_and_previous_page(
    context: Any, paged: tuple[dict[str, Any], Path]
) -> None:
    _, path = paged
    watched = opened(context, path)
    page = watched.page
    for _ in range(50):
        page.keyboard.press("j")
    assert page.evaluate("window.discrepancyReport.page()") == 0
    last = page.evaluate("document.querySelector('.current').id")
    page.keyboard.press("j")
    assert page.evaluate("window.discrepancyReport.page()") == 1
    first_of_second = page.evaluate("document.querySelector('.current').id")
    assert first_of_second == shown(page)[0]
    page.keyboard.press("o")
    assert page.get_attribute(f"#{first_of_second} > details", "open") is not None
    assert page.locator(f"#{first_of_second} .matrix").is_visible()
    page.keyboard.press("k")
    assert page.evaluate("window.discrepancyReport.page()") == 0
    assert page.evaluate("document.querySelector('.current').id") == last
    assert watched.errors == []


def test_a_paged_report_on_a_phone(browser: Any, paged: tuple[dict[str, Any], Path]) -> None:
    _, path = paged
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = context.new_page()
    page.goto(path.as_uri() + "?page=2")
    page.wait_for_function("() => window.discrepancyReport")
    key = shown(page)[0]
    page.click(f"#{key} > details > summary")
    # An incident made from data stacks its fact table and keeps the chart's text readable.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    cell = page.locator(f"#{key} tr.fact td").first
    assert cell.evaluate("td => getComputedStyle(td, '::before').content").strip('"')
    assert cell.bounding_box()["width"] <= 380
    label = page.locator(f"#{key} .chart text.who").first
    assert label.bounding_box()["height"] >= 11
    assert_fits_a_phone(page, f"#{key}")
    # The pager fits the phone, its buttons big enough to tap.
    page.locator("#pager").scroll_into_view_if_needed()
    for button in ("#pager .prev", "#pager .next"):
        box = page.locator(button).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["height"] >= 28
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "paged-phone.png"), full_page=False)
    page.click("#pager .prev")
    assert "page=" not in address(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


@pytest.mark.parametrize("packed", [False, True])
def test_hostile_data_cannot_run_script(context: Any, tmp_path: Path, packed: bool) -> None:
    hostile = many(load("hostile_report.json"), 30)
    html = render_html(hostile, page_size=5, pack_above=0 if packed else 2**40)
    watched = opened(context, write(tmp_path, "hostile-pages.html", html))
    page = watched.page
    page.check("#show-background")
    on_screen = "article.incident:not([hidden])"
    for _ in range(3):
        # Every incident of the page made whole and opened, so every payload is laid out.
        page.evaluate(f"document.querySelectorAll('{on_screen}').forEach(a => "
                      "window.discrepancyReport.render(a.id))")  # fmt: skip
        page.evaluate(f"document.querySelectorAll('{on_screen} details')"
                      ".forEach(d => d.open = true)")  # fmt: skip
        for selector in ("summary", "mark", "blockquote", ".warning", "q"):
            for element in page.locator(f"{on_screen} {selector}").all()[:10]:
                element.hover()
        if not page.is_enabled("#pager .next"):
            break
        page.click("#pager .next")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__pwned") is None
    assert watched.dialogs == [] and watched.errors == []
    assert page.evaluate("document.scripts.length") == 1
    dangerous = "[onerror],[onload],[onmouseover],a[href^=javascript],img,iframe"
    assert page.evaluate(f"document.querySelectorAll('{dangerous}').length") == 0
    # The payloads are shown as text.
    label = page.locator("article.incident .label").last.text_content() or ""
    assert "<svg onload=window.__pwned=4>" in label


def test_without_javascript_the_first_page_is_there_and_the_rest_announced(
    browser: Any, paged: tuple[dict[str, Any], Path]
) -> None:
    _, path = paged
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(path.as_uri())
    assert page.locator("#incidents > noscript > article.incident").count() == 50
    assert page.locator("article.incident").count() == 50
    assert page.is_visible("#more-note")
    assert page.text_content("#more-note").startswith("70 more incidents of this report")
    assert page.is_hidden("#pager")
    context.close()


def test_summary_counts_every_page(context: Any, paged: tuple[dict[str, Any], Path]) -> None:
    _, path = paged
    watched = opened(context, path)
    page = watched.page
    stats = page.eval_on_selector_all(
        "section.summary dl.stats div", "els => els.map(e => e.innerText.replace(/\\n/g, ' '))"
    )
    assert "Incidents reported 80" in stats and "Mentioned in passing 40" in stats
    assert page.title() == "Discrepancy report: 120 incidents, 40 conflicts"
    # The first page's markup for readers without JavaScript is not shown, nor its note.
    assert page.locator("#more-note").count() == 0
    assert page.locator("#incidents > article.incident").count() == 80 - 30
    assert watched.errors == []


def test_a_page_of_data_loads_with_its_data_deflated(
    context: Any, paged: tuple[dict[str, Any], Path], tmp_path: Path
) -> None:
    report, _ = paged
    path = write(tmp_path, "packed.html", render_html(report, pack_above=0))
    text = path.read_text(encoding="utf-8")
    assert '<template id="report-data" data-deflate>' in text
    watched = opened(context, path)
    page = watched.page
    assert page.text_content("#shown-count") == "80 of 80 incidents shown"
    page.click("#pager .next")
    key = shown(page)[0]
    page.click(f"#{key} > details > summary")
    assert page.locator(f"#{key} .matrix").is_visible()
    assert watched.errors == []
    json.dumps(report)  # the report itself is untouched
