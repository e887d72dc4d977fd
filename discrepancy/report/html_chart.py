"""The casualty chart of an incident: each source's figure as a bar or an open-ended arrow."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from discrepancy.report import formatting
from discrepancy.report.html_model import (
    CHART_KINDS,
    STATUS_LABELS,
    Bar,
    Chart,
    ChartGroup,
    ClaimView,
    Row,
    kind_rank,
)

# Chart geometry in SVG user units. The left gutter fits "Outlet · 12 Mar 2024" labels at the
# report's font size; the right gutter fits a value such as "2,250–2,750".
_CHART_WIDTH = 640
_CHART_LEFT = 215
_CHART_RIGHT = 96
_CHART_ROW = 20
_CHART_HEAD = 22
_CHART_AXIS = 26
# The widest a character of a label is, in user units at the chart's 12px font.
_CHART_CHAR_WIDTH = 6.6
_CHART_ARROW = 10
# An open-ended "at least" bar runs to the plot's edge; the axis leaves this much headroom
# past the largest stated figure so the arrow visibly continues beyond it.
_CHART_HEADROOM = 1.15


def _nice_step(top: float) -> float:
    """A tick step of 1, 2 or 5 times a power of ten giving at most five ticks up to top."""
    raw = top / 4
    magnitude = 10.0 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)


def chart(rows: Sequence[Row]) -> Chart | None:
    """Lay out the casualty figures of an incident, one bar per claim.

    Only for an incident where such a figure needs review: figures that agree read as well
    from the matrix, and a chart per incident is a large part of a big report's page.
    """
    if not any(row.flagged and row.kind in CHART_KINDS for row in rows):
        return None
    numeric = sorted(
        (
            row
            for row in rows
            if row.kind in CHART_KINDS and any(c.interval for cell in row.cells for c in cell)
        ),
        key=lambda row: (kind_rank(row.kind), row.subject or ""),
    )
    if not numeric:
        return None
    figures = [
        v
        for row in numeric
        for cell in row.cells
        for c in cell
        for v in (c.low, c.high)
        if v is not None
    ]
    top = max([*figures, 1.0]) * _CHART_HEADROOM
    step = _nice_step(top)
    ticks_n = math.ceil(top / step)
    # The gutter grows with the longest source label, so that no label is cut or clipped.
    longest = max(len(_label(c)) for row in numeric for cell in row.cells for c in cell)
    x0 = max(_CHART_LEFT, math.ceil(longest * _CHART_CHAR_WIDTH) + 16)
    width = _CHART_WIDTH - _CHART_LEFT + x0
    x1 = width - _CHART_RIGHT

    def x(value: float) -> float:
        return _unit(x0 + (x1 - x0) * value / (step * ticks_n))

    groups = []
    y = 0.0
    for row in numeric:
        heading_y = y + 15
        y += _CHART_HEAD
        bars = []
        for claim in (c for cell in row.cells for c in cell):
            bars.append(_bar(claim, y + _CHART_ROW / 2, x, x1))
            y += _CHART_ROW
        subject = f" ({row.subject})" if row.subject else ""
        status = STATUS_LABELS.get(row.shown_status, row.shown_status)
        heading = f"{formatting.kind_label(row.kind)}{subject}: {status}"
        groups.append(ChartGroup(heading, _unit(heading_y), tuple(bars)))
    return Chart(
        width=width,
        height=_unit(y + _CHART_AXIS),
        label_x=x0 - 8,
        value_x=x1 + 8,
        axis_y=_unit(y + 4),
        ticks=tuple((x(step * i), formatting.format_number(step * i)) for i in range(ticks_n + 1)),
        groups=tuple(groups),
    )


def _label(claim: ClaimView) -> str:
    """Who said it and when: "Harbour Gazette · 3 May 2025"."""
    return f"{claim.source} · {formatting.format_date(claim.published, 'undated')}"


def _unit(value: float) -> float:
    """Round an SVG coordinate to a tenth, so the markup stays short and stable."""
    rounded = round(float(value), 1)
    return int(rounded) if rounded.is_integer() else rounded


def _bar(claim: ClaimView, y: float, x: Callable[[float], float], end: int) -> Bar:
    """Place one claim's interval on the chart's scale."""
    label = _label(claim)
    text = claim.interval or "?"
    low, high = claim.low, claim.high
    if low is None and high is None:
        shape, x1, x2 = "unknown", x(0), x(0)
    elif high is None:
        shape, x1, x2 = "open", x(low or 0), end
    elif low is None:
        shape, x1, x2 = "atmost", x(0), x(high)
    else:
        shape, x1, x2 = ("point" if low == high else "range"), x(low), x(high)
    arrow = ""
    width = _unit(x2 - x1)
    if shape == "open":
        # The shaft stops where the arrowhead starts, so the tip marks "and more".
        tip = _CHART_ARROW
        base = _unit(x2 - tip)
        arrow = f"M{base} {_unit(y - 8)}L{x2} {_unit(y)}L{base} {_unit(y + 8)}z"
        width = _unit(max(x2 - x1 - tip, 0))
    return Bar(shape, label, text, _unit(y), x1, x2, width, arrow, claim.article)
