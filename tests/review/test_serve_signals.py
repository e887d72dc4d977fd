"""`serve` stopped by SIGTERM while editors post: requests finish, the command says so, exit 0."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx

from tests.review.test_serve import fingerprints
from tests.review.test_serve_concurrency import (
    CHOICES,
    ServerProcess,
    assert_intact,
    post,
    processes,
    session,
)

__all__ = ["processes"]  # the fixture, used by name


def test_sigterm_stops_serve_after_its_requests_and_says_so(
    db: Path, tmp_path: Path, processes: list[ServerProcess]
) -> None:
    targets = list(fingerprints(db).values())
    server = ServerProcess(db, tmp_path / "serve.log")
    processes.append(server)
    acknowledged: dict[int, tuple[str, str, str, str]] = {}
    lock = threading.Lock()
    stop = threading.Event()

    def writer(number: int) -> None:
        name = f"editor-{number}"
        with session(server.url, targets[0]) as (client, token):
            for step in range(2000):  # bounded: the server stops long before
                if stop.is_set():
                    return
                fingerprint = targets[step % len(targets)]
                decision = CHOICES[step % len(CHOICES)]
                note = f"{name} step {step}"
                try:
                    response = post(client, token, fingerprint, decision, name, note)
                except httpx.HTTPError:
                    return  # refused once the server stopped listening: not acknowledged
                if response.status_code == 201:
                    with lock:
                        acknowledged[response.json()["id"]] = (fingerprint, decision, name, note)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(3)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 20
    while len(acknowledged) < 20 and time.monotonic() < deadline:
        time.sleep(0.01)
    server.process.terminate()  # SIGTERM, with decisions being posted
    code = server.process.wait(timeout=30)
    stop.set()
    for thread in threads:
        thread.join(timeout=30)
    server.handle.close()
    log = server.log.read_text(errors="replace")
    assert code == 0, log
    assert "Traceback" not in log
    assert "Stopped (SIGTERM): requests in flight were finished first" in log
    assert len(acknowledged) >= 20
    assert_intact(db, acknowledged)
