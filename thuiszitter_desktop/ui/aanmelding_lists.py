"""Editable lists of the aanmeldformulier: parents/carers and sick reports."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain.aanmelding import ParentContact, Relation
from thuiszitter_desktop.domain.ziekteverzuim import SickReport, school_days_between
from thuiszitter_desktop.ui.widgets import (
    DateField,
    EnumCombo,
    ErrorLabel,
    OptionalDateField,
    format_date,
)


def _table(headers: Sequence[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.setMinimumHeight(90)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(value))


def _row_messages(errors: dict[str, str], prefix: str, noun: str) -> str:
    """'Ouder 1: Vul de naam in.' for every error key under ``prefix``."""
    lines = []
    for key, message in errors.items():
        parts = key.split(".")
        if parts[0] != prefix:
            continue
        lines.append(f"{noun} {int(parts[1]) + 1}: {message}" if len(parts) > 1 else message)
    return "\n".join(lines)


class ParentsEditor(QWidget):
    """Parents or carers: a list plus a small form to add one."""

    edited = Signal()

    def __init__(self, parents: Sequence[ParentContact], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._parents = list(parents)
        self.table = _table(["Naam", "Relatie", "Telefoon", "E-mail"])
        self.name = QLineEdit()
        self.relation = EnumCombo(Relation)
        self.phone = QLineEdit()
        self.email = QLineEdit()
        self.add_button = QPushButton("Ouder / verzorger toevoegen")
        self.remove_button = QPushButton("Verwijderen")
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow("Naam", self.name)
        form.addRow("Relatie", self.relation)
        form.addRow("Telefoon", self.phone)
        form.addRow("E-mail", self.email)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        self.add_button.clicked.connect(self.add_from_fields)
        self.remove_button.clicked.connect(self.remove_selected)
        self._show()

    def values(self) -> list[ParentContact]:
        return list(self._parents)

    def add_from_fields(self) -> None:
        relation = self.relation.member()
        self._parents.append(ParentContact(name=self.name.text(), relation=relation,
                                           phone=self.phone.text(), email=self.email.text()))
        for field in (self.name, self.phone, self.email):
            field.clear()
        self._show()
        self.edited.emit()

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self._parents):
            del self._parents[row]
            self._show()
            self.edited.emit()

    def show_errors(self, errors: dict[str, str]) -> None:
        self.error.show_message(_row_messages(errors, "parents", "Ouder"))

    def _show(self) -> None:
        _fill(self.table, [[p.name, p.relation.label, p.phone, p.email] for p in self._parents])
        self.remove_button.setEnabled(bool(self._parents))


class SickReportsEditor(QWidget):
    """Sick reports (first and last day); an open end means the pupil is still sick."""

    edited = Signal()

    def __init__(self, reports: Sequence[SickReport], today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._reports = sorted(reports, key=lambda r: r.start)
        self.table = _table(["Eerste ziektedag", "Laatste ziektedag", "Schooldagen"])
        self.start = DateField(today)
        self.end = OptionalDateField("beter gemeld op", today, today)
        self.add_button = QPushButton("Ziekmelding toevoegen")
        self.remove_button = QPushButton("Verwijderen")
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow("Eerste ziektedag", self.start)
        form.addRow("Laatste ziektedag", self.end)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        self.add_button.clicked.connect(self.add_from_fields)
        self.remove_button.clicked.connect(self.remove_selected)
        self._show()

    def values(self) -> list[SickReport]:
        return list(self._reports)

    def add(self, report: SickReport) -> None:
        self._reports = sorted([*self._reports, report], key=lambda r: r.start)
        self._show()
        self.edited.emit()

    def add_from_fields(self) -> None:
        self.add(SickReport(self.start.value(), self.end.value()))

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self._reports):
            del self._reports[row]
            self._show()
            self.edited.emit()

    def show_errors(self, errors: dict[str, str]) -> None:
        self.error.show_message(_row_messages(errors, "sick_reports", "Ziekmelding"))

    def _show(self) -> None:
        _fill(self.table, [
            [format_date(r.start), format_date(r.end) if r.end else "nog ziek",
             str(school_days_between(r.start, r.end)) if r.end else "—"]
            for r in self._reports
        ])
        self.remove_button.setEnabled(bool(self._reports))
