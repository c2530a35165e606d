"""Snooze or acknowledge one reminder, or snooze a follow-up moment after closing, always
with a reason (it is logged)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.reminders import Snooze
from thuiszitter_desktop.services import reminders
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.services.follow_up import FollowUpRow
from thuiszitter_desktop.services.reminders import ReminderRow
from thuiszitter_desktop.ui.date_field import DateField
from thuiszitter_desktop.ui.widgets import ErrorLabel, save_cancel_buttons, with_error


class SnoozeDialog(QDialog):
    def __init__(self, ctx: AppContext, row: ReminderRow | FollowUpRow,
                 acknowledge: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.row = row
        self.item = row.reminder if isinstance(row, ReminderRow) else row.item
        self.saved: Snooze | None = None  # what was stored (for 'Ongedaan maken')
        self.setWindowTitle("Herinnering uitstellen of afvinken")
        self.summary = QLabel(f"<b>{_escape(row.pupil_name)}</b> — {_escape(row.text)}")
        self.snooze_choice = QRadioButton("&Uitstellen tot")
        self.ack_choice = QRadioButton("&Gezien: niet meer herinneren")
        group = QButtonGroup(self)
        group.addButton(self.snooze_choice)
        group.addButton(self.ack_choice)
        self.until = DateField(ctx.today() + timedelta(days=3), ctx.today(), key="until",
                               required="Kies tot wanneer u de herinnering uitstelt.")
        self.until.set_minimum(ctx.today() + timedelta(days=1))
        self.until_error = ErrorLabel()
        self.until.edit.setAccessibleName("Uitstellen tot")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("Bijvoorbeeld: moeder belt maandag terug")
        self.errors = ErrorLabel()
        buttons = save_cancel_buttons(self.save, self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)

        form = QFormLayout()
        form.addRow(self.snooze_choice, with_error(self.until, self.until_error))
        form.addRow(self.ack_choice)
        if isinstance(row, FollowUpRow):
            # A follow-up is done when its outcome is recorded, never by ticking it off.
            self.setWindowTitle("Nazorg uitstellen")
            form.setRowVisible(self.ack_choice, False)
            done = QLabel("Is de nazorg gedaan? Leg dan vast hoe het gaat: casus openen, "
                          "tab Nazorg.")
            done.setWordWrap(True)
            form.addRow(done)
        form.addRow("&Reden", self.reason)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(self.errors)
        layout.addWidget(buttons)
        self.snooze_choice.toggled.connect(self.until.setEnabled)
        (self.ack_choice if acknowledge else self.snooze_choice).setChecked(True)
        self.until.setEnabled(not acknowledge)
        self.reason.setFocus()

    def save(self) -> None:
        try:
            if self.ack_choice.isChecked():
                self.saved = reminders.acknowledge_reminder(self.ctx, self.item,
                                                            self.reason.text())
            else:
                self.saved = reminders.snooze_reminder(self.ctx, self.item, self.until.day(),
                                                       self.reason.text())
        except ValidationError as error:
            self.errors.show_message(error.message)
            return
        self.accept()


def _escape(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
