"""Qt model of the recent aanmeldingen on the 'Aanmelden' page.

Missing consent is shown the way an overdue deadline is (colour AND icon AND text), so a
blocked aanmelding stands out in grey-scale too.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from thuiszitter_desktop.domain.aanmelding import AanmeldRoute
from thuiszitter_desktop.domain.deadlines import DeadlineState
from thuiszitter_desktop.services.aanmelding_overview import RecentAanmelding
from thuiszitter_desktop.ui.date_field import format_date
from thuiszitter_desktop.ui.deadline_style import state_role
from thuiszitter_desktop.ui.row_table_model import RowColumn, RowTableModel

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


COLUMNS: tuple[RowColumn[RecentAanmelding], ...] = (
    RowColumn("Datum", lambda a: format_date(a.report_date)),
    RowColumn("Leerling", lambda a: a.pupil_name),
    RowColumn("School / melder", lambda a: a.school),
    RowColumn("Route", lambda a: route_text(a.route)),
    RowColumn("Toestemming", lambda a: a.consent.label),
    RowColumn("Fase", lambda a: a.stage_label if a.is_open else "Afgesloten"),
)


class AanmeldModel(RowTableModel[RecentAanmelding]):
    """Rows arrive newest first from the service; the view keeps that order."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(COLUMNS, parent)

    def case_id(self, item: RecentAanmelding) -> str:
        return item.case_id

    def cell_data(self, item: RecentAanmelding, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == ROUTE_COLUMN and item.route is not None:
                return item.route.label
            if column == CONSENT_COLUMN and item.blocked:
                return "\n".join(item.blocking_reasons)
            return None
        if column == CONSENT_COLUMN and item.blocked:
            return state_role(DeadlineState.VERLOPEN, role)
        return None
