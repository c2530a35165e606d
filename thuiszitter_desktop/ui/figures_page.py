"""The policy dashboard: SMART targets, doorloopsnelheid, in/outflow and counts per quarter.

Every block names the definition it counts with. Double-click (or Enter on) a target or a
count row to see the pupils behind it. Reports and exports are made in memory and written
only where the user chooses.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain.breakdowns import CountTable, Dimension
from thuiszitter_desktop.domain.definitions import Definition
from thuiszitter_desktop.domain.figures import QuarterFigures, TargetResult, format_number
from thuiszitter_desktop.domain.quarters import Quarter
from thuiszitter_desktop.services import access_log, figures
from thuiszitter_desktop.services.clock_cache import ClockCache
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.ui.bar_chart_view import BarChartView
from thuiszitter_desktop.ui.document_output import make_document, save_bytes
from thuiszitter_desktop.ui.figure_pupils_dialog import FigurePupilsDialog
from thuiszitter_desktop.ui.figures_story_box import StoryBox
from thuiszitter_desktop.ui.flow_layout import flow_row, together
from thuiszitter_desktop.ui.lazy_page import LazyLoad, LazyPage
from thuiszitter_desktop.ui.list_editor import read_only_table
from thuiszitter_desktop.ui.widgets import EnumCombo, busy_cursor, shrinking_combo

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
FIRST_COLUMN_MAX = 240


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{format_number(value)}%"


def _days(value: float | None) -> str:
    return "—" if value is None else f"{format_number(value)} dagen"


def _readonly_table(headers: list[str]) -> QTableWidget:
    table = read_only_table(headers)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setWordWrap(True)
    return table


def _fit_height(table: QTableWidget) -> None:
    """Show every row without a scroll bar (the page itself scrolls)."""
    table.resizeRowsToContents()
    rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
    table.setFixedHeight(table.horizontalHeader().height() + rows + 4)


def _wrap_first_column(table: QTableWidget) -> None:
    """Mark a table whose long first column wraps at ``FIRST_COLUMN_MAX`` pixels, so the
    other columns (verdicts, numbers) always keep their text whole."""
    table.setProperty("wrap_first", True)


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setData(ROW_ROLE, r)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    if table.property("wrap_first") and table.columnWidth(0) > FIRST_COLUMN_MAX:
        table.setColumnWidth(0, FIRST_COLUMN_MAX)
    _fit_height(table)


SIDE_BY_SIDE_WIDTH = 950  # of the page, without the navigation list


class FiguresPage(LazyPage, QWidget):
    open_case = Signal(str)
    compare_list = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 lazy: bool = False, cache: ClockCache | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        # With the main window's clock cache, the open cases Vandaag read are not read again.
        self.source = figures.FigureSource(
            ctx, None if cache is None else lambda: cache.snapshot().items)
        self.figures: QuarterFigures | None = None
        outer = QVBoxLayout(self)

        self.quarter = QComboBox()
        self.definition = shrinking_combo(EnumCombo(Definition))
        self.definition.setToolTip("Welke leerlingen meetellen in de cijfers")
        self.report_button = QPushButton("Kwartaal&rapport (PDF)…")
        self.csv_button = QPushButton("Exporteer &CSV…")
        self.xlsx_button = QPushButton("Exporteer &Excel…")
        self.compare_button = QPushButton("&Lijst vergelijken…")
        quarter_label = QLabel("&Kwartaal:")
        quarter_label.setBuddy(self.quarter)
        definition_label = QLabel("&Definitie:")
        definition_label.setBuddy(self.definition)
        bar = flow_row(together(quarter_label, self.quarter),
                       together(definition_label, self.definition))
        # The files on a line of their own: beside the choices they made the window at least
        # 1,250 pixels wide. Both rows wrap at 200 %.
        files = flow_row(self.report_button, self.csv_button, self.xlsx_button,
                         self.compare_button)
        outer.addWidget(bar)
        outer.addWidget(files)
        self.saved = QLabel("")
        outer.addWidget(self.saved)

        content = QWidget()
        grid = QGridLayout(content)
        self.targets_box, targets_layout, self.targets = self._box(
            "Doelen", ["Doel", "Norm", "Behaald", "Aantal", "Oordeel"])
        _wrap_first_column(self.targets)
        self.targets_chart = BarChartView()
        targets_layout.addWidget(self.targets_chart)
        self.durations_box, _, self.durations = self._box(
            "Doorloopsnelheid", ["Meting", "Aantal", "Gemiddeld", "Mediaan", "Vorig kwartaal",
                                 "Verschil"])
        self.flow_box, _, self.flow = self._box(
            "Instroom en uitstroom", ["Nieuw", "Gestopt", "Lopend in het kwartaal",
                                      "Lopend op de einddatum"])
        self.counts_box, counts_layout, self.counts = self._box(
            "Aantallen per kenmerk", ["Waarde", "Aantal", "Aandeel"])
        self.dimension = EnumCombo(Dimension)
        self.dimension.setAccessibleName("Kenmerk")
        counts_layout.insertWidget(1, self.dimension)
        # Several causes per pupil (seed 004, B4.1): the rows may add up to more.
        self.several_note = QLabel()
        self.several_note.setWordWrap(True)
        self.several_note.setObjectName("severalPerCase")
        counts_layout.insertWidget(3, self.several_note)
        self.counts_chart = BarChartView()
        counts_layout.addWidget(self.counts_chart)
        self.story_box = StoryBox(ctx)
        self._grid = grid
        self._side_by_side: bool | None = None
        self._arrange(side_by_side=True)
        grid.setColumnStretch(0, 3)  # the targets table has the long texts
        grid.setColumnStretch(1, 2)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        outer.addWidget(scroll, 1)

        for quarter in figures.recent_quarters(ctx):
            self.quarter.addItem(quarter.label, (quarter.year, quarter.q))
        self.quarter.currentIndexChanged.connect(self.reload)
        self.definition.currentIndexChanged.connect(self.reload)
        self.dimension.currentIndexChanged.connect(self._show_counts)
        self.targets.activated.connect(lambda index: self.show_target_pupils(index.row()))
        self.counts.activated.connect(lambda index: self.show_count_pupils(index.row()))
        self.report_button.clicked.connect(self.save_report)
        self.csv_button.clicked.connect(lambda: self.save_export("csv"))
        self.xlsx_button.clicked.connect(lambda: self.save_export("xlsx"))
        self.compare_button.clicked.connect(self.compare_list)
        # In the main window: computed when first shown (see ui/lazy_page.py).
        self.loader = LazyLoad(self.reload, lazy=lazy)

    def _arrange(self, side_by_side: bool) -> None:
        """Targets and counts side by side on a wide window, one below the other on a narrow
        one (below about 1,150 pixels their tables and charts were cut off)."""
        if side_by_side == self._side_by_side:
            return
        self._side_by_side = side_by_side
        grid = self._grid
        for box in (self.targets_box, self.counts_box, self.durations_box, self.flow_box,
                    self.story_box):
            grid.removeWidget(box)
        grid.addWidget(self.targets_box, 0, 0, 1, 1 if side_by_side else 2)
        grid.addWidget(self.counts_box, *((0, 1, 1, 1) if side_by_side else (1, 0, 1, 2)))
        grid.addWidget(self.durations_box, 2, 0, 1, 2)
        grid.addWidget(self.flow_box, 3, 0, 1, 2)
        grid.addWidget(self.story_box, 4, 0, 1, 2)
        grid.setRowStretch(5, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._arrange(side_by_side=event.size().width() >= SIDE_BY_SIDE_WIDTH)
        super().resizeEvent(event)

    def _box(self, title: str,
             headers: list[str]) -> tuple[QGroupBox, QVBoxLayout, QTableWidget]:
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        caption = QLabel("")
        caption.setObjectName("definitionCaption")
        caption.setWordWrap(True)
        caption.setStyleSheet("color: #555555;")
        layout.addWidget(caption)
        table = _readonly_table(headers)
        layout.addWidget(table)
        box.setProperty("title_base", title)
        return box, layout, table

    # -- data -----------------------------------------------------------------------------
    def selected_quarter(self) -> Quarter:
        year, q = self.quarter.currentData()
        return Quarter(int(year), int(q))

    def selected_definition(self) -> Definition:
        return self.definition.member()

    def reload(self) -> None:
        definition = self.selected_definition()
        with busy_cursor():
            self.figures = self.source.figures(self.selected_quarter(), definition)
        caption = f"Definitie: {definition.label}."
        if self.figures.is_partial:
            caption += " Het kwartaal loopt nog: gemeten tot en met vandaag."
        for box in (self.targets_box, self.durations_box, self.flow_box, self.counts_box):
            box.setTitle(f"{box.property('title_base')} — {definition.short_label}")
            label = box.findChild(QLabel, "definitionCaption")
            if label is not None:
                label.setText(caption)
        self._show_targets()
        self._show_durations()
        self._show_flow()
        self._show_counts()
        self.story_box.show_quarter(self.selected_quarter())

    def _show_targets(self) -> None:
        assert self.figures is not None
        results = self.figures.targets
        _fill(self.targets, [
            [r.target.label, f"{r.target.norm}%", _pct(r.percentage),
             f"{len(r.numerator_ids)} van {len(r.denominator_ids)}", r.verdict]
            for r in results])
        for row, result in enumerate(results):  # what counts, e.g. only a gesprek
            item = self.targets.item(row, 0)
            if item is not None:
                item.setToolTip(result.target.explanation)
        self.targets_chart.set_bars([r.target.short_label for r in results],
                                    [r.percentage or 0.0 for r in results],
                                    norms=[float(r.target.norm) for r in results],
                                    maximum=100.0)

    def _show_durations(self) -> None:
        assert self.figures is not None
        _fill(self.durations, [
            [d.measure.label, str(d.count), _days(d.mean), _days(d.median),
             _days(d.previous_mean), d.trend_text]
            for d in self.figures.durations])

    def _show_flow(self) -> None:
        assert self.figures is not None
        flow = self.figures.flow
        _fill(self.flow, [[str(len(flow.new_ids)), str(len(flow.ended_ids)),
                           str(len(flow.running_ids)), str(len(flow.at_end_ids))]])

    def current_counts(self) -> CountTable:
        assert self.figures is not None
        return self.figures.counts.table(self.dimension.member())

    def _show_counts(self) -> None:
        if self.figures is None:
            return
        table = self.current_counts()
        total = table.total
        _fill(self.counts, [[row.label, str(row.count), _pct(100 * row.count / total)]
                            for row in table.rows])
        self.several_note.setText(table.several_note)
        self.several_note.setVisible(bool(table.several_note))
        self.counts_chart.set_bars([row.label for row in table.rows],
                                   [float(row.count) for row in table.rows])

    # -- pupils behind a number -----------------------------------------------------------
    def show_target_pupils(self, index: int) -> None:
        assert self.figures is not None
        result: TargetResult = self.figures.targets[index]
        met = set(result.numerator_ids)
        outcome = {case_id: "Gehaald" if case_id in met else "Niet gehaald"
                   for case_id in result.denominator_ids}
        self._show_pupils(f"{result.target.label} — {self.figures.quarter.label}",
                          f"Definitie: {result.definition.label}. {result.verdict}.",
                          list(result.denominator_ids), outcome)

    def show_count_pupils(self, index: int) -> None:
        table = self.current_counts()
        row = table.rows[index]
        self._show_pupils(f"{table.dimension.label}: {row.label}",
                          f"Definitie: {table.definition.label}.", list(row.case_ids), None)

    def _show_pupils(self, title: str, explanation: str, case_ids: list[str],
                     outcome: dict[str, str] | None) -> None:
        rows = figures.case_rows(self._ctx, case_ids)
        access_log.record_view(self._ctx, "leerlingen bij cijfer",
                               detail=f"{len(case_ids)} leerlingen")
        dialog = FigurePupilsDialog(title, explanation, rows, outcome, parent=self)
        self.last_dialog = dialog
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.chosen_case_id:
            self.open_case.emit(dialog.chosen_case_id)

    # -- files ----------------------------------------------------------------------------
    def save_report(self) -> None:
        if self.figures is None:
            return
        computed = self.figures
        quarter, definition = computed.quarter, computed.definition
        with busy_cursor():
            data = make_document(self, lambda: figures.report_pdf(self._ctx, computed),
                                 "Opslaan")
        if data is None:
            return
        name = f"kwartaalrapport-{quarter.year}-K{quarter.q}-{definition.name.lower()}.pdf"
        if self._save(data, name, "PDF (*.pdf)"):
            figures.record_report_saved(self._ctx, computed)

    def save_export(self, kind: figures.ExportFormat) -> None:
        quarter, definition = self.selected_quarter(), self.selected_definition()
        with busy_cursor():
            data = figures.export_quarter(self._ctx, quarter, definition, kind)
        name = f"thuiszitters-{quarter.year}-K{quarter.q}-{definition.name.lower()}.{kind}"
        self._save(data, name,
                   "CSV-bestanden (*.csv)" if kind == "csv" else "Excel-bestanden (*.xlsx)")

    def _save(self, data: bytes, suggested: str, file_filter: str) -> bool:
        path = save_bytes(self, suggested, data, file_filter=file_filter)
        if path is not None:
            self.saved.setText(f"Opgeslagen: {path.name}")
        return path is not None

    def on_change(self, change: Change) -> None:
        # Figures span the whole caseload: recompute only when someone is looking.
        if change.entity == "case":
            self.source.forget()
            self.loader.changed()

    def page_hidden(self) -> None:
        super().page_hidden()
        self.source.forget()  # the cases read are kept only while the page is in view

    def clear(self) -> None:
        """Forget the numbers before the vault locks; they are recomputed when shown again."""
        for table in (self.targets, self.durations, self.flow, self.counts):
            table.setRowCount(0)
        self.figures = None
        self.source.forget()
        self.loader.forget()
