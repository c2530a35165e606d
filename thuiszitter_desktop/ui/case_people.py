"""Tabs of the case window listing contact moments and involved professionals."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain.errors import UserError
from thuiszitter_desktop.domain.model import ContactMoment, InvolvedProfessional
from thuiszitter_desktop.domain.vocab import ContactKind, ProfessionalRole
from thuiszitter_desktop.services import cases
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.widgets import DateField, EnumCombo, ErrorLabel, format_date


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(value))


class ContactsTab(QWidget):
    """Contact moments; the first one with pupil or parents stops the two-week clock."""

    def __init__(self, ctx: AppContext, case_id: str, contacts: list[ContactMoment],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._case_id = case_id
        self._contacts = contacts
        self.table = _table(["Datum", "Soort", "Met leerling/ouders", "Deelnemers", "Notities"])
        self.on = DateField(ctx.today())
        self.kind = EnumCombo(ContactKind)
        self.with_family = QCheckBox("Contact met leerling en/of ouders")
        self.with_family.setChecked(True)
        self.participants = QLineEdit()
        self.participants.setPlaceholderText("Bijv. leerling, moeder, mentor")
        self.notes = QLineEdit()
        self.notes.setPlaceholderText("Korte notitie")
        self.error = ErrorLabel()
        self.add_button = add = QPushButton("Contactmoment toevoegen")
        self.remove = QPushButton("Verwijderen")

        box = QGroupBox("Nieuw contactmoment")
        form = QFormLayout(box)
        form.addRow("Datum", self.on)
        form.addRow("Soort", self.kind)
        form.addRow("", self.with_family)
        form.addRow("Deelnemers", self.participants)
        form.addRow("Notitie", self.notes)
        form.addRow("", self.error)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addStretch(1)
        form.addRow(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.remove)
        layout.addLayout(row)
        layout.addWidget(box)
        add.clicked.connect(self._add)
        self.remove.clicked.connect(self._remove)
        self._show()

    def _show(self) -> None:
        _fill(self.table, [[format_date(c.on), c.kind.label,
                            "ja" if c.with_pupil_or_parents else "nee", c.participants, c.notes]
                           for c in self._contacts])
        self.remove.setEnabled(bool(self._contacts))

    def _add(self) -> None:
        contact = ContactMoment(case_id=self._case_id, on=self.on.value(),
                                kind=self.kind.member(),
                                with_pupil_or_parents=self.with_family.isChecked(),
                                participants=self.participants.text(), notes=self.notes.text())
        try:
            cases.save_contact(self._ctx, contact)
        except UserError as exc:
            self.error.show_message(exc.message)
            return
        self.error.show_message(None)
        self._contacts = sorted([*self._contacts, contact], key=lambda c: c.on, reverse=True)
        self.participants.clear()
        self.notes.clear()
        self._show()

    def _remove(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        contact = self._contacts[row]
        answer = QMessageBox.question(
            self, "Contactmoment verwijderen",
            f"Het contactmoment van {format_date(contact.on)} verwijderen?",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        cases.delete_contact(self._ctx, contact)
        del self._contacts[row]
        self._show()


class ProfessionalsTab(QWidget):
    """Who is involved around the pupil (school contacts, JGZ, jeugdteam, SWV …)."""

    def __init__(self, ctx: AppContext, case_id: str, people: list[InvolvedProfessional],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._case_id = case_id
        self._people = people
        self.table = _table(["Naam", "Rol", "Organisatie", "Telefoon", "E-mail"])
        self.name = QLineEdit()
        self.role = EnumCombo(ProfessionalRole)
        self.organisation = QLineEdit()
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.error = ErrorLabel()
        self.add_button = add = QPushButton("Betrokkene toevoegen")
        self.remove = QPushButton("Verwijderen")
        box = QGroupBox("Nieuwe betrokkene")
        form = QFormLayout(box)
        form.addRow("Naam *", self.name)
        form.addRow("Rol", self.role)
        form.addRow("Organisatie", self.organisation)
        form.addRow("Telefoon", self.phone)
        form.addRow("E-mail", self.email)
        form.addRow("", self.error)
        form.addRow(add)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.remove)
        layout.addLayout(row)
        layout.addWidget(box)
        add.clicked.connect(self._add)
        self.remove.clicked.connect(self._remove)
        self._show()

    def _show(self) -> None:
        _fill(self.table, [[p.name, p.role.label, p.organisation, p.phone, p.email]
                           for p in self._people])
        self.remove.setEnabled(bool(self._people))

    def _add(self) -> None:
        person = InvolvedProfessional(
            case_id=self._case_id, name=self.name.text(),
            role=self.role.member(),
            organisation=self.organisation.text(), phone=self.phone.text(),
            email=self.email.text(),
        )
        try:
            cases.save_professional(self._ctx, person)
        except UserError as exc:
            self.error.show_message(exc.message)
            return
        self.error.show_message(None)
        self._people.append(person)
        for field in (self.name, self.organisation, self.phone, self.email):
            field.clear()
        self._show()
        self.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def _remove(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        person = self._people[row]
        answer = QMessageBox.question(self, "Betrokkene verwijderen",
                                      f"{person.name} verwijderen uit deze casus?")
        if answer != QMessageBox.StandardButton.Yes:
            return
        cases.delete_professional(self._ctx, person)
        del self._people[row]
        self._show()


