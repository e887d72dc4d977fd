"""A check of one clean article loads only what it uses: its start-up is what it imports.

No timing here (figures in benchmarks/side_by_side.py); only which modules a run loads.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Each is slow to import and needed only by other inputs, formats or options: ftfy for text
# that may hold mojibake or entities, the HTML report's modules for the HTML twin or a
# flagged fact, ElementTree for JUnit, pandas for the Python API, the process pool for
# --jobs, quantulum3 for a number phrase the word table does not read.
NOT_NEEDED = (
    "ftfy",
    "wcwidth",
    "discrepancy.report.html_model",
    "discrepancy.report.html_labels",
    "jinja2",
    "xml.etree.ElementTree",
    "pandas",
    "numpy",
    "dateparser",
    "quantulum3",
    "multiprocessing",
    "sqlite3",
)
RUN = """
import sys
from discrepancy.cli import main
from discrepancy.extract import compiled
article, out, *unwanted = sys.argv[1:]
sys.argv = ["discrepancy", "check", article, "-o", out, "--no-html", "-q"]
try:
    main()
except SystemExit as end:
    assert not end.code, end.code
print("compiled" if compiled._STORE.added else "cached")
print(" ".join(name for name in unwanted if name in sys.modules))
"""
ARTICLE = (
    "Three people were killed and six hurt when a gas main blew up in Orlen on Friday, the "
    "fire service said. “It shook the whole street,” a neighbour said – the second blast "
    "there this year.\n"
)


def _check(folder: Path, seed: str) -> list[str]:
    article = folder / "one.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    env = {**os.environ, "DISCREPANCY_CACHE_DIR": str(folder / "cache"), "PYTHONHASHSEED": seed}
    found = subprocess.run(
        [sys.executable, "-c", RUN, str(article), str(folder / "out.json"), *NOT_NEEDED],
        capture_output=True, text=True, cwd=ROOT, env=env, check=True,
    )  # fmt: skip
    assert (folder / "out.json").exists()
    return found.stdout.splitlines()


def test_check_of_one_clean_article_imports_nothing_it_does_not_use(tmp_path: Path) -> None:
    first = _check(tmp_path, "1")
    assert first == ["compiled", ""], first
    # The next run takes every pattern from the cache, whatever the hash seed: no pattern's
    # text may depend on a set's order.
    assert _check(tmp_path, "2") == ["cached", ""]
