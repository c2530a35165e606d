"""Keyboard: Tab leaves a table, Ctrl+Tab moves between its cells; focus is shown with a ring
of at least 2 pixels that stands out (3:1) in fields, tables and the pages list."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import (
    QLineEdit,
    QListWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from pytestqt.qtbot import QtBot

from thuiszitter_desktop.ui.focus_style import INNER, RING, RING_WIDTH


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast(a: QColor, b: QColor) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.fixture
def host(qtbot: QtBot) -> QWidget:
    """A window to put the widgets of a test in (kept alive for the whole test)."""
    window = QWidget()
    QVBoxLayout(window)
    qtbot.addWidget(window)
    window.resize(420, 360)
    return window


def show_in(qtbot: QtBot, host: QWidget, *widgets: QWidget) -> None:
    layout = host.layout()
    assert layout is not None
    for widget in widgets:
        layout.addWidget(widget)
    host.show()
    qtbot.waitExposed(host)
    host.activateWindow()


def table() -> QTableWidget:
    made = QTableWidget(2, 3)
    for row in range(2):
        for column in range(3):
            made.setItem(row, column, QTableWidgetItem(f"{row},{column}"))
    return made


def test_tab_leaves_a_table_and_ctrl_tab_walks_its_cells(qtbot: QtBot, host: QWidget) -> None:
    before, grid, after = QLineEdit(), table(), QLineEdit()
    show_in(qtbot, host, before, grid, after)
    grid.setFocus()
    qtbot.waitUntil(grid.hasFocus)
    grid.setCurrentCell(0, 0)
    qtbot.keyClick(grid, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert (grid.currentRow(), grid.currentColumn()) == (0, 1)
    qtbot.keyClick(grid, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(grid, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert (grid.currentRow(), grid.currentColumn()) == (1, 0)  # on to the next row
    qtbot.keyClick(grid, Qt.Key.Key_Backtab,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert (grid.currentRow(), grid.currentColumn()) == (0, 2)
    qtbot.keyClick(grid, Qt.Key.Key_Tab)
    assert after.hasFocus()  # Tab left the table instead of walking its cells


def ring_pixels(image: QImage, x: int, y_from: int, y_to: int) -> int:
    """How many pixels in column ``x`` between the rows have the ring's colour."""
    return sum(1 for y in range(y_from, y_to) if QColor(image.pixel(x, y)) == RING)


def test_focus_ring_is_at_least_two_pixels_and_stands_out(qtbot: QtBot, host: QWidget) -> None:
    field, other = QLineEdit("tekst"), QLineEdit()
    show_in(qtbot, host, field, other)
    assert contrast(RING, QColor("white")) >= 3
    assert contrast(RING, field.palette().window().color()) >= 3
    # Inside a selected (blue) row the white inner line carries the contrast.
    assert contrast(INNER, field.palette().highlight().color()) >= 3
    other.setFocus()
    qtbot.waitUntil(other.hasFocus)
    unfocused = field.grab().toImage()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    focused = field.grab().toImage()
    middle = focused.width() // 2
    top = ring_pixels(focused, middle, 0, focused.height() // 2)
    assert top >= RING_WIDTH
    assert ring_pixels(unfocused, middle, 0, unfocused.height() // 2) == 0


def test_tables_and_the_pages_list_show_the_current_cell(qtbot: QtBot, host: QWidget) -> None:
    grid, pages = table(), QListWidget()
    pages.addItems(["Vandaag", "Caseload", "MDO"])
    show_in(qtbot, host, grid, pages)
    for view, select in ((grid, lambda: grid.setCurrentCell(1, 1)),
                         (pages, lambda: pages.setCurrentRow(1))):
        view.setFocus()
        qtbot.waitUntil(view.hasFocus)
        select()
        image = view.grab().toImage()
        rect = view.visualRect(view.currentIndex())
        origin = view.viewport().mapTo(view, QPoint(0, 0))
        x = origin.x() + rect.center().x()
        # The current cell or item has a ring of RING_WIDTH pixels at its top edge.
        assert ring_pixels(image, x, origin.y() + rect.top(),
                           origin.y() + rect.top() + RING_WIDTH + 1) >= RING_WIDTH
        # And the view itself has a ring along its frame.
        assert ring_pixels(image, image.width() // 2, 0, RING_WIDTH + 1) >= RING_WIDTH
