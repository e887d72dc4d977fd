"""Do grouping's free settings carry over? Leave one corpus out, and two folds of incidents.

    python benchmarks/loco.py                 # writes benchmarks/results/loco.json
    python benchmarks/loco.py --pages DIR     # pages-dev built here (default .cache/pages-dev/set)

Grouping has few free settings (`FREE`): the link threshold, the weight of wording, the
power of a batch's size past which a person's name is boilerplate, how much two undated
reports' whole-story similarity counts, the lower link threshold of two undated reports, and
how alike two groups one link joins must read (`discrepancy/link/chains.py`). pages-dev and its
undated twin (`accuracy.UNDATED`) are left out together. Every other weight is a rule
with its reason in `discrepancy/link/grouping.py`. For each labelled corpus left out, each
setting is chosen on the others (the best mean clusters F1 over the grid) and the left-out
corpus is scored with it; for each corpus, its incidents are split in two folds, settings
are chosen on one fold and scored on the other. The shipped settings are scored too: a
figure far below what the left-out choice gets says the shipped one was fitted to a corpus.
Articles are extracted once per corpus; only grouping runs for each setting.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import accuracy

from discrepancy.link import chains, grouping
from discrepancy.link.profile import Profile

RESULTS = accuracy.ROOT / "benchmarks" / "results" / "loco.json"
CORPORA = ("seeds", "gva-dev", "pages-dev", "pages-dev-undated", "ecb-dev")
LEFT_OUT = ("gva-dev", "pages-dev", "pages-dev-undated", "ecb-dev")
# A corpus and its undated twin (the same articles) are left out together.
TWINS = {"pages-dev": "pages-dev-undated", "pages-dev-undated": "pages-dev"}
# The free settings and the values tried: the shipped value and its neighbours.
FREE: dict[str, tuple[float, ...]] = {
    "LINK_THRESHOLD": (2.5, 2.75, 3.0),
    "TEXT_WEIGHT": (3.5, 4.0, 4.5),
    "_NAME_POWER": (0.0, 0.5),
    "STORY_SCALE": (1.0, 1.3, 1.6),
    "UNDATED_LINK_THRESHOLD": (2.75, 2.25, 2.0),
    # 0.0: two groups one link joins always merge (no guard against chains).
    "ALIKE_SHARE": (0.0, 0.5, 0.6),
}
Setting = tuple[float, ...]


@contextmanager
def settings(values: Setting) -> Iterator[None]:
    """Grouping with these free settings, restored afterwards."""
    saved = {name: getattr(_home(name), name) for name in FREE}
    try:
        for name, value in zip(FREE, values, strict=True):
            setattr(_home(name), name, value)
        yield
    finally:
        for name, value in saved.items():
            setattr(_home(name), name, value)


def _home(name: str) -> Any:
    """The module a free setting lives in: grouping's, or the chain guard's."""
    return chains if hasattr(chains, name) else grouping


def shipped() -> Setting:
    """The settings the code ships with."""
    return tuple(getattr(_home(name), name) for name in FREE)


def load(name: str) -> tuple[list[Profile], dict[str, str]] | None:
    """A corpus's profiles (extracted once) and gold incident of each article; None if absent."""
    from discrepancy.engine import IN_PROCESS, extract_and_scope
    from discrepancy.models import Article
    from discrepancy.read.files import iter_inputs

    inputs, gold_path = accuracy.DATASETS[name]
    if not inputs.exists() or not gold_path.exists():
        print(f"{name}: skipped, {inputs} or {gold_path} not found", file=sys.stderr)
        return None
    with tempfile.TemporaryDirectory() as folder:
        read = accuracy.input_file(name, Path(folder))
        articles = [a for a in iter_inputs([str(read)]) if isinstance(a, Article)]
    profiles, _ = extract_and_scope(iter(articles), IN_PROCESS, None)
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    return profiles, {a: g["id"] for g in gold["incidents"] for a in g["articles"]}


