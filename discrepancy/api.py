"""The Python API: check articles from a notebook and read the results as pandas DataFrames.

    import discrepancy
    report = discrepancy.check(["articles/"])
    report.discrepancies[report.discrepancies.status == "conflict"]

pandas is imported when a table is first asked for, never by `import discrepancy`.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from discrepancy import models
from discrepancy.pipeline import Settings, run
from discrepancy.report import table_rows

if TYPE_CHECKING:
    import pandas as pd

Paths = str | os.PathLike[str] | Iterable[str | os.PathLike[str]]


@dataclass(frozen=True)
class Report:
    """What one check found: `.incidents`, `.facts`, `.claims` and `.discrepancies` as
    DataFrames, one row per item; `.result` is the full `models.Report`."""

    result: models.Report

    @functools.cached_property
    def incidents(self) -> pd.DataFrame:
        """One row per incident: id, label, date, location, article counts, flagged facts."""
        return _frame(table_rows.incident_rows(self.result), _INCIDENT_COLUMNS)

    @functools.cached_property
    def facts(self) -> pd.DataFrame:
        """One row per fact (an incident's kind and subject): status, values, sources."""
        return _frame(table_rows.fact_rows(self.result), _FACT_COLUMNS)

    @functools.cached_property
    def claims(self) -> pd.DataFrame:
        """One row per claim: the value an article states, its sentence and its outlet."""
        return _frame(table_rows.claim_rows(self.result), _CLAIM_COLUMNS)

    @functools.cached_property
    def discrepancies(self) -> pd.DataFrame:
        """One row per discrepancy (conflict or variant), with the fingerprint reviews use."""
        return _frame(table_rows.discrepancy_rows(self.result), _DISCREPANCY_COLUMNS)

    def __repr__(self) -> str:
        result = self.result
        return (
            f"<discrepancy.Report: {len(result.articles)} articles, "
            f"{sum(1 for i in result.incidents if i.articles)} incidents, "
            f"{len(result.discrepancies)} discrepancies>"
        )


def check(paths: Paths, *, jobs: int = 1) -> Report:
    """Check the articles in these folders and files (as `discrepancy check` reads them)."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    inputs = [os.fspath(p) for p in paths]
    return Report(run(inputs, Settings(jobs=jobs)))


# The columns of each table, so that an empty report still has them.
_INCIDENT_COLUMNS = ("incident", "label", "date", "location", "articles", "mentioned_in",
                     "background_of", "conflicts", "variants", "revisions")  # fmt: skip
_FACT_COLUMNS = ("incident", "kind", "subject", "status", "revision", "rule", "values",
                 "sources", "fingerprint")  # fmt: skip
_CLAIM_COLUMNS = ("incident", "incident_label", "kind", "subject", "status", "value", "low",
                  "high", "normalized", "article", "source", "published", "url",
                  "attribution", "scope", "sentence")  # fmt: skip
_DISCREPANCY_COLUMNS = ("incident", "incident_label", "kind", "subject", "status", "values",
                        "articles", "fingerprint")  # fmt: skip


def _frame(rows: Iterator[dict[str, Any]], columns: tuple[str, ...]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(list(rows), columns=list(columns))
