"""The 'Beveiliging' page: auto-lock time, integrity check, backups, bewaartermijn, logboek."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain.autolock import MAX_IDLE_MINUTES, MIN_IDLE_MINUTES
from thuiszitter_desktop.domain.errors import UserError
from thuiszitter_desktop.domain.retention import RetentionPolicy
from thuiszitter_desktop.domain.text_fold import fold
from thuiszitter_desktop.services import retention, security, vault_health
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.storage.audit_chain import ChainProblem
from thuiszitter_desktop.storage.repo_audit import AuditEntry
from thuiszitter_desktop.ui.document_output import save_document
from thuiszitter_desktop.ui.lazy_page import LazyLoad, LazyPage
from thuiszitter_desktop.ui.reflow import ReflowColumns
from thuiszitter_desktop.ui.widgets import ErrorLabel, number_field

AUDIT_HEADERS = ("Datum en tijd", "Gebruiker", "Actie", "Onderdeel", "Leerling", "Toelichting")
ALL_ACTIONS = "Alle acties"
# Lines whose seal does not fit: red while open, amber once the user knowingly went on.
BROKEN = QColor("#F8D7DA")
ACCEPTED = QColor("#FFF3CD")
WARNING_SIGN = "⚠ "


class SecurityPage(LazyPage, QWidget):
    backup_requested = Signal()
    restore_requested = Signal()
    review_requested = Signal()
    problem_found = Signal(object)  # a HealthReport that is not healthy

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 lazy: bool = False) -> None:
        super().__init__(parent)
        self.ctx = ctx
        layout = QVBoxLayout(self)

        lock_box = QGroupBox("Automatisch vergrendelen")
        lock_form = QFormLayout(lock_box)
        self.idle = number_field(MIN_IDLE_MINUTES, MAX_IDLE_MINUTES, security.idle_minutes(ctx),
                                 " minuten")
        self.idle.valueChanged.connect(self._save_idle)
        lock_form.addRow("Vergrendelen na", self.idle)
        layout.addWidget(lock_box)

        check_box = QGroupBox("Kluis en back-ups")
        self.last_check = QLabel()
        self.last_check.setWordWrap(True)
        self.check_button = QPushButton("Kluis nu controleren")
        self.backup_button = QPushButton("Back-up maken…")
        self.restore_button = QPushButton("Back-up terugzetten…")
        state_column = QVBoxLayout()
        state_column.addWidget(self.last_check)
        button_row = QHBoxLayout()
        button_row.addStretch(1)
        for button in (self.check_button, self.backup_button, self.restore_button):
            button_row.addWidget(button)
        # The state next to the buttons when there is room, above them at 200 %.
        check_layout = QVBoxLayout(check_box)
        check_layout.addWidget(ReflowColumns([state_column, button_row]))
        self.check_button.clicked.connect(self.run_check)
        self.backup_button.clicked.connect(self.backup_requested)
        self.restore_button.clicked.connect(self.restore_requested)
        layout.addWidget(check_box)

        keep_box = QGroupBox("Bewaartermijn (VNG Selectielijst 2020)")
        keep_form = QFormLayout(keep_box)
        self.terms: dict[str, QSpinBox] = {}
        labels = {
            "years_after_birth": "Jaren na geboortedatum (leerplicht, 12.1.3)",
            "years_after_kwalificatieplicht": "Jaren na einde kwalificatieplicht (12.1.4)",
            "kwalificatieplicht_until_age": "Kwalificatieplicht tot leeftijd",
            "min_years_after_closing": "Minimaal jaren na afsluiten (Wpg-verzuimmelding)",
        }
        current = retention.policy(ctx).to_dict()
        for key, label in labels.items():
            spin = number_field(0, 100, current[key])
            self.terms[key] = spin
            keep_form.addRow(label, spin)
        keep_buttons = QHBoxLayout()
        save_terms = QPushButton("Termijnen opslaan")
        review = QPushButton("Beoordelingslijst tonen…")
        keep_buttons.addWidget(save_terms)
        keep_buttons.addWidget(review)
        keep_buttons.addStretch(1)
        keep_form.addRow(keep_buttons)
        self.keep_error = ErrorLabel()
        keep_form.addRow(self.keep_error)
        save_terms.clicked.connect(self._save_terms)
        review.clicked.connect(self.review_requested)
        layout.addWidget(keep_box)

        log_box = QGroupBox("Logboek (wie deed wat, zonder inhoud)")
        log_layout = QVBoxLayout(log_box)
        filters = QHBoxLayout()
        self.pupil_filter = QLineEdit()
        self.pupil_filter.setPlaceholderText("Filter op leerling")
        self.pupil_filter.setAccessibleName("Logboek filteren op leerling")
        self.action_filter = QComboBox()
        self.action_filter.setAccessibleName("Logboek filteren op actie")
        self.export_button = QPushButton("Exporteren als CSV…")
        filters.addWidget(self.pupil_filter, 1)
        filters.addWidget(self.action_filter)
        filters.addWidget(self.export_button)
        log_layout.addLayout(filters)
        self.chain_note = QLabel()
        self.chain_note.setWordWrap(True)
        log_layout.addWidget(self.chain_note)
        self.log = QTableWidget(0, len(AUDIT_HEADERS))
        self.log.setHorizontalHeaderLabels(AUDIT_HEADERS)
        self.log.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.log.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        log_layout.addWidget(self.log)
        layout.addWidget(log_box, 1)
        self.pupil_filter.textChanged.connect(self._apply_filter)
        self.action_filter.currentIndexChanged.connect(self._apply_filter)
        self.export_button.clicked.connect(self.export_csv)
        self._case_of_row: list[str | None] = []
        self.loader = LazyLoad(self.reload, lazy=lazy)

    # -- data -----------------------------------------------------------------------------
    def reload(self) -> None:
        last = vault_health.last_integrity_check(self.ctx)
        state = " De kluis is alleen te lezen." if self.ctx.vault.read_only else ""
        self.last_check.setText(
            (f"Laatst gecontroleerd: {last:%d-%m-%Y %H:%M}." if last
             else "Nog niet gecontroleerd.") + state)
        names = security.case_names(self.ctx)
        entries = security.audit_entries(self.ctx)
        self.log.setRowCount(len(entries))
        self._case_of_row = []
        for row, entry in enumerate(reversed(entries)):
            values = (entry.at.strftime("%d-%m-%Y %H:%M"), entry.actor, entry.action,
                      entry.entity, names.get(entry.case_id or "", ""), entry.detail)
            for col, value in enumerate(values):
                self.log.setItem(row, col, QTableWidgetItem(value))
            self._case_of_row.append(entry.case_id)
        self._mark_chain(entries)
        chosen = self.action_filter.currentText()
        self.action_filter.blockSignals(True)
        self.action_filter.clear()
        self.action_filter.addItems([ALL_ACTIONS, *sorted({e.action for e in entries})])
        self.action_filter.setCurrentText(chosen or ALL_ACTIONS)
        self.action_filter.blockSignals(False)
        self._apply_filter()

    def _mark_chain(self, entries: list[AuditEntry]) -> None:
        """Show every break in the audit chain: marked lines, and a note above the table."""
        problems, accepted = vault_health.chain_report(self.ctx)
        by_row = {p.row_id: p for p in problems if p.row_id is not None}
        for row, entry in enumerate(reversed(entries)):
            problem = by_row.get(entry.row_id)
            if problem is None:
                continue
            known = problem.fingerprint in accepted
            for col in range(self.log.columnCount()):
                item = self.log.item(row, col)
                if item is not None:
                    item.setBackground(ACCEPTED if known else BROKEN)
                    item.setToolTip(problem.text + (" (bekend: u koos toch door te gaan)"
                                                    if known else ""))
            first = self.log.item(row, 0)
            if first is not None:
                first.setText(WARNING_SIGN + first.text())
        self.chain_note.setText(_chain_note(problems, accepted))

    def on_change(self, change: Change) -> None:
        self.loader.changed()
        if change.entity == "settings" and security.IDLE_KEY in change.ids:
            # Changed here or in Instellingen: show the stored value (without saving it again).
            self.idle.blockSignals(True)
            self.idle.setValue(security.idle_minutes(self.ctx))
            self.idle.blockSignals(False)

    def clear(self) -> None:
        self.loader.forget()
        self.log.setRowCount(0)
        self.pupil_filter.clear()

    def _cell(self, row: int, column: int) -> str:
        item = self.log.item(row, column)
        return item.text() if item is not None else ""

    def _apply_filter(self) -> None:
        words = fold(self.pupil_filter.text()).split()
        action = self.action_filter.currentText()
        for row in range(self.log.rowCount()):
            pupil = fold(self._cell(row, 4))
            act = self._cell(row, 2)
            hidden = not all(word in pupil for word in words) or (
                action not in ("", ALL_ACTIONS) and act != action)
            self.log.setRowHidden(row, hidden)

    def visible_case_ids(self) -> set[str]:
        return {case_id for row, case_id in enumerate(self._case_of_row)
                if case_id and not self.log.isRowHidden(row)}

    # -- actions --------------------------------------------------------------------------
    def _save_idle(self, minutes: int) -> None:
        try:
            security.set_idle_minutes(self.ctx, minutes)
        except UserError as exc:
            QMessageBox.warning(self, "Niet opgeslagen", exc.message)
            return

    def _save_terms(self) -> None:
        policy = RetentionPolicy(**{k: s.value() for k, s in self.terms.items()})
        try:
            retention.set_policy(self.ctx, policy)
        except UserError as exc:
            self.keep_error.show_message(exc.message)
            return
        self.keep_error.show_message(None)

    def run_check(self) -> None:
        report = vault_health.check_integrity(self.ctx)
        self.reload()
        if report.healthy:
            QMessageBox.information(self, "Kluis gecontroleerd",
                                    "De kluis en het logboek zijn gecontroleerd en in orde.")
        else:
            self.problem_found.emit(report)

    def export_csv(self) -> None:
        ids = self.visible_case_ids() if self.pupil_filter.text().strip() else set()
        case_id = next(iter(ids)) if len(ids) == 1 else None
        if save_document(self, "logboek.csv",
                         lambda: security.export_audit_csv(self.ctx, case_id),
                         file_filter="CSV-bestanden (*.csv)",
                         title="Logboek exporteren") is not None:
            security.record_audit_export(self.ctx, case_id)
            self.reload()


def _chain_note(problems: list[ChainProblem], accepted: set[str]) -> str:
    open_ones = [p for p in problems if p.fingerprint not in accepted]
    if open_ones:
        without_line = [p.text for p in open_ones if p.row_id is None]
        return (f"{WARNING_SIGN}Het logboek is buiten de app aangepast: {len(open_ones)} "
                "afwijking(en). De regels zijn hieronder rood gemarkeerd. "
                + " ".join(without_line)).strip()
    if problems:
        return (f"{WARNING_SIGN}Eerder gevonden afwijkingen in het logboek zijn geel "
                "gemarkeerd (u koos toch door te gaan).")
    return "Het logboek is gecontroleerd: geen regel is gewijzigd, verwijderd of tussengevoegd."


