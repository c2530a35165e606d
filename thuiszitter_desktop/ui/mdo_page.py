"""The MDO page: meetings, the agenda as text, and the documents to hand out."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain.mdo import Mdo
from thuiszitter_desktop.domain.ziekteverzuim import next_school_day
from thuiszitter_desktop.services import access_log
from thuiszitter_desktop.services import mdo as mdo_service
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.ui.date_field import format_date
from thuiszitter_desktop.ui.document_output import save_document
from thuiszitter_desktop.ui.flow_layout import flow_row
from thuiszitter_desktop.ui.lazy_page import LazyLoad, LazyPage
from thuiszitter_desktop.ui.mdo_dialog import MdoDialog
from thuiszitter_desktop.ui.mdo_outcome_dialog import OutcomeDialog

REFRESH_ON = frozenset({"mdo", "case", "plan", "contact", "settings"})
FOLLOW_UP_WEEKS = 6


class MdoPage(LazyPage, QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 lazy: bool = False) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._meetings: list[Mdo] = []
        self._viewed: str | None = None  # the MDO whose agenda view was last recorded
        self.table = QTableWidget(0, 4)
        self.table.setAccessibleName("MDO's")
        self.table.setHorizontalHeaderLabels(["Datum", "Tijd", "School", "Leerlingen"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.preview = QPlainTextEdit()
        self.preview.setAccessibleName("Agenda van het gekozen MDO")
        self.preview.setReadOnly(True)
        self.preview.setPlaceholderText("Kies een MDO om de agenda te zien.")
        self.saved = QLabel()

        self.new_button = QPushButton("&Nieuw MDO…")
        self.edit_button = QPushButton("&Bewerken…")
        self.outcome_button = QPushButton("&Uitkomst vastleggen…")
        self.next_button = QPushButton("&Volgend MDO plannen")
        self.agenda_button = QPushButton("&Agenda (PDF)…")
        self.copy_button = QPushButton("Agenda &kopiëren (e-mail)")
        self.parents_button = QPushButton("Uitnodiging &ouders (PDF)…")
        self.minutes_button = QPushButton("No&tulen (PDF)…")
        self.delete_button = QPushButton("Verwijderen…")
        # The meeting's actions, then its documents; each row wraps on a narrow window.
        actions = flow_row(self.new_button, self.edit_button, self.outcome_button,
                           self.next_button, self.delete_button)
        documents = flow_row(self.agenda_button, self.copy_button, self.parents_button,
                             self.minutes_button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(actions)
        layout.addWidget(documents)
        layout.addWidget(self.saved)

        self.table.itemSelectionChanged.connect(self._show_preview)
        # Enter as well as a double-click (activated covers both).
        self.table.activated.connect(lambda _index: self.edit_current())
        self.new_button.clicked.connect(self.new_mdo)
        self.edit_button.clicked.connect(self.edit_current)
        self.outcome_button.clicked.connect(self.record_outcome)
        self.next_button.clicked.connect(self.plan_next)
        self.delete_button.clicked.connect(self.delete_current)
        self.agenda_button.clicked.connect(self.save_agenda)
        self.copy_button.clicked.connect(self.copy_agenda)
        self.parents_button.clicked.connect(self.save_parent_letter)
        self.minutes_button.clicked.connect(self.save_minutes)
        self.loader = LazyLoad(self.reload, lazy=lazy)

    # -- data -----------------------------------------------------------------------------
    def reload(self) -> None:
        chosen = self.current()
        self._meetings = list(reversed(mdo_service.list_mdos(self._ctx)))  # newest first
        self.table.setRowCount(0)
        for row, mdo in enumerate(self._meetings):
            self.table.insertRow(row)
            done = sum(1 for item in mdo.items if item.discussed)
            cells = (format_date(mdo.on), f"{mdo.start_time:%H:%M}", mdo.school,
                     f"{len(mdo.items)} ({done} besproken)")
            for column, value in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(value))
        ids = [m.id for m in self._meetings]
        if self._meetings:
            self.table.selectRow(ids.index(chosen.id) if chosen and chosen.id in ids else 0)
        self._show_preview()

    def on_change(self, change: Change) -> None:
        if change.entity in REFRESH_ON:
            self.loader.changed()

    def clear(self) -> None:
        self.loader.forget()
        self._meetings = []
        self.table.setRowCount(0)
        self.preview.clear()
        self.saved.clear()

    def current(self) -> Mdo | None:
        row = self.table.currentRow()
        return self._meetings[row] if 0 <= row < len(self._meetings) else None

    def _show_preview(self) -> None:
        mdo = self.current()
        has = mdo is not None
        for button in (self.edit_button, self.outcome_button, self.next_button,
                       self.delete_button, self.agenda_button, self.copy_button,
                       self.parents_button, self.minutes_button):
            button.setEnabled(has)
        self.preview.setPlainText(mdo_service.agenda_email(self._ctx, mdo.id) if mdo else "")
        if mdo is not None and mdo.id != self._viewed:
            # One line per agenda opened; a refresh of the same agenda is not a new view.
            self._viewed = mdo.id
            access_log.record_view(self._ctx, "mdo-agenda", mdo.id)

    def page_hidden(self) -> None:
        super().page_hidden()
        self._viewed = None

    # -- actions --------------------------------------------------------------------------
    def new_mdo(self) -> None:
        last = self._meetings[0] if self._meetings else None
        mdo = Mdo(on=next_school_day(self._ctx.today() + timedelta(days=7)),
                  start_time=time(9, 0),
                  school=last.school if last else "", location=last.location if last else "",
                  chair=last.chair if last else "")
        self._edit(mdo)

    def edit_current(self) -> None:
        mdo = self.current()
        if mdo is not None:
            self._edit(mdo)

    def _edit(self, mdo: Mdo) -> None:
        dialog = MdoDialog(self._ctx, mdo, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()

    def record_outcome(self) -> None:
        mdo = self.current()
        if mdo is not None:
            OutcomeDialog(self._ctx, mdo, self).exec()
            self.reload()

    def plan_next(self) -> None:
        mdo = self.current()
        if mdo is None:
            return
        on = mdo.next_mdo_date or mdo.on + timedelta(weeks=FOLLOW_UP_WEEKS)
        following = mdo_service.start_next_mdo(self._ctx, mdo.id, on, mdo.start_time)
        self.reload()
        self._edit(following)

    def delete_current(self) -> None:
        mdo = self.current()
        if mdo is None:
            return
        answer = QMessageBox.question(
            self, "MDO verwijderen",
            f"Het MDO van {format_date(mdo.on)} met agenda en uitkomsten verwijderen?")
        if answer == QMessageBox.StandardButton.Yes:
            mdo_service.delete_mdo(self._ctx, mdo.id)
            self.reload()

    def copy_agenda(self) -> None:
        QApplication.clipboard().setText(self.preview.toPlainText())
        mdo = self.current()
        access_log.record_document(self._ctx, "mdo-agenda", "tekst",
                                   mdo.id if mdo else None, how=access_log.COPIED)
        self.saved.setText("Agenda gekopieerd; plak hem in een e-mail.")

    def save_agenda(self) -> None:
        mdo = self.current()
        if mdo is not None:
            self._save(lambda: mdo_service.agenda_pdf(self._ctx, mdo.id),
                       f"agenda-mdo-{mdo.on}.pdf", "mdo-agenda", mdo.id)

    def save_minutes(self) -> None:
        mdo = self.current()
        if mdo is not None:
            self._save(lambda: mdo_service.minutes_pdf(self._ctx, mdo.id),
                       f"notulen-mdo-{mdo.on}.pdf", "mdo-notulen", mdo.id)

    def save_parent_letter(self) -> None:
        mdo = self.current()
        if mdo is None or not mdo.items:
            return
        names = mdo_service.pupil_names(self._ctx, mdo.case_ids)
        labels = [names.get(cid, "Leerling") for cid in mdo.case_ids]
        label, ok = QInputDialog.getItem(self, "Uitnodiging ouders", "Voor de ouders van:",
                                         labels, 0, False)
        if not ok:
            return
        case_id = mdo.case_ids[labels.index(label)]
        first = label.split()[0] if label.split() else "leerling"
        self._save(lambda: mdo_service.parent_agenda_pdf(self._ctx, mdo.id, case_id),
                   f"uitnodiging-mdo-{first.lower()}.pdf", "mdo-uitnodiging ouders", mdo.id,
                   case_id)

    def _save(self, make: Callable[[], bytes], suggested: str, document: str, mdo_id: str,
              case_id: str | None = None) -> None:
        path = save_document(self, suggested, make)
        if path is not None:
            access_log.record_saved(self._ctx, document, path, mdo_id, case_id)
            self.saved.setText(f"Opgeslagen: {path.name}")
