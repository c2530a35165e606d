"""The "Vandaag" page, shown after unlock: what is overdue and what falls due this week."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain.dutch_dates import dutch_date
from thuiszitter_desktop.domain.reminders import Snooze
from thuiszitter_desktop.services import access_log, reminders
from thuiszitter_desktop.services.clock_cache import ClockCache
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.services.follow_up import FollowUpRow
from thuiszitter_desktop.services.reminders import ReminderRow, SnoozedRow, touched_cases
from thuiszitter_desktop.services.today_board import TodayBoard
from thuiszitter_desktop.ui.date_field import format_date
from thuiszitter_desktop.ui.document_output import save_document
from thuiszitter_desktop.ui.reflow import ReflowColumns
from thuiszitter_desktop.ui.snooze_dialog import SnoozeDialog
from thuiszitter_desktop.ui.snoozed_dialog import SnoozedDialog
from thuiszitter_desktop.ui.today_model import TEXT_COLUMN, FollowUpModel, TodayModel
from thuiszitter_desktop.ui.word_elide import WordElideDelegate


class TodayPage(QWidget):
    open_case = Signal(str)
    notification_changed = Signal(str)  # privacy-safe counts for the tray

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 cache: ClockCache | None = None, load_now: bool = True) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._cache = cache  # the open cases' clock, shared with the caseload overview
        self._notification = ""
        self._board = TodayBoard()
        self._snoozed: list[SnoozedRow] = []  # kept out of the list; the 'Uitgesteld' button
        self._undoable: Snooze | None = None  # the last snooze, while it can be taken back
        self.model = TodayModel(self)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.summary = QLabel()
        self.saved = QLabel()
        self.empty = QLabel()
        self.table = QTableView()
        self.table.setAccessibleName("Termijnen: verlopen en deze week")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        # A deadline shortens by whole words on a narrow window (full text in the tooltip).
        self.table.setItemDelegateForColumn(TEXT_COLUMN, WordElideDelegate(self.table))
        self.table.horizontalHeader().setStretchLastSection(True)
        # Column widths from a sample: measuring every row of a long list slowed start-up.
        self.table.horizontalHeader().setResizeContentsPrecision(40)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)

        # Follow-up after closing (seed 001: "Tot een jaar later wordt er gekeken hoe het
        # gaat"): closed cases, so beside the deadlines of the open ones.
        self.follow_up_model = FollowUpModel(self)
        self.follow_up_heading = QLabel("Nazorg na afsluiten: vragen hoe het gaat")
        self.follow_up_heading.setStyleSheet("font-weight: bold;")
        self.follow_up_table = QTableView()
        self.follow_up_table.setModel(self.follow_up_model)
        self.follow_up_table.setAccessibleName("Nazorg deze week")
        self.follow_up_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.follow_up_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.follow_up_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.follow_up_table.verticalHeader().hide()
        self.follow_up_table.horizontalHeader().setStretchLastSection(True)
        self.follow_up_table.setWordWrap(False)
        self.follow_up_table.setItemDelegateForColumn(
            TEXT_COLUMN, WordElideDelegate(self.follow_up_table))
        # Snoozed like a deadline (same dialog, undo and 'Uitgesteld' list); done is recorded
        # in the case's Nazorg tab, so no 'Gezien' here.
        self.follow_up_open_button = QPushButton("Casus o&penen")
        self.follow_up_open_button.setToolTip(
            "De casus openen; op de tab Nazorg legt u vast hoe het gaat (Enter)")
        self.follow_up_snooze_button = QPushButton("Nazorg uit&stellen…")
        follow_up_buttons = QHBoxLayout()
        follow_up_buttons.addWidget(self.follow_up_open_button)
        follow_up_buttons.addWidget(self.follow_up_snooze_button)
        follow_up_buttons.addStretch(1)
        self.follow_up_buttons = QWidget()
        self.follow_up_buttons.setLayout(follow_up_buttons)
        follow_up_buttons.setContentsMargins(0, 0, 0, 0)
        for widget in (self.follow_up_heading, self.follow_up_table, self.follow_up_buttons):
            widget.hide()  # until a follow-up is due

        self.open_button = QPushButton("&Openen")
        self.open_button.setToolTip("Casus openen (Enter)")
        self.snooze_button = QPushButton("&Uitstellen…")
        self.ack_button = QPushButton("&Gezien…")
        self.ics_button = QPushButton("&Agenda exporteren (.ics)…")
        self.weekly_button = QPushButton("&Weekoverzicht (PDF)…")
        self.snoozed_button = QPushButton()
        self.snoozed_button.setToolTip("Wat uitgesteld of als gezien afgevinkt is, en waarom")
        # The reminder's buttons left, the files right; one below the other at 200 %.
        reminder_buttons = QHBoxLayout()
        for button in (self.open_button, self.snooze_button, self.ack_button,
                       self.snoozed_button):
            reminder_buttons.addWidget(button)
        reminder_buttons.addStretch(1)
        file_buttons = QHBoxLayout()
        file_buttons.addStretch(1)
        file_buttons.addWidget(self.ics_button)
        file_buttons.addWidget(self.weekly_button)
        buttons = ReflowColumns([reminder_buttons, file_buttons])

        # After a snooze: what happened, and a way back (Ctrl+Z).
        self.undo_text = QLabel()
        self.undo_text.setWordWrap(True)
        self.undo_button = QPushButton("&Ongedaan maken")
        self.undo_button.setToolTip("Het uitstel terugdraaien (Ctrl+Z)")
        self.undo_bar = QWidget()
        self.undo_bar.setObjectName("undoBar")
        self.undo_bar.setStyleSheet("#undoBar { background: #E8F0FB; border: 1px solid #1F4E79; }")
        bar = QHBoxLayout(self.undo_bar)
        bar.addWidget(self.undo_text, 1)
        bar.addWidget(self.undo_button)
        self.undo_bar.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.undo_bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        layout.addWidget(self.follow_up_heading)
        layout.addWidget(self.follow_up_table)
        layout.addWidget(self.follow_up_buttons)
        layout.addWidget(self.saved)

        self.table.activated.connect(self._activated)
        self.follow_up_table.activated.connect(
            lambda index: self.open_case.emit(
                self.follow_up_model.row_at(index.row()).item.case_id))
        self.follow_up_open_button.clicked.connect(self._open_current_follow_up)
        self.follow_up_snooze_button.clicked.connect(self.snooze_current_follow_up)
        self.open_button.clicked.connect(self._open_current)
        self.snooze_button.clicked.connect(lambda: self.snooze_current(acknowledge=False))
        self.ack_button.clicked.connect(lambda: self.snooze_current(acknowledge=True))
        self.ics_button.clicked.connect(self.export_ics)
        self.weekly_button.clicked.connect(self.export_weekly)
        self.snoozed_button.clicked.connect(self.show_snoozed)
        self.undo_button.clicked.connect(self.undo_snooze)
        QShortcut(QKeySequence("Ctrl+U"), self, lambda: self.snooze_current(acknowledge=False))
        undo = QShortcut(QKeySequence.StandardKey.Undo, self, self.undo_snooze)
        undo.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        if load_now:
            self.reload()
        else:  # the window reads the clock in the background and calls show_board
            self.heading.setText(f"Vandaag, {dutch_date(ctx.today())}")
            self.summary.setText("Termijnen worden geladen…")
            self.table.hide()
            self.empty.hide()
            for button in (self.open_button, self.snooze_button, self.ack_button):
                button.setEnabled(False)

    # -- data -----------------------------------------------------------------------------
    def reload(self) -> None:
        today = self._ctx.today()
        if self._cache is not None:
            board = TodayBoard()
            board.rebuild(self._cache.snapshot(), today, self._cache.pending_deadlines(today))
            self.show_board(board)
            return
        overview = reminders.load_today(self._ctx)
        self._snoozed = list(overview.snoozed)
        self._show_follow_ups(list(overview.follow_ups))
        self._show_rows(list(overview.rows), overview.notification)

    def show_board(self, board: TodayBoard) -> None:
        """Show a Vandaag list built from the shared clock (maybe in a worker thread)."""
        self._board = board
        self._snoozed = board.snoozed_rows()
        self._show_follow_ups(board.follow_up_rows())
        self._show_rows(board.rows, board.notification)

    def _show_rows(self, rows: list[ReminderRow], notification: str) -> None:
        self.model.set_rows(rows)
        self._show_counts(notification)
        if rows:
            self.table.selectRow(0)
            self.table.resizeColumnsToContents()
            # The deadline text takes the rest of the width: sizing to contents shrank it, and
            # switching the stretch on again makes Qt recompute it.
            header = self.table.horizontalHeader()
            header.setStretchLastSection(False)
            header.setStretchLastSection(True)

    def _show_counts(self, notification: str) -> None:
        self.heading.setText(f"Vandaag, {dutch_date(self._ctx.today())}")
        self.summary.setText(notification or "Geen termijnen om op te letten.")
        self.snoozed_button.setText(f"U&itgesteld ({len(self._snoozed)})…")
        has_rows = self.model.rowCount() > 0
        self.table.setVisible(has_rows)
        self.empty.setText("Geen termijnen van open casussen; wel nazorg, hieronder."
                           if self.follow_up_model.rowCount()
                           else "Niets verlopen en deze week geen termijnen. Goed bezig!")
        self.empty.setVisible(not has_rows)
        for button in (self.open_button, self.snooze_button, self.ack_button):
            button.setEnabled(has_rows)
        if notification != self._notification:
            self._notification = notification
            self.notification_changed.emit(notification)

    def _show_follow_ups(self, due: list[FollowUpRow]) -> None:
        """Follow-up moments due this week or overdue, not snoozed (mostly closed cases)."""
        if due != self.follow_up_model.rows():
            self.follow_up_model.set_rows(due)
            if due:
                self.follow_up_table.selectRow(0)
                self.follow_up_table.resizeColumnsToContents()
                self._fit_follow_ups(len(due))
        for widget in (self.follow_up_heading, self.follow_up_table, self.follow_up_buttons):
            widget.setVisible(bool(due))

    def _fit_follow_ups(self, rows: int) -> None:
        """As high as its rows (at most four, then it scrolls): the deadlines above keep the
        room, also at 200 %."""
        table = self.follow_up_table
        height = (table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
                  + min(rows, 4) * table.verticalHeader().defaultSectionSize())
        table.setMaximumHeight(height + table.horizontalScrollBar().sizeHint().height())
        table.setMinimumHeight(min(height, table.maximumHeight()))

    def summary_text(self) -> str:
        """The privacy-safe counts of the last reload (empty when nothing is due)."""
        return self._notification

    def on_change(self, change: Change) -> None:
        # Any change (case, contact, plan, MDO, reminder, settings, follow-up) may move a
        # deadline; with the shared clock only the rows of the cases it touched are replaced.
        if self._cache is None:
            self.reload()
            return
        if not self._cache.loaded:
            return  # still being read: the change is replayed on what the read brings
        today = self._ctx.today()
        edits = self._board.update(self._cache.snapshot(), today,
                                   self._cache.pending_deadlines(today), touched_cases(change))
        if edits is None:
            self.reload()
            return
        had_rows = self.model.rowCount() > 0
        for edit in edits:
            if edit.row is None:
                self.model.remove_row(edit.position)
            else:
                self.model.insert_row(edit.position, edit.row)
        self._snoozed = self._board.snoozed_rows()
        self._show_follow_ups(self._board.follow_up_rows())
        self._show_counts(self._board.notification)
        if self.model.rowCount() and (not had_rows or not self.table.currentIndex().isValid()):
            self.table.selectRow(0)

    def clear(self) -> None:
        self._board = TodayBoard()
        self.model.set_rows([])
        self.follow_up_model.set_rows([])
        self._notification = ""
        self._snoozed = []
        self._undoable = None
        self.undo_bar.hide()
        self.summary.clear()
        self.saved.clear()

    def current_row(self) -> ReminderRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    # -- actions --------------------------------------------------------------------------
    def _activated(self, index: QModelIndex) -> None:
        self.open_case.emit(self.model.row_at(index.row()).reminder.case_id)

    def _open_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self.open_case.emit(row.reminder.case_id)

    def current_follow_up(self) -> FollowUpRow | None:
        index = self.follow_up_table.currentIndex()
        return self.follow_up_model.row_at(index.row()) if index.isValid() else None

    def _open_current_follow_up(self) -> None:
        row = self.current_follow_up()
        if row is not None:
            self.open_case.emit(row.item.case_id)

    def snooze_current_follow_up(self) -> None:
        row = self.current_follow_up()
        if row is not None:
            self._snooze(row, acknowledge=False)

    def snooze_current(self, acknowledge: bool) -> None:
        """Snooze (or tick off) the selected deadline; Ctrl+U in the Nazorg list snoozes the
        selected follow-up moment."""
        if not acknowledge and self.follow_up_table.hasFocus():
            self.snooze_current_follow_up()
            return
        row = self.current_row()
        if row is not None:
            self._snooze(row, acknowledge)

    def _snooze(self, row: ReminderRow | FollowUpRow, acknowledge: bool) -> None:
        dialog = SnoozeDialog(self._ctx, row, acknowledge=acknowledge, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            self._undoable = dialog.saved
            what = ("als gezien afgevinkt" if dialog.saved.acknowledged
                    else f"uitgesteld tot {format_date(dialog.saved.until)}")
            self.undo_text.setText(f"{row.text} ({row.pupil_name}) is {what}. Terugvinden: "
                                   "knop 'Uitgesteld'.")
            self.undo_bar.show()
            if self._cache is None:
                self.reload()  # with the shared clock, the change notice updates the rows

    def undo_snooze(self) -> None:
        """Take the last snooze back: the line returns to the list."""
        if self._undoable is None:
            return
        reminders.undo_snooze(self._ctx, self._undoable)
        self._undoable = None
        self.undo_bar.hide()
        if self._cache is None:
            self.reload()  # with the shared clock, the change notice brings the row back

    def show_snoozed(self) -> None:
        dialog = SnoozedDialog(self._ctx, self._snoozed, self)
        dialog.open_case.connect(self.open_case)
        dialog.exec()
        if self._cache is None:
            self.reload()

    def export_ics(self) -> None:
        self._save(lambda: reminders.export_ics(self._ctx), "termijnen.ics",
                   "Agendabestanden (*.ics)", "termijnen-agenda")

    def export_weekly(self) -> None:
        name = f"weekoverzicht-{self._ctx.today():%Y-%m-%d}.pdf"
        self._save(lambda: reminders.weekly_pdf(self._ctx), name, "PDF (*.pdf)",
                   "weekoverzicht")

    def _save(self, make: Callable[[], bytes], suggested: str, file_filter: str,
              document: str) -> None:
        path = save_document(self, suggested, make, file_filter=file_filter)
        if path is not None:
            access_log.record_saved(self._ctx, document, path)
            self.saved.setText(f"Opgeslagen: {path.name}")

