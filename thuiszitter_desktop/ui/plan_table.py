"""Building blocks of the plan editor: its goal/action tables and multi-line fields."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QPlainTextEdit, QTableView

from thuiszitter_desktop.ui.plan_models import ActionsModel, GoalsModel
from thuiszitter_desktop.ui.wrapped_cells import WrappedCellDelegate


class CommitTextEdit(QPlainTextEdit):
    """A multi-line field that reports its text when the user leaves it."""

    committed = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.committed.emit()


def text_lines(edit: QPlainTextEdit) -> tuple[str, ...]:
    """The field's non-empty lines, trimmed (one risk factor per line, say)."""
    return tuple(line.strip() for line in edit.toPlainText().splitlines() if line.strip())


READABLE_CHARACTERS = 14  # a free-text column is never narrower than about this many letters
VISIBLE_LINES = 9  # a table shows at least this many lines of text before the page scrolls


class ColumnFit(QObject):
    """Column widths that follow the table's width, and rows as tall as their wrapped text.

    Short columns (a date, a choice) keep their width; free-text columns share the rest by
    their weight in ``stretch`` (column: weight) and never shrink below
    ``READABLE_CHARACTERS`` (at 200 % the goal columns came out a few letters wide). When even
    that does not fit, the table scrolls sideways, not the page.
    """

    def __init__(self, view: QTableView, widths: tuple[int, ...],
                 stretch: Mapping[int, int]) -> None:
        super().__init__(view)
        self.view, self.stretch = view, dict(stretch)
        header = view.horizontalHeader()
        metrics = header.fontMetrics()
        model = view.model()
        self.titles = titles = [str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                                for c in range(len(widths))]
        self.header_height = header.sizeHint().height()  # one line
        # A header wraps between its words ('Afgesproken / met') but no word is cut off.
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter
                                   | Qt.AlignmentFlag(Qt.TextFlag.TextWordWrap.value))
        self.minimum = [max([width] + [metrics.horizontalAdvance(word) + 24
                                       for word in title.split()])
                        for width, title in zip(widths, titles, strict=True)]
        readable = view.fontMetrics().averageCharWidth() * READABLE_CHARACTERS
        for column, weight in self.stretch.items():
            # The main texts (weight 3: goal, indicator, action) get more than the others.
            self.minimum[column] = max(self.minimum[column], readable * (2 + weight) // 4)
        self._rows_pending = False
        view.viewport().installEventFilter(self)
        header.sectionResized.connect(self._rows_later)
        model.modelReset.connect(self._rows_later)
        model.dataChanged.connect(self._rows_later)
        self.fit()

    def minimum_width(self) -> int:
        """The table's width with every column at its minimum (frame and scroll bar included)."""
        view = self.view
        return (sum(self.minimum) + 2 * view.frameWidth() + view.verticalHeader().width()
                + view.verticalScrollBar().sizeHint().width())

    def fit(self) -> None:
        room = max(0, self.view.viewport().width() - sum(self.minimum))
        weights = sum(self.stretch.values())
        shares = {column: room * weight // weights for column, weight in self.stretch.items()}
        if shares:  # the rounding's leftover pixels go to the last free-text column
            shares[max(shares)] += room - sum(shares.values())
        widths = [minimum + shares.get(column, 0) for column, minimum in enumerate(self.minimum)]
        for column, width in enumerate(widths):
            if self.view.columnWidth(column) != width:
                self.view.setColumnWidth(column, width)
        # A header that wraps gets the lines it needs (Qt sizes a header for one line).
        header = self.view.horizontalHeader()
        metrics = header.fontMetrics()
        lines = max(metrics.boundingRect(QRect(0, 0, max(1, width - 24), 10_000),
                                         Qt.TextFlag.TextWordWrap, title).height()
                    // metrics.lineSpacing()
                    for width, title in zip(widths, self.titles, strict=True))
        header.setFixedHeight(self.header_height + metrics.lineSpacing() * max(0, lines - 1))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def _rows_later(self) -> None:
        """Rows follow their wrapped text once the widths have settled (once per burst)."""
        if not self._rows_pending:
            self._rows_pending = True
            QTimer.singleShot(0, self, self._resize_rows)

    def _resize_rows(self) -> None:
        self._rows_pending = False
        self.view.resizeRowsToContents()


def plan_table(model: GoalsModel | ActionsModel, widths: tuple[int, ...],
               stretch: Mapping[int, int]) -> tuple[QTableView, ColumnFit]:
    """A row-selecting, editable, reorderable table for goals or actions."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                         | QAbstractItemView.EditTrigger.EditKeyPressed
                         | QAbstractItemView.EditTrigger.AnyKeyPressed)
    view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
    view.setDragDropOverwriteMode(False)
    view.setDropIndicatorShown(True)
    view.setWordWrap(True)
    view.setItemDelegate(WrappedCellDelegate(view))
    # Rows grow to their text; a word longer than its column breaks instead of being cut.
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    # A goal of many lines scrolls smoothly instead of jumping a whole row at a time.
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.verticalHeader().setSectionsMovable(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.setMinimumHeight(view.horizontalHeader().sizeHint().height()
                          + view.fontMetrics().lineSpacing() * VISIBLE_LINES)
    return view, ColumnFit(view, widths, stretch)
