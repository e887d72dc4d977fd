"""What `check --db` costs as the store grows: adding a batch with stored extractions reused,
beside the same batch with every stored article extracted again (a full run).

Run:
    .venv/bin/python benchmarks/incremental.py                       # gva-dev, stores 1000,2833
    .venv/bin/python benchmarks/incremental.py --corpus 10k --stores 1000,4000

For each store size N, a store is made from the corpus's first N articles (not timed); then for
each batch size B a copy of it takes the next B articles twice, once reusing the stored
extractions and once with `reuse_extractions=False` (what every batch cost before the store
kept extractions). CPU seconds are this process's (time.process_time), one run each, in the
same process so imports and the gazetteer are loaded for both; the two reports are compared
(they must be equal). Results go to benchmarks/results/incremental-<corpus>.json.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from side_by_side import corpus  # noqa: E402

from discrepancy.batches import check_batch  # noqa: E402
from discrepancy.read.files import read_inputs  # noqa: E402
from discrepancy.report.json_report import to_dict  # noqa: E402
from discrepancy.store.sqlite import open_store  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"


def copy_store(source: Path, target: Path) -> None:
    """A consistent copy of a store (WAL included), by SQLite's backup."""
    with sqlite3.connect(source) as a, sqlite3.connect(target) as b:
        a.backup(b)


def timed_batch(path: Path, batch: list[Any], reuse: bool) -> tuple[float, dict[str, Any]]:
    """CPU seconds of checking one batch against the store at path, and the report's JSON."""
    started = time.process_time()
    with open_store(path) as store:
        report = check_batch(store, batch, reuse_extractions=reuse).report
    cpu = time.process_time() - started
    data = to_dict(report)
    data.pop("generated_by")
    return cpu, data


def measure(
    name: str, stores: list[int], batches: list[int], path: Path | None = None
) -> dict[str, Any]:
    """The incremental and full cost of each batch size added to each store size."""
    articles, _ = read_inputs([str(path or corpus(name))])
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for size in stores:
            if size + max(batches) > len(articles):
                raise SystemExit(f"{name} has {len(articles)} articles: too few for {size}+")
            base = Path(folder) / f"store-{size}.sqlite"
            started = time.process_time()
            with open_store(base) as store:
                check_batch(store, articles[:size])
            build = time.process_time() - started
            for count in batches:
                batch = articles[size : size + count]
                reused_path = Path(folder) / "reused.sqlite"
                full_path = Path(folder) / "full.sqlite"
                copy_store(base, reused_path)
                copy_store(base, full_path)
                reused_cpu, reused = timed_batch(reused_path, batch, True)
                full_cpu, full = timed_batch(full_path, batch, False)
                row = {
                    "stored": size,
                    "added": count,
                    "reused_cpu_s": round(reused_cpu, 2),
                    "full_cpu_s": round(full_cpu, 2),
                    "fraction_of_full": round(reused_cpu / full_cpu, 3),
                    "reports_equal": reused == full,
                    "store_build_cpu_s": round(build, 2),
                }
                print(json.dumps(row), flush=True)
                rows.append(row)
                for path in (reused_path, full_path):
                    for suffix in ("", "-wal", "-shm"):
                        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return {"corpus": name, "articles": len(articles), "runs": rows}


def main(argv: list[str]) -> int:
    """Measure and write the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="gva-dev", help="gva-dev, pages-dev, 1k, 10k, 100k")
    parser.add_argument("--stores", default="1000,2833", help="store sizes, comma-separated")
    parser.add_argument("--input", type=Path, help="the corpus's JSONL, if not where expected")
    parser.add_argument("--batches", default="10,100,1000", help="batch sizes, comma-separated")
    args = parser.parse_args(argv)
    result = measure(
        args.corpus,
        [int(n) for n in args.stores.split(",")],
        [int(n) for n in args.batches.split(",")],
        args.input,
    )
    RESULTS.mkdir(parents=True, exist_ok=True)
    target = RESULTS / f"incremental-{args.corpus}.json"
    target.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
