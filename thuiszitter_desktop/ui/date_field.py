"""The one date field of the app: typed in Dutch or picked from a calendar, empty until filled.

Typing '31-3-2026', '31-03-2026' or '31032026' all give 31 March 2026 (``domain.date_text``);
leaving the field writes the date out as dd-mm-jjjj. A date that does not exist (31-02-2011)
keeps the typed text and says in Dutch what is wrong, under the field; nothing is moved to a
nearby day. Alt+↓ (or F4) opens the calendar, as does the button beside the field.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSizePolicy,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from thuiszitter_desktop.domain.date_text import DateTextError, parse_date_text
from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.ui.qt_dutch import DUTCH

PLACEHOLDER = "dd-mm-jjjj"
MISSING = "Vul een datum in."


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(qdate: QDate) -> date:
    return date(qdate.year(), qdate.month(), qdate.day())


def format_date(day: date | None) -> str:
    return day.strftime("%d-%m-%Y") if day else ""


def calendar_icon() -> QIcon:
    """A small calendar sheet (the desktop theme's icon where there is one)."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(QColor("#1F4E79"))
    painter.setBrush(QColor("white"))
    painter.drawRect(1, 2, 13, 12)
    painter.fillRect(QRect(2, 3, 12, 3), QColor("#1F4E79"))
    for row in range(2):
        for column in range(3):
            painter.fillRect(QRect(3 + column * 4, 8 + row * 3, 2, 2), QColor("#1F4E79"))
    painter.end()
    return QIcon.fromTheme("x-office-calendar", QIcon(pixmap))


class DateField(QWidget):
    """A date, or nothing yet. ``required`` is the Dutch message when it must be filled in.

    ``value()`` is the date or None; it raises ``ValidationError({key: message})`` for text
    that is not a date (and when empty but required), and shows the message under the field
    (``problem_changed``). ``today`` is where the calendar opens on an empty field: the app's
    clock, never the computer's.
    """

    changed = Signal()
    problem_changed = Signal(str)  # '' when the field is fine again

    def __init__(self, value: date | None = None, today: date | None = None,
                 parent: QWidget | None = None, *, key: str = "", required: str | None = None,
                 empty_means: str = "") -> None:
        super().__init__(parent)
        self.key = key
        self.required = required
        self._today = today
        self._minimum: date | None = None
        self._problem = ""
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(PLACEHOLDER)
        width = self.edit.fontMetrics().horizontalAdvance("00-00-00000") + 20
        self.edit.setMinimumWidth(width)
        self.edit.setMaximumWidth(width + 40)
        self.edit.setToolTip("Typ de datum (bijv. 31-3-2026 of 31032026) of kies hem met "
                             "Alt+↓ in de kalender.")
        self.edit.setAccessibleDescription("Datum als dag-maand-jaar. Alt+pijl omlaag opent "
                                           "de kalender.")
        self.button = QToolButton()
        self.button.setIcon(calendar_icon())
        self.button.setToolTip("Kalender (Alt+↓)")
        self.button.setAccessibleName("Kalender openen")
        # Alt+↓ reaches the calendar from the field: one Tab stop per date, not two.
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.calendar = QCalendarWidget()
        self.calendar.setLocale(DUTCH)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setGridVisible(True)
        self.calendar.setAccessibleName("Kalender")
        self._menu = QMenu(self)
        holder = QWidgetAction(self._menu)
        holder.setDefaultWidget(self.calendar)
        self._menu.addAction(holder)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.button)
        self.hint: QLabel | None = None
        if empty_means:
            self.hint = QLabel(f"leeg: {empty_means}")
            self.hint.setStyleSheet("color: #595959;")
            layout.addSpacing(6)
            layout.addWidget(self.hint)
        self.setFocusProxy(self.edit)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.set_value(value)
        self.edit.textEdited.connect(self._edited)
        self.edit.editingFinished.connect(self._finished)
        self.edit.installEventFilter(self)
        self.button.clicked.connect(self.open_calendar)
        self.calendar.activated.connect(self._picked)
        self.calendar.clicked.connect(self._picked)

    def setAccessibleName(self, name: str) -> None:
        """The name belongs to the text field a screen reader lands on."""
        self.edit.setAccessibleName(name)
        super().setAccessibleName(name)

    # -- reading and writing --------------------------------------------------------------
    def text(self) -> str:
        return self.edit.text()

    def set_value(self, day: date | None) -> None:
        self.edit.setText(format_date(day))
        self.show_problem("")

    def set_minimum(self, day: date) -> None:
        """The earliest day the calendar offers (typed dates are checked by the service)."""
        self._minimum = day
        self.calendar.setMinimumDate(to_qdate(day))

    def problem(self) -> str | None:
        """What is wrong with the field in Dutch, or None."""
        try:
            day = parse_date_text(self.edit.text())
        except DateTextError as exc:
            return exc.message
        if day is None and self.required is not None:
            return self.required
        return None

    def value(self) -> date | None:
        """The date; None when empty. Raises ``ValidationError`` for text that is no date."""
        message = self.problem()
        if message is not None:
            self.show_problem(message)
            raise ValidationError({self.key: message})
        return parse_date_text(self.edit.text())

    def day(self) -> date:
        """The date of a field that must be filled in (raises like ``value``)."""
        day = self.value()
        if day is None:
            message = self.required or MISSING
            self.show_problem(message)
            raise ValidationError({self.key: message})
        return day

    def value_or(self, default: date | None) -> date | None:
        """The date, or ``default`` while the field is empty or not a date (for previews)."""
        try:
            return parse_date_text(self.edit.text()) or default
        except DateTextError:
            return default

    # -- typing and picking ---------------------------------------------------------------
    def _edited(self) -> None:
        if self._problem and self.problem() is None:
            self.show_problem("")  # fixed: the old message goes at once
        self.changed.emit()

    def _finished(self) -> None:
        """Leaving the field: write a good date out in full, or say what is wrong."""
        try:
            day = parse_date_text(self.edit.text())
        except DateTextError as exc:
            self.show_problem(exc.message)  # the typed text stays as it is
            return
        self.show_problem("")
        if day is not None and self.edit.text() != format_date(day):
            self.edit.setText(format_date(day))

    def show_problem(self, message: str) -> None:
        """Say under the field what is wrong ('' when nothing is)."""
        if message != self._problem:
            self._problem = message
            self.problem_changed.emit(message)

    def open_calendar(self) -> None:
        start = self.value_or(None) or self._today
        if start is not None:
            if self._minimum is not None:
                start = max(start, self._minimum)
            self.calendar.setSelectedDate(to_qdate(start))
        self._menu.popup(self.mapToGlobal(QPoint(0, self.height())))
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _picked(self, qdate: QDate) -> None:
        self._menu.close()
        self.edit.setText(format_date(from_qdate(qdate)))
        self.show_problem("")
        self.edit.setFocus(Qt.FocusReason.PopupFocusReason)
        self.changed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            alt_down = (event.key() == Qt.Key.Key_Down
                        and event.modifiers() & Qt.KeyboardModifier.AltModifier)
            if alt_down or event.key() == Qt.Key.Key_F4:
                self.open_calendar()
                return True
        return super().eventFilter(watched, event)


def check_dates(*fields: DateField) -> None:
    """Raise one ``ValidationError`` with the problems of all ``fields`` (each shown under its
    field); nothing when all are fine."""
    problems: dict[str, str] = {}
    for field in fields:
        message = field.problem()
        if message is not None:
            field.show_problem(message)
            problems[field.key or f"date{len(problems)}"] = message
    if problems:
        raise ValidationError(problems)
