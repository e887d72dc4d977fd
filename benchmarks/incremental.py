"""What `check --db` costs as the store grows: adding a batch to a store that keeps extractions,
pair evidence and aligned incidents, beside the same batch with nothing reused (a full run).

Run:
    .venv/bin/python benchmarks/incremental.py                       # gva-dev, stores 1000,2833
    .venv/bin/python benchmarks/incremental.py --corpus 10k --stores 1000,4000
    .venv/bin/python benchmarks/incremental.py --code ../main --output /tmp/before.json

For each store size N, a store is made from the corpus's first N articles (not timed); then for
each batch size B a copy of it takes the next B articles twice, once reusing what the store
keeps and once with `reuse_extractions=False` (every stored article extracted, every pair
scored, every incident aligned and written: a full run). CPU seconds are this process's
(time.process_time), one run each, in the same process so imports and the gazetteer are loaded
for both; the two reports are compared (they must be equal). The reusing run's CPU is split by
phase: reading the store and extracting, grouping, aligning and building the report, saving.

Then the corpus is split into 4 batches that go into an empty store one after the other, and
the store's report after the last is compared with one plain run (`pipeline.run_articles`)
over all its articles. Results go to benchmarks/results/incremental-<corpus>.json (or
--output). `--code` runs another checkout's discrepancy (e.g. main, for before/after figures
in one sitting); its store may keep less.
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


def _code_root(argv: list[str]) -> Path:
    """The checkout whose discrepancy is measured: --code, else this one."""
    for n, arg in enumerate(argv):
        if arg == "--code" and n + 1 < len(argv):
            return Path(argv[n + 1]).resolve()
        if arg.startswith("--code="):
            return Path(arg.split("=", 1)[1]).resolve()
    return ROOT


CODE = _code_root(sys.argv[1:])
sys.path.insert(0, str(CODE))
sys.path.insert(1, str(ROOT / "benchmarks"))

from side_by_side import corpus  # noqa: E402

from discrepancy.batches import check_batch  # noqa: E402
from discrepancy.pipeline import Settings, run_articles  # noqa: E402
from discrepancy.read.files import read_inputs  # noqa: E402
from discrepancy.report.json_report import to_dict  # noqa: E402
from discrepancy.store.sqlite import open_store  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"


def copy_store(source: Path, target: Path) -> None:
    """A consistent copy of a store (WAL included), by SQLite's backup."""
    with sqlite3.connect(source) as a, sqlite3.connect(target) as b:
        a.backup(b)


def _json(report: Any) -> dict[str, Any]:
    data = to_dict(report)
    data.pop("generated_by")
    return data


def timed_batch(
    path: Path, batch: list[Any], reuse: bool
) -> tuple[float, dict[str, Any], dict[str, float]]:
    """CPU seconds of checking one batch against the store at path, the report's JSON, and
    the CPU seconds of each phase."""
    marks: list[tuple[str, float]] = []

    def phase(name: str) -> None:
        marks.append((name, time.process_time()))

    started = time.process_time()
    with open_store(path) as store:
        report = check_batch(
            store, batch, settings=Settings(phase=phase), reuse_extractions=reuse
        ).report
    ended = time.process_time()
    times = dict(marks)
    grouping = times.get("grouping", ended)
    aligning = times.get("aligning", grouping)
    phases = {
        "read_and_extract": grouping - started,
        "grouping": aligning - grouping,
        # Aligning and building the report, then staging and saving the rows.
        "align_report_save": ended - aligning,
    }
    return ended - started, _json(report), {k: round(v, 3) for k, v in phases.items()}


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def measure(
    name: str, stores: list[int], batches: list[int], path: Path | None = None
) -> list[dict[str, Any]]:
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
                reused_cpu, reused, phases = timed_batch(reused_path, batch, True)
                full_cpu, full, _ = timed_batch(full_path, batch, False)
                row = {
                    "stored": size,
                    "added": count,
                    "reused_cpu_s": round(reused_cpu, 2),
                    "full_cpu_s": round(full_cpu, 2),
                    "fraction_of_full": round(reused_cpu / full_cpu, 3),
                    "reports_equal": reused == full,
                    "reused_phases_cpu_s": phases,
                    "store_build_cpu_s": round(build, 2),
                }
                print(json.dumps(row), flush=True)
                rows.append(row)
                _remove(reused_path)
                _remove(full_path)
    return rows


def four_batches(name: str, path: Path | None = None) -> dict[str, Any]:
    """The corpus in 4 batches into one store, against one plain run of all its articles."""
    articles, _ = read_inputs([str(path or corpus(name))])
    size = -(-len(articles) // 4)
    cpu = []
    with (
        tempfile.TemporaryDirectory() as folder,
        open_store(Path(folder) / "four.sqlite") as store,
    ):
        for start in range(0, len(articles), size):
            started = time.process_time()
            report = check_batch(store, articles[start : start + size]).report
            cpu.append(round(time.process_time() - started, 2))
        stored = store.articles()
    started = time.process_time()
    plain = run_articles(stored)
    plain_cpu = time.process_time() - started
    result = {
        "articles": len(stored),
        "batches": 4,
        "batch_cpu_s": cpu,
        "plain_run_cpu_s": round(plain_cpu, 2),
        "reports_equal": _json(report) == _json(plain),
        "incidents": len(plain.incidents),
        "discrepancies": len(plain.discrepancies),
    }
    print(json.dumps(result), flush=True)
    return result


def main(argv: list[str]) -> int:
    """Measure and write the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="gva-dev", help="gva-dev, pages-dev, 1k, 10k, 100k")
    parser.add_argument("--stores", default="1000,2833", help="store sizes, comma-separated")
    parser.add_argument("--input", type=Path, help="the corpus's JSONL, if not where expected")
    parser.add_argument("--batches", default="10,100,1000", help="batch sizes, comma-separated")
    parser.add_argument("--no-four", action="store_true", help="skip the 4-batch equality run")
    parser.add_argument("--code", type=Path, help="measure another checkout's discrepancy")
    parser.add_argument("--output", type=Path, help="where the results go")
    args = parser.parse_args(argv)
    rows = measure(
        args.corpus,
        [int(n) for n in args.stores.split(",")],
        [int(n) for n in args.batches.split(",")],
        args.input,
    )
    result: dict[str, Any] = {"corpus": args.corpus, "code": str(CODE), "runs": rows}
    if not args.no_four:
        result["four_batches"] = four_batches(args.corpus, args.input)
    target = args.output or RESULTS / f"incremental-{args.corpus}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
