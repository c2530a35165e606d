"""The Toestemming tab: consent per purpose (who, when, how), recorded and withdrawn.

Steps that need consent (plan, MDO, contact with a care provider, sharing with school) point
here; what holds today is summed up per purpose above the list.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain.consent import (
    ConsentGiver,
    ConsentMethod,
    ConsentPurpose,
    ConsentRecord,
)
from thuiszitter_desktop.domain.errors import UserError
from thuiszitter_desktop.domain.limits import LONG_TEXT, SHORT_TEXT
from thuiszitter_desktop.domain.model import InvolvedProfessional
from thuiszitter_desktop.services import cases, consent
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.date_field import DateField, format_date
from thuiszitter_desktop.ui.list_editor import fill_table, list_table
from thuiszitter_desktop.ui.text_limits import count_characters
from thuiszitter_desktop.ui.widgets import (
    EnumCombo,
    ErrorLabel,
    field_row,
    save_cancel_buttons,
    save_showing_errors,
)


class ConsentDialog(QDialog):
    """Record one consent: for what, from whom, when, how, and which care providers."""

    def __init__(self, ctx: AppContext, case_id: str, people: list[InvolvedProfessional],
                 purpose: ConsentPurpose | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Toestemming vastleggen")
        self._ctx, self._case_id = ctx, case_id
        self.purpose = EnumCombo(ConsentPurpose)
        self.purpose.setAccessibleName("Doel van de toestemming")
        if purpose is not None:
            self.purpose.set_value(purpose)
        self.giver = EnumCombo(ConsentGiver)
        self.giver.setAccessibleName("Wie geeft toestemming")
        self.on = DateField(ctx.today(), ctx.today(), key="on",
                            required="Vul de datum van de toestemming in.")
        self.on.setAccessibleName("Datum van de toestemming")
        self.method = EnumCombo(ConsentMethod)
        self.method.setAccessibleName("Hoe gegeven")
        self.given_by = QLineEdit()
        self.given_by.setPlaceholderText("Bijv. moeder, Fatma Çelik")
        self.given_by.setAccessibleName("Gegeven door")
        self.providers = [QCheckBox(f"{p.name} ({p.role.label})") for p in people]
        self._people = people
        self.note = QLineEdit()
        self.note.setAccessibleName("Opmerking bij de toestemming")
        count_characters(SHORT_TEXT, self.given_by)
        count_characters(LONG_TEXT, self.note)
        self.summary = ErrorLabel()
        form = QFormLayout(self)
        self.errors = {
            "purpose": field_row(form, "Waarvoor", self.purpose),
            "giver": field_row(form, "Van wie", self.giver),
            "on": field_row(form, "Datum", self.on),
            "method": field_row(form, "Hoe gegeven", self.method),
            "given_by": field_row(form, "Gegeven door *", self.given_by),
        }
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        if not people:
            column.addWidget(QLabel("Nog geen betrokkenen vastgelegd (tabblad Betrokkenen)."))
        for check in self.providers:
            column.addWidget(check)
        self.errors["provider_ids"] = field_row(form, "Zorgverleners", box)
        form.addRow("Opmerking", self.note)
        form.addRow(self.summary)
        form.addRow(save_cancel_buttons(self._save, self.reject))
        self.purpose.currentIndexChanged.connect(self._providers_enabled)
        self._providers_enabled()

    def _providers_enabled(self) -> None:
        needed = self.purpose.member() is ConsentPurpose.ZORGVERLENERS
        for check in self.providers:
            check.setEnabled(needed)

    def record(self) -> ConsentRecord:
        chosen = tuple(p.id for p, check in zip(self._people, self.providers, strict=True)
                       if check.isChecked())
        purpose = self.purpose.member()
        return ConsentRecord(
            case_id=self._case_id, purpose=purpose, giver=self.giver.member(),
            on=self.on.day(), method=self.method.member(), given_by=self.given_by.text(),
            provider_ids=chosen if purpose is ConsentPurpose.ZORGVERLENERS else (),
            note=self.note.text())

    def _save(self) -> None:
        def save() -> None:
            consent.record_consent(self._ctx, self.record())

        if save_showing_errors(save, self._show_errors, self.summary):
            self.accept()

    def _show_errors(self, errors: dict[str, str]) -> None:
        for field, label in self.errors.items():
            label.show_message(errors.get(field))


class ConsentTab(QWidget):
    changed = Signal()

    def __init__(self, ctx: AppContext, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._case_id = ctx, case_id
        self._records: list[ConsentRecord] = []
        intro = QLabel("Toestemming wordt per doel vastgelegd: met de datum, hoe die is "
                       "gegeven en door wie. Vanaf 16 jaar geeft de leerling zelf ook "
                       "toestemming. Intrekken geldt meteen voor alle stappen.")
        intro.setWordWrap(True)
        self.in_force = QLabel()
        self.in_force.setWordWrap(True)
        self.in_force.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = list_table(["Doel", "Van wie", "Datum", "Hoe", "Gegeven door",
                                 "Zorgverleners", "Ingetrokken op"], stretch_column=4)
        self.table.setAccessibleName("Vastgelegde toestemmingen")
        self.add_button = QPushButton("Toestemming &vastleggen…")
        self.withdraw_button = QPushButton("&Intrekken…")
        self.error = ErrorLabel()
        box = QGroupBox("Wat geldt vandaag")
        QVBoxLayout(box).addWidget(self.in_force)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(box)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(lambda: self.record_consent())
        self.withdraw_button.clicked.connect(self.withdraw_current)
        self.reload()

    def reload(self) -> None:
        self._records = consent.list_consents(self._ctx, self._case_id)
        people = {p.id: p.name for p in cases.list_professionals(self._ctx, self._case_id)}
        fill_table(self.table, [
            [r.purpose.label, r.giver.label, format_date(r.on),
             r.method.label if r.method else "Niet vastgelegd", r.given_by,
             ", ".join(people.get(i, "(verwijderd)") for i in r.provider_ids),
             format_date(r.withdrawn_on)] for r in self._records])
        held = consent.purposes_in_force(self._ctx, self._case_id)
        self.in_force.setText("\n".join(
            f"{purpose.label}: {', '.join(givers) if givers else 'geen toestemming'}"
            for purpose, givers in held.items()))
        self.withdraw_button.setEnabled(any(r.withdrawn_on is None for r in self._records))

    def record_consent(self, purpose: ConsentPurpose | None = None) -> bool:
        dialog = ConsentDialog(self._ctx, self._case_id,
                               cases.list_professionals(self._ctx, self._case_id), purpose,
                               self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.reload()
        self.changed.emit()
        return True

    def withdraw_current(self) -> None:
        row = self.table.currentRow()
        if row < 0 or row >= len(self._records):
            self.error.show_message("Kies eerst de toestemming die wordt ingetrokken.")
            return
        record = self._records[row]
        answer = QMessageBox.question(
            self, "Toestemming intrekken",
            f"De toestemming '{record.purpose.label}' ({record.giver.label.lower()}) vandaag "
            "intrekken? Stappen die deze toestemming nodig hebben, worden dan geblokkeerd.")
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            consent.withdraw_consent(self._ctx, record.id)
        except UserError as exc:
            self.error.show_message(exc.message)
            return
        self.error.show_message(None)
        self.reload()
        self.changed.emit()
