"""The pupils behind one number of the dashboard; Enter or double-click opens the case."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.services.caseload_row import CaseloadRow
from thuiszitter_desktop.ui.caseload_model import days_text
from thuiszitter_desktop.ui.row_table_model import CASE_ID_ROLE

COLUMNS = ("Leerling", "School", "Type verzuim", "Dagen thuis", "Uitkomst")


class FigurePupilsDialog(QDialog):
    def __init__(self, title: str, explanation: str, rows: Sequence[CaseloadRow],
                 outcome: dict[str, str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(760, 420)
        self.chosen_case_id: str | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(explanation)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        columns = COLUMNS if outcome else COLUMNS[:-1]
        self.table = QTableWidget(len(rows), len(columns))
        self.table.setAccessibleName(title)
        self.table.setHorizontalHeaderLabels(list(columns))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        for r, row in enumerate(rows):
            values = [row.pupil_name, row.school, row.verzuim_type,
                      days_text(row.days_at_home)]
            if outcome:
                values.append(outcome.get(row.case_id, ""))
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(CASE_ID_ROLE, row.case_id)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(lambda _index: self.open_current())  # Enter too
        layout.addWidget(self.table)
        buttons = QDialogButtonBox()
        self.open_button = buttons.addButton("Casus &openen",
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Sluiten", QDialogButtonBox.ButtonRole.RejectRole)
        self.open_button.clicked.connect(self.open_current)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if rows:
            self.table.selectRow(0)
        self.open_button.setEnabled(bool(rows))

    def open_current(self) -> None:
        item = self.table.item(self.table.currentRow(), 0)
        if item is None:
            return
        self.chosen_case_id = str(item.data(CASE_ID_ROLE))
        self.accept()
