"""'Uitgesteld': the reminders and follow-up moments kept out of the Vandaag list, with why and
until when; each can be taken back, so a snoozed deadline is never out of sight for good."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.services import reminders
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.services.reminders import SnoozedRow
from thuiszitter_desktop.ui.list_editor import fill_table, list_table

HEADERS = ("Leerling", "Termijn", "Uitgesteld", "Reden", "Door")


class SnoozedDialog(QDialog):
    open_case = Signal(str)

    def __init__(self, ctx: AppContext, rows: Sequence[SnoozedRow],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.rows = list(rows)
        self.setWindowTitle("Uitgestelde herinneringen")
        self.resize(900, 420)
        intro = QLabel("Deze termijnen en nazorgmomenten staan niet op Vandaag: uitgesteld "
                       "tot een datum, of afgevinkt als gezien. 'Terugzetten' zet er een meteen "
                       "weer in de lijst.")
        intro.setWordWrap(True)
        self.table = list_table(HEADERS, stretch_column=3, min_height=160)
        self.table.setAccessibleName("Uitgestelde termijnen")
        self.empty = QLabel("Er is niets uitgesteld.")
        buttons = QDialogButtonBox()
        self.restore_button = QPushButton("&Terugzetten")
        self.open_button = QPushButton("Casus &openen")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton("Sluiten", QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore_current)
        self.open_button.clicked.connect(self._open_current)
        self.table.activated.connect(lambda _index: self._open_current())
        self._show()

    def _show(self) -> None:
        fill_table(self.table, [[r.pupil_name, r.text, r.until_text, r.snooze.reason,
                                 r.snooze.by] for r in self.rows])
        has_rows = bool(self.rows)
        self.table.setVisible(has_rows)
        self.empty.setVisible(not has_rows)
        for button in (self.restore_button, self.open_button):
            button.setEnabled(has_rows)
        if has_rows:
            self.table.selectRow(0)

    def current(self) -> SnoozedRow | None:
        row = self.table.currentRow()
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def restore_current(self) -> None:
        chosen = self.current()
        if chosen is None:
            return
        reminders.undo_snooze(self._ctx, chosen.snooze)
        self.rows.remove(chosen)
        self._show()

    def _open_current(self) -> None:
        chosen = self.current()
        if chosen is not None:
            self.open_case.emit(chosen.case_id)
