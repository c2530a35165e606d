"""An editable list of agreements: who does what by when."""

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

from thuiszitter_desktop.domain.intake import Agreement
from thuiszitter_desktop.ui.widgets import ErrorLabel, OptionalDateField, format_date


class AgreementsEditor(QWidget):
    edited = Signal()

    def __init__(self, agreements: Sequence[Agreement], today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Wie", "Wat", "Wanneer"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(110)
        self.who = QLineEdit()
        self.who.setPlaceholderText("Bijv. mentor, moeder, Zoë")
        self.what = QLineEdit()
        self.what.setPlaceholderText("Wat gaat diegene doen?")
        self.when = OptionalDateField("klaar op", None, today)
        self.add_button = QPushButton("Afspraak toevoegen")
        self.remove_button = QPushButton("Verwijderen")
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow("Wie", self.who)
        form.addRow("Wat", self.what)
        form.addRow("Wanneer", self.when)
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
        self.set_values(agreements)

    def values(self) -> list[Agreement]:
        return list(self._agreements)

    def set_values(self, agreements: Sequence[Agreement]) -> None:
        self._agreements = list(agreements)
        self._show()

    def add_from_fields(self) -> None:
        self._agreements.append(Agreement(who=self.who.text(), what=self.what.text(),
                                          by_when=self.when.value()))
        self.who.clear()
        self.what.clear()
        self._show()
        self.edited.emit()

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self._agreements):
            del self._agreements[row]
            self._show()
            self.edited.emit()

    def show_errors(self, errors: dict[str, str]) -> None:
        lines = []
        for key, message in errors.items():
            parts = key.split(".")
            if parts[0] == "agreements" and len(parts) > 1:
                lines.append(f"Afspraak {int(parts[1]) + 1}: {message}")
        self.error.show_message("\n".join(lines))

    def _show(self) -> None:
        self.table.setRowCount(len(self._agreements))
        for r, a in enumerate(self._agreements):
            for c, value in enumerate((a.who, a.what, format_date(a.by_when) or "—")):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.remove_button.setEnabled(bool(self._agreements))