def clusters_f1(
    groups: Sequence[Sequence[int]], ids: Sequence[str], gold: Mapping[str, str]
) -> float:
    """B-cubed F1 over the articles gold knows, as the shared scorer computes it."""
    found: dict[str, object] = {ids[i]: k for k, group in enumerate(groups) for i in group}
    # A gold article the run did not read (a skipped input) stands alone, as the scorer has it.
    pred = {a: found.get(a, ("alone", a)) for a in gold}
    pred_sets: dict[object, set[str]] = defaultdict(set)
    gold_sets: dict[str, set[str]] = defaultdict(set)
    for article, incident in gold.items():
        pred_sets[pred[article]].add(article)
        gold_sets[incident].add(article)
    p = r = 0.0
    for article, incident in gold.items():
        both = len(pred_sets[pred[article]] & gold_sets[incident])
        p += both / len(pred_sets[pred[article]])
        r += both / len(gold_sets[incident])
    if not gold:
        return 0.0
    p, r = p / len(gold), r / len(gold)
    return 2 * p * r / (p + r) if p + r else 0.0


def score(profiles: Sequence[Profile], gold: Mapping[str, str], values: Setting) -> float:
    """Clusters F1 of grouping these profiles with these settings."""
    batch = [replace(p, index=i) for i, p in enumerate(profiles)]
    with settings(values):
        groups = grouping.group_articles(batch)
    ids = [p.article_id for p in batch]
    return clusters_f1(groups, ids, gold)


def fold_of(incident: str) -> int:
    """A fixed fold (0 or 1) for an incident, from a hash of its id."""
    return hashlib.sha256(incident.encode()).digest()[0] % 2


def best(table: Mapping[Setting, Sequence[float]]) -> Setting:
    """The setting with the best mean figure; ties go to the first in the grid."""
    return max(table, key=lambda s: sum(table[s]) / len(table[s]))


def main(argv: list[str] | None = None) -> int:
    """Run the grid on every corpus present and write the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=accuracy.PAGES)
    args = parser.parse_args(argv)
    accuracy.use_pages(args.pages)
    started = time.perf_counter()
    data = {name: found for name in CORPORA if (found := load(name)) is not None}
    grid = list(itertools.product(*FREE.values()))
    # Whole corpora: F1 of every setting on every corpus.
    whole: dict[str, dict[Setting, float]] = {
        name: {s: score(profiles, gold, s) for s in grid} for name, (profiles, gold) in data.items()
    }
    out: dict[str, Any] = {"free": {k: list(v) for k, v in FREE.items()}, "shipped": {}}
    out["shipped"] = {
        "settings": dict(zip(FREE, shipped(), strict=True)),
        "clusters_f1": {name: round(whole[name][shipped()], 4) for name in data},
    }
    leave_one_out = {}
    for left in LEFT_OUT:
        if left not in data:
            continue
        others = [name for name in data if name not in (left, TWINS.get(left))]
        if not others:
            continue
        chosen = best({s: [whole[name][s] for name in others] for s in grid})
        leave_one_out[left] = {
            "chosen_on": others,
            "settings": dict(zip(FREE, chosen, strict=True)),
            "clusters_f1": round(whole[left][chosen], 4),
            "clusters_f1_shipped": round(whole[left][shipped()], 4),
            "clusters_f1_best_possible": round(max(whole[left].values()), 4),
        }
    out["leave_one_corpus_out"] = leave_one_out
    folds = {}
    for name, (profiles, gold) in data.items():
        if len(set(gold.values())) < 4:
            continue  # too few incidents to split
        halves = []
        for fold in (0, 1):
            keep = [p for p in profiles if fold_of(gold.get(p.article_id, p.article_id)) == fold]
            halves.append((keep, {a: g for a, g in gold.items() if fold_of(g) == fold}))
        per_setting = [{s: score(keep, gold, s) for s in grid} for keep, gold in halves]
        result = []
        for fit, test in ((0, 1), (1, 0)):
            chosen = best({s: [per_setting[fit][s]] for s in grid})
            result.append(
                {
                    "fit_fold": fit,
                    "settings": dict(zip(FREE, chosen, strict=True)),
                    "clusters_f1": round(per_setting[test][chosen], 4),
                    "clusters_f1_shipped": round(per_setting[test][shipped()], 4),
                }
            )
        folds[name] = result
    out["incident_folds"] = folds
    out["seconds"] = round(time.perf_counter() - started, 1)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    for left, figures in leave_one_out.items():
        print(
            f"{left}: left out {figures['clusters_f1']:.4f} with {figures['settings']}"
            f" (shipped {figures['clusters_f1_shipped']:.4f})"
        )
    for name, result in folds.items():
        shown = ", ".join(
            f"fold {1 - r['fit_fold']} {r['clusters_f1']:.4f}"
            f" (shipped {r['clusters_f1_shipped']:.4f})"
            for r in result
        )
        print(f"{name} incident folds: {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
