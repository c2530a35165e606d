"""Simple horizontal bar charts (reportlab.graphics) in the report's font and colours.

Numbers are always printed next to the bars as well, so a chart never relies on reading a
scale or on colour.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors

from thuiszitter_desktop.reports.base import ACCENT, GRID, MUTED
from thuiszitter_desktop.reports.fonts import FONT, label_font, register_fonts

BAR_HEIGHT = 14.0
LABEL_CHARS = 24
NORM_COLOUR = colors.HexColor("#C0504D")


def short(label: str, limit: int = LABEL_CHARS) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _whole(value: float) -> str:
    return str(round(value))


def bar_chart(labels: Sequence[str], values: Sequence[float], width: float,
              value_format: Callable[[float], str] = _whole,
              norms: Sequence[float] | None = None, max_value: float | None = None,
              label_share: float = 0.45, label_chars: int = LABEL_CHARS) -> Drawing:
    """Bars from top to bottom in the order given; optional norm marks (a red line per bar)."""
    register_fonts()
    label_width = width * label_share
    height = BAR_HEIGHT * 1.6 * len(labels) + 16
    drawing = Drawing(width, height)
    drawing.initialFontName = FONT  # otherwise the drawing starts in Helvetica (not embedded)
    chart = HorizontalBarChart()
    chart.x = label_width
    chart.y = 8
    chart.width = width - label_width - 40
    chart.height = height - 16
    # reportlab draws the first category at the bottom; reverse so the list reads top-down.
    chart.data = [list(reversed(values))]
    fonts_and_names = [label_font(short(label, label_chars)) for label in reversed(labels)]
    chart.categoryAxis.categoryNames = [name for _, name in fonts_and_names]
    chart.categoryAxis.labels.fontName = FONT
    for index, (font, _) in enumerate(fonts_and_names):
        chart.categoryAxis.labels[index].fontName = font  # emoji or Ethiopic in a label
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.strokeColor = GRID
    chart.categoryAxis.visibleTicks = False
    top = max([*values, *(norms or []), 1.0]) if max_value is None else max_value
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = top * 1.05
    chart.valueAxis.visible = False
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = value_format
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 8
    chart.barLabels.fillColor = MUTED
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    chart.barSpacing = 2
    drawing.add(chart)
    if norms is not None:
        step = chart.height / len(labels)
        for index, norm in enumerate(reversed(norms)):
            x = chart.x + chart.width * norm / (top * 1.05)
            y0 = chart.y + step * index + 2
            drawing.add(Line(x, y0, x, y0 + step - 4, strokeColor=NORM_COLOUR, strokeWidth=1.5))
        drawing.add(String(chart.x, 0, "Rode streep: de norm", fontName=FONT, fontSize=7,
                           fillColor=MUTED))
    return drawing
