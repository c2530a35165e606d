"""Qt model of the Vandaag list: one row per reminder, state by colour AND icon AND text."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from thuiszitter_desktop.services.reminders import ReminderRow
from thuiszitter_desktop.ui.deadline_style import look, state_icon
from thuiszitter_desktop.ui.widgets import format_date

AnyIndex = QModelIndex | QPersistentModelIndex
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
HEADERS = ("Status", "Datum", "Leerling", "School", "Termijn")
STATE_COLUMN = 0


class TodayModel(QAbstractTableModel):
    """Rows come sorted by urgency from the service; the view keeps that order."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ReminderRow] = []

    def set_rows(self, rows: list[ReminderRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[ReminderRow]:
        return list(self._rows)

    def row_at(self, row: int) -> ReminderRow:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._rows[index.row()]
        state = item.reminder.state
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, index.column())
        if role == CASE_ID_ROLE:
            return item.reminder.case_id
        if index.column() == STATE_COLUMN:
            if role == Qt.ItemDataRole.DecorationRole:
                return state_icon(state)
            if role == Qt.ItemDataRole.BackgroundRole:
                return look(state).background
            if role == Qt.ItemDataRole.ForegroundRole:
                return look(state).foreground
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.text
        return None

    @staticmethod
    def _text(item: ReminderRow, column: int) -> str:
        due: date = item.reminder.due
        return (look(item.reminder.state).label, format_date(due), item.pupil_name, item.school,
                item.text)[column]
