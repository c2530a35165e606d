"""Hooks the security features into the main window: the Beveiliging page, Bestand menu items
(back-up maken, terugzetten, inzageverzoek) and the yearly bewaartermijn review dialog."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain.errors import UserError
from thuiszitter_desktop.services import dossier, retention, security
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.services.vault_health import HealthReport, backup_failed
from thuiszitter_desktop.storage.errors import BackupError
from thuiszitter_desktop.storage.files import atomic_write
from thuiszitter_desktop.ui.backup_list_dialog import size_text
from thuiszitter_desktop.ui.document_output import make_document, writing_failure
from thuiszitter_desktop.ui.security_page import SecurityPage
from thuiszitter_desktop.ui.widgets import busy_cursor

if TYPE_CHECKING:
    from thuiszitter_desktop.ui.main_window import MainWindow


class SecurityController(Protocol):
    """What the security features need from the one who owns the vault (the app's controller)."""

    def request_restore(self) -> None: ...

    def report_problem(self, report: HealthReport) -> None: ...

    def set_idle_minutes(self, minutes: int) -> None: ...


class RetentionReviewDialog(QDialog):
    """The yearly list: the user ticks which cases to anonymise; nothing happens unasked."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Bewaartermijn verstreken — beoordelen")
        self.resize(760, 420)
        self.items = retention.review_list(ctx)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Van deze afgesloten casussen is de bewaartermijn voorbij. Vink aan welke u wilt "
            "anonimiseren: namen, adres, school en vrije tekst worden dan definitief uit de "
            "kluis verwijderd. Datums en aantallen blijven voor de beleidscijfers.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(self.items), 4)
        self.table.setAccessibleName("Casussen met een verstreken bewaartermijn")
        self.table.setHorizontalHeaderLabels(
            ("Leerling", "Geboortedatum", "Afgesloten op", "Termijn verstreken op"))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, item in enumerate(self.items):
            name = QTableWidgetItem(item.pupil_name)
            name.setFlags(name.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            name.setCheckState(Qt.CheckState.Checked)
            self.table.setItem(row, 0, name)
            for col, day in enumerate((item.birth_date, item.closed_on, item.retention_end), 1):
                self.table.setItem(row, col, QTableWidgetItem(f"{day:%d-%m-%Y}"))
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table)
        buttons = QDialogButtonBox()
        self.anonymise_button = buttons.addButton("Aangevinkte anonimiseren…",
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_button = buttons.addButton("Nu niets doen",
                                             QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(buttons)
        self.anonymise_button.clicked.connect(self.anonymise_checked)
        self.keep_button.clicked.connect(self._keep)

    def checked_ids(self) -> list[str]:
        checked = []
        for row, item in enumerate(self.items):
            cell = self.table.item(row, 0)
            if cell is not None and cell.checkState() == Qt.CheckState.Checked:
                checked.append(item.case_id)
        return checked

    def anonymise_checked(self) -> None:
        ids = self.checked_ids()
        if not ids:
            return
        answer = QMessageBox.question(
            self, "Definitief anonimiseren?",
            f"{len(ids)} casus(sen) definitief anonimiseren? Dit kan niet ongedaan worden "
            "gemaakt (oudere back-ups bevatten de gegevens nog tot ze wegroteren).")
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            retention.anonymise(self.ctx, ids)
        except UserError as exc:
            QMessageBox.warning(self, "Niet gelukt", exc.message)
            return
        self.accept()

    def _keep(self) -> None:
        retention.mark_reviewed(self.ctx)
        self.reject()


def install_security(window: MainWindow, controller: SecurityController) -> SecurityPage:
    ctx = window.ctx
    page = SecurityPage(ctx, lazy=True)  # reads the audit log when first shown
    window.add_page("Beveiliging", page, viewed_as="logboek")
    window.changes.changed.connect(page.on_change)
    page.backup_requested.connect(lambda: manual_backup(window, controller))
    page.restore_requested.connect(controller.request_restore)
    page.problem_found.connect(controller.report_problem)
    page.review_requested.connect(lambda: RetentionReviewDialog(ctx, window).exec())

    def apply_idle_setting(change: Change) -> None:
        # Wherever the setting changes (this page or Instellingen), the running timer follows.
        if change.entity == "settings" and security.IDLE_KEY in change.ids:
            controller.set_idle_minutes(security.idle_minutes(ctx))

    window.changes.changed.connect(apply_idle_setting)

    actions = [
        ("&Back-up maken…", lambda: manual_backup(window, controller)),
        ("Back-up &terugzetten…", controller.request_restore),
        ("&Inzageverzoek (AVG) exporteren…", lambda: export_dossier(window)),
    ]
    first = window.file_menu.actions()[-2] if len(window.file_menu.actions()) > 1 else None
    for title, slot in actions:
        action = QAction(title, window)
        action.triggered.connect(slot)
        window.file_menu.insertAction(first, action) if first else window.file_menu.addAction(
            action)
    return page


def manual_backup(window: MainWindow, controller: SecurityController) -> None:
    folder = QFileDialog.getExistingDirectory(window, "Map voor de back-up (bijv. USB-stick)")
    if not folder:
        return
    try:
        with busy_cursor():
            backup = security.make_backup(window.ctx, folder=Path(folder), reason="handmatig")
    except BackupError as exc:
        if exc.vault_suspect:  # the vault itself could not be read whole: told at once
            controller.report_problem(backup_failed(window.ctx, exc.message))
        else:  # a full or read-only USB stick, a removed folder: only this backup failed
            QMessageBox.warning(window, "Back-up niet gelukt", exc.message)
        return
    except UserError as exc:
        QMessageBox.warning(window, "Back-up niet gelukt", exc.message)
        return
    QMessageBox.information(
        window, "Back-up gemaakt",
        f"De back-up is gemaakt en gecontroleerd ({backup.info.pupils} leerlingen, "
        f"{size_text(backup.info.size)}):\n{backup.db}\n\nBewaar het bijbehorende "
        f"sleutelbestand ({backup.keys.name}) erbij; zonder wachtwoord of herstelsleutel is "
        "de back-up niet te openen.")


def export_dossier(window: MainWindow) -> None:
    case_id = window.caseload.selected_case_id()
    if not case_id:
        QMessageBox.information(window, "Inzageverzoek",
                                "Kies eerst in de caseload de leerling om wie het gaat.")
        return
    folder = QFileDialog.getExistingDirectory(window, "Map voor het inzageverzoek")
    if not folder:
        return
    stem = f"inzageverzoek-{date.today():%Y%m%d}-{case_id[:8]}"
    for kind, make in (("PDF", lambda: dossier.export_pdf(window.ctx, case_id)),
                       ("JSON", lambda: dossier.export_json(window.ctx, case_id))):
        data = make_document(window, make, "Inzageverzoek")
        if data is None:
            return
        path = Path(folder) / f"{stem}.{kind.lower()}"
        try:
            atomic_write(path, data)
        except OSError as exc:
            QMessageBox.warning(window, "Inzageverzoek niet opgeslagen",
                                writing_failure(exc, path))
            return
        dossier.record_export(window.ctx, case_id, kind)
    QMessageBox.information(window, "Inzageverzoek opgeslagen",
                            f"Het volledige dossier staat als PDF en JSON in:\n{folder}")
