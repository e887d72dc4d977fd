"""The editor's HTML report: one self-contained page rendered from a report dict or stream."""

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
from discrepancy.report.html_page import PACK_ABOVE, PAGE_SIZE, PageBuilder
from discrepancy.report.html_view import describe

__all__ = ["PageBuilder", "describe", "iter_html", "render_html", "split_on_value", "stream_twin"]

# Installed, the templates ship inside the package (`discrepancy/templates`, see
# pyproject.toml); run from a checkout they are the repository's top-level templates/ folder.
_INSTALLED_TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
TEMPLATES_DIR = (
    _INSTALLED_TEMPLATES
    if _INSTALLED_TEMPLATES.is_dir()
    else Path(__file__).resolve().parents[2] / "templates"
)


def render_html(
    report: Mapping[str, Any],
    *,
    previous: Mapping[str, Any] | None = None,
    page_size: int = PAGE_SIZE,
    pack_above: int = PACK_ABOVE,
) -> str:
    """Render a `discrepancy-report/1` dict as one self-contained HTML page.

    A report with a "diff" (as `check --previous` writes it) gets a section on what changed
    since the previous run; `previous`, the previous report itself, names the incidents that
    are no longer in this one, and gives the diff when the report has none. The first
    `page_size` incidents are markup; the others are data the page shows a page at a time,
    deflated when it is over `pack_above` bytes.
    """
    return "".join(iter_html(report, previous=previous, page_size=page_size, pack_above=pack_above))


def iter_html(
    report: Mapping[str, Any] | PageBuilder,
    *,
    previous: Mapping[str, Any] | None = None,
    page_size: int = PAGE_SIZE,
    pack_above: int = PACK_ABOVE,
) -> Iterator[str]:
    """`render_html` in pieces, to write a large page without holding it as one string.

    Given a PageBuilder that has taken a report's articles and incidents (as they streamed
    into the JSON report, see `stream_twin`), the page is written from what it kept.
    """
    if isinstance(report, PageBuilder):
        builder = report
    else:
        builder = PageBuilder(report, previous=previous, page_size=page_size, pack_above=pack_above)
        for article in report.get("articles", []):
            builder.add_article(article)
        for incident in report.get("incidents", []):
            builder.add_incident(incident)
    view, data = builder.page()
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
        report=view,
        # Lines of JSON whose <, > and & are escaped (html_data.data_line), or base64: text
        # that cannot make a tag or an entity.
        data=None if data is None else (Markup(piece) for piece in data.pieces),
        packed=data is not None and data.packed,
        page_size=builder.page_size,
        csp=csp,
        # Our own static files, checked by asset; no article text ever reaches these.
        script=Markup(script),
        style=Markup(style),
        review_labels=REVIEW_LABELS,
        status_labels=STATUS_LABELS,
    )


def stream_twin(
    report: Mapping[str, Any], *, previous: Mapping[str, Any] | None = None
) -> tuple[dict[str, Any], PageBuilder]:
    """The report dict with its articles and incidents passing through a PageBuilder.

    Writing the returned dict as JSON feeds the builder one incident at a time; then
    `iter_html(builder)` writes the HTML twin. The report is read once, by the JSON writer.
    """
    builder = PageBuilder(report, previous=previous)
    tapped = {
        **report,
        "articles": builder.tap(report.get("articles", ()), builder.add_article),
        "incidents": builder.tap(report.get("incidents", ()), builder.add_incident),
    }
    return tapped, builder


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
