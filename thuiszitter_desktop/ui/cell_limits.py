"""Table cells that hold a free text: the domain's maximum, a counter, and no text ever cut.

A cell editor closes when the user moves on, so a text the domain refuses at that moment would
be gone. Here the editor itself refuses a change past the maximum: typing stops at it, and a
paste (or drop) that would not fit is refused whole with a Dutch message, the editor keeping its
text and the clipboard the pasted one. Nothing is cut off; the user shortens and pastes again.
While editing, a counter ('1.840 / 20.000 tekens') stands just below the cell.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QLineEdit, QStyleOptionViewItem, QWidget

from thuiszitter_desktop.domain.limits import count_text
from thuiszitter_desktop.ui.text_limits import CharCounter
from thuiszitter_desktop.ui.wrapped_cells import ItemIndex, WrappedCellDelegate


class LengthValidator(QValidator):
    """Refuses any text longer than ``limit``; QLineEdit then undoes the whole change."""

    def __init__(self, limit: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.limit = limit
        self.kept_length = 0  # the text's length before the last refused change
        self.refused_length = 0  # the length that change would have made

    def validate(self, text: str, pos: int) -> QValidator.State:
        if len(text) > self.limit:
            self.refused_length = len(text)
            return QValidator.State.Invalid
        self.kept_length = len(text)
        return QValidator.State.Acceptable


def refusal(what: str, kept: int, wanted: int, limit: int) -> str:
    """The Dutch message for a change that would make ``what`` (e.g. 'het doel') too long."""
    if wanted - kept > 1:  # a paste or a drop, not one more typed letter
        return (f"Niet geplakt: {what} zou dan {count_text(wanted)} tekens lang worden, er "
                f"passen er {count_text(limit)}. Maak de tekst korter en plak hem opnieuw.")
    return f"{what[:1].upper()}{what[1:]} is vol: er passen {count_text(limit)} tekens in."


def limit_line(edit: QLineEdit, limit: int, what: str, tell: Callable[[str], None]) -> None:
    """Refuse changes that make ``edit`` longer than ``limit``; ``tell`` shows why."""
    validator = LengthValidator(limit, edit)
    edit.setValidator(validator)
    # QLineEdit says so before it undoes the change: the length kept is the validator's.
    edit.inputRejected.connect(lambda: tell(refusal(what, validator.kept_length,
                                                    validator.refused_length, limit)))


class CellCounter(CharCounter):
    """The counter of a cell editor, drawn just below the cell (inside, it hid the text)."""

    def __init__(self, edit: QLineEdit, limit: int) -> None:
        super().__init__(edit, limit, always=True, unit=" tekens")
        self.label.setAccessibleName("Aantal tekens")
        edit.installEventFilter(self)
        edit.destroyed.connect(self.label.deleteLater)

    def host(self) -> QWidget:
        return self.edit.parentWidget() or self.edit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.Hide:
            self.label.hide()
        elif watched is self.edit and event.type() == QEvent.Type.Show:
            self.update()
        elif event.type() in (QEvent.Type.Move, QEvent.Type.Resize):
            self._place()
        return False

    def update(self) -> None:
        super().update()
        self.label.setVisible(self.edit.isVisible())

    def _place(self) -> None:
        host = self.label.parentWidget()
        if host is None or host is self.edit:
            return
        cell = self.edit.geometry()
        size = self.label.sizeHint()
        below = cell.bottom() + 1
        top = below if below + size.height() <= host.height() else cell.top() - size.height()
        self.label.move(max(0, cell.right() - size.width()), max(0, top))
        self.label.raise_()


class LimitedTextDelegate(WrappedCellDelegate):
    """A one-line editor for a free-text cell, with the domain's maximum and a counter."""

    def __init__(self, limit: int, what: str, tell: Callable[[str], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._limit, self._what, self._tell = limit, what, tell

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: ItemIndex) -> QWidget:
        edit = QLineEdit(parent)
        edit.setMaxLength(max(edit.maxLength(), self._limit))  # Qt's own cap never cuts first
        limit_line(edit, self._limit, self._what, self._tell)
        CellCounter(edit, self._limit)
        return edit
