"""The 'Aanmelden' page of the main window: register a new report, print a blank form, and
see the aanmeldingen of the last weeks (with missing consent clearly marked)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.services import aanmelding_overview, access_log, cases, intake
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.ui.aanmeld_model import AanmeldModel
from thuiszitter_desktop.ui.aanmelding_dialog import AanmeldingDialog
from thuiszitter_desktop.ui.case_window import CaseWindow
from thuiszitter_desktop.ui.document_output import save_document
from thuiszitter_desktop.ui.lazy_page import LazyLoad, LazyPage

REFRESH_ON = frozenset({"case", "aanmelding"})


class AanmeldPage(LazyPage, QWidget):
    """Start page for new reports: register one, print a blank form, see the recent ones."""

    case_registered = Signal(str)
    open_case = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 lazy: bool = False) -> None:
        super().__init__(parent)
        self._ctx = ctx
        heading = QLabel("Aanmelden")
        heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        intro = QLabel(
            "Registreer een aanmelding van een school: bij zorgwekkend ziekteverzuim (criteria "
            "1 tot en met 4), bij langer dan 4 weken geoorloofd verzuim onder 50% onderwijs, "
            "via DUO, bij absoluut verzuim, vrijstelling 5a of schorsing. Bij geoorloofd verzuim "
            "is toestemming van de ouders nodig (en vanaf 16 jaar van de leerling zelf). Zonder "
            "toestemming kunt u de aanmelding wel vastleggen, maar zet u nog geen volgende "
            "stappen.")
        intro.setWordWrap(True)
        self.new_button = QPushButton("&Nieuwe aanmelding registreren…")
        self.blank_button = QPushButton("&Blanco aanmeldformulier opslaan (PDF)…")
        self.open_button = QPushButton("Casus &openen")
        self.open_button.setToolTip("De gekozen casus openen (Enter of dubbelklik)")

        self.list_title = QLabel()
        self.list_title.setStyleSheet("font-weight: bold;")
        self.model = AanmeldModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Recente aanmeldingen")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        # Every column as wide as its content (the pupil's name was squeezed to '…' on a narrow
        # window when it took the spare width); the last one takes what is left.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.empty = QLabel("Geen aanmeldingen in de afgelopen "
                            f"{aanmelding_overview.RECENT_DAYS} dagen.")

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.blank_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addSpacing(8)
        layout.addWidget(self.list_title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        bottom = QHBoxLayout()
        bottom.addWidget(self.open_button)
        bottom.addStretch(1)
        layout.addLayout(bottom)

        self.new_button.clicked.connect(self.new_aanmelding)
        self.blank_button.clicked.connect(self.save_blank)
        self.open_button.clicked.connect(self.open_selected)
        self.table.activated.connect(self._activated)  # Enter and double-click
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.loader = LazyLoad(self.reload, lazy=lazy)

    # -- the list ---------------------------------------------------------------------------
    def reload(self) -> None:
        chosen = self.selected_case_id()
        rows = aanmelding_overview.recent_aanmeldingen(self._ctx)
        self.model.set_rows(rows)
        blocked = sum(1 for r in rows if r.blocked)
        title = f"Aanmeldingen van de afgelopen {aanmelding_overview.RECENT_DAYS} dagen"
        if blocked:
            noun = "wacht" if blocked == 1 else "wachten"
            title += f" — {blocked} {noun} op toestemming"
        self.list_title.setText(title)
        self.empty.setVisible(not rows)
        ids = [r.case_id for r in rows]
        if chosen in ids:
            self.table.selectRow(ids.index(chosen))
        self._update_buttons()

    def on_change(self, change: Change) -> None:
        if change.entity in REFRESH_ON:
            self.loader.changed()

    def clear(self) -> None:
        self.model.set_rows([])
        self.loader.forget()

    def selected_case_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.model.row_at(rows[0].row()).case_id if rows else None

    def _update_buttons(self) -> None:
        self.open_button.setEnabled(self.selected_case_id() is not None)

    def _activated(self, index: QModelIndex) -> None:
        self.open_case.emit(self.model.row_at(index.row()).case_id)

    def open_selected(self) -> None:
        case_id = self.selected_case_id()
        if case_id is not None:
            self.open_case.emit(case_id)

    # -- actions ----------------------------------------------------------------------------
    def new_aanmelding(self) -> None:
        dialog = AanmeldingDialog(self._ctx, self)
        dialog.open_existing.connect(lambda case_id: self._open_case(case_id, dialog))
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.case_id:
            return
        self.case_registered.emit(dialog.case_id)
        # Continue in the new case, as after 'Nieuwe casus'.
        self._open_case(dialog.case_id, self)

    def _open_case(self, case_id: str, parent: QWidget) -> None:
        detail = cases.load_case(self._ctx, case_id)
        CaseWindow(self._ctx, detail.pupil, detail.case, is_new=False, parent=parent).exec()

    def save_blank(self) -> None:
        path = save_document(self, "Aanmeldformulier (blanco).pdf",
                             lambda: intake.blank_aanmelding_document(self._ctx))
        if path is not None:
            access_log.record_saved(self._ctx, "aanmeldformulier (blanco)", path)
