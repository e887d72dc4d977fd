"""Accuracy harness: run the pipeline on the evaluation sets and score it against their gold.

    python benchmarks/accuracy.py            # run, print, write benchmarks/results/accuracy.json
    python benchmarks/accuracy.py --check    # also fail (exit 1) when a figure falls below the gate
    python benchmarks/accuracy.py --only seeds
    python benchmarks/accuracy.py --pages DIR  # pages-dev's folder (default .cache/pages-dev/set)

The data and the scorer live outside the project (../shared); a set whose files are absent is
skipped with a message. pages-dev is built by each developer from its manifest (its texts are
not shipped): `--pages DIR` names the folder holding its `articles.jsonl` and `gold.json`.
The gate (benchmarks/accuracy_gate.json) pins the figures measured
when it was last raised: a change that lowers them fails the run, as in trafilatura's
evaluation. Raise the gate by hand when a change improves them; never lower it to pass.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# The data and the scorer sit beside the repository; DISCREPANCY_SHARED names another place
# (a worktree elsewhere).
SHARED = Path(os.environ.get("DISCREPANCY_SHARED") or ROOT.parent / "shared")
RESULTS = ROOT / "benchmarks" / "results" / "accuracy.json"
GATE = ROOT / "benchmarks" / "accuracy_gate.json"

PAGES = ROOT / ".cache" / "pages-dev" / "set"

DATASETS = {
    "seeds": (SHARED / "data" / "seeds", SHARED / "data" / "seeds.gold.json"),
    "gva-dev": (
        SHARED / "data" / "gva-dev" / "articles.jsonl",
        SHARED / "data" / "gva-dev" / "gold.json",
    ),
    "pages-dev": (PAGES / "articles.jsonl", PAGES / "gold.json"),
    # ECB+ topics: no dates, two events of one kind per topic (grouping only).
    "ecb-dev": (
        SHARED / "data" / "ecb-dev" / "articles.jsonl",
        SHARED / "data" / "ecb-dev" / "gold.json",
    ),
    # pages-dev with no publication dates given (a date line in a text still dates it): the
    # conflict reporting of pages-dev as an undated corpus, beside ecb-dev, the only other.
    "pages-dev-undated": (PAGES / "articles.jsonl", PAGES / "gold.json"),
}
# Sets read from another set's articles with their `published` field dropped.
UNDATED = {"pages-dev-undated"}


def use_pages(folder: Path) -> None:
    """Read pages-dev (and its undated twin) from this folder (articles.jsonl, gold.json)."""
    for name in ("pages-dev", "pages-dev-undated"):
        DATASETS[name] = (folder / "articles.jsonl", folder / "gold.json")


def input_file(name: str, folder: Path) -> Path:
    """The set's articles as the run reads them: for an undated set, a copy in `folder`
    without publication dates."""
    inputs, _ = DATASETS[name]
    if name not in UNDATED:
        return inputs
    copy = folder / "articles.jsonl"
    with inputs.open(encoding="utf-8") as rows, copy.open("w", encoding="utf-8") as out:
        for line in rows:
            if line.strip():
                row = json.loads(line)
                row["published"] = None
                out.write(json.dumps(row) + "\n")
    return copy


# Figures where lower is better; every other gated figure must not go down.
LOWER_IS_BETTER = {"totals_wrong", "zero_false", "false_conflicts"}


def load_scorer() -> ModuleType | None:
    """The shared scorer, imported from its file, or None when ../shared is absent."""
    path = SHARED / "tools" / "score.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location("shared_score", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def evaluate(name: str, scorer: ModuleType) -> dict[str, Any] | None:
    """Run and score one dataset; None when its files are absent."""
    from discrepancy.pipeline import run
    from discrepancy.report.json_report import to_dict

    inputs, gold_path = DATASETS[name]
    if not inputs.exists() or not gold_path.exists():
        print(f"{name}: skipped, {inputs} or {gold_path} not found", file=sys.stderr)
        return None
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        report = to_dict(run([str(input_file(name, Path(folder)))]))
        seconds = time.perf_counter() - started
        # Score the report as written to disk, exactly as outside tools read it.
        path = Path(folder) / "report.json"
        path.write_text(json.dumps(report), encoding="utf-8")
        figures: dict[str, Any] = scorer.score(scorer.load(path), scorer.load(gold_path))
    figures["seconds"] = round(seconds, 2)
    figures["articles"] = len(report["articles"])
    figures["articles_per_second"] = round(len(report["articles"]) / seconds, 1)
    return figures


def check(results: dict[str, dict[str, Any]], gate: dict[str, dict[str, float]]) -> list[str]:
    """Figures that fell below (or, for error rates, rose above) the pinned gate."""
    failures = []
    for name, pinned in gate.items():
        if name not in results:
            continue
        for figure, bound in pinned.items():
            value = results[name].get(figure)
            if value is None:
                failures.append(f"{name}.{figure}: missing (gate {bound})")
            elif figure in LOWER_IS_BETTER and value > bound + 1e-9:
                failures.append(f"{name}.{figure} = {value:.3f} rose above the gate {bound:.3f}")
            elif figure not in LOWER_IS_BETTER and value < bound - 1e-9:
                failures.append(f"{name}.{figure} = {value:.3f} fell below the gate {bound:.3f}")
    return failures


def main(argv: list[str] | None = None) -> int:
    """Run the harness; exit 1 when --check finds a figure below the gate."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail when below the gate")
    parser.add_argument("--only", choices=sorted(DATASETS), action="append")
    parser.add_argument("--no-write", action="store_true", help="do not write the results file")
    parser.add_argument("--pages", type=Path, default=PAGES, help="the built pages-dev folder")
    args = parser.parse_args(argv)
    use_pages(args.pages)
    scorer = load_scorer()
    if scorer is None:
        print(f"skipped: the scorer {SHARED / 'tools' / 'score.py'} is not here", file=sys.stderr)
        return 0
    results: dict[str, dict[str, Any]] = {}
    for name in args.only or sorted(DATASETS):
        figures = evaluate(name, scorer)
        if figures is None:
            continue
        results[name] = figures
        shown = " ".join(
            f"{k}={v:.3f}" if isinstance(v, float) else f"{k}={v}"
            for k, v in figures.items()
            if v is not None
        )
        print(f"{name}: {shown}")
    if results and not args.no_write:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        previous = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
        previous.update(results)
        RESULTS.write_text(json.dumps(previous, indent=2, sort_keys=True) + "\n")
    if args.check:
        failures = check(results, json.loads(GATE.read_text()))
        for failure in failures:
            print("gate: " + failure, file=sys.stderr)
        return 1 if failures else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
