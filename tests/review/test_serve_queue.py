"""The review app offers every decision, undoes one's own, and searches and pages its queue
(issue 16 point 14)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from discrepancy.review import data
from discrepancy.review.server import create_app
from tests.review.test_serve import (
    BASE,
    BASRA_LATER,
    Page,
    TestClient,
    decisions,
    fingerprints,
    invoke,
    post_decision,
    write_articles,
)


@pytest.fixture
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(str(db)), base_url=BASE) as test_client:
        yield test_client


@pytest.fixture
def fps(db: Path) -> dict[str, str]:
    return fingerprints(db)


def buttons(client: TestClient, fingerprint: str) -> list[str]:
    page = Page(client.get(f"/discrepancies/{fingerprint}").text)
    return [b.attrs["value"] for b in page.select("button") if b.attrs.get("name") == "decision"]


def test_every_cli_decision_and_confirmed_only_for_conflicts(
    client: TestClient, db: Path, fps: dict[str, str]
) -> None:
    assert "accepted" in buttons(client, fps["wounded"])
    assert post_decision(client, fps["wounded"], "accepted").status_code == 303
    assert decisions(db)[-1].decision == "accepted"
    # A spelling variant is no conflict: not offered, and refused when posted anyway.
    variant = buttons(client, fps["person"])
    assert "confirmed conflict" not in variant and "accepted" in variant
    assert post_decision(client, fps["person"], "confirmed conflict").status_code == 400
    assert len(decisions(db)) == 1


def test_undo_appends_the_decision_it_replaced(
    client: TestClient, db: Path, fps: dict[str, str]
) -> None:
    wounded = fps["wounded"]
    post_decision(client, wounded, "needs follow-up", "ana", "ask the hospital")
    post_decision(client, wounded, "false alarm", "ana", "misread")
    assert "undo" in buttons(client, wounded)
    assert post_decision(client, wounded, "undo", "ana", "").status_code == 303
    history = decisions(db)
    assert [d.decision for d in history] == ["needs follow-up", "false alarm", "needs follow-up"]
    assert "Undid false alarm" in (history[-1].note or "")
    # Only one's own latest decision: ben has none to undo.
    assert post_decision(client, wounded, "undo", "ben", "").status_code == 400
    # A first decision undone sends the item back to the queue.
    post_decision(client, fps["killed"], "accepted", "ana", "")
    post_decision(client, fps["killed"], "undo", "ana", "")
    queue = Page(client.get("/").text).select("li", "sv-item")
    assert any(fps["killed"] in item.attrs["id"] for item in queue)


def test_queue_text_search_matches_what_it_shows(client: TestClient, fps: dict[str, str]) -> None:
    def shown(query: str) -> list[str]:
        return [li.attrs["id"][2:] for li in Page(client.get(query).text).select("li", "sv-item")]

    assert shown("/?q=mogadishu") == [fps["killed"], fps["person"]]
    assert shown("/?q=wounded basra") == [fps["wounded"]]
    # Ids are not what a reviewer reads: they are not searched.
    assert shown(f"/?q={fps['wounded'][:10]}") == []


def test_queue_pages(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("discrepancy.review.server.PAGE_SIZE", 2)
    first = Page(client.get("/").text)
    assert len(first.select("li", "sv-item")) == 2
    [count] = first.select("output", id="queue-count")
    assert "page 1 of 2" in count.text
    [next_link] = first.select("a", id="page-next")
    assert next_link.attrs["href"] == "/?page=2"
    second = Page(client.get("/?page=2").text)
    assert len(second.select("li", "sv-item")) == 1
    assert client.get("/?page=3").status_code == 404
    assert client.get("/?page=zero").status_code == 400
    assert data.PAGE_SIZE == 50


def test_a_new_value_carries_the_earlier_decision_forward(
    client: TestClient, db: Path, fps: dict[str, str], tmp_path: Path
) -> None:
    before = fps["wounded"]
    post_decision(client, before, "confirmed conflict", "ana", "hospital and police differ")
    later = write_articles(tmp_path / "later", BASRA_LATER)
    result = invoke("check", str(later), "--db", str(db), "-o", str(tmp_path / "r.json"), "-q")
    assert result.exit_code == 0, result.output
    after = fingerprints(db)["wounded"]
    assert after != before
    # The new discrepancy is to be decided again, showing the earlier decision and note.
    line = Page(client.get("/").text).text("li", id_=f"q-{after}")
    assert "reviewed before the new value: confirmed conflict by ana" in line
    page = Page(client.get(f"/discrepancies/{after}").text)
    carried = page.text(id_="sv-carried")
    assert "Confirmed conflict" in carried and "hospital and police differ" in carried
    assert "seven / six" in carried or "six / seven" in carried
    assert "Unreviewed" in page.text(id_="sv-current")
