"""The 'Terugkoppeling' tab: draft from the intake, edit, send to each recipient, print."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain.errors import UserError, ValidationError
from thuiszitter_desktop.domain.limits import LONG_TEXT
from thuiszitter_desktop.domain.terugkoppeling import Terugkoppeling
from thuiszitter_desktop.services import access_log, intake
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.agreements_editor import AgreementsEditor
from thuiszitter_desktop.ui.date_field import DateField, format_date
from thuiszitter_desktop.ui.document_output import safe_file_name, save_document
from thuiszitter_desktop.ui.text_limits import count_characters
from thuiszitter_desktop.ui.widgets import (
    ErrorLabel,
    blocked_notice,
    save_showing_errors,
    show_blocking_reasons,
    with_error,
)


class TerugkoppelingTab(QWidget):
    def __init__(self, ctx: AppContext, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._case_id = case_id
        self._t: Terugkoppeling | None = intake.load_terugkoppeling(ctx, case_id)
        self.blocked = blocked_notice()
        self.draft_button = QPushButton("Concept maken uit het gesprek")
        self.written_on = DateField(ctx.today(), ctx.today(), key="written_on",
                                    required="Vul de datum van de brief in.")
        self.summary_text = QPlainTextEdit()
        self.summary_text.setMinimumHeight(180)
        self.reason = QPlainTextEdit()
        self.reason.setMaximumHeight(70)
        self.reason_note = QLabel()
        self.reason_note.setWordWrap(True)
        self.health_needed = QCheckBox("Gezondheidsinformatie is nodig in de brief")
        self.health = QPlainTextEdit()
        self.health.setMaximumHeight(60)
        count_characters(LONG_TEXT, self.summary_text, self.reason, self.health)
        self.agreements = AgreementsEditor([], ctx.today())
        self.recipients = QTableWidget(0, 3)
        self.recipients.setHorizontalHeaderLabels(["Ontvanger", "Naam", "Verstuurd op"])
        self.recipients.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.recipients.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.recipients.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.recipients.verticalHeader().hide()
        self.recipients.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch)
        self.recipients.setMinimumHeight(110)
        self.sent_button = QPushButton("Vandaag verstuurd")
        self.pdf_button = QPushButton("Brief als PDF…")
        self.save_button = QPushButton("Terugkoppeling opslaan")
        self.save_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.message = ErrorLabel()
        self.errors = {key: ErrorLabel() for key in
                       ("written_on", "summary", "health_details", "recipients")}

        self.editor = QWidget()
        form = QFormLayout(self.editor)
        for label, widget, key in (("Datum brief", self.written_on, "written_on"),
                                   ("Samenvatting *", self.summary_text, "summary")):
            form.addRow(label, with_error(widget, self.errors[key]))
        form.addRow("Reden van verzuim", self.reason)
        form.addRow("", self.reason_note)
        form.addRow("", self.health_needed)
        form.addRow("Gezondheid", with_error(self.health, self.errors["health_details"]))
        agreements_box = QGroupBox("Afspraken (wie, wat, wanneer)")
        QVBoxLayout(agreements_box).addWidget(self.agreements)
        form.addRow(agreements_box)
        send_box = QGroupBox("Ontvangers")
        send = QVBoxLayout(send_box)
        send.addWidget(self.recipients)
        send.addWidget(self.errors["recipients"])
        row = QHBoxLayout()
        row.addWidget(self.sent_button)
        row.addWidget(self.pdf_button)
        row.addStretch(1)
        send.addLayout(row)
        form.addRow(send_box)

        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(self.blocked)
        top = QHBoxLayout()
        top.addWidget(self.draft_button)
        top.addStretch(1)
        column.addLayout(top)
        column.addWidget(self.editor)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addStretch(0)
        buttons.addWidget(self.save_button, 0)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(buttons)

        self.draft_button.clicked.connect(self.make_draft)
        self.save_button.clicked.connect(self.save)
        self.sent_button.clicked.connect(self.mark_sent)
        self.pdf_button.clicked.connect(self.save_letter)
        self.refresh()
        # The stored version as the form shows it (None: nothing stored yet).
        self._saved: Terugkoppeling | None = self.values()

    def has_unsaved_changes(self) -> bool:
        """A draft that was never saved, or edits since the last save."""
        if self._t is None:
            return False
        try:
            return self.values() != self._saved
        except ValidationError:
            return True  # a date that is not a date yet: an edit all the same

    def save_changes(self) -> bool:
        return not self.has_unsaved_changes() or self.save()

    def refresh_blocked(self) -> None:
        reasons = intake.blocking_reasons(self._ctx, self._case_id)
        show_blocking_reasons(self.blocked, reasons)

    def refresh(self) -> None:
        self.refresh_blocked()
        t = self._t
        self.editor.setVisible(t is not None)
        self.save_button.setEnabled(t is not None)
        self.draft_button.setText("Nieuw concept maken uit het gesprek" if t
                                  else "Concept maken uit het gesprek")
        if t is None:
            return
        self.written_on.set_value(t.written_on)
        self.summary_text.setPlainText(t.summary)
        self.reason.setPlainText(t.absence_reason)
        self.reason_note.setText(
            "Ouders en school lezen de reden." if t.reason_for_others else
            "De leerling is 16 jaar of ouder en heeft niet gezegd dat ouders en school de "
            "reden mogen lezen. Alleen de brief aan de leerling noemt de reden.")
        self.health_needed.setChecked(t.health_needed)
        self.health.setPlainText(t.health_details)
        self.agreements.set_values(t.agreements)
        self._show_recipients(t)

    def _show_recipients(self, t: Terugkoppeling) -> None:
        self.recipients.setRowCount(len(t.recipients))
        for r, recipient in enumerate(t.recipients):
            values = (recipient.kind.label, recipient.name,
                      format_date(recipient.sent_on) or "nog niet")
            for c, value in enumerate(values):
                self.recipients.setItem(r, c, QTableWidgetItem(value))
        if t.recipients and self.recipients.currentRow() < 0:
            self.recipients.selectRow(0)

    def values(self) -> Terugkoppeling | None:
        """The letter as the form shows it; raises ``ValidationError`` when its date is not
        a date."""
        if self._t is None:
            return None
        return replace(self._t, written_on=self.written_on.day(),
                       summary=self.summary_text.toPlainText(),
                       absence_reason=self.reason.toPlainText(),
                       health_needed=self.health_needed.isChecked(),
                       health_details=self.health.toPlainText(),
                       agreements=self.agreements.values(),
                       recipients=[replace(r) for r in self._t.recipients])

    def _read(self) -> Terugkoppeling | None:
        """The letter as shown, or None (with the problem shown) when a date is not a date."""
        try:
            return self.values()
        except ValidationError as exc:
            self.show_errors(exc.errors)
            self.message.show_message(exc.message)
            return None

    def make_draft(self) -> None:
        if self._t is not None and not self._confirm_new_draft():
            return
        try:
            self._t = intake.new_terugkoppeling(self._ctx, self._case_id)
        except UserError as exc:
            self.message.show_message(exc.message)
            return
        self.message.show_message(None)
        self.refresh()

    def _confirm_new_draft(self) -> bool:
        text = ("Er staat al een concept. Een nieuw concept uit het gesprek vervangt de tekst "
                "op dit tabblad.")
        if self.has_unsaved_changes():
            text += " Wijzigingen die u nog niet heeft opgeslagen, gaan verloren."
        elif self._saved is not None:
            text += " Het opgeslagen concept wordt pas vervangen als u het nieuwe opslaat."
        answer = QMessageBox.question(
            self, "Nieuw concept maken?", text + "\n\nToch een nieuw concept maken?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes

    def save(self) -> bool:
        if self._t is None:
            return False

        def store() -> None:
            letter = self.values()
            assert letter is not None
            intake.save_terugkoppeling(self._ctx, letter)

        if not save_showing_errors(store, self.show_errors, self.message):
            return False
        self._t = self._saved = self.values()
        return True

    def show_errors(self, errors: dict[str, str]) -> None:
        for key, label in self.errors.items():
            recipient_keys = [m for k, m in errors.items() if k.startswith("recipients.")]
            if key == "recipients":
                label.show_message("\n".join([errors.get(key, ""), *recipient_keys]).strip())
            else:
                label.show_message(errors.get(key))
        self.agreements.show_errors(errors)

    def mark_sent(self) -> None:
        row = self.recipients.currentRow()
        if self._t is None or row < 0:
            return
        t = self._read()
        if t is None:
            return
        t.mark_sent(row, self._ctx.today())
        previous, self._t = self._t, t
        if self.save():
            self._show_recipients(t)
        else:
            self._t = previous

    def save_letter(self) -> None:
        row = self.recipients.currentRow()
        t = self._read()
        if t is None or row < 0:
            return
        path = save_document(self, safe_file_name(f"Terugkoppeling {t.recipients[row].name}.pdf"),
                             lambda: intake.terugkoppeling_document(self._ctx, t, row))
        if path is not None:
            access_log.record_saved(self._ctx, "terugkoppeling", path, t.id, t.case_id)
