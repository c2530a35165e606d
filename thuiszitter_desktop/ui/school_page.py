"""'Mijn school': the zorgcoördinator's page (issue 21).

Left the school's shared pupils (stage, days at home, next deadline); right what the school
sees of the chosen pupil (the plan's goals and agreements, the school's input, its proposals
and the MDO's decisions) with 'Voorstellen voor het MDO…' and 'Inbreng van school…'; below,
the MDO meetings of the school with 'Agenda afdrukken…' and 'Agenda opslaan (PDF)…'.
Everything comes from this device's vault, which holds only what the server let through.
"""

from __future__ import annotations

from datetime import date
from html import escape
from typing import Any

from PySide6.QtCore import QItemSelection, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.services import mdo, school_role
from thuiszitter_desktop.services.caseload_row import CaseloadRow
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.ui.caseload_model import days_text
from thuiszitter_desktop.ui.date_field import format_date
from thuiszitter_desktop.ui.deadline_style import state_role
from thuiszitter_desktop.ui.document_output import print_document, save_document
from thuiszitter_desktop.ui.lazy_page import LazyLoad
from thuiszitter_desktop.ui.row_table_model import (
    RIGHT_ALIGNED,
    SORT_ROLE,
    RowColumn,
    RowTableModel,
)
from thuiszitter_desktop.ui.school_dialogs import ProposalDialog, SchoolInputDialog

DEADLINE_COLUMN = 4


class SchoolPupilsModel(RowTableModel[CaseloadRow]):
    def __init__(self, today: date, parent: Any = None) -> None:
        self.today = today
        super().__init__((
            RowColumn("Leerling", lambda r: r.pupil_name, lambda r: r.sort_name),
            RowColumn("School", lambda r: r.school),
            RowColumn("Fase", lambda r: r.stage if r.is_open else "Afgesloten",
                      lambda r: r.stage_order),
            RowColumn("Dagen thuis", lambda r: days_text(r.days_at_home),
                      lambda r: -1 if r.days_at_home is None else r.days_at_home,
                      RIGHT_ALIGNED),
            RowColumn("Volgende termijn",
                      lambda r: r.deadline.describe(self.today) if r.deadline
                      else "Geen open termijn",
                      lambda r: r.deadline.due.toordinal() if r.deadline else 10**7),
        ), parent)

    def case_id(self, item: CaseloadRow) -> str:
        return item.case_id

    def cell_data(self, item: CaseloadRow, column: int, role: int) -> Any:
        if column == DEADLINE_COLUMN and item.deadline is not None:
            return state_role(item.deadline.state, role)
        return None


def _section(title: str, lines: list[str], empty: str) -> str:
    body = "".join(f"<li>{line}</li>" for line in lines) if lines else f"<li><i>{empty}</i></li>"
    return f"<h3>{escape(title)}</h3><ul>{body}</ul>"


def pupil_html(name: str, view: school_role.PupilView) -> str:
    """The chosen pupil as the school sees it (all user text escaped)."""
    goals = [escape(g) for g in view.goals]
    agreements = [f"{escape(a.what)} — {escape(a.who or 'nog niet ingevuld')}"
                  f"{', uiterlijk ' + format_date(a.due) if a.due else ''} ({escape(a.status)})"
                  for a in view.agreements]
    inputs = [f"<b>{format_date(i.on_date)}, {escape(i.written_by)}</b><br>"
              + "<br>".join(f"{label}: {escape(text)}" for label, text in (
                  ("Aanwezigheid", i.attendance), ("Geprobeerd", i.tried),
                  ("Nodig", i.needs)) if text.strip())
              for i in view.inputs]
    proposals = [f"{format_date(p.proposed_on)}: {escape(p.question)} "
                 f"<i>({escape(p.status.label)})</i>" for p in view.proposals]
    decisions = [f"<b>MDO {format_date(d.meeting)}</b>"
                 + (f" — {escape(d.question)}" if d.question.strip() else "")
                 + "".join(f"<br>Besluit: {escape(x)}" for x in d.decisions)
                 + "".join(f"<br>Actie: {escape(x)}" for x in d.actions)
                 for d in view.decisions]
    shared = (f"<p><b>Gezamenlijk doel:</b> {escape(view.shared_goal)}</p>"
              if view.shared_goal.strip() else "")
    return (f"<h2>{escape(name)}</h2>{shared}"
            + _section("Doelen uit het plan van aanpak", goals, "Nog geen plan van aanpak")
            + _section("Afspraken", agreements, "Nog geen afspraken")
            + _section("Inbreng van school", inputs, "Nog geen inbreng")
            + _section("Voorgesteld voor het MDO", proposals, "Niet voorgesteld")
            + _section("Besluiten van het MDO", decisions, "Nog niet besproken"))


