"""Form columns side by side when there is room, one below the other when there is not.

On a laptop at 200 % a two-column form (the aanmeldformulier, the case's Gegevens) did not fit
its window: it scrolled sideways, and half of every row was out of sight. ``ReflowColumns``
asks only the room of its widest column, and puts the columns next to each other once the
width allows it, so a narrow window scrolls only downwards.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLayout, QWidget


class ReflowColumns(QWidget):
    def __init__(self, columns: Sequence[QLayout], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._columns: list[QWidget] = []
        for column in columns:
            holder = QWidget()
            holder.setLayout(column)
            column.setContentsMargins(0, 0, 0, 0)
            self._columns.append(holder)
        self._grid = QGridLayout(self)
        self._side_by_side: bool | None = None
        self._arrange(side_by_side=True)

    def side_by_side(self) -> bool:
        return bool(self._side_by_side)

    def _needed_width(self) -> int:
        """The width the columns need next to each other."""
        margins = self._grid.contentsMargins()
        return (sum(c.minimumSizeHint().width() for c in self._columns)
                + self._grid.horizontalSpacing() * (len(self._columns) - 1)
                + margins.left() + margins.right())

    def _arrange(self, side_by_side: bool) -> None:
        if side_by_side == self._side_by_side:
            return
        self._side_by_side = side_by_side
        for column in self._columns:
            self._grid.removeWidget(column)
        for index, column in enumerate(self._columns):
            if side_by_side:
                self._grid.addWidget(column, 0, index)
                self._grid.setColumnStretch(index, 1)
            else:
                self._grid.addWidget(column, index, 0)
                self._grid.setColumnStretch(index, 0)
        self._grid.setColumnStretch(0, 1)
        self.updateGeometry()

    def minimumSizeHint(self) -> QSize:
        # The widest column alone: below the side-by-side width the columns stack.
        margins = self._grid.contentsMargins()
        width = max((c.minimumSizeHint().width() for c in self._columns), default=0)
        height = super().minimumSizeHint().height()
        return QSize(width + margins.left() + margins.right(), height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(side_by_side=event.size().width() >= self._needed_width())
        super().resizeEvent(event)
