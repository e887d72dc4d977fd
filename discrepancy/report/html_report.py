"""The editor's HTML report: one self-contained page rendered from a report dict."""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from discrepancy.report import formatting
from discrepancy.report.formatting import split_on_value
from discrepancy.report.html_labels import OPAQUE_ID
from discrepancy.report.html_model import REVIEW_LABELS, STATUS_LABELS
from discrepancy.report.html_view import describe

__all__ = ["describe", "iter_html", "render_html", "split_on_value"]

# Installed, the templates ship inside the package (`discrepancy/templates`, see
# pyproject.toml); run from a checkout they are the repository's top-level templates/ folder.
_INSTALLED_TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
TEMPLATES_DIR = (
    _INSTALLED_TEMPLATES
    if _INSTALLED_TEMPLATES.is_dir()
    else Path(__file__).resolve().parents[2] / "templates"
)


def render_html(report: Mapping[str, Any], *, previous: Mapping[str, Any] | None = None) -> str:
    """Render a `discrepancy-report/1` dict as one self-contained HTML page.

    A report with a "diff" (as `check --previous` writes it) gets a section on what changed
    since the previous run; `previous`, the previous report itself, names the incidents that
    are no longer in this one, and gives the diff when the report has none.
    """
    return "".join(iter_html(report, previous=previous))


def iter_html(
    report: Mapping[str, Any], *, previous: Mapping[str, Any] | None = None
) -> Iterator[str]:
    """`render_html` in pieces, to write a large page without holding it as one string."""
    env = environment()
    script = asset("_report.js")
    style = asset("_report.css")
    csp = "; ".join(
        (
            "default-src 'none'",
            f"script-src '{sha256_source(script)}'",
            f"style-src '{sha256_source(style)}'",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )
    return env.get_template("report.html").generate(
        report=describe(report, previous=previous),
        csp=csp,
        # Our own static files, checked by asset; no article text ever reaches these.
        script=Markup(script),
        style=Markup(style),
        review_labels=REVIEW_LABELS,
        status_labels=STATUS_LABELS,
    )


@functools.cache
def environment() -> Environment:
    """The one Jinja environment of the report: autoescaping, strict about undefined names."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(formatting.FILTERS)
    # `id is opaque`: a hash the page keeps out of sight where an outlet or title can stand.
    env.tests["opaque"] = lambda value: bool(OPAQUE_ID.search(str(value)))
    return env


@functools.cache
def asset(name: str) -> str:
    """Read an inline script or stylesheet from the templates folder."""
    text = (TEMPLATES_DIR / name).read_text(encoding="utf-8")
    # Inlined verbatim between <script> or <style> tags, so it must not be able to close them.
    if re.search(r"</(script|style)", text, re.IGNORECASE):
        raise ValueError(f"{name} contains a closing </script> or </style> tag")
    return text


def sha256_source(text: str) -> str:
    """A CSP source expression allowing exactly this inline text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")
