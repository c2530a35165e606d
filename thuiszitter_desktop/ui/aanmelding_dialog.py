"""Registering an aanmelding (dialog), editing it in a case (tab), and the 'Aanmelden' page."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain.aanmelding import Aanmelding, Reporter
from thuiszitter_desktop.domain.errors import UserError, ValidationError
from thuiszitter_desktop.domain.model import Pupil
from thuiszitter_desktop.domain.vocab import Onderwijstype
from thuiszitter_desktop.services import access_log, intake
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.aanmelding_form import AanmeldingForm
from thuiszitter_desktop.ui.document_output import safe_file_name, save_document
from thuiszitter_desktop.ui.existing_pupil_dialog import ExistingCheck
from thuiszitter_desktop.ui.widgets import ErrorLabel, save_showing_errors


def new_aanmelding(today: date) -> Aanmelding:
    """A blank aanmelding; the form shows its birth date empty (``AanmeldingForm(new=True)``),
    the date here only fills the type until the user types one."""
    pupil = Pupil(first_name="", last_name="", birth_date=today,
                  onderwijstype=Onderwijstype.VO)
    return Aanmelding(report_date=today, reporter=Reporter(school=""), pupil=pupil)


def _scroll(widget: QWidget) -> QScrollArea:
    scroll = QScrollArea()
    scroll.setWidget(widget)
    scroll.setWidgetResizable(True)
    return scroll


class AanmeldingDialog(QDialog):
    """A new aanmelding; 'Registreren' creates the pupil and the case.

    A pupil who probably exists already is shown first (``ExistingCheck``); choosing to open
    that case emits ``open_existing`` and keeps this form as it is, behind the case.
    """

    open_existing = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._dirty = False
        self.case_id: str | None = None
        self.existing = ExistingCheck(ctx, self)
        self.setWindowTitle("Nieuwe aanmelding")
        self.resize(1180, 820)
        self.form = AanmeldingForm(new_aanmelding(ctx.today()), ctx.today(), new=True)
        self.summary = ErrorLabel()
        self.register_button = QPushButton("Registreren")
        self.register_button.setDefault(True)
        self.register_button.setToolTip("Registreren (Ctrl+S)")
        self.cancel_button = QPushButton("Annuleren")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.register_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(_scroll(self.form), 1)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        self.form.edited.connect(self._mark_dirty)
        self.register_button.clicked.connect(self.register)
        self.cancel_button.clicked.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self.register)
        self.form.reporter_school.setFocus(Qt.FocusReason.OtherFocusReason)

    def _mark_dirty(self) -> None:
        self._dirty = True
        self.summary.show_message(None)  # an earlier 'Niet geregistreerd' may be fixed now

    def register(self) -> bool:
        try:
            aanmelding = self.form.values()
            if not self.existing.go_on(aanmelding.pupil):
                if self.existing.open_case_id is not None:
                    self.open_existing.emit(self.existing.open_case_id)
                return False
            case = intake.register_aanmelding(self._ctx, aanmelding)
        except ValidationError as exc:
            self.form.show_errors(exc.errors)
            self.summary.show_message("Niet geregistreerd: " + exc.message)
            return False
        except UserError as exc:
            self.summary.show_message(exc.message)
            return False
        self.case_id = case.id
        self._dirty = False
        self.accept()
        return True

    def reject(self) -> None:
        if self._confirm_discard():
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._confirm_discard():
            event.accept()
        else:
            event.ignore()

    def _confirm_discard(self) -> bool:
        if not self._dirty:
            return True
        answer = QMessageBox.question(
            self, "Aanmelding niet geregistreerd",
            "De aanmelding is nog niet geregistreerd. Wilt u de ingevulde gegevens weggooien?",
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Discard:
            self._dirty = False
            return True
        return False


class AanmeldingTab(QWidget):
    """The aanmelding of a saved case: edit, save, print."""

    saved = Signal()

    def __init__(self, ctx: AppContext, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._case_id = case_id
        self.dirty = False
        layout = QVBoxLayout(self)
        self.summary = ErrorLabel()
        aanmelding = intake.load_aanmelding(ctx, case_id)
        self.form: AanmeldingForm | None = None
        if aanmelding is None:
            note = QLabel("Deze casus is zonder aanmeldformulier geregistreerd.")
            layout.addWidget(note)
            layout.addStretch(1)
            return
        self.form = AanmeldingForm(aanmelding, ctx.today())
        self.save_button = QPushButton("Aanmelding opslaan")
        self.pdf_button = QPushButton("Aanmeldformulier als PDF…")
        buttons = QHBoxLayout()
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout.addWidget(_scroll(self.form), 1)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        self.form.edited.connect(self._mark_dirty)
        self.save_button.clicked.connect(self.save)
        self.pdf_button.clicked.connect(self.save_pdf)
        # What the form showed when loaded or last saved: edits are measured against it.
        self._baseline: Aanmelding = self.form.values()

    def _mark_dirty(self) -> None:
        self.dirty = True
        self.summary.show_message(None)  # an earlier 'Niet opgeslagen' may be fixed now

    def has_unsaved_changes(self) -> bool:
        if self.form is None:
            return False
        try:
            return self.form.values() != self._baseline
        except ValidationError:
            return True  # a date typed that is not a date yet: an edit all the same

    def save_changes(self) -> bool:
        return not self.has_unsaved_changes() or self.save()

    def save(self) -> bool:
        assert self.form is not None
        form = self.form
        if not save_showing_errors(
                lambda: intake.save_aanmelding(self._ctx, self._case_id, form.values()),
                form.show_errors, self.summary):
            return False
        values = form.values()
        self.dirty = False
        self._baseline = values
        self.saved.emit()
        return True

    def save_pdf(self) -> None:
        if self.dirty and not self.save():
            return
        assert self.form is not None
        name = self.form.preview().pupil.full_name
        case_id = self._case_id
        path = save_document(self, safe_file_name(f"Aanmeldformulier {name}.pdf"),
                             lambda: intake.aanmelding_document(self._ctx, case_id))
        if path is not None:
            access_log.record_saved(self._ctx, "aanmeldformulier", path, case_id=case_id)
