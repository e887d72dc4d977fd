"""The benchmark scripts still run against the package (their figures are not checked here).

Benchmarks call some of the pipeline's inner steps to time them one by one; a change of those
steps must not leave them broken until someone next measures.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

from discrepancy import pipeline

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "fixtures" / "articles"


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def batch(tmp_path: Path) -> Path:
    path = tmp_path / "batch.jsonl"
    rows = [
        {"id": p.stem, "text": p.read_text(encoding="utf-8")}
        for p in sorted(ARTICLES.glob("*.txt"))
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_the_stage_benchmark_makes_the_report_a_run_makes(tmp_path: Path) -> None:
    throughput = load("throughput")
    path = batch(tmp_path)
    staged = throughput.measure_stages(path)
    assert set(staged["stages"]) >= {"ingest", "extract", "group", "align+report", "json"}
    assert staged["report_sha256"] == throughput._digest(pipeline.run([str(path)]))


def test_the_profile_benchmark_runs(tmp_path: Path) -> None:
    found = load("throughput").measure_profile(batch(tmp_path), top=3)
    assert found


def test_the_small_batch_benchmark_cuts_whole_incidents() -> None:
    small = load("small_batches")
    gold = {"incidents": [{"id": f"{i}_x", "articles": [f"a{i}{j}" for j in range(i + 1)]}
                          for i in range(1, 7)]}  # fmt: skip
    cut = list(small.batches("gva-dev", 5, 10, gold))
    # Whole incidents, each batch reaching five articles but the one left over.
    assert sorted(i["id"] for b in cut for i in b) == sorted(i["id"] for i in gold["incidents"])
    assert all(sum(len(i["articles"]) for i in b) >= 5 for b in cut[:-1])
    assert len(cut) >= 3
    # ecb-dev: one topic (the id's part before "_") a batch.
    topics = {"incidents": [{"id": "3_ecb", "articles": ["x"]}, {"id": "3_ecbplus", "articles": ["y"]},
                            {"id": "4_ecb", "articles": ["z"]}]}  # fmt: skip
    assert [len(b) for b in small.batches("ecb-dev", 0, 0, topics)] == [2, 1]
