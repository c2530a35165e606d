"""Compare a list from the SWV, a school or DUO with our caseload.

Steps in one window: choose the source and the file, map its columns (remembered per source),
compare, and work through the groups (``list_import_results``). Rows that cannot be read are
listed and left out; the rest is compared. The file is read into memory only; nothing is
written to the vault until the user saves the comparison, or registers (or reopens) a case
from a row.
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
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain.errors import UserError
from thuiszitter_desktop.domain.reconcile import Match
from thuiszitter_desktop.interchange.list_import import ImportField
from thuiszitter_desktop.interchange.tabular import RawTable
from thuiszitter_desktop.services import cases, list_compare
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.list_case_choice import Choice, ask_existing
from thuiszitter_desktop.ui.list_editor import read_only_table
from thuiszitter_desktop.ui.list_import_results import NOT_READ, ONLY_LIST, ComparisonResults
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


class ListImportDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setWindowTitle("Lijst vergelijken met de caseload")
        self.resize(980, 680)
        self.raw: RawTable | None = None
        self.comparison: list_compare.Comparison | None = None
        self.created_case_ids: list[str] = []
        self.reopened_case_ids: list[str] = []
        self._path: Path | None = None
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
        self.mapping.setAccessibleName("Kolommen koppelen")
        self.mapping.setMaximumHeight(220)
        layout.addWidget(self.mapping)
        self.compare_button = QPushButton("&Vergelijken")
        self.compare_button.setEnabled(False)
        layout.addWidget(self.compare_button, alignment=Qt.AlignmentFlag.AlignLeft)
        self.error = ErrorLabel()
        layout.addWidget(self.error)

        self.coverage = QLabel("")
        self.coverage.setStyleSheet("font-weight: bold;")
        self.coverage.setWordWrap(True)
        layout.addWidget(self.coverage)
        self.left_out = QLabel("")
        self.left_out.setWordWrap(True)
        self.left_out.setStyleSheet("background: #FFF4CE; border: 1px solid #C8A400; "
                                    "padding: 6px;")
        self.left_out.hide()
        layout.addWidget(self.left_out)
        self.results = ComparisonResults()
        self.only_list = self.results.only_list
        self.only_ours = self.results.only_ours
        self.both = self.results.both
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
        self.results.decided.connect(self.decide)
        self.results.reread.connect(self.reread)
        self.source.currentTextChanged.connect(self._apply_mapping)

    # -- file and mapping -----------------------------------------------------------------
    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Lijst kiezen", "",
                                              "Lijsten (*.csv *.txt *.xlsx);;Alle bestanden (*)")
        if not path:
            return
        self.load_file(Path(path))

    def load_file(self, file: Path) -> None:
        try:
            if file.stat().st_size > MAX_FILE_BYTES:
                self.error.show_message("Dit bestand is groter dan 20 MB; dat is geen "
                                        "leerlingenlijst.")
                return
            data = file.read_bytes()
        except OSError:
            self.error.show_message(f"'{file.name}' kan niet worden gelezen. Is het bestand "
                                    "verplaatst, of nog geopend in een ander programma?")
            return
        self.load_bytes(data, file.name, file)

    def load_bytes(self, data: bytes, name: str, path: Path | None = None) -> None:
        """Read a file's content (kept in memory only) and show its columns."""
        self._path = path
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
        if self.comparison.problems:
            self.results.setCurrentIndex(NOT_READ)

    def reread(self) -> None:
        """Read the same file again (after fixing it), keeping the chosen columns."""
        if self._path is None:
            return
        mapping = self.current_mapping() if self.raw is not None else {}
        self.load_file(self._path)
        if self.raw is None:
            return
        for header, field in mapping.items():
            if header in self.raw.headers:
                self.set_field(header, field)
        self.run_compare()

    def decide(self, match: Match, same: bool) -> None:
        if self.comparison is not None:
            self.comparison = list_compare.decide(self.comparison, match, same)
            self._show_results()

    def _show_results(self) -> None:
        assert self.comparison is not None
        comparison = self.comparison
        compared = len(comparison.entries)
        self.coverage.setText(f"{compared} {'rij' if compared == 1 else 'rijen'} vergeleken. "
                              + comparison.result.coverage.text)
        left_out = comparison.rows_left_out
        self.left_out.setText(_left_out_text(left_out))
        self.left_out.setVisible(bool(comparison.problems))
        self.results.show_comparison(comparison, can_reread=self._path is not None)
        self.save_button.setEnabled(compared > 0)
        self._update_buttons()

    def _clear_results(self) -> None:
        self.comparison = None
        self.coverage.setText("")
        self.left_out.hide()
        self.results.clear_results()
        self.save_button.setEnabled(False)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.create_button.setEnabled(
            self.comparison is not None and self.results.currentIndex() == ONLY_LIST
            and self.only_list.currentRow() >= 0)

    # -- writing --------------------------------------------------------------------------
    def create_case(self) -> None:
        if self.comparison is None or self.only_list.currentRow() < 0:
            return
        entry = self.comparison.result.only_in_list[self.only_list.currentRow()]
        found = list_compare.pupils_like(self._ctx, entry)
        choice = ask_existing(self, entry, found) if found else Choice.NEW
        try:
            if choice is Choice.REOPEN:
                case = cases.reopen_case(self._ctx, found[0][1].id)
                self.reopened_case_ids.append(case.id)
            elif choice is Choice.NEW:
                case = list_compare.case_from_entry(self._ctx, entry,
                                                    self.comparison.source_name)
                self.created_case_ids.append(case.id)
            else:
                return
        except UserError as error:
            self.error.show_message(error.message)
            return
        self.run_compare()

    def save(self) -> None:
        if self.comparison is None:
            return
        incomplete = self.comparison.problems or self.comparison.result.probable
        if incomplete and not self._confirm_incomplete():
            return
        list_compare.confirm(self._ctx, self.comparison)
        self.save_button.setEnabled(False)
        QMessageBox.information(self, "Opgeslagen",
                                "De vergelijking is opgeslagen. De koppeling van de kolommen "
                                "wordt onthouden voor de volgende lijst van deze bron.")

    def _confirm_incomplete(self) -> bool:
        assert self.comparison is not None
        lines = []
        if self.comparison.problems:
            lines.append(_left_out_text(self.comparison.rows_left_out))
        probable = len(self.comparison.result.probable)
        if probable:
            lines.append(f"{probable} {'leerling' if probable == 1 else 'leerlingen'} onder "
                         "'Waarschijnlijk dezelfde' nog niet bevestigd: ze tellen als "
                         "verschillende leerlingen.")
        answer = QMessageBox.question(
            self, "Vergelijking opslaan", "\n".join(lines) + "\n\nToch opslaan?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes


def _left_out_text(rows: int) -> str:
    if rows == 1:
        return "1 rij kon niet worden gelezen en telt niet mee; zie 'Niet gelezen'."
    return f"{rows} rijen konden niet worden gelezen en tellen niet mee; zie 'Niet gelezen'."
