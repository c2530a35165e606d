"""Lists the user builds up in a form: a read-only table, fields to add a row, 'Verwijderen'.

``list_table``/``fill_table`` make and fill the table (also for lists kept elsewhere, e.g. the
case window's tabs); ``ListEditor`` is the whole editor of a list that is saved with its form.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain.errors import UserError
from thuiszitter_desktop.ui.widgets import ErrorLabel, clear_when_edited

T = TypeVar("T")


def read_only_table(headers: Sequence[str], stretch_last: bool = True) -> QTableWidget:
    """A table the user reads and selects in (one whole row at a time) but does not edit."""
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(stretch_last)
    return table


def list_table(headers: Sequence[str], stretch_column: int | None = None,
               min_height: int | None = None) -> QTableWidget:
    """A read-only table with columns as wide as their content.

    The last column takes the spare width, or ``stretch_column`` when given.
    """
    table = read_only_table(headers, stretch_last=stretch_column is None)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch_column is not None:
        header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
    if min_height is not None:
        table.setMinimumHeight(min_height)
    return table


def fill_table(table: QTableWidget, rows: Sequence[Sequence[str]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(value))


def row_messages(errors: dict[str, str], prefix: str, noun: str) -> str:
    """'Ouder 1: Vul de naam in.' for every error key under ``prefix``."""
    lines = []
    for key, message in errors.items():
        parts = key.split(".")
        if parts[0] != prefix:
            continue
        lines.append(f"{noun} {int(parts[1]) + 1}: {message}" if len(parts) > 1 else message)
    return "\n".join(lines)


class ListEditor(QWidget, Generic[T]):
    """The table, the form fields, 'add' and 'Verwijderen' buttons and one error message.

    A subclass creates its fields, passes them with their labels, and says how a row is
    shown (``cells``) and made from the fields (``from_fields``). Errors are the domain's
    ``{error_key}.{index}.{field}`` messages, shown as '{noun} {index + 1}: message'.
    """

    edited = Signal()

    def __init__(self, items: Sequence[T], table: QTableWidget,
                 fields: Sequence[tuple[str, QWidget]], add_text: str, error_key: str,
                 noun: str, order_by: Callable[[T], Any] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._error_key, self._noun, self._order_by = error_key, noun, order_by
        self.table = table
        self.add_button = QPushButton(add_text)
        self.remove_button = QPushButton("Verwijderen")
        self.error = ErrorLabel()
        form = QFormLayout()
        for label, field in fields:
            form.addRow(label, field)
            clear_when_edited(field, self.error)
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
        self.set_values(items)

    # -- what a subclass says ----------------------------------------------------------------
    def cells(self, item: T) -> list[str]:
        raise NotImplementedError

    def from_fields(self) -> T:
        raise NotImplementedError

    def clear_fields(self) -> None:
        """Empty what should not carry over to the next row (after an add)."""

    # -- the list ----------------------------------------------------------------------------
    def values(self) -> list[T]:
        return list(self._items)

    def set_values(self, items: Sequence[T]) -> None:
        self._items = self._ordered(items)
        self._show()

    def add(self, item: T) -> None:
        self._items = self._ordered([*self._items, item])
        self._show()
        self.edited.emit()

    def add_from_fields(self) -> None:
        try:
            item = self.from_fields()
        except UserError as exc:  # a date typed that is not a date: the text stays
            self.error.show_message(exc.message)
            return
        self.error.show_message(None)
        self.clear_fields()
        self.add(item)

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self._items):
            del self._items[row]
            self._show()
            self.edited.emit()

    def show_errors(self, errors: dict[str, str]) -> None:
        self.error.show_message(row_messages(errors, self._error_key, self._noun))

    def _ordered(self, items: Sequence[T]) -> list[T]:
        return sorted(items, key=self._order_by) if self._order_by else list(items)

    def _show(self) -> None:
        fill_table(self.table, [self.cells(item) for item in self._items])
        self.remove_button.setEnabled(bool(self._items))
