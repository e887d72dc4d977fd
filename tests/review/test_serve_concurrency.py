"""The review server under load and under SIGKILL: no acknowledged decision is ever lost."""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from discrepancy.review.server import create_app
from tests.review.test_serve import LiveServer, csrf_of, decisions, fingerprints

REVIEWERS = 8
# Per reviewer; 8 x 20 = 160 decisions, each one a durable (fsynced) commit.
DECISIONS_EACH = 20
CHOICES = ("confirmed conflict", "false alarm", "needs follow-up")
TIMEOUT = httpx.Timeout(20.0)


@contextmanager
def session(base: str, fingerprint: str) -> Iterator[tuple[httpx.Client, str]]:
    """A reviewer's client with its CSRF cookie, and the token for its forms."""
    with httpx.Client(base_url=base, timeout=TIMEOUT) as client:
        yield client, csrf_of(client.get(f"/discrepancies/{fingerprint}").text)


def post(client: httpx.Client, token: str, fingerprint: str, decision: str, reviewer: str,
         note: str) -> httpx.Response:  # fmt: skip
    return client.post(
        f"/discrepancies/{fingerprint}/decisions",
        data={"csrf": token, "decision": decision, "reviewer": reviewer, "note": note},
        headers={"accept": "application/json"},
    )


def assert_intact(db: Path, acknowledged: dict[int, tuple[str, str, str, str]]) -> None:
    """Every acknowledged decision is in the store as acknowledged, and the file is sound."""
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    stored = {d.id: (d.fingerprint, d.decision, d.reviewer, d.note) for d in decisions(db)}
    missing = {k: v for k, v in acknowledged.items() if stored.get(k) != v}
    assert not missing, f"{len(missing)} acknowledged decisions are missing or changed"


def test_eight_reviewers_at_once_lose_nothing(db: Path) -> None:
    targets = list(fingerprints(db).values())
    acknowledged: dict[int, tuple[str, str, str, str]] = {}
    failures: list[str] = []
    lock = threading.Lock()

    def reviewer(number: int, base: str) -> None:
        name = f"reviewer-{number}"
        with session(base, targets[0]) as (client, token):
            for step in range(DECISIONS_EACH):
                fingerprint = targets[(number + step) % len(targets)]
                decision = CHOICES[(number * 7 + step) % len(CHOICES)]
                note = f"{name} step {step}"
                try:
                    response = post(client, token, fingerprint, decision, name, note)
                except httpx.HTTPError as exc:
                    with lock:
                        failures.append(f"{name} step {step}: {exc!r}")
                    continue
                with lock:
                    if response.status_code == 201:
                        body = response.json()
                        acknowledged[body["id"]] = (fingerprint, decision, name, note)
                    else:
                        failures.append(f"{name} step {step}: HTTP {response.status_code}")

    with LiveServer(create_app(str(db))) as server:
        threads = [
            threading.Thread(target=reviewer, args=(n, server.url)) for n in range(REVIEWERS)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert not any(t.is_alive() for t in threads), "a reviewer thread hung"
        assert failures == []
        assert len(acknowledged) == REVIEWERS * DECISIONS_EACH
        # The server's own pages agree with the store.
        baseline = httpx.get(f"{server.url}/baseline.json", timeout=TIMEOUT).json()

    assert_intact(db, acknowledged)
    assert len(decisions(db)) == REVIEWERS * DECISIONS_EACH
    latest = {fp: max(i for i, v in acknowledged.items() if v[0] == fp) for fp in targets}
    exported = {r["fingerprint"]: (r["decision"], r["note"]) for r in baseline["reviewed"]}
    expected = {}
    for fingerprint, number in latest.items():
        _, decision, _, note = acknowledged[number]
        expected[fingerprint] = (decision, note)
    assert exported == expected


class ServerProcess:
    """`discrepancy serve` in a child process on a free port of 127.0.0.1."""

    def __init__(self, db: Path, log: Path) -> None:
        self.log = log
        self.handle = log.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "discrepancy", "serve", "--db", str(db), "--port", "0"],
            stdout=self.handle, stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )  # fmt: skip
        self.url = self._wait_until_up()

    def _wait_until_up(self) -> str:
        deadline = time.monotonic() + 30
        url = None
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text(errors="replace")
            if url is None:
                found = re.search(r"at (http://127\.0\.0\.1:\d+)/", self.log.read_text())
                url = found.group(1) if found else None
            if url is not None:
                try:
                    if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                        return url
                except httpx.HTTPError:
                    pass
            time.sleep(0.05)
        raise AssertionError("the server did not come up within 30 s: " + self.log.read_text())

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()
        self.handle.close()


@pytest.fixture
def processes() -> Iterator[list[ServerProcess]]:
    started: list[ServerProcess] = []
    yield started
    for process in started:
        process.stop()


def test_sigkill_mid_write_keeps_every_acknowledged_decision(
    db: Path, tmp_path: Path, processes: list[ServerProcess]
) -> None:
    targets = list(fingerprints(db).values())
    first = ServerProcess(db, tmp_path / "first.log")
    processes.append(first)
    acknowledged: dict[int, tuple[str, str, str, str]] = {}
    lock = threading.Lock()
    stop = threading.Event()
    cut_off: list[str] = []

    def writer(number: int) -> None:
        name = f"writer-{number}"
        with session(first.url, targets[0]) as (client, token):
            # Bounded: the server is killed long before this runs out.
            for step in range(2000):
                if stop.is_set():
                    return
                fingerprint = targets[step % len(targets)]
                decision = CHOICES[step % len(CHOICES)]
                note = f"{name} step {step}"
                try:
                    response = post(client, token, fingerprint, decision, name, note)
                except httpx.HTTPError:
                    # The server died under this request; unacknowledged, it may be lost.
                    with lock:
                        cut_off.append(name)
                    return
                if response.status_code == 201:
                    with lock:
                        acknowledged[response.json()["id"]] = (fingerprint, decision, name, note)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 20
    while len(acknowledged) < 40 and time.monotonic() < deadline:
        time.sleep(0.01)
    # Killed while the writers are still posting: some requests are mid-transaction.
    first.kill()
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(t.is_alive() for t in threads)
    assert len(acknowledged) >= 40
    # The kill came while requests were on their way, not after the writers had finished.
    assert cut_off

    second = ServerProcess(db, tmp_path / "second.log")
    processes.append(second)
    assert_intact(db, acknowledged)
    # The restarted server shows the decisions and takes new ones.
    fingerprint = acknowledged[max(acknowledged)][0]
    latest = [d for d in decisions(db) if d.fingerprint == fingerprint][-1]
    with session(second.url, fingerprint) as (client, token):
        history = client.get(f"/discrepancies/{fingerprint}").text
        assert f'id="decision-{latest.id}"' in history
        response = post(client, token, fingerprint, "false alarm", "after-restart", "back")
        assert response.status_code == 201
    exported = httpx.get(f"{second.url}/baseline.json", timeout=TIMEOUT).json()
    assert {"fingerprint": fingerprint, "reviewer": "after-restart", "note": "back"}.items() <= (
        next(r for r in exported["reviewed"] if r["fingerprint"] == fingerprint).items()
    )
