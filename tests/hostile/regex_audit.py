"""Run every compiled pattern of the package over adversarial strings; print the slow ones (CPU s).

Run as a script (the test runs it in a subprocess with a timeout, since a catastrophic
pattern cannot be interrupted inside `re`): prints one JSON line per (pattern, string) pair
slower than the threshold, then a final line with the count of patterns checked.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import discrepancy
from discrepancy.extract.caseless import Caseless, Deferred

# Runs of the characters patterns repeat over (letters, capitals, digits, spaces, quotes,
# dashes, dots, commas), alone and alternating: what makes nested or adjacent quantifiers
# over overlapping classes try every split. Each is as long as the longest sentence (the
# hard break, 1000 characters) unless the first argument says otherwise.
LENGTH = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
SEEDS = ("a", "A", "1", " ", "a ", "Aa ", "A. ", "1, ", "1 ", "-", "a-", "'", "’s ", ".",
         "Ab Cd ", "AB ", "a\n", "\n", "\t", "\u200b", "ال", "(a", "\"a", "&", "<a ",
         "killed ", "1 killed ", "at least ", "Jan 1 ", "Mr. A ", "St. ", "A, B, ")  # fmt: skip
THRESHOLD_S = float(sys.argv[2]) if len(sys.argv) > 2 else 0.25


def patterns() -> list[tuple[str, re.Pattern[str]]]:
    found: dict[int, tuple[str, re.Pattern[str]]] = {}
    for module_info in pkgutil.walk_packages(discrepancy.__path__, "discrepancy."):
        if module_info.name.endswith(("__main__", "review.run")):
            continue
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            compiled: list[re.Pattern[str]] = []
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                compiled = [value]
            elif isinstance(value, Caseless):
                compiled = [value.pattern, value._lower]
            elif isinstance(value, Deferred):
                compiled = [value.pattern]
            for pattern in compiled:
                found.setdefault(id(pattern), (f"{module_info.name}.{name}", pattern))
    return list(found.values())


def main() -> int:
    checked = patterns()
    texts = [(seed, (seed * (LENGTH // len(seed) + 1))[:LENGTH]) for seed in SEEDS]
    for name, pattern in checked:
        for seed, text in texts:
            for variant in (text, text + "!", text.lower()):
                started = time.process_time()
                for _ in pattern.finditer(variant):
                    pass
                elapsed = time.process_time() - started
                if elapsed > THRESHOLD_S:
                    print(json.dumps({"pattern": name, "seed": seed, "seconds": round(elapsed, 3)}))
                    sys.stdout.flush()
    print(json.dumps({"checked": len(checked)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