class SchoolPage(QWidget):
    """Only what a zorgcoördinator may see and do (menus follow the role: app/main_window)."""

    pupil_selected = Signal(str)

    def __init__(self, ctx: AppContext, lazy: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loader = LazyLoad(self.reload, lazy=lazy)
        self.model = SchoolPupilsModel(ctx.today(), self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Leerlingen van mijn school")
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The deadline's text is the longest: it takes the room left and wraps.
        header.setSectionResizeMode(DEADLINE_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().selectionChanged.connect(self._selected)

        self.detail = QTextBrowser()
        self.detail.setAccessibleName("Wat de school ziet van deze leerling")
        self.propose_button = QPushButton("&Voorstellen voor het MDO…")
        self.propose_button.clicked.connect(self.propose)
        self.input_button = QPushButton("&Inbreng van school…")
        self.input_button.clicked.connect(self.add_input)

        self.meetings = QListWidget()
        self.meetings.setAccessibleName("MDO's van mijn school")
        self.print_button = QPushButton("Agenda af&drukken…")
        self.print_button.clicked.connect(self.print_agenda)
        self.save_button = QPushButton("Agenda opslaan (&PDF)…")
        self.save_button.clicked.connect(self.save_agenda)
        self.meetings.currentRowChanged.connect(lambda _row: self._enable())

        title = QLabel("<h2>Mijn school</h2>")
        intro = QLabel("Leerlingen van uw school waarvan de ouders (en vanaf 16 jaar de "
                       "leerling zelf) toestemming gaven om gegevens met school te delen. "
                       "Gezondheid, het intakegesprek en de contacten met het gezin blijven "
                       "bij de consulent.")
        intro.setWordWrap(True)
        self.empty = QLabel("Er zijn (nog) geen leerlingen van uw school gedeeld. Na de "
                            "volgende synchronisatie staan ze hier.")
        self.empty.setWordWrap(True)

        detail_box = QWidget()
        detail_layout = QVBoxLayout(detail_box)
        detail_layout.setContentsMargins(0, 0, 0, 0)
        detail_layout.addWidget(self.detail, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.propose_button)
        buttons.addWidget(self.input_button)
        buttons.addStretch(1)
        detail_layout.addLayout(buttons)
        upper = QSplitter()
        upper.addWidget(self.table)
        upper.addWidget(detail_box)
        upper.setStretchFactor(0, 3)
        upper.setStretchFactor(1, 2)
        upper.setSizes([680, 320])

        meeting_box = QWidget()
        meeting_layout = QVBoxLayout(meeting_box)
        meeting_layout.setContentsMargins(0, 0, 0, 0)
        meeting_layout.addWidget(QLabel("<b>MDO's</b>"))
        meeting_row = QHBoxLayout()
        meeting_row.addWidget(self.meetings, 1)
        side = QVBoxLayout()
        side.addWidget(self.print_button)
        side.addWidget(self.save_button)
        side.addStretch(1)
        meeting_row.addLayout(side)
        meeting_layout.addLayout(meeting_row)
        outer = QSplitter(Qt.Orientation.Vertical)
        outer.addWidget(upper)
        outer.addWidget(meeting_box)
        outer.setStretchFactor(0, 3)
        outer.setStretchFactor(1, 1)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.empty)
        layout.addWidget(outer, 1)
        self._enable()

    # -- lazy loading --------------------------------------------------------------------
    def page_shown(self) -> None:
        self.loader.show()

    def page_hidden(self) -> None:
        self.loader.hide()

    def on_change(self, change: Change) -> None:
        self.loader.changed()

    def reload(self) -> None:
        chosen = self.selected_case_id()
        self.model.today = self.ctx.today()
        self.model.set_rows(school_role.my_pupils(self.ctx))
        self.empty.setVisible(self.model.rowCount() == 0)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.meetings.clear()
        today = self.ctx.today()
        for meeting in sorted(mdo.list_mdos(self.ctx), key=lambda m: m.on, reverse=True):
            when = "gepland" if meeting.on >= today else "geweest"
            item = QListWidgetItem(f"{format_date(meeting.on)} {meeting.start_time:%H:%M} · "
                                   f"{meeting.school or 'MDO'} · {len(meeting.items)} "
                                   f"{'leerling' if len(meeting.items) == 1 else 'leerlingen'}"
                                   f" ({when})")
            item.setData(Qt.ItemDataRole.UserRole, meeting.id)
            self.meetings.addItem(item)
        self.select_case(chosen)
        self._show_detail()

    # -- selection ------------------------------------------------------------------------
    def selected_case_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return str(self.model.case_id(self.model.row_at(self.proxy.mapToSource(rows[0]).row())))

    def select_case(self, case_id: str | None) -> None:
        for row in range(self.proxy.rowCount()):
            source = self.proxy.mapToSource(self.proxy.index(row, 0))
            if self.model.row_at(source.row()).case_id == case_id:
                self.table.selectRow(row)
                return
        if self.proxy.rowCount():
            self.table.selectRow(0)

    def _selected(self, _new: QItemSelection, _old: QItemSelection) -> None:
        self._show_detail()

    def _pupil_name(self, case_id: str) -> str:
        return next((r.pupil_name for r in self.model.rows() if r.case_id == case_id), "")

    def _show_detail(self) -> None:
        case_id = self.selected_case_id()
        if case_id is None:
            self.detail.setHtml("<p><i>Kies een leerling.</i></p>")
        else:
            self.detail.setHtml(pupil_html(self._pupil_name(case_id),
                                           school_role.pupil_view(self.ctx, case_id)))
            self.pupil_selected.emit(case_id)
        self._enable()

    def _enable(self) -> None:
        chosen = self.selected_case_id() is not None
        self.propose_button.setEnabled(chosen)
        self.input_button.setEnabled(chosen)
        meeting = self.meetings.currentItem() is not None
        self.print_button.setEnabled(meeting)
        self.save_button.setEnabled(meeting)

    # -- actions ----------------------------------------------------------------------------
    def propose(self) -> None:
        case_id = self.selected_case_id()
        if case_id is not None:
            ProposalDialog(self.ctx, case_id, self._pupil_name(case_id), self).exec()

    def add_input(self) -> None:
        case_id = self.selected_case_id()
        if case_id is not None:
            SchoolInputDialog(self.ctx, case_id, self._pupil_name(case_id), self).exec()

    def _meeting_id(self) -> str | None:
        item = self.meetings.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def print_agenda(self) -> None:
        meeting_id = self._meeting_id()
        if meeting_id is not None:
            print_document(self, lambda: mdo.agenda_pdf(self.ctx, meeting_id),
                           title="Agenda afdrukken")

    def save_agenda(self) -> None:
        meeting_id = self._meeting_id()
        if meeting_id is not None:
            save_document(self, "MDO-agenda.pdf", lambda: mdo.agenda_pdf(self.ctx, meeting_id),
                          title="Agenda opslaan")

    def clear(self) -> None:
        self.model.set_rows([])
        self.meetings.clear()
        self.detail.clear()
