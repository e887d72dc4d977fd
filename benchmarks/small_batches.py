"""Grouping on batches the size users check: one story, or a few, not a whole corpus.

    python benchmarks/small_batches.py           # writes benchmarks/results/small-batches.json
    python benchmarks/small_batches.py --pages DIR

A fact-checker runs `discrepancy check` on the reports of one incident or one week, not on
700 articles of 58 events: rules that depend on the batch's size (how many reports share a
name, whether all pairs are scored) behave otherwise there. Each corpus is cut into batches of
whole gold incidents and every batch is run and scored on its own (clusters F1, B-cubed); the
figure is the mean over batches:

- ecb-dev: one topic a batch (two events of one kind, 15 to 39 articles);
- pages-dev and its undated twin: incidents shuffled (seed 7), cut at 20 and 40 articles
  (the incidents left over are one smaller batch);
- gva-dev: incidents shuffled (seed 7), cut at 30 articles (40 batches) and 100 (10 batches).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import accuracy

RESULTS = accuracy.ROOT / "benchmarks" / "results" / "small-batches.json"
# (corpus, articles a batch, at most this many batches); size 0: one ecb-dev topic a batch.
CUTS = (
    ("ecb-dev", 0, 0),
    ("pages-dev", 20, 10),
    ("pages-dev", 40, 10),
    ("pages-dev-undated", 20, 10),
    ("pages-dev-undated", 40, 10),
    ("gva-dev", 30, 40),
    ("gva-dev", 100, 10),
)


def _rows(name: str) -> dict[str, dict[str, Any]] | None:
    """The corpus's articles by id (publication dates dropped for an undated twin)."""
    inputs, _ = accuracy.DATASETS[name]
    if not inputs.is_file():
        return None
    rows = {}
    with inputs.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                row = json.loads(line)
                if name in accuracy.UNDATED:
                    row["published"] = None
                rows[str(row["id"])] = row
    return rows


def batches(name: str, size: int, most: int, gold: dict[str, Any]) -> Iterator[list[Any]]:
    """Lists of whole gold incidents: an ecb-dev topic each (size 0), else `size` articles."""
    incidents = list(gold["incidents"])
    if size == 0:
        topics: dict[str, list[Any]] = defaultdict(list)
        for incident in incidents:
            topics[str(incident["id"]).split("_")[0]].append(incident)
        yield from topics.values()
        return
    random.Random(7).shuffle(incidents)
    current: list[Any] = []
    count = made = 0
    for incident in incidents:
        current.append(incident)
        count += len(incident["articles"])
        if count >= size:
            yield current
            made += 1
            if made == most:
                return
            current, count = [], 0
    if current:
        yield current  # the incidents left over, a smaller batch


def score_cut(name: str, size: int, most: int, scorer: ModuleType) -> dict[str, Any] | None:
    """Mean clusters F1 over the corpus's batches, or None when the corpus is absent."""
    from discrepancy.pipeline import run
    from discrepancy.report.json_report import to_dict

    rows = _rows(name)
    _, gold_path = accuracy.DATASETS[name]
    if rows is None or not gold_path.is_file():
        print(f"{name}: skipped, its files are not found", file=sys.stderr)
        return None
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    scores = []
    for incidents in batches(name, size, most, gold):
        with tempfile.TemporaryDirectory() as folder:
            articles = Path(folder) / "articles.jsonl"
            ids = [a for incident in incidents for a in incident["articles"] if a in rows]
            articles.write_text("".join(json.dumps(rows[a]) + "\n" for a in ids), "utf-8")
            report = Path(folder) / "report.json"
            report.write_text(json.dumps(to_dict(run([str(articles)]))), encoding="utf-8")
            part = Path(folder) / "gold.json"
            part.write_text(json.dumps({"incidents": incidents, "complete": False}), "utf-8")
            scores.append(scorer.score(scorer.load(report), scorer.load(part))["clusters_f1"])
    return {
        "corpus": name,
        "batch_articles": size or "one topic",
        "batches": len(scores),
        "mean_clusters_f1": round(sum(scores) / len(scores), 4),
        "lowest_clusters_f1": round(min(scores), 4),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=accuracy.PAGES)
    args = parser.parse_args(argv)
    accuracy.use_pages(args.pages)
    scorer = accuracy.load_scorer()
    if scorer is None:
        print("the shared scorer is not found: nothing measured", file=sys.stderr)
        return 2
    found = []
    for name, size, most in CUTS:
        figures = score_cut(name, size, most, scorer)
        if figures is not None:
            found.append(figures)
            print(json.dumps(figures))
    RESULTS.write_text(json.dumps(found, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
