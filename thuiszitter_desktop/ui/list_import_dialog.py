"""Compare a list from the SWV, a school or DUO with our caseload.

Steps in one window: choose the source and the file, map its columns (remembered per source),
compare, and look at three groups. The file is read into memory only; nothing is written to
the vault until the user saves the comparison or creates a case from a row.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain.errors import UserError
from thuiszitter_desktop.interchange.list_import import ImportField
from thuiszitter_desktop.interchange.tabular import RawTable
from thuiszitter_desktop.services import list_compare
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.list_editor import fill_table, read_only_table
from thuiszitter_desktop.ui.widgets import ErrorLabel

NOT_USED = "— niet gebruiken —"
MAX_FILE_BYTES = 20 * 1024 * 1024


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _table(headers: list[str]) -> QTableWidget:
    table = read_only_table(headers)
    table.resizeColumnsToContents()  # empty: every header readable from the start
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    fill_table(table, rows)
    table.resizeColumnsToContents()


class ListImportDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setWindowTitle("Lijst vergelijken met de caseload")
        self.resize(980, 680)
        self.raw: RawTable | None = None
        self.comparison: list_compare.Comparison | None = None
        self.created_case_ids: list[str] = []
        layout = QVBoxLayout(self)

        form = QFormLayout()
        self.source = QComboBox()
        self.source.setEditable(True)
        self.source.addItems(list_compare.source_names(ctx))
        self.source.setCurrentText("")
        line_edit = self.source.lineEdit()
        if line_edit is not None:
            line_edit.setPlaceholderText("Bijvoorbeeld: SWV Rivierland")
        form.addRow("&Lijst van:", self.source)
        file_row = QHBoxLayout()
        self.choose_button = QPushButton("&Bestand kiezen…")
        self.file_label = QLabel("Nog geen bestand gekozen (CSV of Excel .xlsx).")
        file_row.addWidget(self.choose_button)
        file_row.addWidget(self.file_label, 1)
        form.addRow("Bestand:", file_row)
        layout.addLayout(form)

        layout.addWidget(QLabel("Welke kolom is wat? Kolommen die u niet koppelt, worden "
                                "niet gebruikt."))
        self.mapping = _table(["Kolom in het bestand", "Betekenis", "Voorbeeld (eerste rij)"])
        self.mapping.setMaximumHeight(220)
        layout.addWidget(self.mapping)
        self.compare_button = QPushButton("&Vergelijken")
        self.compare_button.setEnabled(False)
        layout.addWidget(self.compare_button, alignment=Qt.AlignmentFlag.AlignLeft)
        self.error = ErrorLabel()
        layout.addWidget(self.error)

        self.coverage = QLabel("")
        self.coverage.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.coverage)
        self.results = QTabWidget()
        self.only_list = _table(["Rij", "Naam", "Geboortedatum", "School", "Status"])
        self.only_ours = _table(["Naam", "Geboortedatum", "School", "Type verzuim", "Status"])
        self.both = _table(["Rij", "Naam in de lijst", "Bij ons", "Verschillen"])
        self.results.addTab(self.only_list, "Alleen in de lijst")
        self.results.addTab(self.only_ours, "Alleen bij ons")
        self.results.addTab(self.both, "In beide")
        layout.addWidget(self.results, 1)

        buttons = QHBoxLayout()
        self.create_button = QPushButton("Casus &aanmaken voor deze leerling")
        self.create_button.setEnabled(False)
        self.save_button = QPushButton("Vergelijking &opslaan")
        self.save_button.setEnabled(False)
        close_button = QPushButton("Sluiten")
        buttons.addWidget(self.create_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close_button)
        layout.addLayout(buttons)

        self.choose_button.clicked.connect(self.choose_file)
        self.compare_button.clicked.connect(self.run_compare)
        self.create_button.clicked.connect(self.create_case)
        self.save_button.clicked.connect(self.save)
        close_button.clicked.connect(self.reject)
        self.only_list.itemSelectionChanged.connect(self._update_buttons)
        self.results.currentChanged.connect(self._update_buttons)
        self.source.currentTextChanged.connect(self._apply_mapping)

    # -- file and mapping -----------------------------------------------------------------
    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Lijst kiezen", "",
                                              "Lijsten (*.csv *.txt *.xlsx);;Alle bestanden (*)")
        if not path:
            return
        file = Path(path)
        if file.stat().st_size > MAX_FILE_BYTES:
            self.error.show_message("Dit bestand is groter dan 20 MB; dat is geen leerlingenlijst.")
            return
        self.load_bytes(file.read_bytes(), file.name)

    def load_bytes(self, data: bytes, name: str) -> None:
        """Read a file's content (kept in memory only) and show its columns."""
        self._clear_results()
        try:
            self.raw = list_compare.read_list_file(data)
        except UserError as error:
            self.raw = None
            self.error.show_message(error.message)
            self.mapping.setRowCount(0)
            self.compare_button.setEnabled(False)
            return
        self.error.show_message(None)
        self.file_label.setText(f"{name}: {len(self.raw.rows)} rijen")
        self.mapping.setRowCount(len(self.raw.headers))
        first = self.raw.rows[0]
        for r, header in enumerate(self.raw.headers):
            self.mapping.setItem(r, 0, QTableWidgetItem(header))
            combo = QComboBox()
            combo.addItem(NOT_USED, None)
            for field_name, label in ImportField.choices():
                combo.addItem(label, field_name)
            self.mapping.setCellWidget(r, 1, combo)
            self.mapping.setItem(r, 2, QTableWidgetItem(_cell_text(first[r])))
        self.mapping.resizeColumnsToContents()
        self._apply_mapping()
        self.compare_button.setEnabled(True)

    def _apply_mapping(self) -> None:
        if self.raw is None:
            return
        chosen = list_compare.mapping_for(self._ctx, self.source.currentText(), self.raw)
        for r, header in enumerate(self.raw.headers):
            combo = self.mapping.cellWidget(r, 1)
            assert isinstance(combo, QComboBox)
            field = chosen.get(header)
            combo.setCurrentIndex(max(combo.findData(field.name if field else None), 0))

    def current_mapping(self) -> dict[str, ImportField]:
        assert self.raw is not None
        mapping: dict[str, ImportField] = {}
        for r, header in enumerate(self.raw.headers):
            combo = self.mapping.cellWidget(r, 1)
            assert isinstance(combo, QComboBox)
            if combo.currentData():
                mapping[header] = ImportField.from_name(combo.currentData())
        return mapping

    def set_field(self, header: str, field: ImportField | None) -> None:
        assert self.raw is not None
        combo = self.mapping.cellWidget(self.raw.headers.index(header), 1)
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(max(combo.findData(field.name if field else None), 0))

    # -- comparing ------------------------------------------------------------------------
    def run_compare(self) -> None:
        if self.raw is None:
            return
        self._clear_results()
        try:
            self.comparison = list_compare.compare(self._ctx, self.source.currentText(),
                                                   self.raw, self.current_mapping())
        except UserError as error:
            self.error.show_message(error.message)
            return
        self.error.show_message(None)
        self._show_results()

    def _show_results(self) -> None:
        assert self.comparison is not None
        result = self.comparison.result
        self.coverage.setText(result.coverage.text)
        _fill(self.only_list, [[str(e.row_number), e.full_name, f"{e.birth_date:%d-%m-%Y}",
                                e.school, e.status] for e in result.only_in_list])
        _fill(self.only_ours, [
            [p.full_name, f"{p.birth_date:%d-%m-%Y}", p.school or "Niet ingeschreven",
             c.verzuim_type.label,
             "Open" if c.is_open else f"Afgesloten op {c.closed_on:%d-%m-%Y}"]
            for p, c in result.only_in_caseload])
        _fill(self.both, [
            [str(m.entry.row_number), m.entry.full_name, m.pupil.full_name,
             " ".join(d.text for d in m.differences) or "Geen verschillen"]
            for m in result.in_both])
        self.results.setTabText(0, f"Alleen in de lijst ({len(result.only_in_list)})")
        self.results.setTabText(1, f"Alleen bij ons ({len(result.only_in_caseload)})")
        self.results.setTabText(2, f"In beide ({len(result.in_both)})")
        self.save_button.setEnabled(True)
        self._update_buttons()

    def _clear_results(self) -> None:
        self.comparison = None
        self.coverage.setText("")
        for table in (self.only_list, self.only_ours, self.both):
            table.setRowCount(0)
        self.save_button.setEnabled(False)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.create_button.setEnabled(
            self.comparison is not None and self.results.currentIndex() == 0
            and self.only_list.currentRow() >= 0)

    # -- writing --------------------------------------------------------------------------
    def create_case(self) -> None:
        if self.comparison is None or self.only_list.currentRow() < 0:
            return
        entry = self.comparison.result.only_in_list[self.only_list.currentRow()]
        try:
            case = list_compare.case_from_entry(self._ctx, entry, self.comparison.source_name)
        except UserError as error:
            self.error.show_message(error.message)
            return
        self.created_case_ids.append(case.id)
        self.run_compare()

    def save(self) -> None:
        if self.comparison is None:
            return
        list_compare.confirm(self._ctx, self.comparison)
        self.save_button.setEnabled(False)
        QMessageBox.information(self, "Opgeslagen",
                                "De vergelijking is opgeslagen. De koppeling van de kolommen "
                                "wordt onthouden voor de volgende lijst van deze bron.")
