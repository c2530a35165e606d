"""Every window and dialog fits the screen it opens on, at 100 %, 150 % or 200 % scaling.

When a window is shown it is made no larger than the free area of its screen (without the task
bar) and moved inside it. A window whose content cannot become that small gets its content in
a scroll area first: nothing is ever out of reach, it may only need scrolling. Forms that
matter keep their buttons outside their own scroll area (the aanmeldformulier, the case
window); this is the safety net for every other window, also those added later.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import (
    QAbstractButton,
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QLayoutItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

_WRAPPED = "thuiszitterScrollWrapped"
# A main window or case window opens at most this share of the free screen area.
SCREEN_SHARE = 0.9


def initial_size(available: QSize, cap: QSize) -> QSize:
    """About 90% of the free screen area, capped at ``cap``."""
    return QSize(min(int(available.width() * SCREEN_SHARE), cap.width()),
                 min(int(available.height() * SCREEN_SHARE), cap.height()))


def screen_of(widget: QWidget) -> QScreen:
    """The screen the widget is on. Not ``QWidget.screen()``: called while a window was being
    shown, its wrapper later crashed PySide (a segmentation fault in the next dialog)."""
    centre = widget.frameGeometry().center()
    if widget.parentWidget() is not None:
        centre = widget.mapToGlobal(widget.rect().center())
    return QGuiApplication.screenAt(centre) or QGuiApplication.primaryScreen()


def available_area(window: QWidget) -> QRect:
    return screen_of(window).availableGeometry()


def minimum_size(window: QWidget) -> QSize:
    return window.minimumSize().expandedTo(window.minimumSizeHint())


def _scroll_around(content: QWidget) -> QScrollArea:
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(content)
    return scroll


def is_button_row(item: QLayoutItem) -> bool:
    """A dialog's row of buttons (a button box, or buttons with a message and stretch)."""
    widget = item.widget()
    if isinstance(widget, QDialogButtonBox):
        return True
    row = item.layout()
    if row is None or not isinstance(row, QBoxLayout) or row.direction() not in (
            QBoxLayout.Direction.LeftToRight, QBoxLayout.Direction.RightToLeft):
        return False
    parts = [part for i in range(row.count()) if (part := row.itemAt(i)) is not None]
    widgets = [part.widget() for part in parts if part.widget() is not None]
    return (any(isinstance(w, (QAbstractButton, QDialogButtonBox)) for w in widgets)
            and all(isinstance(w, (QAbstractButton, QDialogButtonBox, QLabel))
                    for w in widgets)
            and all(part.widget() is not None or part.spacerItem() is not None
                    for part in parts))


def wrap_in_scroll_area(window: QWidget) -> bool:
    """Put the window's content in a scroll area (once), the dialog's buttons below it so they
    never scroll away; False when there is nothing to wrap."""
    if window.property(_WRAPPED):
        return False
    if isinstance(window, QMainWindow):
        central = window.takeCentralWidget()
        if central is None:
            return False
        window.setCentralWidget(_scroll_around(central))
    else:
        layout = window.layout()
        if layout is None:
            return False
        last = layout.itemAt(layout.count() - 1) if layout.count() else None
        box = row = None
        if last is not None and is_button_row(last):
            # removeWidget/removeItem, not takeAt: takeAt hands the item to Python, which
            # then deleted it under Qt's feet.
            box, row = last.widget(), last.layout()
            if box is not None:
                layout.removeWidget(box)
            elif row is not None:
                layout.removeItem(row)
                row.setParent(None)  # free it from the layout it was taken out of
        content = QWidget()
        content.setLayout(layout)  # takes the layout and its widgets over from the window
        outer = QVBoxLayout(window)
        outer.addWidget(_scroll_around(content), 1)
        if box is not None:
            outer.addWidget(box)
        elif row is not None:
            outer.addLayout(row)
    window.setProperty(_WRAPPED, True)
    return True


def grow_for_wrapped_text(window: QWidget) -> None:
    """A dialog whose wrapped texts (a hint, an error message) grew gets taller, up to the
    screen, instead of drawing its lines over each other."""
    layout = window.layout()
    if not isinstance(window, QDialog) or layout is None or not layout.hasHeightForWidth():
        return
    needed = layout.totalHeightForWidth(window.width())
    if needed > window.height():
        area = available_area(window)
        frame = window.frameGeometry().height() - window.height()
        window.resize(window.width(), min(needed, area.height() - frame))


def fit_to_screen(window: QWidget) -> None:
    """Shrink ``window`` to its screen's free area and move it inside (see module doc)."""
    if isinstance(window, QMenu) or not isinstance(window, (QDialog, QMainWindow)):
        return  # popups and tool tips place themselves; plain widgets are test fixtures
    if isinstance(window, QMessageBox):
        # It wraps its text to the screen itself, but only in its own showEvent, after this:
        # measured before, a long line asked for more than the screen and the box was put in
        # a scroll area and shrunk to a sliver at 200 %.
        return
    area = available_area(window)
    frame = window.frameGeometry().size() - window.size()
    room = QSize(area.width() - frame.width(), area.height() - frame.height())
    needed = minimum_size(window)
    if (needed.width() > room.width() or needed.height() > room.height()) and (
            wrap_in_scroll_area(window)):
        window.setMinimumSize(0, 0)
    size = window.size().boundedTo(room)
    if size != window.size():
        window.resize(size)
    geometry = window.frameGeometry()
    x = min(max(geometry.x(), area.left()), area.right() + 1 - geometry.width())
    y = min(max(geometry.y(), area.top()), area.bottom() + 1 - geometry.height())
    if (x, y) != (geometry.x(), geometry.y()):
        window.move(max(x, area.left()), max(y, area.top()))
