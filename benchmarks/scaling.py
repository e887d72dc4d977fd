"""Cost per character of one article, from 10k to 1M characters, for each shape of text.

Run:
    .venv/bin/python benchmarks/scaling.py                 # every shape, 10k, 100k, 1M
    .venv/bin/python benchmarks/scaling.py --shapes unpunctuated --sizes 10000,1000000
    .venv/bin/python benchmarks/scaling.py --before ../base --before-label "main c9f809f"

Work per article must stay linear in its length (issue 18): a pattern that backtracks or a
scan per claim over the article shows here as microseconds per character growing with size.
Each measurement runs in a fresh Python process: one tiny article first (imports, the
gazetteer and pattern caches are not the article's cost), then the measured article through
extraction, scoping and profiling as `pipeline.run_articles` does, in CPU seconds (the per-core
figure, which holds when other work shares the machine) with the process's peak memory. The
`check` row runs the whole command on the 1 MB unpunctuated article (`--no-html`), wall clock
from process start, with its peak resident memory. Results go to
benchmarks/results/scaling.json. This is a script run by hand, never a timed unit test.

`--before DIR` measures the code in DIR (another checkout) too, each of its measurements right
before the same one of this code, so that both meet the same load; its figures go under
"before" in the results.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
SIZES = (10_000, 100_000, 1_000_000)

# Invented words and places: the shapes are about punctuation and density, not content.
_PLACES = ("Tarvel", "Osk", "Bralo", "Venmark", "Qaddis", "Lorrin")
_NAMES = ("Ana Velt", "Omar Kessadi", "Ivo Tran", "Dara Moll")
_SENTENCES = (
    "A car bomb in {place} on Monday killed {n} people and wounded {m}, the mayor said.",
    "{name}, a spokesman for the provincial police, said {n} of the dead were guards.",
    "Residents of {place} said the market had been closed since the attack in March.",
    "At least {m} others were taken to the {place} General Hospital, officials said.",
    "The ministry put the toll at {n} while a local group said {m} had died.",
)
_NAVIGATION = ("Home", "World", "Sport", "Video", "Live", "Weather", "Opinion", "Markets")


def _prose(size: int, rng: random.Random) -> str:
    out: list[str] = []
    total = 0
    while total < size:
        sentence = rng.choice(_SENTENCES).format(
            place=rng.choice(_PLACES), name=rng.choice(_NAMES),
            n=rng.randint(2, 40), m=rng.randint(2, 90),
        )  # fmt: skip
        out.append(sentence)
        total += len(sentence) + 1
    return " ".join(out)[:size]


def _unpunctuated(size: int, rng: random.Random) -> str:
    """Prose with its sentence punctuation gone: a transcript, a scrape without markup."""
    return _prose(size, rng).replace(".", "").replace(",", "")


def _numbers(size: int, rng: random.Random) -> str:
    """Figures and casualty words without end: the densest work per character there is."""
    words = ("killed", "wounded", "people", "dead", "three", "dozens", "at", "least")
    out: list[str] = []
    total = 0
    while total < size:
        word = str(rng.randint(1, 999)) if rng.random() < 0.3 else rng.choice(words)
        out.append(word)
        total += len(word) + 1
    return " ".join(out)[:size]


def _one_word(size: int, rng: random.Random) -> str:
    """No space at all (a base64 blob, a URL run): only hard breaks can cut it."""
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(size))


def _lines(size: int, rng: random.Random) -> str:
    """Navigation menus: a word per line, every line a sentence of its own."""
    out: list[str] = []
    total = 0
    while total < size:
        word = rng.choice(_NAVIGATION)
        out.append(word)
        total += len(word) + 1
    return "\n".join(out)[:size]


SHAPES: dict[str, Callable[[int, random.Random], str]] = {
    "prose": _prose,
    "unpunctuated": _unpunctuated,
    "numbers": _numbers,
    "one-word": _one_word,
    "lines": _lines,
}


def make_text(shape: str, size: int) -> str:
    """The article text of a shape and size (seeded: always the same text)."""
    return SHAPES[shape](size, random.Random(f"{shape}-{size}"))


def _measure_child(shape: str, size: int, code: Path) -> None:
    """In a fresh process: warm up on a tiny article, then time the measured one."""
    sys.path.insert(0, str(code))
    from discrepancy.models import Article
    from discrepancy.pipeline import run_articles

    run_articles([Article("warm-up", "Two men were killed in Osk on Monday, police said.")])
    text = make_text(shape, size)
    before_cpu, before_wall = time.process_time(), time.perf_counter()
    report = run_articles([Article("measured", text)])
    cpu, wall = time.process_time() - before_cpu, time.perf_counter() - before_wall
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({
        "shape": shape, "chars": size, "cpu_s": round(cpu, 3), "wall_s": round(wall, 3),
        "us_per_char": round(cpu / size * 1e6, 3), "peak_mb": round(peak, 1),
        "skipped": len(report.skipped),
    }))  # fmt: skip


def _measure(shape: str, size: int, code: Path = ROOT) -> dict[str, object]:
    completed = subprocess.run(
        [sys.executable, __file__, "--child", shape, str(size), "--code", str(code)],
        capture_output=True, text=True, check=True, cwd=code,
    )  # fmt: skip
    return json.loads(completed.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def _check_command(size: int, code: Path = ROOT) -> dict[str, object]:
    """`discrepancy check` end to end on one unpunctuated article of `size` characters."""
    with tempfile.TemporaryDirectory() as folder:
        article = Path(folder) / "scrape.txt"
        article.write_text(make_text("unpunctuated", size), encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(code)}
        started = time.perf_counter()
        completed = subprocess.run(
            ["/usr/bin/time", "-f", "%M %U %S", sys.executable, "-m", "discrepancy", "check",
             str(article), "-o", str(Path(folder) / "out.json"), "--no-html", "-q"],
            capture_output=True, text=True, check=False, env=env, cwd=code,
        )  # fmt: skip
        wall = time.perf_counter() - started
    rss_kb, user, system = completed.stderr.strip().splitlines()[-1].split()
    return {"shape": "unpunctuated", "chars": size, "command": "check --no-html",
            "exit": completed.returncode, "wall_s": round(wall, 2),
            "cpu_s": round(float(user) + float(system), 2),
            "peak_mb": round(int(rss_kb) / 1024, 1)}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--before", type=Path, help="another checkout to measure beside this one")
    parser.add_argument("--before-label", default="before", help="what --before is (a commit)")
    parser.add_argument("--child", nargs=2, metavar=("SHAPE", "SIZE"), help=argparse.SUPPRESS)
    parser.add_argument("--code", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _measure_child(args.child[0], int(args.child[1]), args.code)
        return 0
    codes = {"this": ROOT}
    if args.before is not None:
        codes = {"before": args.before.resolve(), "this": ROOT}
    rows: dict[str, list[dict[str, object]]] = {name: [] for name in codes}
    for shape in args.shapes.split(","):
        for size in (int(s) for s in args.sizes.split(",")):
            for name, code in codes.items():
                row = _measure(shape, size, code)
                rows[name].append(row)
                print(f"{name:>6} {shape:>13} {size:>9,} chars  {row['cpu_s']:>7} CPU s  "
                      f"{row['us_per_char']:>7} us/char  {row['peak_mb']:>6} MB")  # fmt: skip
    command = {}
    for name, code in codes.items():
        command[name] = _check_command(1_000_000, code)
        print(f"{name:>6} check, 1 MB unpunctuated: {command[name]['wall_s']} s wall, "
              f"{command[name]['cpu_s']} CPU s, {command[name]['peak_mb']} MB, "
              f"exit {command[name]['exit']}")  # fmt: skip
    if not args.no_write:
        RESULTS.mkdir(parents=True, exist_ok=True)
        load = os.getloadavg()[0]
        out: dict[str, object] = {
            "load_1min_before_end": round(load, 2), "rows": rows["this"], "check": command["this"],
        }  # fmt: skip
        if args.before is not None:
            out["before"] = {"code": args.before_label, "rows": rows["before"],
                             "check": command["before"]}  # fmt: skip
        (RESULTS / "scaling.json").write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
