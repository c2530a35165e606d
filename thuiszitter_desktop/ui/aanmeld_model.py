"""Qt model of the recent aanmeldingen on the 'Aanmelden' page.

Missing consent is shown the way an overdue deadline is (colour AND icon AND text), so a
blocked aanmelding stands out in grey-scale too.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from thuiszitter_desktop.domain.aanmelding import AanmeldRoute
from thuiszitter_desktop.domain.deadlines import DeadlineState
from thuiszitter_desktop.services.aanmelding_overview import RecentAanmelding
from thuiszitter_desktop.ui.deadline_style import look, state_icon
from thuiszitter_desktop.ui.widgets import format_date

AnyIndex = QModelIndex | QPersistentModelIndex
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
HEADERS = ("Datum", "Leerling", "School / melder", "Route", "Toestemming", "Fase")
CONSENT_COLUMN = 4
ROUTE_COLUMN = 3

# The full route labels are long; the table shows a short one and the full one as tooltip.
SHORT_ROUTES = {
    AanmeldRoute.ZIEKTEVERZUIM: "Ziekteverzuim",
    AanmeldRoute.GEOORLOOFD_LANGDURIG: "Geoorloofd, > 4 weken",
    AanmeldRoute.DUO: "DUO",
    AanmeldRoute.ABSOLUUT_VERZUIM: "Absoluut verzuim",
    AanmeldRoute.VRIJSTELLING_5A: "Vrijstelling 5a",
    AanmeldRoute.GESCHORST: "Geschorst",
}


def route_text(route: AanmeldRoute | None) -> str:
    return SHORT_ROUTES[route] if route is not None else "Zonder aanmeldformulier"


class AanmeldModel(QAbstractTableModel):
    """Rows arrive newest first from the service; the view keeps that order."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[RecentAanmelding] = []

    def set_rows(self, rows: list[RecentAanmelding]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[RecentAanmelding]:
        return list(self._rows)

    def row_at(self, row: int) -> RecentAanmelding:
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
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (format_date(item.report_date), item.pupil_name, item.school,
                    route_text(item.route), item.consent.label,
                    item.stage_label if item.is_open else "Afgesloten")[column]
        if role == CASE_ID_ROLE:
            return item.case_id
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == ROUTE_COLUMN and item.route is not None:
                return item.route.label
            if column == CONSENT_COLUMN and item.blocked:
                return "\n".join(item.blocking_reasons)
            return None
        if column == CONSENT_COLUMN and item.blocked:
            overdue = look(DeadlineState.VERLOPEN)
            if role == Qt.ItemDataRole.DecorationRole:
                return state_icon(DeadlineState.VERLOPEN)
            if role == Qt.ItemDataRole.BackgroundRole:
                return overdue.background
            if role == Qt.ItemDataRole.ForegroundRole:
                return overdue.foreground
        return None
