"""How long a reviewer's decision waits while `check --db` saves a batch (issue 18).

Run:
    .venv/bin/python benchmarks/store_lock.py           # a batch of 2,000, stores of 0 and 8,000
    .venv/bin/python benchmarks/store_lock.py --batch 2000 --stores 0,8000 --code /path/to/checkout

For each store size S, a store is made from the first S articles of the synthetic corpus (not
measured); then a batch of the next B articles is checked into it with `check_batch`, while
another process records a decision every 20 ms the way the review server does (its own
connection, a busy timeout of 10 s, one write transaction per decision) and times each one.
The figures are the longest wait of a decision during the batch, and how long the batch held
the write lock (its write transaction, BEGIN IMMEDIATE to COMMIT). `--code` measures another
checkout (e.g. the code before a change) with the same script. Wall seconds: waiting is what a
reviewer sees. Results go to benchmarks/results/store-lock.json. A script run by hand, never a
timed unit test.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"

# The reviewer: a decision every 20 ms until told to stop, each one timed.
_REVIEWER = """
import sqlite3, sys, time, json
db, stop = sys.argv[1], sys.argv[2]
waits = []
fingerprint = "0" * 16
while True:
    try:
        open(stop).close()
        break
    except FileNotFoundError:
        pass
    started = time.perf_counter()
    connection = sqlite3.connect(db, timeout=10, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute(
            "INSERT INTO decisions (fingerprint, decision, reviewer, note, at)"
            " VALUES (?, 'false alarm', 'bench', NULL, '2025-01-01T00:00:00Z')", (fingerprint,))
        connection.execute("COMMIT")
        waits.append(time.perf_counter() - started)
    except sqlite3.OperationalError as error:
        waits.append(-1.0)
    finally:
        connection.close()
    time.sleep(0.02)
print(json.dumps(waits))
"""

# Runs in a fresh process with --code on sys.path: the batch, with its write lock timed.
_CHECKER = """
import contextlib, json, sys, time
sys.path.insert(0, sys.argv[1])
from discrepancy.batches import check_batch
from discrepancy.read.files import read_inputs
from discrepancy.store import sqlite as store_module
held = []
original = store_module.Store.transaction

@contextlib.contextmanager
def timed(self):
    started = time.perf_counter()
    with original(self):
        yield
    held.append(time.perf_counter() - started)

articles, _ = read_inputs([sys.argv[2]])
first, count = int(sys.argv[4]), int(sys.argv[5])
if sys.argv[6] == "prepare":
    with store_module.open_store(sys.argv[3]) as store:
        if first:
            check_batch(store, articles[:first])
    sys.exit(0)
store_module.Store.transaction = timed
started = time.perf_counter()
with store_module.open_store(sys.argv[3]) as store:
    check_batch(store, articles[first:first + count])
print(json.dumps({"batch_s": time.perf_counter() - started, "lock_held_s": max(held)}))
"""


def _corpus(size: int) -> Path:
    path = Path(tempfile.gettempdir()) / "discrepancy-bench" / f"synthetic-{size}.jsonl"
    if not path.exists():
        subprocess.run(
            [sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(size), "-o", str(path)],
            check=True, capture_output=True,
        )  # fmt: skip
    return path


def measure(code: Path, corpus: Path, stored: int, batch: int, folder: Path) -> dict[str, object]:
    """One batch of `batch` articles into a store of `stored`, with a reviewer deciding."""
    db = folder / f"store-{stored}.sqlite"
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(f"{db}{suffix}")
    env = {**os.environ, "PYTHONPATH": str(code)}
    checker = [sys.executable, "-c", _CHECKER, str(code), str(corpus), str(db), str(stored),
               str(batch)]  # fmt: skip
    # The store (empty for 0: the reviewer needs its tables), made by the code measured.
    subprocess.run([*checker, "prepare"], check=True, env=env, cwd=folder)
    stop = folder / "stop"
    stop.unlink(missing_ok=True)
    reviewer = subprocess.Popen(
        [sys.executable, "-c", _REVIEWER, str(db), str(stop)], stdout=subprocess.PIPE, text=True
    )
    try:
        done = subprocess.run([*checker, "measure"], check=True, env=env, cwd=folder,
                              capture_output=True, text=True)  # fmt: skip
    finally:
        stop.touch()
        out, _ = reviewer.communicate(timeout=60)
    waits = json.loads(out)
    batch_result = json.loads(done.stdout.strip().splitlines()[-1])
    return {
        "stored": stored, "batch": batch, "decisions": len(waits),
        "refused": sum(1 for w in waits if w < 0),
        "longest_wait_s": round(max(waits), 3),
        "lock_held_s": round(batch_result["lock_held_s"], 3),
        "batch_s": round(batch_result["batch_s"], 1),
        "load_1min": round(os.getloadavg()[0], 2),
    }  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=int, default=2000)
    parser.add_argument("--stores", default="0,8000")
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout to measure")
    parser.add_argument("--label", default="this checkout")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    stores = [int(s) for s in args.stores.split(",")]
    corpus = _corpus(max(stores) + args.batch)
    rows = []
    folder = Path(tempfile.mkdtemp(prefix="store-lock-"))
    try:
        for stored in stores:
            row = {"code": args.label, **measure(args.code, corpus, stored, args.batch, folder)}
            rows.append(row)
            print(json.dumps(row))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if not args.no_write:
        RESULTS.mkdir(parents=True, exist_ok=True)
        target = RESULTS / "store-lock.json"
        old = json.loads(target.read_text()) if target.exists() else []
        kept = [r for r in old if r.get("code") != args.label]
        target.write_text(json.dumps(kept + rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
