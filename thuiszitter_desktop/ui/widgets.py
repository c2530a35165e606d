"""Small reusable widgets: enum combos, number fields, inline error labels (dates: date_field)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain.errors import UserError, ValidationError
from thuiszitter_desktop.domain.limits import LONG_TEXT
from thuiszitter_desktop.domain.vocab import Labelled
from thuiszitter_desktop.ui.date_field import DateField
from thuiszitter_desktop.ui.text_limits import count_characters

E = TypeVar("E", bound=Labelled)

@contextlib.contextmanager
def busy_cursor() -> Iterator[None]:
    """A wait cursor while work that can take a moment runs (large caseloads)."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


def number_field(low: int, high: int, value: int, suffix: str = "") -> QSpinBox:
    """A whole number in a range; as wide as its numbers, not stretched across a form."""
    field = QSpinBox()
    field.setRange(low, high)
    field.setSuffix(suffix)
    field.setValue(value)
    field.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return field

Combo = TypeVar("Combo", bound=QComboBox)


class EnumCombo(QComboBox, Generic[E]):
    """A combo over a ``Labelled`` enum, optionally with an empty 'onbekend' choice.

    Typed by its enum (``EnumCombo[VerzuimType]``): ``value()`` returns a member of that enum,
    or ``None`` only when the combo is optional and the empty choice is current; ``member()``
    is for non-optional combos and never returns ``None``.
    """

    def __init__(self, enum: type[E], optional: bool = False,
                 empty_label: str = "— onbekend —", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._enum = enum
        if optional:
            self.addItem(empty_label, None)
        for name, label in enum.choices():
            self.addItem(label, name)

    def value(self) -> E | None:
        name = self.currentData()
        return self._enum.from_name(name) if name else None

    def member(self) -> E:
        """The chosen member of a non-optional combo (its first choice if none is current)."""
        value = self.value()
        return value if value is not None else next(iter(self._enum))

    def set_value(self, member: E | None) -> None:
        index = self.findData(member.name if member is not None else None)
        self.setCurrentIndex(max(index, 0))


class EnumChecks(QListWidget, Generic[E]):
    """Several members of a ``Labelled`` enum, each a checkable line ("meerdere antwoorden
    mogelijk"); compact and reachable by keyboard (arrows, space)."""

    changed = Signal()

    def __init__(self, enum: type[E], accessible_name: str, rows_shown: int = 4,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._enum = enum
        self.setAccessibleName(accessible_name)
        for name, label in enum.choices():
            item = QListWidgetItem(label, self)
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        line = self.sizeHintForRow(0) if self.count() else 20
        self.setMaximumHeight(line * rows_shown + 2 * self.frameWidth() + 4)
        self.itemChanged.connect(lambda _item: self.changed.emit())

    def members(self) -> tuple[E, ...]:
        return tuple(self._enum.from_name(self.item(i).data(Qt.ItemDataRole.UserRole))
                     for i in range(self.count())
                     if self.item(i).checkState() is Qt.CheckState.Checked)

    def set_members(self, members: Sequence[E]) -> None:
        wanted = {member.name for member in members}
        for i in range(self.count()):
            item = self.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)


def shrinking_combo(combo: Combo, characters: int = 24) -> Combo:
    """A combo of long sentences (a definition) that may shrink to ``characters`` wide: its
    longest choice would otherwise set the page's width and, at 200 %, make it scroll
    sideways. The full text shows when the list opens."""
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)
    return combo


