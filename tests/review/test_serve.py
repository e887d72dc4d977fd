"""The review server in-process: every route, every refusal, decisions into the store and CI."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import socket
import sqlite3
import threading
import time
import warnings
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from click.testing import CliRunner, Result
from starlette.applications import Starlette
from starlette.exceptions import StarletteDeprecationWarning

from discrepancy.cli import main
from discrepancy.errors import UsageError
from discrepancy.review import server as serve_module
from discrepancy.review.run import RedactToken, bind
from discrepancy.review.security import check_bind, is_loopback
from discrepancy.review.server import BODY_MAX, NOTE_MAX, create_app
from discrepancy.store.sqlite import open_store

with warnings.catch_warnings():
    # Starlette 1.x would rather drive its test client with httpx2; the project pins httpx
    # 0.28, which it still supports, so the import-time notice is expected here.
    warnings.filterwarnings("ignore", "Using `httpx`", StarletteDeprecationWarning)
    from starlette.testclient import TestClient

BASE = "http://127.0.0.1:8000"
# Two outlets on one car bomb, six wounded against seven: the conflict an editor confirms.
BASRA = {
    "basra_harbor.txt": (
        "date 2025-09-16\nCar bomb at Basra fish market\n\n"
        "BASRA, Iraq (Harbor Wire) - A car bomb exploded beside the fish market in Basra on "
        "Tuesday, September 16, 2025, killing two people and wounding six others, police said.\n"
        "The blast shattered windows along the corniche, witnesses said.\n"
    ),
    "basra_gulf.txt": (
        "date 2025-09-16\nMarket blast in Basra\n\n"
        "BASRA, Iraq (Gulf Ledger) - A car bomb went off next to the Basra fish market on "
        "Tuesday, September 16, 2025, killing two people and wounding seven others, a hospital "
        "official said.\nAmbulances took the wounded to the teaching hospital.\n"
    ),
    "quetta_one.txt": (
        "date 2025-10-02\nGrenade attack on Quetta checkpoint\n\n"
        "QUETTA, Pakistan (Frontier Desk) - Attackers threw a grenade at a police checkpoint in "
        "Quetta on Thursday, October 2, 2025, killing one officer, police said.\n"
    ),
}
# A second incident with a killed conflict and a spelling variant, so the queue has a next.
MOGADISHU = {
    "mogadishu_herald.txt": (
        "date 2025-11-08\nHotel attack in Mogadishu\n\n"
        "MOGADISHU, Somalia (Horn Herald) - A suicide bomber attacked a hotel in Mogadishu on "
        "Saturday, November 8, 2025, killing five people, police said.\n"
        "Police said the attack was planned by a militant commander, Yusuf Hamid al-Qadiri.\n"
    ),
    "mogadishu_coast.txt": (
        "date 2025-11-08\nEight dead as bomber strikes Mogadishu hotel\n\n"
        "MOGADISHU (Coastline Daily) - Eight people were killed when a suicide bomber struck a "
        "hotel in Mogadishu on Saturday, November 8, 2025, officials said.\n"
        "Officials named the commander as Yousef Hamid al-Kadiri.\n"
    ),
}
# A later report on Basra with a third figure: the 6-vs-7 conflict gives way to a new one.
BASRA_LATER = {
    "basra_night.txt": (
        "date 2025-09-17\nBasra market toll\n\n"
        "BASRA, Iraq (Night Desk) - The car bomb that exploded at the Basra fish market on "
        "Tuesday, September 16, 2025, killed two people and wounded eight others, police said.\n"
    ),
}
# Hostile text in every field a page shows: title, sentence, outlet.
HOSTILE = {
    "hostile_one.jsonl": "\n".join(
        json.dumps(row)
        for row in (
            {"id": "h<1>", "source": "<script>alert('src')</script>",
             "title": "<img src=x onerror=alert('title')>", "published": "2025-09-16",
             "text": "BASRA, Iraq - A car bomb exploded beside the fish market in Basra on "
                     "Tuesday, September 16, 2025, killing two people and wounding six others, "
                     "police said. <script>alert('text')</script>"},
            {"id": "h2\"'", "source": "Gulf </title><script>alert(1)</script>",
             "title": "Market blast in Basra", "published": "2025-09-16",
             "text": "BASRA, Iraq - A car bomb went off next to the Basra fish market on "
                     "Tuesday, September 16, 2025, killing two people and wounding seven "
                     "others, a hospital official <b onmouseover=alert(2)>said</b>."},
        )
    ) + "\n",
}  # fmt: skip
REVIEW_DECISIONS = ("confirmed conflict", "false alarm", "needs follow-up", "accepted")


# -- helpers shared with the browser and concurrency tests -------------------------------------


def write_articles(folder: Path, *sets: dict[str, str]) -> Path:
    """Write article files into folder and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for articles in sets:
        for name, text in articles.items():
            (folder / name).write_text(text, encoding="utf-8")
    return folder


