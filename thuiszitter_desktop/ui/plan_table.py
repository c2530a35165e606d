"""Building blocks of the plan editor: its goal/action tables and multi-line fields."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QPlainTextEdit, QTableView

from thuiszitter_desktop.ui.plan_models import ActionsModel, GoalsModel


class CommitTextEdit(QPlainTextEdit):
    """A multi-line field that reports its text when the user leaves it."""

    committed = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.committed.emit()


def text_lines(edit: QPlainTextEdit) -> tuple[str, ...]:
    """The field's non-empty lines, trimmed (one risk factor per line, say)."""
    return tuple(line.strip() for line in edit.toPlainText().splitlines() if line.strip())


def plan_table(model: GoalsModel | ActionsModel, widths: tuple[int, ...],
               stretch: tuple[int, ...]) -> QTableView:
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
    # Rows grow to their text; a word longer than its column breaks instead of being cut.
    view.setTextElideMode(Qt.TextElideMode.ElideNone)
    view.verticalHeader().setSectionsMovable(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    metrics = header.fontMetrics()
    for column, width in enumerate(widths):
        # Never narrower than the header text, so no header is cut off.
        title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        view.setColumnWidth(column, max(width, metrics.horizontalAdvance(title) + 24))
    # Free-text columns share the remaining width, so none shrinks to a few letters.
    for column in stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    return view