def fit_wrapped_text(dialog: QWidget) -> None:
    """Grow a dialog so every word-wrapped label shows all its lines.

    A form layout inside a stacked page does not pass height-for-width up, so a long message
    shown later (a refusal, an offer) would be cut off, most at a large scale factor."""
    def relayout() -> None:  # innermost first, so each label has its final width
        for widget in [*reversed(dialog.findChildren(QWidget)), dialog]:
            layout = widget.layout()
            if layout is not None:
                layout.invalidate()
                layout.activate()

    relayout()
    for label in dialog.findChildren(QLabel):
        if label.wordWrap() and label.isVisibleTo(dialog):
            # A little narrower than laid out: at a scale factor of 2 the painted text wraps
            # a word earlier than QLabel's own estimate.
            label.setMinimumHeight(label.heightForWidth(label.width() * 9 // 10))
    relayout()
    dialog.resize(dialog.width(), max(dialog.height(), dialog.minimumSizeHint().height()))


class ErrorLabel(QLabel):
    """A calm inline message under a field; empty when all is well."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setWordWrap(True)
        self.setStyleSheet("color: #A4262C;")
        self.hide()

    def show_message(self, message: str | None) -> None:
        self.setText(message or "")
        self.setVisible(bool(message))


def text_box(value: str, placeholder: str, height: int) -> QPlainTextEdit:
    """A few lines of free text in a form; Tab moves on to the next field."""
    box = QPlainTextEdit(value)
    box.setPlaceholderText(placeholder)
    box.setMaximumHeight(height)
    box.setTabChangesFocus(True)
    count_characters(LONG_TEXT, box)
    return box


def blocked_notice() -> QLabel:
    """The yellow notice that next steps wait for consent; hidden until there are reasons."""
    label = QLabel()
    label.setObjectName("blockedNotice")
    label.setWordWrap(True)
    label.setStyleSheet("background: #FFF4CE; border: 1px solid #C8A400; padding: 6px;")
    return label


def show_blocking_reasons(notice: QLabel, reasons: Sequence[str]) -> None:
    notice.setText("Let op: volgende stappen wachten op toestemming.\n" + "\n".join(reasons))
    notice.setVisible(bool(reasons))


class ConsentGate(QWidget):
    """The yellow notice that a step waits for consent, with the way to record it: the
    reasons come from the consent service (``services/consent.gaps``); the button asks the
    case window to show its Toestemming tab."""

    go_to_consent = Signal()

    def __init__(self, step_words: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._step_words = step_words
        self.notice = blocked_notice()
        self.button = QPushButton("Toestemming &vastleggen…")
        self.button.setToolTip("Naar het tabblad Toestemming van deze casus")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.notice)
        row = QHBoxLayout()
        row.addWidget(self.button)
        row.addStretch(1)
        layout.addLayout(row)
        self.button.clicked.connect(self.go_to_consent)
        self.setVisible(False)

    def show_reasons(self, reasons: Sequence[str]) -> None:
        self.notice.setText(f"Let op: {self._step_words} wacht op toestemming.\n"
                            + "\n".join(reasons))
        self.setVisible(bool(reasons))

    @property
    def blocked(self) -> bool:
        return not self.isHidden()


def save_cancel_buttons(save: Callable[[], object],
                        cancel: Callable[[], object]) -> QDialogButtonBox:
    """'Opslaan' and 'Annuleren' in the platform's order, whatever Qt's own language."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Save).setText("Opslaan")
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
    buttons.accepted.connect(save)
    buttons.rejected.connect(cancel)
    return buttons


def save_showing_errors(save: Callable[[], object],
                        show_errors: Callable[[dict[str, str]], object],
                        summary: ErrorLabel) -> bool:
    """Run a service's save; a refusal is shown under the fields and in ``summary``.

    Returns whether it was saved; then the field messages and the summary are cleared.
    """
    try:
        save()
    except ValidationError as exc:
        show_errors(exc.errors)
        summary.show_message("Niet opgeslagen: " + exc.message)
        return False
    except UserError as exc:
        summary.show_message(exc.message)
        return False
    show_errors({})
    summary.show_message(None)
    return True


def clear_when_edited(widget: QWidget, error: ErrorLabel) -> None:
    """The message under a field goes as soon as the user changes the field, so it never stays
    after the field is fixed; a date field shows its own problem there as well."""
    def hide() -> None:
        error.show_message(None)

    for part in (widget, *widget.findChildren(QWidget)):
        if isinstance(part, DateField):
            part.changed.connect(hide)
            part.problem_changed.connect(lambda message: error.show_message(message or None))
        elif isinstance(part, QLineEdit) and not isinstance(part.parentWidget(),
                                                           (DateField, QComboBox)):
            part.textEdited.connect(hide)
        elif isinstance(part, QPlainTextEdit):
            part.textChanged.connect(hide)
        elif isinstance(part, QComboBox):
            part.activated.connect(hide)
        elif isinstance(part, QSpinBox):
            part.valueChanged.connect(hide)
        elif isinstance(part, QAbstractSpinBox):
            part.editingFinished.connect(hide)
        elif isinstance(part, QAbstractButton) and part.isCheckable():
            part.toggled.connect(hide)


def with_error(widget: QWidget, error: ErrorLabel, spacing: int | None = None) -> QWidget:
    """One form cell: the widget with its inline error message right under it."""
    clear_when_edited(widget, error)
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    if spacing is not None:
        column.setSpacing(spacing)
    column.addWidget(widget)
    column.addWidget(error)
    return holder


def field_row(form: QFormLayout, label: str, widget: QWidget) -> ErrorLabel:
    """Add the row 'label: widget' with an inline error under the widget; returns the error."""
    error = ErrorLabel()
    form.addRow(label, with_error(widget, error, spacing=2))
    return error
