"""Dialogs of the plan editor: recording an evaluation, and printing or saving the plan."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.limits import SHORT_TEXT
from thuiszitter_desktop.domain.plan import GoalProgress, PlanVanAanpak
from thuiszitter_desktop.services import plan as plan_service
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.date_field import DateField
from thuiszitter_desktop.ui.document_output import print_document, safe_file_name, save_document
from thuiszitter_desktop.ui.text_limits import count_characters
from thuiszitter_desktop.ui.widgets import EnumCombo, ErrorLabel, with_error


class EvaluationDialog(QDialog):
    """Per goal: how it stands and a short note; optionally start a new version afterwards."""

    def __init__(self, plan: PlanVanAanpak, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Evaluatie vastleggen")
        self.on = DateField(today, today, key="on",
                            required="Vul de datum van de evaluatie in.")
        self.rows: dict[str, tuple[EnumCombo[GoalProgress], QLineEdit]] = {}
        layout = QVBoxLayout(self)
        top = QFormLayout()
        self.error = ErrorLabel()
        top.addRow("Datum van de evaluatie", with_error(self.on, self.error))
        layout.addLayout(top)
        for number, goal in enumerate(plan.goals, start=1):
            box = QGroupBox(f"Doel {number}: {goal.description or '(geen omschrijving)'}")
            form = QFormLayout(box)
            progress = EnumCombo(GoalProgress)
            note = QLineEdit()
            note.setPlaceholderText("Wat ging goed, wat niet?")
            form.addRow("Stand", progress)
            form.addRow("Toelichting", note)
            self.rows[goal.id] = (progress, note)
            layout.addWidget(box)
        self.revise = QCheckBox("Daarna een nieuwe versie van het plan maken")
        layout.addWidget(self.revise)
        buttons = QDialogButtonBox()
        buttons.addButton("Vastleggen", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._today = today

    def _accept(self) -> None:
        try:
            on = self.on.day()
        except ValidationError:
            return  # the field says what is wrong
        if on > self._today:
            self.error.show_message("De evaluatiedatum ligt in de toekomst.")
            return
        self.accept()

    def notes(self) -> dict[str, tuple[GoalProgress, str]]:
        result: dict[str, tuple[GoalProgress, str]] = {}
        for goal_id, (combo, note) in self.rows.items():
            result[goal_id] = (combo.member(), note.text())
        return result


class PrintDialog(QDialog):
    """Names for the signature lines and an optional password, then save or print.

    The plan is logged as printed only once it was saved or went to the printer. The parents
    registered with the aanmelding sign (their names can be changed here), and the saved file
    is named after the pupil."""

    def __init__(self, ctx: AppContext, plan: PlanVanAanpak, parent: QWidget | None = None,
                 *, pupil_name: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Plan afdrukken of opslaan")
        self.setMinimumWidth(480)  # room for the hint without squeezing the fields
        self._ctx, self._plan = ctx, plan
        self._pupil_name = pupil_name
        names = [*plan_service.registered_parents(ctx, plan.case_id), "", ""]
        self.parent1 = QLineEdit(names[0])
        self.parent2 = QLineEdit(names[1])
        for field in (self.parent1, self.parent2):
            field.setPlaceholderText("Laat leeg voor een lege regel")
        count_characters(SHORT_TEXT, self.parent1, self.parent2)
        self.protect = QCheckBox("PDF beveiligen met een wachtwoord")
        self.password = QLineEdit()
        self.repeat = QLineEdit()
        for field in (self.password, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setEnabled(False)
            self.protect.toggled.connect(field.setEnabled)
        hint = QLabel(PASSWORD_HINT)
        hint.setWordWrap(True)
        self.error = ErrorLabel()
        self.save_button = QPushButton("PDF &opslaan…")
        self.print_button = QPushButton("&Afdrukken…")
        cancel = QPushButton("Annuleren")
        form = QFormLayout(self)
        form.addRow("Ouder/verzorger 1", self.parent1)
        form.addRow("Ouder/verzorger 2", self.parent2)
        form.addRow(self.protect)
        form.addRow("Wachtwoord", self.password)
        form.addRow("Herhaal wachtwoord", self.repeat)
        form.addRow(hint)
        form.addRow(self.error)
        buttons = QDialogButtonBox()
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        form.addRow(buttons)
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button.clicked.connect(self.print_plan)
        cancel.clicked.connect(self.reject)

    def parent_names(self) -> tuple[str, ...]:
        return tuple(n for n in (self.parent1.text().strip(), self.parent2.text().strip()) if n)

    def chosen_password(self) -> str | None:
        """The password, or None without protection; shows a message when it is not usable."""
        if not self.protect.isChecked():
            return None
        if len(self.password.text()) < MIN_PASSWORD:
            raise ValueError(f"Kies een wachtwoord van minstens {MIN_PASSWORD} tekens.")
        if self.password.text() != self.repeat.text():
            raise ValueError("De twee wachtwoorden zijn niet gelijk.")
        return self.password.text()

    def make_pdf(self, password: str | None) -> bytes:
        return plan_service.plan_document(self._ctx, self._plan,
                                          parent_names=self.parent_names(), password=password)

    def save_pdf(self) -> None:
        try:
            password = self.chosen_password()
        except ValueError as exc:
            self.error.show_message(str(exc))
            return
        self.error.show_message(None)
        suggested = safe_file_name(
            f"Plan van aanpak {self._pupil_name} versie {self._plan.version}.pdf")
        if save_document(self, suggested, lambda: self.make_pdf(password),
                         title="PDF opslaan") is None:
            return
        plan_service.record_plan_printed(
            self._ctx, self._plan, plan_service.SAVED_WITH_PASSWORD if password
            else plan_service.SAVED_WITHOUT_PASSWORD)
        if password:
            QMessageBox.information(self, "PDF opgeslagen", PASSWORD_SAVED)
        self.accept()

    def print_plan(self) -> None:
        if print_document(self, lambda: self.make_pdf(None)):
            plan_service.record_plan_printed(self._ctx, self._plan,
                                             plan_service.PRINTED_ON_PAPER)
            self.accept()


MIN_PASSWORD = 6
PASSWORD_HINT = (
    "Met een wachtwoord opent de PDF alleen met dat wachtwoord (AES-256-versleuteling). "
    "Stuur het wachtwoord nooit in dezelfde e-mail als de PDF: geef het apart door, "
    "bijvoorbeeld telefonisch of in een sms. Afdrukken gaat altijd zonder wachtwoord.")
PASSWORD_SAVED = (
    "De PDF is opgeslagen met een wachtwoord.\n\nGeef het wachtwoord apart aan de ouders "
    "door, bijvoorbeeld telefonisch of in een sms, en nooit in dezelfde e-mail als de PDF. "
    "Spreek af dat zij het wachtwoord niet bij de PDF bewaren.")
