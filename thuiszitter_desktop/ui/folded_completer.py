"""Completion that finds names the way every search in the app does (``name_match.plain``).

Qt's own completer compares letters case-insensitively only: typing 'sint jozef' did not
offer "Sint-Jozefschool", nor 'celik' "SO Çelik". This one keeps the choices whose folded
text holds every folded word typed, and shows them as written.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    QStringListModel,
)
from PySide6.QtWidgets import QCompleter, QLineEdit

from thuiszitter_desktop.domain.name_match import plain

AnyIndex = QModelIndex | QPersistentModelIndex


class _FoldedFilter(QSortFilterProxyModel):
    def __init__(self, names: Sequence[str]) -> None:
        super().__init__()
        self._keys = [plain(name) for name in names]
        self._words: list[str] = []
        self.setSourceModel(QStringListModel(list(names), self))

    def set_typed(self, text: str) -> None:
        self.beginFilterChange()
        self._words = plain(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        key = self._keys[source_row]
        return all(word in key for word in self._words)


class FoldedCompleter(QCompleter):
    """Offers the ``names`` holding every word typed in ``field`` (folded); picking one puts
    it in the field as written."""

    def __init__(self, names: Sequence[str], field: QLineEdit) -> None:
        super().__init__(field)
        self.choices = _FoldedFilter(names)
        self.choices.setParent(self)
        self.setModel(self.choices)
        # The model is filtered here; Qt's own prefix or 'contains' test would undo that.
        self.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        field.setCompleter(self)
        field.textEdited.connect(self._typed)

    def _typed(self, text: str) -> None:
        self.choices.set_typed(text)
        if text.strip() and self.choices.rowCount():
            self.complete()
        elif (popup := self.popup()) is not None:
            popup.hide()
