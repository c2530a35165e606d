"""Editable lists of the aanmeldformulier: parents/carers and sick reports."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import QLineEdit, QWidget

from thuiszitter_desktop.domain.aanmelding import ParentContact, Relation
from thuiszitter_desktop.domain.limits import SHORT_TEXT
from thuiszitter_desktop.domain.ziekteverzuim import SickReport, school_days_between
from thuiszitter_desktop.ui.date_field import DateField, format_date
from thuiszitter_desktop.ui.list_editor import ListEditor, list_table
from thuiszitter_desktop.ui.text_limits import count_characters
from thuiszitter_desktop.ui.widgets import EnumCombo


class ParentsEditor(ListEditor[ParentContact]):
    """Parents or carers: a list plus a small form to add one."""

    def __init__(self, parents: Sequence[ParentContact], parent: QWidget | None = None) -> None:
        name, relation, phone, email = QLineEdit(), EnumCombo(Relation), QLineEdit(), QLineEdit()
        super().__init__(
            parents, list_table(["Naam", "Relatie", "Telefoon", "E-mail"], min_height=90),
            [("Naam", name), ("Relatie", relation), ("Telefoon", phone), ("E-mail", email)],
            "Ouder / verzorger toevoegen", "parents", "Ouder", parent=parent)
        self.table.setAccessibleName("Ouders en verzorgers")
        self.name, self.relation, self.phone, self.email = name, relation, phone, email
        count_characters(SHORT_TEXT, name, phone, email)

    def cells(self, item: ParentContact) -> list[str]:
        return [item.name, item.relation.label, item.phone, item.email]

    def from_fields(self) -> ParentContact:
        return ParentContact(name=self.name.text(), relation=self.relation.member(),
                             phone=self.phone.text(), email=self.email.text())

    def clear_fields(self) -> None:
        for field in (self.name, self.phone, self.email):
            field.clear()


class SickReportsEditor(ListEditor[SickReport]):
    """Sick reports (first and last day); an open end means the pupil is still sick."""

    def __init__(self, reports: Sequence[SickReport], today: date,
                 parent: QWidget | None = None) -> None:
        start = DateField(None, today, key="start", required="Vul de eerste ziektedag in.")
        end = DateField(None, today, key="end", empty_means="nog ziek")
        note = QLineEdit()
        note.setPlaceholderText("Bijv. ziek naar huis gestuurd")
        note.setAccessibleName("Opmerking bij de ziekmelding")
        count_characters(SHORT_TEXT, note)
        super().__init__(
            reports,
            list_table(["Eerste ziektedag", "Laatste ziektedag", "Schooldagen", "Opmerking"],
                       min_height=90),
            [("Eerste ziektedag", start), ("Laatste ziektedag", end), ("Opmerking", note)],
            "Ziekmelding toevoegen", "sick_reports", "Ziekmelding",
            order_by=lambda r: r.start, parent=parent)
        self.table.setAccessibleName("Ziekmeldingen")
        self.start, self.end, self.note = start, end, note

    def cells(self, item: SickReport) -> list[str]:
        return [format_date(item.start), format_date(item.end) if item.end else "nog ziek",
                str(school_days_between(item.start, item.end)) if item.end else "—",
                item.note]

    def from_fields(self) -> SickReport:
        return SickReport(self.start.day(), self.end.value(), note=self.note.text())

    def clear_fields(self) -> None:
        self.start.set_value(None)
        self.end.set_value(None)
        self.note.clear()