def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
    """Run the CLI."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False, env=env)


def make_store(folder: Path, *sets: dict[str, str]) -> Path:
    """A store made by `discrepancy check --db`, as a fact-checker would make it."""
    db = folder / "team.sqlite"
    result = invoke("check", str(write_articles(folder / "articles", *sets)), "--db", str(db),
                    "-o", str(folder / "report.json"), "-q")  # fmt: skip
    assert result.exit_code == 0, result.output
    return db


def fingerprints(db: Path) -> dict[str, str]:
    """Open discrepancies by kind (the stores here have one per kind)."""
    with open_store(db, create=False) as store:
        return {d.kind: d.fingerprint for d in store.discrepancies()}


def decisions(db: Path) -> list[Any]:
    """Every decision recorded in a store."""
    with open_store(db, create=False) as store:
        return store.decisions()


def csrf_of(html: str) -> str:
    """The CSRF token a page's forms carry."""
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no CSRF field on the page"
    return found.group(1)


class LiveServer:
    """A real uvicorn server on 127.0.0.1 and a free port, run in a thread, stopped on exit."""

    def __init__(self, app: Starlette) -> None:
        self.socket = bind("127.0.0.1", 0)
        self.port = self.socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True
        )

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            assert time.monotonic() < deadline, "the server did not start within 15 s"
            assert self.thread.is_alive(), "the server thread died while starting"
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)
        self.socket.close()
        assert not self.thread.is_alive(), "the server did not stop within 15 s"


class Element:
    """An element of a parsed page: tag, attributes and all the text inside it."""

    def __init__(self, tag: str, attrs: dict[str, str]) -> None:
        self.tag, self.attrs, self.text = tag, attrs, ""

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


