"""The review flow in Chromium: open, decide, reload, and the same by keyboard alone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from discrepancy.review.server import create_app
from discrepancy.store.sqlite import open_store
from tests.review.test_serve import LiveServer, decisions, fingerprints

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "reports" / "screenshots"


@pytest.fixture
def server(db: Path) -> Iterator[LiveServer]:
    with LiveServer(create_app(str(db))) as live:
        yield live


@pytest.fixture
def page(browser: Any, server: LiveServer) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, base_url=server.url)
    page = context.new_page()
    page.errors = []
    # CSP refusals and script errors both arrive as console errors.
    page.on("console", lambda m: page.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    yield page
    context.close()


def queue_ids(page: Any) -> list[str]:
    ids: list[str] = page.eval_on_selector_all("li.sv-item", "els => els.map(e => e.id)")
    return ids


def test_decide_in_the_browser_and_it_persists(page: Any, db: Path) -> None:
    wounded = fingerprints(db)["wounded"]
    page.goto("/")
    assert f"q-{wounded}" in queue_ids(page)
    page.click(f"#q-{wounded} a.sv-what")
    assert page.url.endswith(f"/discrepancies/{wounded}")
    assert sorted(page.locator(".sv-claims mark").all_text_contents()) == ["seven", "six"]
    page.fill("input[name=reviewer]", "ana")
    page.fill("textarea[name=note]", "Hospital says seven, police six; both published.")
    page.click("button[value='confirmed conflict']")
    page.wait_for_url("**/discrepancies/*recorded=*")
    assert "Recorded confirmed conflict by ana" in page.text_content(".sv-flash")

    page.goto(f"/discrepancies/{wounded}")
    page.reload()
    current = page.text_content("#sv-current") or ""
    assert "Confirmed conflict" in current and "ana" in current
    assert page.locator(".sv-history tbody tr").count() == 1
    assert "both published" in (page.text_content(".sv-history") or "")
    # The name is remembered for the next decision.
    assert page.input_value("input[name=reviewer]") == "ana"
    page.goto("/")
    assert f"q-{wounded}" not in queue_ids(page)
    assert page.errors == []
    (stored,) = decisions(db)
    assert (stored.fingerprint, stored.decision, stored.reviewer) == (
        wounded,
        "confirmed conflict",
        "ana",
    )


def test_keyboard_only_review(page: Any, db: Path) -> None:
    page.goto("/")
    first, second, _ = queue_ids(page)
    page.keyboard.press("j")
    assert "current" in (page.get_attribute(f"#{first}", "class") or "")
    page.keyboard.press("j")
    page.keyboard.press("k")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/discrepancies/{first[2:]}")
    # A decision without a name asks for the name instead of posting.
    page.keyboard.press("f")
    assert page.evaluate("document.activeElement.name") == "reviewer"
    page.keyboard.type("ben")
    page.keyboard.press("Escape")
    page.keyboard.press("n")
    page.keyboard.type("Same figure, counted twice")
    page.keyboard.press("Escape")
    page.keyboard.press("f")
    page.wait_for_url(f"**/discrepancies/{second[2:]}?recorded=*")
    assert "Recorded false alarm by ben" in page.text_content(".sv-flash")
    # j/k walk the queue from here; q goes back to it.
    page.keyboard.press("q")
    page.wait_for_url("**/")
    assert first not in queue_ids(page) and queue_ids(page)[0] == second
    page.goto(f"/discrepancies/{first[2:]}")
    assert "False alarm" in (page.text_content("#sv-current") or "")
    assert page.errors == []
    (stored,) = decisions(db)
    assert (stored.decision, stored.reviewer, stored.note) == (
        "false alarm",
        "ben",
        "Same figure, counted twice",
    )


def test_o_opens_the_item_j_and_k_moved_to(page: Any) -> None:
    page.goto("/")
    _, second, _ = queue_ids(page)
    page.keyboard.press("j")
    page.keyboard.press("j")
    # j focuses the item's link; "o" must open it all the same (Enter is the link's own).
    page.keyboard.press("o")
    page.wait_for_url(f"**/discrepancies/{second[2:]}")
    assert page.errors == []


def test_accept_by_key_then_undo(page: Any, db: Path) -> None:
    wounded = fingerprints(db)["wounded"]
    page.goto(f"/discrepancies/{wounded}")
    page.fill("input[name=reviewer]", "ana")
    page.locator("h1").click()
    page.keyboard.press("a")
    page.wait_for_url("**/discrepancies/*recorded=*")
    page.goto(f"/discrepancies/{wounded}")
    assert "Accepted" in (page.text_content("#sv-current") or "")
    page.click("#undo")
    page.wait_for_url(f"**/discrepancies/{wounded}?recorded=*")
    assert "Needs follow-up" in (page.text_content("#sv-current") or "")
    assert page.locator(".sv-history tbody tr").count() == 2
    assert page.errors == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "serve-undo.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SCREENSHOTS / "serve-undo-phone.png"), full_page=True)
    assert [d.decision for d in decisions(db)] == ["accepted", "needs follow-up"]


def test_queue_screenshot(page: Any, db: Path) -> None:
    found = fingerprints(db)
    page.goto("/")
    # Another editor's decisions arrive while this one is reviewing.
    with open_store(db, create=False) as store:
        store.record_decision(found["killed"], "needs follow-up", "ben", "Ask the coast guard.")
        store.record_decision(found["person"], "false alarm", "ben", "Same commander.")
    page.goto("/?view=all")
    page.keyboard.press("j")
    assert page.locator("#sv-changes li li").count() == 2
    assert page.errors == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "serve-queue.png"), full_page=True)
