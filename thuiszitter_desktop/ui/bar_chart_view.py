"""A small horizontal bar chart (QtCharts); the exact numbers sit in a table beside it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QWidget

BAR_COLOUR = QColor("#1F4E79")
NORM_COLOUR = QColor("#C0504D")


class BarChartView(QChartView):
    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(180)
        self._title = title
        self.setChart(self._new_chart())
        self.labels: list[str] = []
        self.values: list[float] = []

    def set_bars(self, labels: Sequence[str], values: Sequence[float],
                 norms: Sequence[float] | None = None, maximum: float | None = None) -> None:
        """Bars top-down in the given order; ``norms`` adds a second, red set per bar."""
        self.labels, self.values = list(labels), list(values)
        # A chart of its own each time: axes removed from a chart left their labels in the
        # scene, drawn under the new ones (the previous characteristic's, after a switch).
        old, chart = self.chart(), self._new_chart()
        self.setChart(chart)
        old.deleteLater()  # the view hands it back, it does not delete it
        series = QHorizontalBarSeries()
        # QtCharts draws the first category at the bottom: reverse to read top-down.
        bars = QBarSet("Behaald")
        bars.append([float(v) for v in reversed(values)])
        bars.setColor(BAR_COLOUR)
        series.append(bars)
        if norms is not None:
            norm_set = QBarSet("Norm")
            norm_set.append([float(n) for n in reversed(norms)])
            norm_set.setColor(NORM_COLOUR)
            series.append(norm_set)
            chart.legend().setVisible(True)
            chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        # No value labels on the bars: QtCharts clips them on short bars ('9%' read as '91%').
        # The table beside every chart carries the exact numbers.
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append(list(reversed(labels)))
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        axis = QValueAxis()
        if maximum is not None:
            axis.setRange(0, maximum)
        else:
            axis.setRange(0, max([*values, *(norms or []), 1.0]))
            axis.applyNiceNumbers()
        axis.setLabelFormat("%d")
        chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis)
        self.setMinimumHeight(max(180, 34 * len(labels) * (2 if norms else 1) + 90))

    def _new_chart(self) -> QChart:
        chart = QChart()
        chart.setTitle(self._title)
        chart.legend().setVisible(False)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        return chart
