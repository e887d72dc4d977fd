"""The HTML report in Chromium: filters, evidence, permalinks, keys, print, hostile input."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from discrepancy.report.html_report import render_html

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).parent / "fixtures"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "reports" / "screenshots"
MOSUL = "#incident-inc-mosul-2023-11-18"
KIRKUK = "#incident-inc-kirkuk-2023-12-02"
TAL_AFAR = "#incident-inc-tal-afar-2022-03-14"


@pytest.fixture(scope="module")
def sample() -> dict[str, Any]:
    return load("sample_report.json")


@pytest.fixture(scope="module")
def sample_file(sample: dict[str, Any], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render_html(sample), encoding="utf-8")
    return path


def load(name: str) -> dict[str, Any]:
    report: dict[str, Any] = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    return report


class Watched:
    """A page with its console errors, uncaught errors and dialogs recorded."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("dialog", self._dialog)

    def _console(self, message: Any) -> None:
        # CSP refusals and script errors both arrive as console errors.
        if message.type == "error":
            self.errors.append(message.text)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()


@pytest.fixture
def watched(browser: Any) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield Watched(context.new_page())
    context.close()


@pytest.fixture
def page(watched: Watched, sample_file: Path) -> Any:
    watched.page.goto(sample_file.as_uri())
    return watched.page


def visible_incidents(page: Any) -> list[str]:
    ids: list[str] = page.eval_on_selector_all(
        "article.incident:not([hidden]):not(.context)", "els => els.map(e => '#' + e.id)"
    )
    return ids


def on_screen(page: Any) -> list[str]:
    """Incidents shown, matching or there as the context of a background match."""
    ids: list[str] = page.eval_on_selector_all(
        "article.incident:not([hidden])", "els => els.map(e => '#' + e.id)"
    )
    return ids


def test_overview_loads_under_csp_and_is_screenshotted(watched: Watched, page: Any) -> None:
    # The controls are unhidden by the inline script: it ran, so its CSP hash is right.
    assert page.is_visible("#controls")
    # Tal Afar, only mentioned in passing, is hidden by default (issue 16).
    assert page.text_content("#shown-count") == "2 of 2 incidents shown"
    assert watched.errors == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "seeds-overview.png"), full_page=True)
    # One click on the incident shows the sentences of the facts that disagree.
    page.click(f"{MOSUL} > details > summary")
    assert page.locator(f"{MOSUL} tr.s-conflict td >> nth=1 >> blockquote").is_visible()
    page.screenshot(path=str(SCREENSHOTS / "seeds-incident.png"), full_page=True)
    assert watched.errors == []


def test_background_is_hidden_by_default_and_one_click_away(page: Any) -> None:
    assert visible_incidents(page) == [MOSUL, KIRKUK]
    assert "(1)" in page.text_content("label.bg-toggle")
    page.check("#show-background")
    # Tal Afar, background of Mosul, is listed right under it.
    assert visible_incidents(page) == [MOSUL, TAL_AFAR, KIRKUK]
    assert page.text_content("#shown-count") == "3 of 3 incidents and background mentions shown"
    page.uncheck("#show-background")
    assert visible_incidents(page) == [MOSUL, KIRKUK]
    # A link to a background incident shows it all the same.
    page.goto(page.url.split("#")[0] + "#" + TAL_AFAR[1:])
    assert TAL_AFAR in visible_incidents(page)


def test_status_filters(page: Any) -> None:
    page.check("#show-background")
    assert visible_incidents(page) == [MOSUL, TAL_AFAR, KIRKUK]
    page.uncheck("input[name=status][value=conflict]")
    assert visible_incidents(page) == [TAL_AFAR, KIRKUK]
    assert page.text_content("#shown-count") == "2 of 3 incidents and background mentions shown"
    # Kirkuk also has a revision, so it stays until that is unticked too.
    page.uncheck("input[name=status][value=variant]")
    assert visible_incidents(page) == [TAL_AFAR, KIRKUK]
    page.uncheck("input[name=status][value=revision]")
    assert visible_incidents(page) == [TAL_AFAR]
    assert page.is_hidden("#no-match")
    page.uncheck("input[name=status][value=ok]")
    assert visible_incidents(page) == []
    assert page.is_visible("#no-match")


