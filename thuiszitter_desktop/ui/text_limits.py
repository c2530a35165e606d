"""A character counter on text fields, so a form shows its maximum before anything fails.

The limits are the domain's (``domain/limits.py``): the domain refuses a longer text with a
Dutch message naming the field, so the counter never cuts text off; it only shows how much
fits and turns red past the maximum. A free-text box always shows its counter in a corner;
a one-line field shows it once the text nears the maximum.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QWidget

from thuiszitter_desktop.domain.limits import count_text

NEAR = 0.8  # a one-line field shows its counter from 80% of the maximum
NORMAL_STYLE = "color: #555555; background: rgba(255, 255, 255, 210); padding: 0 3px;"
OVER_STYLE = "color: #A4262C; font-weight: bold; background: #FFFFFF; padding: 0 3px;"

TextField = QLineEdit | QPlainTextEdit


class CharCounter(QObject):
    """Shows 'n / maximum' in the bottom-right corner of ``edit``."""

    def __init__(self, edit: TextField, limit: int, *, always: bool | None = None,
                 unit: str = "") -> None:
        super().__init__(edit)
        self.edit, self.limit, self.unit = edit, limit, unit
        self.always = isinstance(edit, QPlainTextEdit) if always is None else always
        host = self.host()
        self.label = QLabel(host)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.label.setObjectName("charCounter")
        edit.setToolTip(f"Hoogstens {count_text(limit)} tekens.")
        edit.textChanged.connect(self.update)
        host.installEventFilter(self)
        self.update()

    def host(self) -> QWidget:
        """The widget the counter is drawn on."""
        edit = self.edit
        return edit if isinstance(edit, QLineEdit) else edit.viewport()

    def text_length(self) -> int:
        edit = self.edit
        return len(edit.text() if isinstance(edit, QLineEdit) else edit.toPlainText())

    def update(self) -> None:
        count = self.text_length()
        over = count > self.limit
        self.label.setText(f"{count_text(count)} / {count_text(self.limit)}{self.unit}"
                           + (" — te lang" if over else ""))
        self.label.setStyleSheet(OVER_STYLE if over else NORMAL_STYLE)
        visible = self.always or count >= NEAR * self.limit
        self.label.setVisible(visible)
        self.label.adjustSize()
        # Keep the end of the text readable beside a counter drawn inside the line.
        if isinstance(self.edit, QLineEdit) and self.label.parentWidget() is self.edit:
            self.edit.setTextMargins(0, 0, self.label.sizeHint().width() + 6 if visible else 0, 0)
        self._place()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._place()
        return False

    def _place(self) -> None:
        host = self.label.parentWidget()
        if host is None:
            return
        size = self.label.sizeHint()
        self.label.move(max(0, host.width() - size.width() - 4),
                        max(0, host.height() - size.height() - 2))
        self.label.raise_()


def count_characters(limit: int, *edits: TextField) -> None:
    """Give each field a counter against ``limit`` (SHORT_TEXT or LONG_TEXT)."""
    for edit in edits:
        CharCounter(edit, limit)
