"""Qt model of the Vandaag list: one row per reminder, state by colour AND icon AND text."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from thuiszitter_desktop.domain.deadlines import DeadlineState
from thuiszitter_desktop.services.follow_up import FollowUpRow
from thuiszitter_desktop.services.reminders import ReminderRow
from thuiszitter_desktop.ui.date_field import format_date
from thuiszitter_desktop.ui.deadline_style import look, state_role
from thuiszitter_desktop.ui.row_table_model import RowColumn, RowTableModel

STATE_COLUMN = 0
TEXT_COLUMN = 4
COLUMNS: tuple[RowColumn[ReminderRow], ...] = (
    RowColumn("Status", lambda r: look(r.reminder.state).label),
    RowColumn("Datum", lambda r: format_date(r.reminder.due)),
    RowColumn("Leerling", lambda r: r.pupil_name),
    RowColumn("School", lambda r: r.school),
    RowColumn("Termijn", lambda r: r.text),
)


class TodayModel(RowTableModel[ReminderRow]):
    """Rows come sorted by urgency from the service; the view keeps that order."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(COLUMNS, parent)

    def case_id(self, item: ReminderRow) -> str:
        return item.reminder.case_id

    def cell_data(self, item: ReminderRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.text
        return state_role(item.reminder.state, role) if column == STATE_COLUMN else None


FOLLOW_UP_COLUMNS: tuple[RowColumn[FollowUpRow], ...] = (
    RowColumn("Status", lambda r: "Verlopen" if r.overdue else "Deze week"),
    RowColumn("Datum", lambda r: format_date(r.item.due)),
    RowColumn("Leerling", lambda r: r.pupil_name),
    RowColumn("School", lambda r: r.school),
    RowColumn("Nazorg", lambda r: r.text),
)


class FollowUpModel(RowTableModel[FollowUpRow]):
    """Follow-up moments of closed cases due this week or overdue, oldest first."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(FOLLOW_UP_COLUMNS, parent)

    def case_id(self, item: FollowUpRow) -> str:
        return item.item.case_id

    def cell_data(self, item: FollowUpRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.text
        if column != STATE_COLUMN:
            return None  # the state as the deadlines show it: colour, icon and text
        return state_role(DeadlineState.VERLOPEN if item.overdue else DeadlineState.BINNENKORT,
                          role)
