"""The 'Aanmelden' page of the main window: register a new report or print a blank form."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from thuiszitter_desktop.services import cases, intake
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.aanmelding_dialog import AanmeldingDialog, save_pdf
from thuiszitter_desktop.ui.case_window import CaseWindow


class AanmeldPage(QWidget):
    """Start page for new reports: register one, or print a blank form for a school."""

    case_registered = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        intro = QLabel(
            "<h2>Aanmelden</h2><p>Registreer een aanmelding van een school: bij zorgwekkend "
            "ziekteverzuim (criteria 1 tot en met 4), bij langer dan 4 weken geoorloofd "
            "verzuim onder 50% onderwijs, via DUO, bij absoluut verzuim, vrijstelling 5a of "
            "schorsing.</p><p>Bij geoorloofd verzuim is toestemming van de ouders nodig (en "
            "vanaf 16 jaar van de leerling zelf). Zonder toestemming kunt u de aanmelding wel "
            "vastleggen, maar zet u nog geen volgende stappen.</p>")
        intro.setWordWrap(True)
        self.new_button = QPushButton("Nieuwe aanmelding registreren…")
        self.blank_button = QPushButton("Blanco aanmeldformulier opslaan (PDF)…")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        row = QHBoxLayout()
        row.addWidget(self.new_button)
        row.addWidget(self.blank_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        self.new_button.clicked.connect(self.new_aanmelding)
        self.blank_button.clicked.connect(self.save_blank)

    def new_aanmelding(self) -> None:
        dialog = AanmeldingDialog(self._ctx, self)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.case_id:
            return
        self.case_registered.emit(dialog.case_id)
        # Continue in the new case, as after 'Nieuwe casus'.
        detail = cases.load_case(self._ctx, dialog.case_id)
        CaseWindow(self._ctx, detail.pupil, detail.case, is_new=False, parent=self).exec()

    def save_blank(self) -> None:
        save_pdf(self, "Aanmeldformulier (blanco).pdf",
                 intake.blank_aanmelding_document(self._ctx))