def test_kind_filter(page: Any) -> None:
    page.check("#show-background")
    page.select_option("#filter-kind", "person")
    assert visible_incidents(page) == [KIRKUK]
    page.select_option("#filter-kind", "wounded")
    assert visible_incidents(page) == [MOSUL]
    page.select_option("#filter-kind", "killed")
    assert visible_incidents(page) == [TAL_AFAR, KIRKUK]
    page.uncheck("input[name=status][value=ok]")
    assert visible_incidents(page) == [KIRKUK]
    page.select_option("#filter-kind", "")
    assert visible_incidents(page) == [MOSUL, KIRKUK]


def test_text_search(page: Any) -> None:
    page.check("#show-background")
    page.fill("#filter-text", "hamdani")
    assert visible_incidents(page) == [KIRKUK]
    page.fill("#filter-text", "tigris  DAILY")
    assert visible_incidents(page) == [MOSUL]
    page.fill("#filter-text", "no such words")
    assert visible_incidents(page) == []
    assert page.text_content("#shown-count") == "0 of 3 incidents and background mentions shown"
    page.fill("#filter-text", "")
    assert visible_incidents(page) == [MOSUL, TAL_AFAR, KIRKUK]
    # Enter in the search box must not submit the form (form-action 'none' would refuse it).
    page.fill("#filter-text", "mosul")
    page.press("#filter-text", "Enter")
    assert visible_incidents(page) == [MOSUL, TAL_AFAR]


def test_evidence_pops_out_with_value_marked(page: Any) -> None:
    cell = f"{MOSUL} tr.s-conflict td >> nth=1"
    quote = page.locator(f"{cell} >> blockquote")
    assert not quote.is_visible()
    # One click: the sentences of a fact that needs review are open in the incident.
    page.click(f"{MOSUL} > details > summary")
    assert quote.is_visible()
    assert quote.locator("mark").text_content() == "seven"
    assert quote.text_content() == (
        "The strike killed four fighters and wounded seven others, "
        "a security source told Tigris Daily."
    )
    assert page.locator(f"{cell} >> .pop p").text_content() == (
        "Attributed to: a security source told Tigris Daily"
    )
    page.click(f"{cell} >> summary")
    assert not quote.is_visible()
    # Facts that agree keep their sentences folded until asked.
    agreed = page.locator(f"{MOSUL} tr.s-agree td >> nth=0 >> blockquote")
    assert not agreed.is_visible()
    page.click(f"{MOSUL} tr.s-agree td >> nth=0 >> summary")
    assert agreed.is_visible()


def test_permalink_opens_the_incident(watched: Watched, sample_file: Path) -> None:
    page = watched.page
    page.goto(sample_file.as_uri() + KIRKUK)
    assert page.get_attribute(f"{KIRKUK} > details", "open") is not None
    assert page.get_attribute(f"{MOSUL} > details", "open") is None
    assert "current" in (page.get_attribute(KIRKUK, "class") or "")
    assert page.locator(f"{KIRKUK} .matrix").is_visible()
    # Scrolled to the top of the window, but not under the sticky filter bar.
    top = page.evaluate(f"document.querySelector('{KIRKUK}').getBoundingClientRect().top")
    bar = page.evaluate("document.getElementById('controls').getBoundingClientRect().bottom")
    assert bar <= top < bar + 60
    # Following a link to an incident the filters hide brings it back.
    page.uncheck("input[name=status][value=ok]")
    assert page.is_hidden(TAL_AFAR)
    page.evaluate("location.hash = '#incident-inc-tal-afar-2022-03-14'")
    page.wait_for_function(
        "() => document.querySelector('#incident-inc-tal-afar-2022-03-14 details').open"
    )
    assert page.is_visible(TAL_AFAR)
    assert watched.errors == []


