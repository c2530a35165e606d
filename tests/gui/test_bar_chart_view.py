"""The bar chart beside the figures shows only the characteristic chosen now."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from thuiszitter_desktop.ui.bar_chart_view import BarChartView

TEXT_ITEM = 8  # QGraphicsTextItem.Type: the axes' labels (PySide hands them out as base items)


def text_items(view: BarChartView) -> int:
    return sum(1 for item in view.scene().items() if item.type() == TEXT_ITEM)


def test_a_switch_of_characteristic_leaves_no_labels_of_the_previous_one(qtbot: QtBot) -> None:
    view = BarChartView()
    qtbot.addWidget(view)
    view.resize(500, 400)
    view.show()
    view.set_bars(["Basisonderwijs", "VO", "SO"], [4, 9, 2])
    labels_of_one_chart = text_items(view)
    assert labels_of_one_chart >= 3  # the three categories at least
    for _ in range(3):  # the dashboard switches back and forth
        view.set_bars(["Psychisch", "Gedrag", "Anders"], [2, 9, 4])
        view.set_bars(["Basisonderwijs", "VO", "SO"], [4, 9, 2])
    # Removed axes used to stay in the scene and draw their labels under the new ones.
    assert text_items(view) == labels_of_one_chart
    assert view.labels == ["Basisonderwijs", "VO", "SO"]
