"""The checker beside a plain regex pass over the same input, as whole processes, in one run.

Run:
    .venv/bin/python benchmarks/side_by_side.py                  # gva-dev, 3 rounds
    .venv/bin/python benchmarks/side_by_side.py --corpus 10k --rounds 1

Each round runs, one after the other and in a fresh process each: the plain pass (a `python3`
process that reads the JSONL with `json.loads` and runs one `re.finditer` over each text,
start-up included: the practical limit of any Python tool reading this input), `discrepancy
check --no-html`, `discrepancy check` with its HTML twin, and `discrepancy check` on one article
(start-up; five times a round). CPU seconds are the child's user + system time (os.wait4), so
other work on a shared machine slows the wall clock but not these figures much; the plain pass
runs in the same rounds, so a machine that is slower for a while is slower for both. Medians
over the rounds are written to benchmarks/results/side-by-side-<corpus>.json.

Start-up is measured as a user meets it from the second run on: one run before the rounds
writes the .pyc files (PYTHONDONTWRITEBYTECODE is dropped for the children) and fills the
user's cache folder (the gazetteer, the compiled patterns). `startup_one_article_cold` runs
with an empty cache folder each time: a first run, which builds both.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
CORPORA = {
    "gva-dev": ROOT.parent / "shared" / "data" / "gva-dev" / "articles.jsonl",
    "pages-dev": ROOT / ".cache" / "pages-dev" / "set" / "articles.jsonl",
}
PLAIN_PASS = r"""
import json, re, sys
pattern = re.compile(r"\d+|\b(?:one|two|three)\b")
found = 0
with open(sys.argv[1], encoding="utf-8") as handle:
    for line in handle:
        if line.strip():
            text = json.loads(line).get("text") or ""
            found += sum(1 for _ in pattern.finditer(text))
print(found)
"""
ONE_ARTICLE = (
    "Two people were killed and five wounded in a blast in Tarvel on Monday, police said.\n"
)
# The children write .pyc files, as an installed package has them.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


# Each start-up runner this many times a round: one run is a fraction of a second, and noisy.
STARTUP_REPEATS = 5


def run_child(command: list[str], env: dict[str, str] | None = None) -> dict[str, float]:
    """Run a command to its end; its wall and CPU seconds and peak memory."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env or CHILD_ENV
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise RuntimeError(f"{command[:4]} exited {os.waitstatus_to_exitcode(status)}")
    return {
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "peak_rss_mb": usage.ru_maxrss / 1024,
    }


def corpus(name: str) -> Path:
    """The JSONL file of a named corpus; synthetic sizes come from benchmarks/generate.py."""
    if name in CORPORA:
        return CORPORA[name]
    sizes = {"1k": 1_000, "10k": 10_000, "100k": 100_000}
    target = Path("/tmp/discrepancy-bench") / f"synthetic-{sizes[name]}.jsonl"
    if not target.exists():
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"),
                        str(sizes[name]), "-o", str(target)], check=True)  # fmt: skip
    return target


def count_articles(path: Path) -> int:
    """Non-empty lines of the JSONL file."""
    with open(path, encoding="utf-8") as handle:
        return sum(1 for line in handle if line.strip())


def measure(name: str, rounds: int) -> dict[str, Any]:
    """Medians over rounds of each runner, with rates and the fraction of the plain pass."""
    path = corpus(name)
    articles = count_articles(path)
    checker = [sys.executable, "-m", "discrepancy", "check"]
    samples: dict[str, list[dict[str, float]]] = {}
    with tempfile.TemporaryDirectory() as folder:
        one = Path(folder) / "one.txt"
        one.write_text(ONE_ARTICLE, encoding="utf-8")
        one_article = [*checker, str(one), "--no-html", "-q", "-o", f"{folder}/c.json"]
        runners = {
            "plain_pass": ["python3", "-c", PLAIN_PASS, str(path)],
            "check_no_html": [*checker, str(path), "--no-html", "-q", "-o", f"{folder}/a.json"],
            "check_with_html": [*checker, str(path), "-q", "-o", f"{folder}/b.json"],
            "startup_one_article": one_article,
            "startup_one_article_cold": one_article,
        }
        run_child(one_article)  # .pyc files and the user's cache folder, as from a second run
        for _ in range(rounds):
            for key, command in runners.items():
                repeats = STARTUP_REPEATS if key.startswith("startup") else 1
                for _ in range(repeats):
                    env = None
                    if key.endswith("_cold"):
                        empty = Path(folder) / f"cache-{len(samples.get(key, []))}"
                        env = {**CHILD_ENV, "DISCREPANCY_CACHE_DIR": str(empty)}
                    samples.setdefault(key, []).append(run_child(command, env))
    result: dict[str, Any] = {"corpus": name, "articles": articles, "rounds": rounds}
    for key, runs in samples.items():
        cpu = statistics.median(r["cpu_s"] for r in runs)
        result[key] = {
            "cpu_s": round(cpu, 3),
            "wall_s": round(statistics.median(r["wall_s"] for r in runs), 3),
            "peak_rss_mb": round(max(r["peak_rss_mb"] for r in runs), 1),
            "articles_per_cpu_s": round(articles / cpu, 1)
            if cpu and not key.startswith("startup")
            else None,
        }
    plain = result["plain_pass"]["articles_per_cpu_s"]
    for key in ("check_no_html", "check_with_html"):
        rate = result[key]["articles_per_cpu_s"]
        result[key]["fraction_of_plain_pass"] = round(rate / plain, 4) if plain and rate else None
    return result


def main(argv: list[str]) -> int:
    """Measure the corpora named and write their results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="gva-dev", help="gva-dev, pages-dev, 1k, 10k, 100k")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    RESULTS.mkdir(parents=True, exist_ok=True)
    for name in args.corpus.split(","):
        result = measure(name, args.rounds)
        (RESULTS / f"side-by-side-{name}.json").write_text(
            json.dumps(result, indent=2) + "\n", encoding="utf-8"
        )
        print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
