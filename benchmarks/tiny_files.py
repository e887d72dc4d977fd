"""A folder of many tiny article files: what reading it costs, and `check` on it (issue 18).

Run:
    .venv/bin/python benchmarks/tiny_files.py                  # 100,000 files
    .venv/bin/python benchmarks/tiny_files.py --files 20000 --code /path/to/checkout

Makes N one-line articles (written for this benchmark) in one flat temporary folder, then in
fresh processes: (1) the reader alone (`terminal.reading`, as `check` reads, each article
dropped once read) with the size estimate `check` makes first for its progress bar: CPU
seconds and peak resident memory, then (a second pass) the peaks of Python's traced memory;
(2) the whole
`discrepancy check FOLDER --no-html` with its stderr going to a file (a CI log): wall and CPU
seconds, peak resident memory, and the progress lines it wrote. Results go to
benchmarks/results/tiny-files.json. A script run by hand, never a timed unit test.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"

_READER = """
import json, resource, sys, time, tracemalloc
sys.path.insert(0, sys.argv[1])
from discrepancy.read.files import estimate_count
from discrepancy.terminal import Progress, reading

def walk():
    started = time.process_time()
    estimate = estimate_count([sys.argv[2]])
    middle = time.process_time()
    count = sum(1 for _ in reading([sys.argv[2]], Progress(True)))
    return estimate, count, middle - started, time.process_time() - middle

# CPU and resident memory first; then the same again under tracemalloc, for the peaks.
estimate, count, estimate_cpu, read_cpu = walk()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
tracemalloc.start()
estimate_count([sys.argv[2]])
estimate_peak = tracemalloc.get_traced_memory()[1]
tracemalloc.reset_peak()
sum(1 for _ in reading([sys.argv[2]], Progress(True)))
print(json.dumps({
    "estimate": estimate, "estimate_cpu_s": round(estimate_cpu, 2),
    "estimate_traced_peak_mb": round(estimate_peak / 2**20, 1),
    "read": count, "read_cpu_s": round(read_cpu, 2),
    "read_traced_peak_mb": round(tracemalloc.get_traced_memory()[1] / 2**20, 1),
    "peak_rss_mb": round(rss, 1),
}))
"""


def make_folder(folder: Path, count: int) -> None:
    """`count` one-line articles, each its own incident in an invented town."""
    for number in range(count):
        (folder / f"note-{number:06d}.txt").write_text(
            f"Two people were hurt in a fire in Tarvel on Monday, report {number} said.\n",
            encoding="utf-8",
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=100_000)
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout to measure")
    parser.add_argument("--label", default="this checkout")
    parser.add_argument("--no-check", action="store_true", help="measure the reader only")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="tiny-files-"))
    try:
        folder = work / "articles"
        folder.mkdir()
        make_folder(folder, args.files)
        env = {**os.environ, "PYTHONPATH": str(args.code)}
        reader = subprocess.run(
            [sys.executable, "-c", _READER, str(args.code), str(folder)],
            check=True, capture_output=True, text=True, env=env,
        )  # fmt: skip
        row: dict[str, object] = {"code": args.label, "files": args.files,
                                  "reader": json.loads(reader.stdout)}  # fmt: skip
        if not args.no_check:
            log = work / "stderr.log"
            started = time.perf_counter()
            with log.open("w") as handle:
                done = subprocess.run(
                    ["/usr/bin/time", "-f", "%M %U %S", sys.executable, "-m", "discrepancy",
                     "check", str(folder), "--no-html", "-o", str(work / "out.json")],
                    stderr=handle, stdout=subprocess.DEVNULL, env=env, cwd=args.code,
                )  # fmt: skip
            wall = time.perf_counter() - started
            lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
            rss_kb, user, system = lines[-1].split()
            row["check"] = {
                "exit": done.returncode, "wall_s": round(wall, 1),
                "cpu_s": round(float(user) + float(system), 1),
                "peak_rss_mb": round(int(rss_kb) / 1024, 1),
                "progress_lines": sum(1 for line in lines if " of about " in line),
            }  # fmt: skip
        row["load_1min"] = round(os.getloadavg()[0], 2)
        print(json.dumps(row))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if not args.no_write:
        RESULTS.mkdir(parents=True, exist_ok=True)
        target = RESULTS / "tiny-files.json"
        old = json.loads(target.read_text()) if target.exists() else []
        kept = [r for r in old if (r.get("code"), r.get("files")) != (args.label, args.files)]
        target.write_text(json.dumps([*kept, row], indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
