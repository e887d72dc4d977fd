"""Benchmark the HTML report on a synthetic batch of ~4,000 articles and ~2,000 incidents.

Run: .venv/bin/python benchmarks/html_report.py [--incidents 2000] [--articles 4000]
Writes size, render time and, when /usr/bin/chromium exists, load and filter times measured
in Chromium to benchmarks/results/html_report.json.

A real report instead of the synthetic batch, e.g. the gva-dev split of ../shared/data:
    .venv/bin/discrepancy check ../shared/data/gva-dev/articles.jsonl -o /tmp/gva.json -q
    .venv/bin/python benchmarks/html_report.py --real /tmp/gva.json --name real_gva_dev \\
        --search chicago --source "check of gva-dev/articles.jsonl"
measures that report the same way and stores its figures under the given name, next to the
synthetic ones (each run keeps the other entries of the results file).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from discrepancy.report.html_report import render_html  # noqa: E402

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


def measure_in_chromium(path: Path, search: str = "mosul") -> dict[str, float]:
    """Load the page in Chromium and time the load, a status filter and a text search."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        # A 10k-article page on a busy machine takes longer than Playwright's 30 s default.
        page.set_default_timeout(180_000)
        loads = []
        for _ in range(3):
            started = time.perf_counter()
            page.goto(path.as_uri(), wait_until="load")
            # Count until the first frame after load is painted, not just until parsing ends.
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r)))")
            loads.append(time.perf_counter() - started)
        # Each measurement runs the handler and forces the layout it causes, inside the page.
        timed = """(action) => {
            const t = performance.now();
            action === 'status' ? document.querySelector('input[value=ok]').click()
              : action === 'kind' ? (() => { const s = document.getElementById('filter-kind');
                  s.value = 'person'; s.dispatchEvent(new Event('input', {bubbles: true})); })()
              : (() => { const s = document.getElementById('filter-text');
                  s.value = action.slice(7);
                  s.dispatchEvent(new Event('input', {bubbles: true})); })();
            document.body.getBoundingClientRect();
            const shown = document.getElementById('shown-count').textContent;
            return [performance.now() - t, shown];
        }"""
        first_paint = page.evaluate(
            "performance.getEntriesByName('first-contentful-paint')[0].startTime"
        )
        results: dict[str, float] = {
            "load_s": round(statistics.median(loads), 3),
            "first_paint_s": round(first_paint / 1000, 3),
        }
        for action in ("status", "kind", "search:" + search):
            ms, _shown = page.evaluate(timed, action)
            results[f"filter_{action.partition(':')[0]}_s"] = round(ms / 1000, 4)
        reset_ms = page.evaluate(
            """() => { const t = performance.now(); window.discrepancyReport.resetFilters();
                document.body.getBoundingClientRect(); return performance.now() - t; }"""
        )
        results["filter_reset_s"] = round(reset_ms / 1000, 4)
        results["filter_s"] = max(v for k, v in results.items() if k.startswith("filter_"))
        results["dom_nodes"] = page.evaluate("document.getElementsByTagName('*').length")
        browser.close()
    return results


def measure(report: dict[str, Any], search: str) -> dict[str, Any]:
    """Render the report three times and measure the median page in Chromium."""
    renders = []
    for _ in range(3):
        started = time.perf_counter()
        html = render_html(report)
        renders.append(time.perf_counter() - started)
    incidents = report["incidents"]
    result: dict[str, Any] = {
        "articles": len(report["articles"]),
        "incidents": len(incidents),
        "background_incidents": sum(1 for i in incidents if i.get("background_of")),
        "claims": sum(len(f["claims"]) for i in incidents for f in i["facts"]),
        "discrepancies": len(report["discrepancies"]),
        "size_bytes": len(html.encode("utf-8")),
        "render_s": round(statistics.median(renders), 3),
        "chromium": None,
    }
    if CHROMIUM.exists():
        with tempfile.TemporaryDirectory() as tmp:
            page = Path(tmp) / "report.html"
            page.write_text(html, encoding="utf-8")
            result["chromium"] = measure_in_chromium(page, search)
    # Other work on the (2-core) machine slows every figure: say how busy it was.
    result["load_average_1m"] = round(os.getloadavg()[0], 2)
    return result


def main() -> None:
    """Generate (or read), render and measure; write the figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=2000)
    parser.add_argument("--articles", type=int, default=4000)
    parser.add_argument("--real", type=Path, help="a JSON report to measure instead")
    parser.add_argument("--name", default="real", help="its entry in the results file")
    parser.add_argument("--search", default="mosul", help="the text search to time")
    parser.add_argument("--source", help="what the real report was made from, for the record")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument(
        "--store-as", help="keep the synthetic figures under this name, not at the top level"
    )
    parser.add_argument(
        "--screenshots", type=Path, help="also save desktop and phone screenshots: PREFIX-*.png"
    )
    args = parser.parse_args()
    previous: dict[str, Any] = {}
    if args.output.exists():
        previous = json.loads(args.output.read_text(encoding="utf-8"))
    if args.real is not None:
        report = json.loads(args.real.read_text(encoding="utf-8"))
        source = args.source or args.real.name
        result = {**previous, args.name: {"source": source, **measure(report, args.search)}}
        shown = result[args.name]
    elif args.store_as:
        report = make_report(args.incidents, args.articles)
        result = {**previous, args.store_as: measure(report, args.search)}
        shown = result[args.store_as]
    else:
        report = make_report(args.incidents, args.articles)
        synthetic = measure(report, args.search)
        # Real-report entries are kept; the synthetic figures stay at the top level.
        kept = {k: v for k, v in previous.items() if isinstance(v, dict) and k != "chromium"}
        result = {**synthetic, **kept}
        shown = synthetic
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(shown, indent=2))
    if args.screenshots is not None and CHROMIUM.exists():
        screenshots(report, args.screenshots)


def screenshots(report: dict[str, Any], prefix: Path) -> None:
    """The report's first screen on a desktop and on a 390 px phone, as PNG files."""
    from playwright.sync_api import sync_playwright

    prefix.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as p:
        page_path = Path(folder) / "report.html"
        page_path.write_text(render_html(report), encoding="utf-8")
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        for name, size in (("desktop", (1280, 900)), ("phone", (390, 844))):
            page = browser.new_page(viewport={"width": size[0], "height": size[1]})
            page.goto(page_path.as_uri(), wait_until="load")
            # The most urgent incident opened, as an editor would start.
            page.click("article.incident > details > summary")
            page.screenshot(path=f"{prefix}-{name}.png")
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