class Page(HTMLParser):
    """A page parsed enough to select elements by tag, id, class and attribute."""

    VOID = frozenset({"br", "hr", "img", "input", "link", "meta", "source", "wbr", "use"})

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self._open: list[Element] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.elements.append(element)
        if tag not in self.VOID:
            self._open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].tag == tag:
                del self._open[index:]
                break

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text += data

    def select(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list[Element]:
        """Elements with this tag, class and attribute values (id_ for id)."""
        wanted = {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()}
        return [
            e for e in self.elements
            if (tag is None or e.tag == tag) and (cls is None or cls in e.classes)
            and all(e.attrs.get(k) == v for k, v in wanted.items())
        ]  # fmt: skip

    def one(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Element:
        found = self.select(tag, cls, **attrs)
        assert len(found) == 1, f"{len(found)} elements match {tag} .{cls} {attrs}"
        return found[0]

    def text(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> str:
        return " ".join(self.one(tag, cls, **attrs).text.split())


# -- fixtures --------------------------------------------------------------------------------


@pytest.fixture
def client(db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(str(db)), base_url=BASE) as test_client:
        yield test_client


@pytest.fixture
def fps(db: Path) -> dict[str, str]:
    return fingerprints(db)


def post_decision(
    client: TestClient, fingerprint: str, decision: str = "confirmed conflict",
    reviewer: str = "ana", note: str = "hospital and police counts differ", **extra: str,
) -> Any:  # fmt: skip
    """Post the decision form as the browser does, with this session's CSRF token."""
    token = csrf_of(client.get(f"/discrepancies/{fingerprint}").text)
    form = {"csrf": token, "decision": decision, "reviewer": reviewer, "note": note, **extra}
    return client.post(f"/discrepancies/{fingerprint}/decisions", data=form,
                       follow_redirects=False)  # fmt: skip


# -- pages ----------------------------------------------------------------------------------


def test_queue_lists_every_open_discrepancy_with_safe_headers(
    client: TestClient, fps: dict[str, str]
) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = Page(response.text)
    items = page.select("li", "sv-item")
    assert {i.attrs["id"] for i in items} == {f"q-{fp}" for fp in fps.values()}
    wounded = page.text("li", id_=f"q-{fps['wounded']}")
    assert "Wounded: 6 / 7" in wounded and "Unreviewed" in wounded
    assert "Market blast in Basra" in wounded or "Car bomb at Basra" in wounded
    assert page.text(id_="queue-count") == "3 shown of 3 open"
    assert "First visit from this browser" in page.text("section", id_="sv-changes")

    csp = response.headers["content-security-policy"]
    assert "default-src 'none'" in csp and "form-action 'self'" in csp
    assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["referrer-policy"] == "no-referrer"
    cookies = response.headers.get_list("set-cookie")
    csrf_cookie = next(c for c in cookies if c.startswith("discrepancy_csrf_8000="))
    assert "HttpOnly" in csrf_cookie and "SameSite=strict" in csrf_cookie


def test_inline_script_and_style_match_the_csp_hashes(client: TestClient) -> None:
    for path in ("/", "/report"):
        response = client.get(path)
        csp = response.headers["content-security-policy"]
        for tag in ("script", "style"):
            bodies = re.findall(rf"<{tag}>(.*?)</{tag}>", response.text, re.S)
            assert len(bodies) == 1, (path, tag)
            digest = base64.b64encode(hashlib.sha256(bodies[0].encode()).digest()).decode()
            assert f"'sha256-{digest}'" in csp, (path, tag)
        meta = Page(response.text).one("meta", http_equiv="Content-Security-Policy")
        # The <meta> copy leaves out frame-ancestors, which only works as a header.
        assert meta.attrs["content"] + "; frame-ancestors 'none'" == csp


def test_overview_incident_and_discrepancy_pages_reuse_the_report(
    client: TestClient, fps: dict[str, str]
) -> None:
    overview = client.get("/report")
    assert overview.status_code == 200
    page = Page(overview.text)
    assert len(page.select("article", "incident")) == 3
    assert page.select("nav", "serve-nav")
    incident_id = next(
        e.attrs["id"].removeprefix("incident-") for e in page.select("article", "incident")
        if "Basra" in e.text
    )  # fmt: skip

    incident = client.get(f"/incidents/{incident_id}")
    assert incident.status_code == 200
    page = Page(incident.text)
    assert page.select("table", "matrix") and page.select("section", "sources")
    assert page.one("li", id_=f"d-{fps['wounded']}")

    found = client.get(f"/discrepancies/{fps['wounded']}")
    assert found.status_code == 200
    page = Page(found.text)
    quotes = [" ".join(q.text.split()) for q in page.select("blockquote")]
    assert any("killing two people and wounding six others, police said." in q for q in quotes)
    marks = {m.text for m in page.select("mark")}
    assert {"six", "seven"} <= marks
    assert page.one("a", id_="to-incident").attrs["href"] == f"/incidents/{incident_id}"
    assert page.one("form", id_="decide").attrs["method"] == "post"
    buttons = [b.attrs["value"] for b in page.select("button") if b.attrs.get("name") == "decision"]
    assert buttons == list(REVIEW_DECISIONS)
    assert "No decision yet." in found.text

    assert client.head("/").status_code == 200
    assert client.get("/healthz").text == "ok\n"


def test_a_decision_is_recorded_with_who_when_what_and_note(
    client: TestClient, db: Path, fps: dict[str, str]
) -> None:
    response = post_decision(client, fps["wounded"], note="both counts published; line 2")
    assert response.status_code == 303
    recorded = decisions(db)
    assert [(d.fingerprint, d.decision, d.reviewer, d.note) for d in recorded] == [
        (fps["wounded"], "confirmed conflict", "ana", "both counts published; line 2")
    ]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", recorded[0].at)
    # On to the next discrepancy of the queue, with word of what was recorded.
    location = response.headers["location"]
    assert location.startswith("/discrepancies/") and f"recorded={recorded[0].id}" in location
    following = client.get(location)
    assert "Recorded confirmed conflict by ana" in Page(following.text).text(cls="sv-flash")
    assert "Reviewing as ana" in Page(following.text).text("nav")
    assert csrf_of(following.text)

    page = Page(client.get(f"/discrepancies/{fps['wounded']}").text)
    assert "Confirmed conflict by ana" in page.text(id_="sv-current") or (
        "Confirmed conflict" in page.text(id_="sv-current") and "ana" in page.text(id_="sv-current")
    )
    row = page.one("tr", id_=f"decision-{recorded[0].id}")
    assert "ana" in row.text and "both counts published; line 2" in row.text
    # The form remembers the reviewer's name.
    assert page.one("input", name="reviewer").attrs["value"] == "ana"

    # Settled: gone from the default queue, listed under "decided".
    queue = Page(client.get("/").text)
    assert f"q-{fps['wounded']}" not in {e.attrs.get("id") for e in queue.select("li")}
    decided = Page(client.get("/?view=decided").text)
    assert [e.attrs["id"] for e in decided.select("li", "sv-item")] == [f"q-{fps['wounded']}"]


def test_decisions_are_appended_and_the_latest_counts(
    client: TestClient, db: Path, fps: dict[str, str]
) -> None:
    assert post_decision(client, fps["killed"], "needs follow-up", "ben", "call the ministry")
    assert post_decision(client, fps["killed"], "confirmed conflict", "ana", "ministry: 8")
    # The audit trail, newest first.
    page = Page(client.get(f"/discrepancies/{fps['killed']}").text)
    history = [e for e in page.select("tr") if e.attrs.get("id", "").startswith("decision-")]
    assert len(history) == 2
    assert "ana" in history[0].text and "ministry: 8" in history[0].text
    assert "ben" in history[1].text and "call the ministry" in history[1].text
    assert "Needs follow-up" in history[1].text
    baseline = client.get("/baseline.json").json()
    assert baseline["schema"] == "discrepancy-baseline/1"
    assert [(r["fingerprint"], r["decision"], r["reviewer"]) for r in baseline["reviewed"]] == [
        (fps["killed"], "confirmed conflict", "ana")
    ]
    # The store itself refuses to change or delete a decision.
    with sqlite3.connect(db) as connection, pytest.raises(sqlite3.DatabaseError, match="append"):
        connection.execute("UPDATE decisions SET decision = 'false alarm'")
    assert len(decisions(db)) == 2
    # "needs follow-up" keeps a discrepancy in the queue; the later decision settles it.
    assert f"q-{fps['killed']}" not in client.get("/").text


def test_follow_up_stays_in_the_queue_and_its_filter(
    client: TestClient, fps: dict[str, str]
) -> None:
    post_decision(client, fps["killed"], "needs follow-up", "ben", "")
    ids = {e.attrs["id"] for e in Page(client.get("/").text).select("li", "sv-item")}
    assert f"q-{fps['killed']}" in ids
    follow = Page(client.get("/?view=follow-up").text).select("li", "sv-item")
    assert [e.attrs["id"] for e in follow] == [f"q-{fps['killed']}"]
    assert "Needs follow-up" in follow[0].text
    new = Page(client.get("/?view=new").text).select("li", "sv-item")
    assert f"q-{fps['killed']}" not in {e.attrs["id"] for e in new}


def test_queue_filters(client: TestClient, fps: dict[str, str]) -> None:
    def listed(query: str) -> list[str]:
        response = client.get("/" + query)
        assert response.status_code == 200, response.text
        return [e.attrs["id"][2:] for e in Page(response.text).select("li", "sv-item")]

    assert listed("?status=variant") == [fps["person"]]
    assert set(listed("?status=conflict")) == {fps["wounded"], fps["killed"]}
    assert listed("?kind=wounded") == [fps["wounded"]]
    assert listed("?kind=troops") == []
    incident = next(
        e.attrs["value"] for e in Page(client.get("/").text).select("option")
        if "Basra" in e.text
    )  # fmt: skip
    assert listed(f"?incident={incident}&view=all") == [fps["wounded"]]
    assert listed("?view=decided") == []


def test_deciding_walks_the_queue_and_ends_on_an_empty_queue(
    client: TestClient, fps: dict[str, str]
) -> None:
    order = [e.attrs["id"][2:] for e in Page(client.get("/").text).select("li", "sv-item")]
    assert len(order) == 3
    location = f"/discrepancies/{order[0]}"
    for expected_next in (*order[1:], None):
        fingerprint = location.split("/")[2].split("?")[0]
        response = post_decision(client, fingerprint, "false alarm", "ana", "")
        location = response.headers["location"]
        if expected_next is None:
            assert location.startswith("/?recorded=")
        else:
            assert location.startswith(f"/discrepancies/{expected_next}?")
    empty = Page(client.get(location).text)
    assert "Nothing left to review" in empty.text(id_="queue-empty")


def test_after_can_return_to_the_incident_or_the_same_page(
    client: TestClient, fps: dict[str, str]
) -> None:
    response = post_decision(client, fps["person"], "false alarm", after="incident")
    assert re.fullmatch(rf"/incidents/[\w-]+\?recorded=\d+#d-{fps['person']}",
                        response.headers["location"])  # fmt: skip
    response = post_decision(client, fps["person"], "false alarm", after="same", view="all")
    assert response.headers["location"].startswith(f"/discrepancies/{fps['person']}?view=all&")


def test_json_clients_get_201_with_the_decision(client: TestClient, fps: dict[str, str]) -> None:
    token = csrf_of(client.get(f"/discrepancies/{fps['wounded']}").text)
    response = client.post(
        f"/discrepancies/{fps['wounded']}/decisions",
        data={"csrf": token, "decision": "false alarm", "reviewer": "bot", "note": "n"},
        headers={"accept": "application/json"},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["decision"] == "false alarm" and body["fingerprint"] == fps["wounded"]
    assert isinstance(body["id"], int) and body["next"] == response.headers["location"]


# -- refusals -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case",
    ["no field", "wrong token", "no cookie", "forged cookie", "cross-site", "other origin"],
)
def test_csrf_refusals_record_nothing(
    case: str, client: TestClient, db: Path, fps: dict[str, str]
) -> None:
    token = csrf_of(client.get(f"/discrepancies/{fps['wounded']}").text)
    form = {"csrf": token, "decision": "false alarm", "reviewer": "mallory", "note": ""}
    headers: dict[str, str] = {}
    if case == "no field":
        del form["csrf"]
    elif case == "wrong token":
        form["csrf"] = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    elif case == "no cookie":
        client.cookies.clear()
    elif case == "forged cookie":
        # A cookie planted by someone else, with the token they put in the form: unsigned.
        client.cookies.set("discrepancy_csrf_8000", "attacker.0000")
        form["csrf"] = "attacker"
    elif case == "cross-site":
        headers["sec-fetch-site"] = "cross-site"
    else:
        headers["origin"] = "http://evil.example"
    response = client.post(f"/discrepancies/{fps['wounded']}/decisions", data=form,
                           headers=headers, follow_redirects=False)  # fmt: skip
    assert response.status_code == 403, response.text
    assert "Refused" in Page(response.text).text(id_="error-message")
    response = client.post("/seen", data={k: v for k, v in form.items() if k == "csrf"},
                           headers=headers, follow_redirects=False)  # fmt: skip
    assert response.status_code == 403
    assert decisions(db) == []


@pytest.mark.parametrize("origin", [BASE, "null"])
def test_same_origin_forms_pass(origin: str, client: TestClient, fps: dict[str, str]) -> None:
    # Under the pages' no-referrer policy Chromium sends "Origin: null" with our own forms.
    token = csrf_of(client.get(f"/discrepancies/{fps['wounded']}").text)
    response = client.post(
        f"/discrepancies/{fps['wounded']}/decisions",
        data={"csrf": token, "decision": "false alarm", "reviewer": "ana", "note": ""},
        headers={"origin": origin, "sec-fetch-site": "same-origin"},
        follow_redirects=False,
    )
    assert response.status_code == 303


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/discrepancies/0123456789abcdef", 404),
        ("/discrepancies/%3Cscript%3E", 404),
        ("/incidents/inc-nope", 404),
        ("/no/such/page", 404),
        # Nothing is served from files: no path reaches outside the application.
        ("/static/..%2f..%2fpyproject.toml", 404),
        ("/%2e%2e/%2e%2e/etc/passwd", 404),
        ("/?incident=inc-nope", 404),
        ("/?view=everything", 400),
        ("/?kind=<b>", 400),
        ("/?status=agree", 400),
    ],
)
def test_unknown_ids_and_bad_filters(path: str, status: int, client: TestClient) -> None:
    response = client.get(path)
    assert response.status_code == status
    page = Page(response.text)
    assert page.one("h1").text.startswith(str(status))
    assert "<b>" not in response.text.split("<main", 1)[1]
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    as_json = client.get(path, headers={"accept": "application/json"})
    assert as_json.status_code == status and as_json.json()["status"] == status


@pytest.mark.parametrize(
    ("change", "status"),
    [
        ({"decision": "maybe"}, 400),
        # Nothing of ana's to undo yet.
        ({"decision": "undo"}, 400),
        ({"decision": ""}, 400),
        ({"reviewer": ""}, 400),
        ({"reviewer": "   "}, 400),
        ({"reviewer": "ana\nadmin"}, 400),
        ({"reviewer": "x" * 81}, 400),
        ({"note": "bell\x07"}, 400),
        ({"view": "nope"}, 400),
        ({"after": "elsewhere"}, 400),
        ({"note": "n" * (NOTE_MAX + 1)}, 413),
        ({"note": "é" * (NOTE_MAX + 1)}, 413),
    ],
)
def test_bad_decision_forms(
    change: dict[str, str], status: int, client: TestClient, db: Path, fps: dict[str, str]
) -> None:
    token = csrf_of(client.get(f"/discrepancies/{fps['wounded']}").text)
    form = {"csrf": token, "decision": "false alarm", "reviewer": "ana", "note": "", **change}
    response = client.post(f"/discrepancies/{fps['wounded']}/decisions", data=form,
                           follow_redirects=False)  # fmt: skip
    assert response.status_code == status, response.text
    assert decisions(db) == []


def test_a_note_at_the_limit_is_kept_whole(client: TestClient, db: Path, fps: dict[str, str]):
    note = "ü" * NOTE_MAX
    assert post_decision(client, fps["wounded"], note=note).status_code == 303
    assert decisions(db)[0].note == note


def test_other_request_errors(client: TestClient, db: Path, fps: dict[str, str]) -> None:
    token = csrf_of(client.get(f"/discrepancies/{fps['wounded']}").text)
    url = f"/discrepancies/{fps['wounded']}/decisions"
    # A body beyond the limit is refused before it is read.
    huge = client.post(url, content=b"a=" + b"x" * BODY_MAX,
                       headers={"content-type": "application/x-www-form-urlencoded"})  # fmt: skip
    assert huge.status_code == 413
    assert huge.headers["x-content-type-options"] == "nosniff"
    twice = client.post(url, data={"csrf": token, "decision": ["false alarm", "confirmed conflict"],
                                   "reviewer": "ana"})  # fmt: skip
    assert twice.status_code == 400
    unknown = client.post("/discrepancies/0123456789abcdef/decisions",
                          data={"csrf": token, "decision": "false alarm", "reviewer": "ana"})  # fmt: skip
    assert unknown.status_code == 404
    assert client.get(url).status_code == 405
    assert client.post("/", data={"csrf": token}).status_code == 405
    files = client.post(url, data={"csrf": token, "decision": "false alarm", "reviewer": "a"},
                        files={"note": ("note.txt", b"x")})  # fmt: skip
    assert files.status_code == 400
    assert decisions(db) == []


def test_busy_store_answers_503_and_records_nothing(db: Path, fps: dict[str, str]) -> None:
    with TestClient(create_app(str(db), busy_timeout=0.2), base_url=BASE) as client:
        token = csrf_of(client.get(f"/discrepancies/{fps['wounded']}").text)
        form = {"csrf": token, "decision": "false alarm", "reviewer": "ana", "note": ""}
        url = f"/discrepancies/{fps['wounded']}/decisions"
        # A `check` run holds the write lock for its whole batch.
        writer = sqlite3.connect(db, isolation_level=None)
        writer.execute("BEGIN IMMEDIATE")
        try:
            busy = client.post(url, data=form, follow_redirects=False)
        finally:
            writer.execute("ROLLBACK")
            writer.close()
        assert busy.status_code == 503 and busy.headers["retry-after"] == "2"
        assert decisions(db) == []
        assert client.post(url, data=form, follow_redirects=False).status_code == 303


def test_a_vanished_store_is_an_error_not_a_new_file(db: Path) -> None:
    with TestClient(create_app(str(db)), base_url=BASE) as client:
        assert client.get("/").status_code == 200
        db.unlink()
        assert client.get("/").status_code == 503
        assert not db.exists()


def test_an_unexpected_error_is_a_plain_500_page(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from discrepancy.review.data import Backend

    def broken(self: Backend) -> None:
        raise RuntimeError("secret internals")

    app = create_app(str(db))
    monkeypatch.setattr(Backend, "read", broken)
    with TestClient(app, base_url=BASE, raise_server_exceptions=False) as client:
        response = client.get("/")
    assert response.status_code == 500
    assert "secret internals" not in response.text
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


# -- who may connect ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "status"),
    [("127.0.0.1:8000", 200), ("localhost:8000", 200), ("[::1]:8000", 200), ("localhost", 200),
     ("evil.example", 400), ("evil.example:8000", 400), ("127.0.0.1.evil.example", 400),
     ("", 400)],
)  # fmt: skip
def test_loopback_server_answers_only_loopback_names(
    host: str, status: int, client: TestClient
) -> None:
    # DNS rebinding: another site's name pointed at 127.0.0.1 must not read the pages.
    assert client.get("/healthz", headers={"host": host}).status_code == status


def test_token_guards_every_request(db: Path, fps: dict[str, str]) -> None:
    token = "t0ken-" + "x" * 30
    app = create_app(str(db), token=token)
    with TestClient(app, base_url="http://10.0.0.5:8000") as client:
        for path in ("/", "/healthz", "/baseline.json", f"/discrepancies/{fps['wounded']}"):
            refused = client.get(path)
            assert refused.status_code == 401, path
            assert refused.headers["www-authenticate"].startswith("Bearer")
        assert client.get("/", headers={"authorization": "Bearer wrong"}).status_code == 401
        assert client.get("/", headers={"authorization": f"Bearer {token}"}).status_code == 200
        assert client.get(f"/?token={token}x").status_code == 401
        # Once with ?token=: a cookie, and the token gone from the address.
        opened = client.get(f"/discrepancies/{fps['wounded']}?view=all&token={token}",
                            follow_redirects=False)  # fmt: skip
        assert opened.status_code == 303
        assert opened.headers["location"] == f"/discrepancies/{fps['wounded']}?view=all"
        cookie = opened.headers["set-cookie"]
        assert cookie.startswith("discrepancy_token_8000=") and "HttpOnly" in cookie
        assert token not in cookie
        assert client.get("/").status_code == 200
        # The cookie opens pages; forms still need their CSRF token.
        assert post_decision(client, fps["wounded"]).status_code == 303
        assert client.post("/seen", data={}).status_code == 403
        # ?token= never authorises a POST by itself.
        client.cookies.clear()
        posted = client.post(f"/seen?token={token}", data={})
        assert posted.status_code == 401


def test_check_bind_needs_a_token_beyond_loopback() -> None:
    for host in ("127.0.0.1", "127.0.0.2", "::1", "localhost", "[::1]"):
        assert is_loopback(host)
        check_bind(host, None)
    for host in ("0.0.0.0", "::", "192.168.1.10", "example.org"):
        assert not is_loopback(host)
        with pytest.raises(UsageError, match="--token"):
            check_bind(host, None)
        check_bind(host, "s" * 16)
    with pytest.raises(UsageError, match="at least 16"):
        check_bind("0.0.0.0", "short")


def test_cli_serve(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    help_text = invoke("serve", "--help")
    assert help_text.exit_code == 0 and "Example" in help_text.output
    missing = invoke("serve")
    assert missing.exit_code == 2 and "serve needs --db" in missing.output
    open_host = invoke("serve", "--db", str(db), "--host", "0.0.0.0")
    assert open_host.exit_code == 2 and "DISCREPANCY_TOKEN" in open_host.output
    absent = invoke("serve", "--db", str(db.with_name("none.sqlite")))
    assert absent.exit_code == 2 and "no store" in absent.output
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = invoke("serve", "--db", str(db), "--port", str(taken.getsockname()[1]))
    assert busy.exit_code == 2 and "give another --port" in busy.output

    started: list[Any] = []

    def fake_run(self: uvicorn.Server, sockets: list[socket.socket]) -> None:
        started.append((self.config, sockets[0].getsockname()))
        sockets[0].close()

    monkeypatch.setattr(uvicorn.Server, "run", fake_run)
    token = "from-the-environment-123"
    result = invoke("serve", "--db", str(db), "--port", "0", env={"DISCREPANCY_TOKEN": token})
    assert result.exit_code == 0, result.output
    ((config, (host, port)),) = started
    assert host == "127.0.0.1" and port > 0
    assert f"http://127.0.0.1:{port}/" in result.output
    # The environment's token guards the app that was started.
    with TestClient(config.app, base_url=f"http://127.0.0.1:{port}") as client:
        assert client.get("/healthz").status_code == 401
        ok = client.get("/healthz", headers={"authorization": f"Bearer {token}"})
        assert ok.status_code == 200


def test_access_log_hides_the_token() -> None:
    import logging

    record = logging.LogRecord("uvicorn.access", logging.INFO, "", 0, '%s - "%s %s HTTP/%s" %d',
                               ("127.0.0.1:5", "GET", "/?a=1&token=s3cret&b=2", "1.1", 303),
                               None)  # fmt: skip
    assert RedactToken().filter(record)
    assert "s3cret" not in record.getMessage() and "token=[redacted]&b=2" in record.getMessage()


# -- hostile text ---------------------------------------------------------------------------


def test_hostile_text_stays_text(tmp_path: Path) -> None:
    db = make_store(tmp_path, HOSTILE)
    wounded = fingerprints(db)["wounded"]
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    incident = report["incidents"][0]["id"]
    with TestClient(create_app(str(db)), base_url=BASE) as client:
        hostile_note = "</textarea><script>alert('note')</script>"
        response = post_decision(client, wounded, reviewer="<b>eve</b>", note=hostile_note)
        assert response.status_code == 303
        pages = {
            path: client.get(path).text
            for path in ("/", "/report", f"/discrepancies/{wounded}", "/?view=all",
                         f"/incidents/{incident}")
        }  # fmt: skip
        assert "eve" in pages[f"/discrepancies/{wounded}"]
        for path, html in pages.items():
            # Exactly one script element: ours, whose hash the CSP names.
            assert len(re.findall(r"<script", html, re.I)) == 1, path
            for raw in ("<img src=x", "<b onmouseover", "<b>eve", "</textarea><script"):
                assert raw not in html, (path, raw)
        assert (
            "&lt;script&gt;alert(&#39;text&#39;)&lt;/script&gt;"
            in pages[f"/discrepancies/{wounded}"]
        )
        assert "&lt;/textarea&gt;&lt;script&gt;" in pages[f"/discrepancies/{wounded}"]


# -- what changed since the last visit --------------------------------------------------------


def test_changes_since_the_last_visit(
    db: Path, fps: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = create_app(str(db))
    with (
        TestClient(app, base_url=BASE) as ana,
        TestClient(app, base_url=BASE) as ben,
    ):
        first = Page(ana.get("/").text)
        assert "First visit" in first.text(id_="sv-changes")
        assert (
            post_decision(ana, fps["person"], "false alarm", "ana", "same man").status_code == 303
        )

        # Ben decides; Ana sees it on her next page, her own decision is not news to her.
        post_decision(ben, fps["killed"], "needs follow-up", "ben", "ask the coast guard")
        changes = Page(ana.get("/").text).text(id_="sv-changes")
        assert "1 decision by others" in changes and "ben" in changes
        assert "ask the coast guard" in changes and "same man" not in changes

        # Marked as seen: nothing left to tell.
        token = csrf_of(ana.get("/").text)
        assert ana.post("/seen", data={"csrf": token}, follow_redirects=False).status_code == 303
        assert "Nothing changed" in Page(ana.get("/").text).text(id_="sv-changes")

        # A new batch turns 6-vs-7 into 6-vs-7-vs-8; Ana comes back an hour later.
        later = tmp_path / "later"
        write_articles(later, BASRA_LATER)
        result = invoke("check", str(later), "--db", str(db), "-o", str(tmp_path / "r2.json"),
                        "-q")  # fmt: skip
        assert result.exit_code == 0, result.output
        real_time = time.time
        monkeypatch.setattr(serve_module.time, "time", lambda: real_time() + 3600)
        page = Page(ana.get("/").text)
        changes = page.text(id_="sv-changes")
        assert "1 new discrepancy" in changes and "6 / 7 / 8" in changes
        assert "1 resolved discrepancy" in changes and "seven / six" in changes
        new = fingerprints(db)["wounded"]
        assert "new since your last visit" in page.text("li", id_=f"q-{new}")
        # The resolved one keeps its page and its history.
        old = Page(ana.get(f"/discrepancies/{fps['wounded']}").text)
        assert "resolved" in old.text(cls="meta")


# -- the fact-checker's whole flow --------------------------------------------------------------


def test_confirming_in_the_browser_lets_ci_pass(tmp_path: Path) -> None:
    articles = write_articles(tmp_path / "seeds", BASRA)
    db = str(tmp_path / "team.sqlite")
    first = invoke("check", str(articles), "--db", db, "--fail-on", "conflict", "-o",
                   str(tmp_path / "r1.json"))  # fmt: skip
    assert first.exit_code == 1, first.output

    with TestClient(create_app(db), base_url=BASE) as client:
        queue = Page(client.get("/").text)
        (item,) = queue.select("li", "sv-item")
        assert "Wounded: 6 / 7" in item.text
        fingerprint = item.attrs["id"][2:]
        response = post_decision(client, fingerprint, "confirmed conflict", "ana",
                                 "hospital and police counts differ; both reported")  # fmt: skip
        assert response.status_code == 303

    # The store's decisions apply to the next check with --db ...
    again = invoke("check", str(articles), "--db", db, "--fail-on", "conflict", "-o",
                   str(tmp_path / "r2.json"))  # fmt: skip
    assert again.exit_code == 0, again.output
    report = json.loads((tmp_path / "r2.json").read_text(encoding="utf-8"))
    (found,) = report["discrepancies"]
    assert found["reviewed"] is True and found["decision"] == "confirmed conflict"

    # ... and to a CI job that only gets the exported baseline.
    exported = invoke("baseline", "export", "--db", db, "-o", str(tmp_path / "reviewed.json"))
    assert exported.exit_code == 0, exported.output
    baseline = json.loads((tmp_path / "reviewed.json").read_text(encoding="utf-8"))
    (entry,) = baseline["reviewed"]
    assert entry["fingerprint"] == fingerprint and entry["reviewer"] == "ana"
    assert entry["kind"] == "wounded" and entry["decision"] == "confirmed conflict"
    fresh = invoke("check", str(articles), "--baseline", str(tmp_path / "reviewed.json"),
                   "--fail-on", "conflict", "-o", str(tmp_path / "r3.json"))  # fmt: skip
    assert fresh.exit_code == 0, fresh.output
