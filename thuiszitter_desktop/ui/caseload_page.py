"""The caseload overview page: filters, search-as-you-type and the sortable table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain.errors import UserError
from thuiszitter_desktop.domain.limits import count_text
from thuiszitter_desktop.domain.vocab import CaseStage, VerzuimType
from thuiszitter_desktop.services import caseload
from thuiszitter_desktop.services.bulk import kept_for_the_session
from thuiszitter_desktop.services.caseload import FirstScreen
from thuiszitter_desktop.services.caseload_row import CaseloadRow
from thuiszitter_desktop.services.clock_cache import ClockCache
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.ui.background import Background
from thuiszitter_desktop.ui.caseload_model import (
    DEADLINE_COLUMN,
    CaseloadModel,
    Filters,
    SortedRows,
    sorted_rows,
)
from thuiszitter_desktop.ui.lazy_page import LazyLoad, LazyPage
from thuiszitter_desktop.ui.reflow import ReflowColumns
from thuiszitter_desktop.ui.row_table_model import CASE_ID_ROLE
from thuiszitter_desktop.ui.word_elide import WordElideDelegate

ALL = "__all__"
RESIZE_SAMPLE_ROWS = 40


DEADLINE_WIDTH_MAX = 330

@dataclass(frozen=True, slots=True)
class FirstRows:
    """A first screen of rows (``caseload.first_screens``), sorted for the page."""

    screen: FirstScreen
    rows: SortedRows


class CaseloadPage(LazyPage, QWidget):
    open_case = Signal(str)
    new_case = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 cache: ClockCache | None = None, lazy: bool = False,
                 background: Background | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._cache = cache  # the open cases' clock, shared with Vandaag
        # With a worker thread, rows are built and sorted there (a window of tens of thousands
        # of rows stays responsive); without one (tests, a page on its own), right here.
        self._background = background
        self._job = 0  # the latest rows job; a newer one makes older results stale
        self._sized = False  # column widths set from the first rows shown
        self.loading = False  # rows are being built (or wait for the window's clock read)
        self._again = False  # a change came while rows were being built: build again after
        self._first: FirstRows | None = None  # rows to show while the clock is read
        self._partial = False  # the rows shown are a region's first screen only
        self.model = CaseloadModel(ctx.today(), self)  # sorts and filters itself

        self.search = QLineEdit()
        self.search.setPlaceholderText("Zoek op naam of school…  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(180)  # the placeholder stays readable
        self.search.setAccessibleName("Zoeken op naam of school")
        self.school = QComboBox()
        self.consulent = QComboBox()
        self.stage = QComboBox()
        self.verzuim = QComboBox()
        self.show_closed = QCheckBox("Afgesloten tonen")
        self.new_button = QPushButton("Nieuwe casus")
        self.new_button.setToolTip("Nieuwe leerling en casus registreren (Ctrl+N)")
        self.count_label = QLabel()
        for combo, name in ((self.school, "Filter op school"),
                            (self.consulent, "Filter op consulent"),
                            (self.stage, "Filter op fase"),
                            (self.verzuim, "Filter op soort verzuim")):
            combo.setAccessibleName(name)

        self.table = QTableView()
        self.table.setAccessibleName("Caseload")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        # Shortened by whole words, keeping '…: nog 3 dagen' (the full text in the tooltip).
        self.table.setItemDelegateForColumn(DEADLINE_COLUMN, WordElideDelegate(self.table))
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        # Column widths from a sample of rows: measuring 1,000 rows (Qt's default) through
        # Python data() calls took a third of a second at start-up with a large caseload.
        header.setResizeContentsPrecision(RESIZE_SAMPLE_ROWS)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.sortByColumn(DEADLINE_COLUMN, Qt.SortOrder.AscendingOrder)

        # Search and actions on one line, the four filters on the next: side by side on a
        # laptop screen the school and consulent filters were cut to 'Alle schole'.
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.show_closed)
        top.addWidget(self.new_button)
        pairs = (QHBoxLayout(), QHBoxLayout())
        for index, combo in enumerate((self.school, self.consulent, self.stage, self.verzuim)):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(18)  # 'Alle consulenten', most school names
            pairs[index // 2].addWidget(combo, 1)
        # Four in a row when there is room, two rows of two at 200 %.
        filters = ReflowColumns(pairs)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)

        self.search.textChanged.connect(self._apply_filters)
        for combo in (self.school, self.consulent, self.stage, self.verzuim):
            combo.currentIndexChanged.connect(self._apply_filters)
        self.show_closed.toggled.connect(self.reload)
        self.new_button.clicked.connect(self.new_case)
        self.table.activated.connect(self._activated)
        QShortcut(QKeySequence.StandardKey.Find, self, self._focus_search)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search, self._clear_search)

        self._fill_fixed_filters()
        self._filter_values = -1  # the model's values_generation the combos show
        self.loader = LazyLoad(self.reload, lazy=lazy)

    # -- data -----------------------------------------------------------------------------
    def reload(self) -> None:
        closed = self.show_closed.isChecked()
        today = self._ctx.today()
        if self._cache is not None and not closed:
            if not self._cache.loaded and self._background is not None:
                self._show_loading()  # the window reads the clock; it reloads us after
                self._job += 1
                self._show_first_screen()
                return
            snapshot = self._cache.snapshot()
            # A copy: the window's thread keeps the cache up to date meanwhile.
            nexts = dict(self._cache.next_deadlines(today))

            def build() -> list[CaseloadRow]:
                return caseload.load_rows(self._ctx, snapshot=snapshot, next_deadlines=nexts)
        else:
            def build() -> list[CaseloadRow]:
                return caseload.load_rows(self._ctx, include_closed=closed)
        column, order = self.model.sort_column(), self.model.sort_order()
        if self._background is None:
            self._show_rows(sorted_rows(build(), column, order), today)
            return
        self._job += 1
        job = self._job
        self._again = False
        self._show_loading()

        def work() -> SortedRows | None:
            with self._ctx.vault.in_use() as usable, kept_for_the_session():
                return sorted_rows(build(), column, order) if usable else None

        self._background.run("caseload-laden", work,
                             lambda rows: self._rows_ready(job, rows, today),
                             lambda exc: self._failed(job, exc))

    def sorted_first(self, first: FirstScreen) -> FirstRows:
        """``first`` sorted as the page sorts; in the worker thread that read it (a sort
        changed meanwhile is redone by the model)."""
        column, order = self.model.sort_column(), self.model.sort_order()
        return FirstRows(first, sorted_rows(first.rows, column, order))

    def show_first_screen(self, first: FirstRows) -> None:
        """Rows to look at, shown (now, or when the page is shown) until the window's clock
        read arrives: every open case from the stored clocks, or a huge caseload's first."""
        if self._cache is None or self._cache.loaded or self.show_closed.isChecked():
            return  # the whole caseload came first (or closed cases are asked for)
        self._first = first
        if self.loader.shown and self.loading:
            self._show_first_screen()

    def _show_first_screen(self) -> None:
        first = self._first
        if first is None or (self.model.rowCount() and not self._partial):
            return  # nothing to show, or the whole caseload is shown already
        self._show_rows(first.rows, self._ctx.today())
        self._partial = not first.screen.complete
        if first.screen.complete:
            return  # the count says it all; the clock read only confirms these rows
        self.count_label.setText(
            f"De eerste {count_text(len(first.screen.rows))} van "
            f"{count_text(first.screen.open_cases)} open casussen (langst aangemeld); de rest "
            "wordt geladen…")

    def _rows_ready(self, job: int, rows: SortedRows | None, today: date) -> None:
        if job != self._job or rows is None:
            return  # a newer load is under way, or the vault locked meanwhile
        self.loading = False
        if self._again:
            self.reload()  # a save came meanwhile: these rows may miss it
            return
        self._show_rows(rows, today)

    def _failed(self, job: int, exc: BaseException) -> None:
        if job == self._job:
            self.loading = False
            self.count_label.setText(exc.message if isinstance(exc, UserError) else
                                     "De caseload kon niet worden geladen. Vergrendel en "
                                     "ontgrendel de kluis om het opnieuw te proberen.")

    def _show_loading(self) -> None:
        self.loading = True
        self.count_label.setText("Caseload wordt geladen…")

    def _show_rows(self, rows: SortedRows, today: date) -> None:
        self._first = None
        self._partial = False
        self.model.set_sorted(rows, today)
        self._fill_value_filters()
        self._update_count()
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.selectRow(0)
        if self.model.rowCount() and not self._sized:
            # Once, from the first rows: later loads keep the widths (the user's too).
            self._sized = True
            self.table.resizeColumnsToContents()
            # Long action names would push every other column out of sight; the full text is
            # in the tooltip.
            if self.table.columnWidth(DEADLINE_COLUMN) > DEADLINE_WIDTH_MAX:
                self.table.setColumnWidth(DEADLINE_COLUMN, DEADLINE_WIDTH_MAX)

    def on_change(self, change: Change) -> None:
        if change.entity != "case":
            return
        if not self.loader.shown:
            self.loader.changed()  # hidden: reload when shown again
            return
        if self.loading:
            self._again = True
            return
        if len(change.ids) != 1:
            self.reload()
            return
        case_id = change.ids[0]
        if self._cache is not None and not self.show_closed.isChecked():
            # The clock cache has read the case already (it hears of changes first).
            row = caseload.row_from_snapshot(self._ctx, self._cache.snapshot(), case_id,
                                             self._cache.next_deadlines(self._ctx.today()))
        else:
            row = caseload.load_row(self._ctx, case_id)
            if row is not None and not row.is_open and not self.show_closed.isChecked():
                row = None
        self.model.update_row(row, case_id)
        self._fill_value_filters()
        self._update_count()

    def clear(self) -> None:
        """Drop every row (used when the vault locks)."""
        self._job += 1  # rows still being built belong to the locked vault
        self.loading = False
        self._first = None
        self.model.set_rows([])
        self.search.clear()
        self._filter_values = -1  # filled afresh from the next load
        self.loader.forget()

    # -- filters --------------------------------------------------------------------------
    def _fill_fixed_filters(self) -> None:
        self.stage.addItem("Alle fasen", ALL)
        for _name, label in CaseStage.choices():
            self.stage.addItem(label, label)
        self.verzuim.addItem("Alle soorten verzuim", ALL)
        for _name, label in VerzuimType.choices():
            self.verzuim.addItem(label, label)

    def _fill_value_filters(self) -> None:
        if self.model.values_generation == self._filter_values:
            return  # after most saves: no school or consulent came or went
        self._filter_values = self.model.values_generation
        schools, consulenten = self.model.filter_values()
        for combo, all_label, values in (
            (self.school, "Alle scholen", schools),
            (self.consulent, "Alle consulenten", consulenten),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(all_label, ALL)
            for value in values:
                combo.addItem(value, value)
            index = combo.findData(current)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)
        self._apply_filters()

    def _apply_filters(self) -> None:
        def chosen(combo: QComboBox) -> str | None:
            value = combo.currentData()
            return None if value in (ALL, None) else str(value)

        self.model.set_filters(Filters(
            school=chosen(self.school), consulent=chosen(self.consulent),
            stage=chosen(self.stage), verzuim_type=chosen(self.verzuim),
            text=self.search.text(),
        ))
        self._update_count()

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total_count()
        what = "casussen" if self.show_closed.isChecked() else "open casussen"
        self.count_label.setText(f"{shown} van {total} {what}" if shown != total
                                 else f"{total} {what}")

    # -- navigation -----------------------------------------------------------------------
    def selected_case_id(self) -> str | None:
        index = self.table.currentIndex()
        return str(index.data(CASE_ID_ROLE)) if index.isValid() else None

    def _activated(self, index: QModelIndex) -> None:
        case_id = index.data(CASE_ID_ROLE)
        if case_id:
            self.open_case.emit(str(case_id))

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _clear_search(self) -> None:
        self.search.clear()
        self.table.setFocus()
