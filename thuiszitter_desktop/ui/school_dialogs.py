"""The zorgcoördinator's two small forms: propose a pupil for the MDO, add the school's input.

Both save through ``services/school_role`` (validation in Dutch under the fields); Ctrl+S
saves, Esc closes, and a form with typed text asks before it is closed unsaved.
"""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain.school_share import SchoolInput
from thuiszitter_desktop.services import school_role
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.widgets import (
    ErrorLabel,
    save_cancel_buttons,
    save_showing_errors,
    text_box,
)


class _SchoolForm(QDialog):
    """A form of free-text boxes with inline errors, a summary line and Opslaan/Annuleren."""

    def __init__(self, title: str, intro: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        layout = self.main_layout = QVBoxLayout(self)
        lead = QLabel(intro)
        lead.setWordWrap(True)
        layout.addWidget(lead)
        # Label above field above message: long Dutch messages wrap without covering a field.
        self.fields = QVBoxLayout()
        layout.addLayout(self.fields)
        self.errors: dict[str, ErrorLabel] = {}
        self.boxes: list[QPlainTextEdit] = []
        self.summary = ErrorLabel()
        layout.addWidget(self.summary)
        layout.addWidget(save_cancel_buttons(self.save, self.reject))
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)

    def add_box(self, key: str, label: str, placeholder: str) -> QPlainTextEdit:
        box = text_box("", placeholder, 110)
        box.setFixedHeight(90)
        box.setAccessibleName(label)
        caption = QLabel(f"<b>{label}</b>")
        caption.setBuddy(box)
        error = ErrorLabel()
        for widget in (caption, box, error):
            self.fields.addWidget(widget)
        self.errors[key] = error
        self.boxes.append(box)
        return box

    def show_errors(self, errors: dict[str, str]) -> None:
        for key, label in self.errors.items():
            label.show_message(errors.get(key))
        # Room for the messages: they never cover a field.
        self.main_layout.activate()
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))


    def save(self) -> None:
        raise NotImplementedError

    def _may_close(self) -> bool:
        """Typed text is not thrown away without asking (an open form only)."""
        typed = any(box.toPlainText().strip() for box in self.boxes)
        return not (self.isVisible() and typed) or QMessageBox.question(
            self, "Niet opgeslagen", "U heeft tekst getypt die nog niet is opgeslagen. "
            "Toch sluiten?") == QMessageBox.StandardButton.Yes

    def reject(self) -> None:
        if self._may_close():
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._may_close():
            event.accept()
        else:
            event.ignore()


class ProposalDialog(_SchoolForm):
    """'Voorstellen voor het MDO': the pupil and the school's question for the meeting."""

    def __init__(self, ctx: AppContext, case_id: str, pupil_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"{pupil_name} voorstellen voor het MDO",
                         f"De consulent ziet uw voorstel bij de voorstellen voor het volgende "
                         f"MDO, met uw vraag. Schrijf op wat u het MDO wilt vragen over "
                         f"{pupil_name}.", parent)
        self.ctx, self.case_id = ctx, case_id
        self.question = self.add_box("question", "Vraag voor het MDO",
                                     "Bijvoorbeeld: kan zij na de vakantie met halve dagen "
                                     "beginnen?")

    def save(self) -> None:
        if save_showing_errors(lambda: school_role.propose_for_mdo(
                self.ctx, self.case_id, self.question.toPlainText()),
                self.show_errors, self.summary):
            self.accept()


class SchoolInputDialog(_SchoolForm):
    """'Inbreng van school': attendance, what the school tried, what the school needs."""

    def __init__(self, ctx: AppContext, case_id: str, pupil_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(f"Inbreng van school over {pupil_name}",
                         "Wat de school weet en doet. De consulent ziet dit in de casus en bij "
                         "de voorbereiding van het MDO.", parent)
        self.ctx, self.case_id = ctx, case_id
        self.attendance = self.add_box("attendance", "Aanwezigheid",
                                       "Hoe vaak en wanneer is de leerling op school?")
        self.tried = self.add_box("tried", "Wat de school heeft geprobeerd",
                                  "Aanpassingen, gesprekken, ondersteuning…")
        self.needs = self.add_box("needs", "Wat de school nodig heeft",
                                  "Van de consulent, de ouders of anderen")

    def save(self) -> None:
        item = SchoolInput(case_id=self.case_id, on_date=self.ctx.today(),
                           attendance=self.attendance.toPlainText(),
                           tried=self.tried.toPlainText(), needs=self.needs.toPlainText())
        if save_showing_errors(lambda: school_role.add_school_input(self.ctx, item),
                               self.show_errors, self.summary):
            self.accept()
