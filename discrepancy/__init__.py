"""Cross-source discrepancy checker for news about violent incidents.

`discrepancy.check(paths)` runs a check from Python (see `discrepancy.api`); it is loaded on
first use, so that `import discrepancy` (and the command line's start-up) stays light.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

__all__ = ["Report", "__version__", "check"]


def __getattr__(name: str) -> Any:
    """`check` and `Report` from `discrepancy.api`, imported when first asked for."""
    if name in ("check", "Report"):
        # By name, not an import statement: the wings below import this package for its
        # version, and must not depend on the API at the top.
        return getattr(importlib.import_module("discrepancy.api"), name)
    raise AttributeError(f"module 'discrepancy' has no attribute {name!r}")
