"""The HTML report in Chromium: filters, evidence, permalinks, keys, print, hostile input."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from discrepancy.report_html import render_html

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
FIXTURES = Path(__file__).parent / "fixtures" / "report"
SCREENSHOTS = Path(__file__).resolve().parent.parent / "reports" / "screenshots"
MOSUL = "#incident-inc-mosul-2023-11-18"
KIRKUK = "#incident-inc-kirkuk-2023-12-02"
TAL_AFAR = "#incident-inc-tal-afar-2022-03-14"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not at /usr/bin/chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


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
        "article.incident:not([hidden])", "els => els.map(e => '#' + e.id)"
    )
    return ids


def test_overview_loads_under_csp_and_is_screenshotted(watched: Watched, page: Any) -> None:
    # The controls are unhidden by the inline script: it ran, so its CSP hash is right.
    assert page.is_visible("#controls")
    assert page.text_content("#shown-count") == "3 of 3 incidents"
    assert watched.errors == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "seeds-overview.png"), full_page=True)
    page.click(f"{MOSUL} > details > summary")
    page.click(f"{MOSUL} tr.s-conflict td >> nth=1 >> summary")
    page.screenshot(path=str(SCREENSHOTS / "seeds-incident.png"), full_page=True)
    assert watched.errors == []


def test_status_filters(page: Any) -> None:
    assert visible_incidents(page) == [MOSUL, KIRKUK, TAL_AFAR]
    page.uncheck("input[name=status][value=conflict]")
    assert visible_incidents(page) == [KIRKUK, TAL_AFAR]
    assert page.text_content("#shown-count") == "2 of 3 incidents"
    # Kirkuk also has a revision, so it stays until that is unticked too.
    page.uncheck("input[name=status][value=variant]")
    assert visible_incidents(page) == [KIRKUK, TAL_AFAR]
    page.uncheck("input[name=status][value=revision]")
    assert visible_incidents(page) == [TAL_AFAR]
    assert page.is_hidden("#no-match")
    page.uncheck("input[name=status][value=ok]")
    assert visible_incidents(page) == []
    assert page.is_visible("#no-match")


def test_kind_filter(page: Any) -> None:
    page.select_option("#filter-kind", "person")
    assert visible_incidents(page) == [KIRKUK]
    page.select_option("#filter-kind", "wounded")
    assert visible_incidents(page) == [MOSUL]
    page.select_option("#filter-kind", "killed")
    assert visible_incidents(page) == [KIRKUK, TAL_AFAR]
    page.uncheck("input[name=status][value=ok]")
    assert visible_incidents(page) == [KIRKUK]
    page.select_option("#filter-kind", "")
    assert visible_incidents(page) == [MOSUL, KIRKUK]


def test_text_search(page: Any) -> None:
    page.fill("#filter-text", "hamdani")
    assert visible_incidents(page) == [KIRKUK]
    page.fill("#filter-text", "tigris  DAILY")
    assert visible_incidents(page) == [MOSUL]
    page.fill("#filter-text", "no such words")
    assert visible_incidents(page) == []
    assert page.text_content("#shown-count") == "0 of 3 incidents"
    page.fill("#filter-text", "")
    assert visible_incidents(page) == [MOSUL, KIRKUK, TAL_AFAR]
    # Enter in the search box must not submit the form (form-action 'none' would refuse it).
    page.fill("#filter-text", "mosul")
    page.press("#filter-text", "Enter")
    assert visible_incidents(page) == [MOSUL, TAL_AFAR]


def test_evidence_pops_out_with_value_marked(page: Any) -> None:
    cell = f"{MOSUL} tr.s-conflict td >> nth=1"
    quote = page.locator(f"{cell} >> blockquote")
    assert not quote.is_visible()
    page.click(f"{MOSUL} > details > summary")
    page.click(f"{cell} >> summary")
    assert quote.is_visible()
    assert quote.locator("mark").text_content() == "seven"
    assert quote.text_content() == (
        "The strike killed four fighters and wounded seven others, "
        "a security source told Tigris Daily."
    )
    assert page.locator(f"{cell} >> .pop p").text_content() == (
        "Attributed to: a security source told Tigris Daily"
    )


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
        "document.querySelector('#incident-inc-tal-afar-2022-03-14 details').open"
    )
    assert page.is_visible(TAL_AFAR)
    assert watched.errors == []


def test_keyboard_navigation(page: Any) -> None:
    page.keyboard.press("j")
    assert page.evaluate("document.querySelector('.current').id") == MOSUL[1:]
    assert page.evaluate("location.hash") == MOSUL
    page.keyboard.press("j")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.querySelector('.current').id") == TAL_AFAR[1:]
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
    page.click(f"{MOSUL} tr.s-conflict td >> nth=0 >> summary")
    assert page.locator(f"{MOSUL} tr.s-conflict td >> nth=0 >> mark").text_content() == "Six"
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
    # Open everything so every payload is rendered, hovered and laid out.
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
        report["incidents"].append(extra)
    path = tmp_path / "large.html"
    path.write_text(render_html(report), encoding="utf-8")
    page = watched.page
    page.goto(path.as_uri())
    assert page.text_content("#shown-count") == "303 of 303 incidents"
    page.fill("#filter-text", "copy-29")
    assert page.text_content("#shown-count") == "10 of 303 incidents"
    assert watched.errors == []