def test_keyboard_navigation(page: Any) -> None:
    page.keyboard.press("j")
    assert page.evaluate("document.querySelector('.current').id") == MOSUL[1:]
    assert page.evaluate("location.hash") == MOSUL
    page.keyboard.press("j")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.querySelector('.current').id") == KIRKUK[1:]
    page.keyboard.press("j")  # stays on the last one
    page.keyboard.press("k")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.querySelector('.current').id") == MOSUL[1:]
    page.keyboard.press("o")
    assert page.get_attribute(f"{MOSUL} > details", "open") is not None
    page.keyboard.press("o")
    assert page.get_attribute(f"{MOSUL} > details", "open") is None
    page.keyboard.press("Enter")
    assert page.get_attribute(f"{MOSUL} > details", "open") is not None
    # Only visible incidents are stepped through; typing in the search box is not a command.
    page.check("#show-background")
    page.uncheck("input[name=status][value=variant]")
    page.uncheck("input[name=status][value=revision]")
    page.focus("#filter-text")
    page.keyboard.type("jk")
    assert page.input_value("#filter-text") == "jk"
    page.fill("#filter-text", "")
    page.locator("h1").click()
    page.keyboard.press("j")
    page.keyboard.press("j")
    assert page.evaluate("document.querySelector('.current').id") == TAL_AFAR[1:]


