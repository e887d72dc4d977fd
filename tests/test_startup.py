"""A check of one clean article loads only what it uses: its start-up is what it imports.

No timing here (figures in benchmarks/side_by_side.py); only which modules a run loads.
"""

from __future__ import annotations

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
article, out, *unwanted = sys.argv[1:]
sys.argv = ["discrepancy", "check", article, "-o", out, "--no-html", "-q"]
try:
    main()
except SystemExit as end:
    assert not end.code, end.code
print(" ".join(name for name in unwanted if name in sys.modules))
"""


def test_check_of_one_clean_article_imports_nothing_it_does_not_use(tmp_path: Path) -> None:
    article = tmp_path / "one.txt"
    article.write_text(
        "Three people were killed and six hurt when a gas main blew up in Orlen on Friday, "
        "the fire service said. “It shook the whole street,” a neighbour said – the second "
        "blast there this year.\n",
        encoding="utf-8",
    )
    found = subprocess.run(
        [sys.executable, "-c", RUN, str(article), str(tmp_path / "out.json"), *NOT_NEEDED],
        capture_output=True, text=True, cwd=ROOT, check=True,
    )  # fmt: skip
    assert (tmp_path / "out.json").exists()
    assert found.stdout.split() == [], found.stdout
