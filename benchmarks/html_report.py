"""Benchmark the HTML report in Chromium: file size, time to usable, filter latency, peak memory.

Run: .venv/bin/python benchmarks/html_report.py --label after
     .venv/bin/python benchmarks/html_report.py --label before --code /tmp/landed-checkout

For each corpus (gva-dev, `../shared/data/gva-dev/articles.jsonl`, skipped when absent; 10k,
the synthetic batch `benchmarks/generate.py 10000` makes) it runs `discrepancy check CORPUS -o
X.json` from the code under test (`--code`, default this checkout) in a fresh process, once
with the HTML twin and once with `--no-html`, recording CPU seconds and peak RSS of each; then
opens the twin in Debian's Chromium (/usr/bin/chromium) and measures:

- `size_bytes`: the HTML file;
- `usable_s`: from navigation start to the first frame after the load event, when the
  filters, the list and the keys work (median of `--loads` loads);
- `filter_*_s`: a filter click, from the event to the next painted frame (the handler, style,
  layout and paint it causes), the median of 3 rounds of doing and undoing it: untick "No
  issues", pick a kind, type a search, show background mentions, go to the next page when
  there is one; `filter_slowest_s` is the slowest of them all;
- `dom_nodes` at load.

Figures go to benchmarks/results/html_report.json under the corpus and `--label`, keeping the
other entries. Other work on the 2-core machine slows every figure: each entry records the load
average before it ran. `--screenshots PREFIX` also saves the page's first screen on a desktop and
on a 390 px phone with its most urgent incident open (PREFIX-<corpus>-desktop.png, ...).

`make_report` builds a synthetic report dict directly (no pipeline), for quick tests of the page.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
RESULTS = ROOT / "benchmarks" / "results" / "html_report.json"
GVA_DEV = ROOT.parent / "shared" / "data" / "gva-dev" / "articles.jsonl"
# A search each corpus has many matches for: a city of gva-dev, one the generator uses.
SEARCH = {"gva-dev": "chicago", "10k": "elgin"}

# Invented vocabulary: the synthetic batch only has to look like the real shape.
OUTLETS = [
    "Northern Wire",
    "Tigris Daily",
    "Levant Monitor",
    "Plains News Agency",
    "Harbour Post",
    "Valley Courier",
    "Metro Ledger",
    "Coastline Times",
    "Ridge Herald",
    "Capital Bulletin",
    None,
]
PLACES = [
    "Mosul",
    "Kirkuk",
    "Basra",
    "Erbil",
    "Springfield",
    "Riverton",
    "Lakeside",
    "Fairview",
    "Oak Grove",
    "Millbrook",
    "Cedar Falls",
    "Port Adams",
    "Greenville",
    "Marion",
    "Dayton",
]
EVENTS = ["Shooting", "Drone strike", "Bombing", "Convoy attack", "Raid", "Ambush"]
SITES = ["a market", "a checkpoint", "a depot", "an apartment block", "a bar", "a highway"]
NAMES = [
    ("Abu Jafar al-Hamdani", "Abu Jaafar al-Hamdani"),
    ("Karim Mansour", "Kareem Mansour"),
    ("Jon Albright", "John Albright"),
    ("Yusuf al-Tikriti", "Youssef al-Tikriti"),
    ("Maria Delgado", "María Delgado"),
]
GROUPS = [("Liwa al-Tahrir", "Liwa al Tahrir"), ("Saraya al-Nasr", "Saraya al Nasr")]
WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]


def _number_claim(rng: random.Random, base: int) -> tuple[str, float | None, float | None]:
    """A casualty wording and the interval it allows."""
    roll = rng.random()
    if roll < 0.2:
        return f"at least {base}", base, None
    if roll < 0.3:
        return f"around {base * 10:,}", base * 9, base * 11
    word = WORDS[base - 2] if 2 <= base <= 10 else str(base)
    return word, base, base


def _claim(
    article: str, value: str, low: float | None, high: float | None, sentence: str
) -> dict[str, Any]:
    """One claim dict with offsets as if the sentence opened the article."""
    start = sentence.find(value)
    return {
        "article": article,
        "value": value,
        "low": low,
        "high": high,
        "normalized": None,
        "sentence": sentence,
        "start": start,
        "end": start + len(value),
        "attribution": "police said" if low is not None else None,
        "scope": "main",
    }


def make_report(n_incidents: int = 2000, n_articles: int = 4000, seed: int = 7) -> dict[str, Any]:
    """Build a synthetic `discrepancy-report/1` dict of the given size."""
    rng = random.Random(seed)
    sizes = [1] * n_incidents
    for _ in range(n_articles - n_incidents):
        sizes[rng.randrange(n_incidents)] += 1
    articles: list[dict[str, Any]] = []
    incidents: list[dict[str, Any]] = []
    discrepancies: list[dict[str, Any]] = []
    for number, size in enumerate(sizes):
        day = dt.date(2019, 1, 1) + dt.timedelta(days=rng.randrange(1800))
        place = rng.choice(PLACES)
        label = f"{rng.choice(EVENTS)} at {rng.choice(SITES)}, {place}"
        ids = []
        for k in range(size):
            article_id = f"a{len(articles):05d}"
            ids.append(article_id)
            articles.append(
                {
                    "id": article_id,
                    "source": rng.choice(OUTLETS),
                    "title": f"{label}: report {k + 1}",
                    "published": (day + dt.timedelta(days=k)).isoformat(),
                    "path": f"batch/{article_id}.txt",
                    "warnings": ["boilerplate removed"] if rng.random() < 0.05 else [],
                }
            )
        incident_id = f"inc-{number:05d}"
        facts: list[dict[str, Any]] = []
        for kind in ("killed", "wounded"):
            if rng.random() > 0.8:
                continue
            base = rng.randrange(2, 10)
            conflict = size > 1 and rng.random() < 0.15
            revision = conflict and rng.random() < 0.3
            claims = []
            for k, article_id in enumerate(ids):
                figure = base + (k if revision else (k % 2 if conflict else 0))
                value, low, high = _number_claim(rng, figure)
                sentence = (
                    f"{value.capitalize()} people were {kind} in {place} on the night of the "
                    f"attack, officials said, as crews searched the site."
                )
                claims.append(_claim(article_id, value.capitalize(), low, high, sentence))
            status = "conflict" if conflict else ("agree" if size > 1 else "single")
            facts.append(
                {
                    "kind": kind,
                    "subject": None,
                    "status": status,
                    "claims": claims,
                    "rule": "figures rise with each later report" if revision else None,
                    "revision": revision,
                }
            )
        for kind, pool in (("person", NAMES), ("organization", GROUPS)):
            if rng.random() > 0.35:
                continue
            spellings = rng.choice(pool)
            variant = size > 1 and rng.random() < 0.3
            claims = []
            for k, article_id in enumerate(ids):
                name = spellings[k % 2] if variant else spellings[0]
                sentence = f"Officials named {name} as being involved, according to the report."
                claims.append(_claim(article_id, name, None, None, sentence))
            facts.append(
                {
                    "kind": kind,
                    "subject": "suspect" if kind == "person" else "group",
                    "status": "variant" if variant else ("agree" if size > 1 else "single"),
                    "claims": claims,
                    "rule": "same name in another transliteration" if variant else None,
                    "revision": False,
                }
            )
        location_claims = [
            _claim(a, place, None, None, f"The attack took place in {place}.") for a in ids
        ]
        facts.append(
            {
                "kind": "location",
                "subject": None,
                "status": "agree" if size > 1 else "single",
                "claims": location_claims,
                "rule": None,
                "revision": False,
            }
        )
        for fact in facts:
            if fact["status"] in ("conflict", "variant"):
                discrepancies.append(
                    {
                        "incident": incident_id,
                        "kind": fact["kind"],
                        "subject": fact["subject"],
                        "status": fact["status"],
                        "values": sorted({c["value"] for c in fact["claims"]}),
                        "articles": ids,
                    }
                )
        incidents.append(
            {
                "id": incident_id,
                "label": label,
                "date": day.isoformat(),
                "location": place,
                "articles": ids,
                "facts": facts,
                "mentioned_in": [],
                "background_of": None,
            }
        )
    return {
        "schema": "discrepancy-report/1",
        "generated_by": "benchmarks/html_report.py (synthetic)",
        "articles": articles,
        "incidents": incidents,
        "skipped": [
            {"path": f"batch/broken-{i}.txt", "line": None, "reason": "empty file"}
            for i in range(12)
        ],
        "discrepancies": discrepancies,
    }


def corpus_path(name: str) -> Path | None:
    """The JSONL file of a corpus: gva-dev from ../shared, 10k made by generate.py."""
    if name == "gva-dev":
        shared = GVA_DEV if GVA_DEV.exists() else Path("/work/shared/data/gva-dev/articles.jsonl")
        return shared if shared.exists() else None
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import generate

    size = int(name.removesuffix("k")) * 1000
    path: Path = generate.default_path(size)
    if not path.exists():
        generate.write(size, path)
    return path


def run_check(code: Path, corpus: Path, output: Path, *, html: bool) -> dict[str, Any]:
    """`discrepancy check` in a fresh process: CPU seconds, wall seconds and peak RSS."""
    command = [sys.executable, "-m", "discrepancy", "check", str(corpus), "-o", str(output), "-q"]
    if not html:
        command.append("--no-html")
    env = {**os.environ, "PYTHONPATH": str(code)}
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=output.parent)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"check failed ({status}): {' '.join(command)}")
    return {
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
        "wall_s": round(wall, 2),
        # ru_maxrss is in KiB on Linux.
        "peak_rss_mib": round(usage.ru_maxrss / 1024, 1),
    }


# Each timed action runs inside the page: from dispatching the event to the next frame, so
# the handler, the style and layout it causes and the paint are all counted. Each is done
# and undone `rounds` times (a checkbox ticked and unticked, a search typed and cleared).
_TIMED = """async ([action, search, rounds]) => {
    const frame = () => new Promise(r => requestAnimationFrame(() => setTimeout(r)));
    const fire = (el) => el.dispatchEvent(new Event('input', {bubbles: true}));
    const steps = {
      status: (on) => document.querySelector('input[name=status][value=ok]').click(),
      kind: (on) => { const s = document.getElementById('filter-kind');
        s.value = on ? 'person' : ''; fire(s); },
      search: (on) => { const s = document.getElementById('filter-text');
        s.value = on ? search : ''; fire(s); },
      background: (on) => document.getElementById('show-background').click(),
      next: (on) => document.querySelector(on ? '#pager .next' : '#pager .prev').click(),
    };
    if (action === 'background' && !document.getElementById('show-background')) return null;
    if (action === 'next' && !document.querySelector('#pager:not([hidden]) .next')) return null;
    const times = [];
    for (let i = 0; i < 2 * rounds; i++) {
      await frame();
      const t = performance.now();
      steps[action](i % 2 === 0);
      document.body.getBoundingClientRect();
      await frame();
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    return [times[Math.floor(times.length / 2)], times[times.length - 1]];
}"""

# Usable: the script has run (on a large page, once its data is inflated) and the frame
# after it is painted. Timed from the navigation's start.
_USABLE = """async () => {
    while (!window.discrepancyReport) await new Promise(r => setTimeout(r, 5));
    await new Promise(r => requestAnimationFrame(() => setTimeout(r)));
    const usable = performance.now();
    const nav = performance.getEntriesByType('navigation')[0];
    return [usable, nav.loadEventEnd, document.getElementsByTagName('*').length];
}"""


def measure_in_chromium(path: Path, search: str, loads: int = 3, rounds: int = 3) -> dict[str, Any]:
    """Load the page in Chromium: time to usable, each filter's latency, DOM nodes."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        # A large page on a busy machine takes longer than Playwright's 30 s default.
        page.set_default_timeout(300_000)
        usable, load_event, nodes = [], [], 0
        for _ in range(loads):
            page.goto("about:blank")
            page.goto(path.as_uri(), wait_until="load")
            ms, loaded, nodes = page.evaluate(_USABLE)
            usable.append(ms / 1000)
            load_event.append(loaded / 1000)
        results: dict[str, Any] = {
            "usable_s": round(statistics.median(usable), 3),
            "usable_max_s": round(max(usable), 3),
            "load_event_s": round(statistics.median(load_event), 3),
            "dom_nodes": nodes,
        }
        slowest = 0.0
        for action in ("status", "kind", "search", "background", "next"):
            timed = page.evaluate(_TIMED, [action, search, rounds])
            if timed is not None:
                results[f"filter_{action}_s"] = round(timed[0] / 1000, 4)
                slowest = max(slowest, timed[1] / 1000)
        results["filter_median_max_s"] = max(
            v for k, v in results.items() if k.startswith("filter_")
        )
        results["filter_slowest_s"] = round(slowest, 4)
        browser.close()
    return results


def measure_corpus(name: str, code: Path, loads: int, screenshot: Path | None) -> dict[str, Any]:
    """Check a corpus with and without the HTML twin, then measure the page in Chromium."""
    corpus = corpus_path(name)
    if corpus is None:
        raise FileNotFoundError(name)
    load_average = round(os.getloadavg()[0], 2)
    with tempfile.TemporaryDirectory(prefix="html-bench-") as folder:
        out = Path(folder)
        plain = run_check(code, corpus, out / "plain.json", html=False)
        twin = run_check(code, corpus, out / "report.json", html=True)
        page = out / "report.html"
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
        result: dict[str, Any] = {
            "corpus": str(corpus),
            "articles": len(report["articles"]),
            "incidents": len(report["incidents"]),
            "background_incidents": sum(1 for i in report["incidents"] if not i["articles"]),
            "claims": sum(len(f["claims"]) for i in report["incidents"] for f in i["facts"]),
            "json_bytes": (out / "report.json").stat().st_size,
            "size_bytes": page.stat().st_size,
            "check_with_html": twin,
            "check_no_html": plain,
            "html_cpu_s": round(twin["cpu_s"] - plain["cpu_s"], 2),
            "html_rss_mib": round(twin["peak_rss_mib"] - plain["peak_rss_mib"], 1),
            "chromium": measure_in_chromium(page, SEARCH.get(name, "mosul"), loads)
            if CHROMIUM.exists()
            else None,
            "load_average_1m": load_average,
        }
        if screenshot is not None and CHROMIUM.exists():
            screenshots(page, Path(f"{screenshot}-{name}"))
    return result


def screenshots(page_path: Path, prefix: Path) -> None:
    """The report's first screen on a desktop and on a 390 px phone, as PNG files."""
    from playwright.sync_api import sync_playwright

    prefix.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        for name, size in (("desktop", (1280, 900)), ("phone", (390, 844))):
            page = browser.new_page(viewport={"width": size[0], "height": size[1]})
            page.set_default_timeout(300_000)
            page.goto(page_path.as_uri(), wait_until="load")
            # The most urgent incident opened, as an editor would start.
            page.click("article.incident > details > summary")
            page.screenshot(path=f"{prefix}-{name}.png")
            page.close()
        browser.close()


def main() -> None:
    """Measure each corpus with the code under test; merge the figures into the results file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="gva-dev,10k", help="comma-separated: gva-dev, 10k")
    parser.add_argument("--label", default="after", help="the entry under each corpus")
    parser.add_argument("--code", type=Path, default=ROOT, help="the checkout to run")
    parser.add_argument("--note", help="what the code under test is, for the record")
    parser.add_argument("--loads", type=int, default=3)
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--screenshots", type=Path, help="save PREFIX-<corpus>-desktop.png, ...")
    args = parser.parse_args()
    results: dict[str, Any] = {}
    if args.output.exists():
        results = json.loads(args.output.read_text(encoding="utf-8"))
    for name in args.corpus.split(","):
        try:
            figures = measure_corpus(name, args.code.resolve(), args.loads, args.screenshots)
        except FileNotFoundError:
            print(f"{name}: corpus not found, skipped", file=sys.stderr)
            continue
        if args.note:
            figures = {"note": args.note, **figures}
        results.setdefault(name, {})[args.label] = figures
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(json.dumps({name: {args.label: figures}}, indent=2))


if __name__ == "__main__":
    main()