def test_readable_without_javascript(browser: Any, sample_file: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(sample_file.as_uri())
    assert page.is_hidden("#controls")
    page.click(f"{MOSUL} > details > summary")
    mark = page.locator(f"{MOSUL} tr.s-conflict td >> nth=0 >> mark")
    assert mark.is_visible()
    assert mark.text_content() == "Six"
    context.close()


def test_print_layout(page: Any) -> None:
    page.emulate_media(media="print")
    assert page.is_hidden("#controls")
    # Incidents that need review print opened, with the evidence of their flagged rows.
    assert page.locator(f"{MOSUL} .matrix").is_visible()
    assert page.locator(f"{MOSUL} tr.s-conflict blockquote >> nth=0").is_visible()
    assert not page.locator(f"{TAL_AFAR} .matrix").is_visible()
    pdf = page.pdf()
    assert pdf.startswith(b"%PDF")


def test_hostile_article_cannot_run_script(watched: Watched, tmp_path: Path) -> None:
    hostile = load("hostile_report.json")
    path = tmp_path / "hostile.html"
    path.write_text(render_html(hostile), encoding="utf-8")
    page = watched.page
    page.goto(path.as_uri())
    page.check("#show-background")
    # Open everything so every payload is rendered, hovered and laid out.
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    # Bodies of incidents without issues are made when opened: open what they hold too.
    page.wait_for_timeout(100)
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    for selector in ("article.incident summary", "mark", "blockquote", ".warning", "q"):
        for element in page.locator(selector).all()[:20]:
            element.hover()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert page.title().startswith("Discrepancy report: 3 incidents")
    assert watched.dialogs == []
    # Not even a CSP refusal: no payload got as far as trying to run.
    assert watched.errors == []
    assert page.evaluate("document.scripts.length") == 1
    assert (
        page.evaluate(
            "document.querySelectorAll('[onerror],[onload],[onmouseover],a[href^=javascript]').length"
        )
        == 0
    )
    # The page still works, so the payloads were shown as text rather than breaking it.
    assert page.is_visible("#controls")
    assert page.text_content(f"{MOSUL} .label") == hostile["incidents"][2]["label"]
    reasons = page.locator("details.skipped .reason").all_text_contents()
    assert reasons == [item["reason"] for item in hostile["skipped"]]


def test_no_console_errors_for_a_large_report(
    watched: Watched, sample: dict[str, Any], tmp_path: Path
) -> None:
    report = copy.deepcopy(sample)
    base = report["incidents"][2]
    for n in range(300):
        extra = copy.deepcopy(base)
        extra["id"] = f"copy-{n:03d}"
        extra["background_of"] = None
        extra["label"] = "Quarry raid, a copy"
        report["incidents"].append(extra)
    path = tmp_path / "large.html"
    path.write_text(render_html(report), encoding="utf-8")
    page = watched.page
    page.goto(path.as_uri())
    assert page.text_content("#shown-count") == "302 of 302 incidents shown"
    page.fill("#filter-text", "quarry raid")
    assert page.text_content("#shown-count") == "300 of 302 incidents shown"
    # Ids are not on the page where the list is read: a search does not match them.
    page.fill("#filter-text", "copy-29")
    assert page.text_content("#shown-count") == "0 of 302 incidents shown"
    assert watched.errors == []


def changed_sample(sample: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The sample as `check --previous --baseline` writes it, and the previous report.

    Before: Mosul's wounded were 6 vs 8 and the Kirkuk commander was not flagged.
    """
    from discrepancy.report.diff import diff_reports

    report = copy.deepcopy(sample)
    old = copy.deepcopy(sample)
    old["discrepancies"][0].update(values=["Six", "eight"], fingerprint="before")
    del old["discrepancies"][2]
    report["diff"] = diff_reports(old, report)
    decisions = [(True, "confirmed conflict"), (False, "needs follow-up"), (False, None)]
    for item, (reviewed, decision) in zip(report["discrepancies"], decisions, strict=True):
        item.update(reviewed=reviewed, decision=decision)
    return report, old


def test_changes_section_links_open_the_incident(
    watched: Watched, sample: dict[str, Any], tmp_path: Path
) -> None:
    report, old = changed_sample(sample)
    path = tmp_path / "changes.html"
    path.write_text(render_html(report, previous=old), encoding="utf-8")
    page = watched.page
    page.goto(path.as_uri())
    assert page.is_visible("#changes")
    assert page.text_content("#changes-new summary") == "New discrepancies (1)"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "changes.png"), full_page=True)
    # Even an incident the filters hide: following the link brings it back, opened.
    page.uncheck("input[name=status][value=variant]")
    page.uncheck("input[name=status][value=revision]")
    assert page.is_hidden(KIRKUK)
    page.click("#changes-new a")
    page.wait_for_function(f"() => document.querySelector('{KIRKUK} > details').open")
    assert page.evaluate("location.hash") == KIRKUK
    assert page.is_visible(KIRKUK)
    assert "current" in (page.get_attribute(KIRKUK, "class") or "")
    # The new variant's sentences are open, with its review state beside it.
    row = page.locator(f"{KIRKUK} tr.s-variant")
    assert row.locator("blockquote >> nth=0").is_visible()
    assert row.locator("th .s-unreviewed").text_content() == "Not reviewed"
    top = page.evaluate(f"document.querySelector('{KIRKUK}').getBoundingClientRect().top")
    assert 0 <= top < 200
    page.click("#changes-changed a")
    page.wait_for_function(f"() => document.querySelector('{MOSUL} > details').open")
    reviewed = page.locator(f"{MOSUL} tr.s-conflict th .s-reviewed")
    assert reviewed.is_visible()
    assert reviewed.text_content() == "Reviewed: confirmed conflict"
    assert watched.errors == []


def test_shot_kind_filter(watched: Watched, sample: dict[str, Any], tmp_path: Path) -> None:
    report = copy.deepcopy(sample)
    shot = copy.deepcopy(report["incidents"][1]["facts"][0])  # Kirkuk's killed: 2, 3, 5
    shot.update(kind="shot", status="agree", revision=False, rule=None)
    report["incidents"][1]["facts"].append(shot)
    path = tmp_path / "shot.html"
    path.write_text(render_html(report), encoding="utf-8")
    page = watched.page
    page.goto(path.as_uri())
    assert page.locator("#filter-kind option[value=shot]").text_content() == "Shot"
    page.select_option("#filter-kind", "shot")
    assert visible_incidents(page) == []  # Kirkuk is found by its issues, and shot agrees
    page.uncheck("input[name=status][value=revision]")
    page.uncheck("input[name=status][value=variant]")
    page.select_option("#filter-kind", "")
    page.fill("#filter-text", "kirkuk")
    assert visible_incidents(page) == []
    page.check("input[name=status][value=variant]")
    page.click(f"{KIRKUK} > details > summary")
    assert page.locator(f"{KIRKUK} tr.fact th .kind", has_text="Shot").is_visible()
    assert watched.errors == []


def assert_fits_a_phone(page: Any, incident: str) -> None:
    """Measured in the page at 390 px: the fact table's sources stack inside its width (its
    wrapper never scrolls sideways), and the chart is drawn at its own scale with 12 px text."""
    measured = page.locator(incident).evaluate(
        """el => {
            const wrap = el.querySelector('.matrix-wrap');
            const table = wrap.querySelector('.matrix');
            const cells = [...table.querySelectorAll('tbody td')].map(td => {
                const box = td.getBoundingClientRect();
                return {left: box.left, right: box.right, display: getComputedStyle(td).display};
            });
            const svg = el.querySelector('.chart svg');
            const text = svg.querySelector('text.who');
            return {
                overflow: wrap.scrollWidth - wrap.clientWidth,
                tableRight: table.getBoundingClientRect().right,
                cells,
                head: getComputedStyle(table.querySelector('thead')).display,
                scale: svg.getBoundingClientRect().width / svg.viewBox.baseVal.width,
                font: parseFloat(getComputedStyle(text).fontSize),
            };
        }"""
    )
    assert measured["overflow"] <= 0 and measured["tableRight"] <= 390, measured
    # Each source's value is a block of its own, one under the other, never a column.
    assert measured["head"] == "none" and len(measured["cells"]) > 1
    assert all(c["display"] == "flex" and c["left"] >= 0 and c["right"] <= 390
               for c in measured["cells"]), measured["cells"]  # fmt: skip
    assert {round(c["left"]) for c in measured["cells"]} == {round(measured["cells"][0]["left"])}
    assert measured["scale"] >= 0.99 and measured["font"] >= 12, measured


def test_readable_on_a_phone(browser: Any, sample_file: Path) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = context.new_page()
    page.goto(sample_file.as_uri())
    page.click(f"{MOSUL} > details > summary")
    # Nothing wider than the phone: the fact table stacks its sources instead of scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    cell = page.locator(f"{MOSUL} tr.s-conflict td").first
    assert cell.evaluate("td => getComputedStyle(td, '::before').content").strip('"')
    assert cell.bounding_box()["width"] <= 380
    # The chart's text stays at a readable size (it scrolls sideways instead of shrinking).
    label = page.locator(f"{MOSUL} .chart text.who").first
    assert label.bounding_box()["height"] >= 11
    assert_fits_a_phone(page, MOSUL)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "seeds-incident-phone.png"), full_page=True)
    page.goto(sample_file.as_uri())
    page.screenshot(path=str(SCREENSHOTS / "seeds-overview-phone.png"), full_page=True)
    context.close()


def test_filters_and_the_open_incident_live_in_the_address(
    watched: Watched, sample_file: Path
) -> None:
    page = watched.page
    page.goto(sample_file.as_uri())
    page.uncheck("input[name=status][value=ok]")
    page.select_option("#filter-kind", "wounded")
    page.click(f"{MOSUL} > details > summary")
    # The address is rewritten by the page's handlers: wait for it rather than race them.
    page.wait_for_function(
        "(end) => location.href.includes('kind=wounded') && location.href.endsWith(end)", arg=MOSUL
    )
    shared = page.url
    assert "hide=ok" in shared and "kind=wounded" in shared and shared.endswith(MOSUL)
    # The link opened elsewhere shows what the sender saw.
    other = page.context.new_page()
    other.goto(shared)
    assert visible_incidents(other) == [MOSUL]
    assert not other.is_checked("input[name=status][value=ok]")
    assert other.input_value("#filter-kind") == "wounded"
    assert other.get_attribute(f"{MOSUL} > details", "open") is not None
    other.close()
    assert watched.errors == []


def test_a_background_match_stays_under_its_own_incident(page: Any) -> None:
    page.check("#show-background")
    # Only Tal Afar (Mosul's background) has no issue: Mosul stays above it, as context.
    page.uncheck("input[name=status][value=conflict]")
    page.uncheck("input[name=status][value=variant]")
    page.uncheck("input[name=status][value=revision]")
    assert visible_incidents(page) == [TAL_AFAR]
    assert on_screen(page) == [MOSUL, TAL_AFAR]
    assert "context" in (page.get_attribute(MOSUL, "class") or "")
    assert page.text_content("#shown-count") == "1 of 3 incidents and background mentions shown"
