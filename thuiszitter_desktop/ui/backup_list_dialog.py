"""The list of backups to restore from: date, kind, size and number of pupils of each.

Used from Bestand → Back-up terugzetten…, from the unlock dialog when the vault was refused
and from the first-start screen when a key file or backups exist. The newest backup holding
data is chosen at the start; another file (a USB stick) can be picked too.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.storage.backup_files import KEEP, PREFIX, PREVIOUS_PREFIX, Listed

HEADERS = ("Gemaakt op", "Soort", "Grootte", "Leerlingen", "Bijzonderheid")
KINDS = {"automatisch": "Automatisch", "ontgrendeld": "Automatisch (bij openen)",
         "migratie": "Vóór een update", "handmatig": "Handmatig"}


def size_text(size: int) -> str:
    """'312 kB', '1,4 MB': the way a Dutch file manager shows it."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} kB"
    return f"{size / 1_000_000:.1f} MB".replace(".", ",")


def kind_text(backup: Listed) -> str:
    if backup.db.name.startswith(PREVIOUS_PREFIX):
        return "Vorige kluis (bewaard bij terugzetten)"
    reason = backup.info.reason if backup.info else backup.db.stem[len(PREFIX) + 23:]
    return KINDS.get(reason, reason.capitalize() or "Onbekend")


def describe(backup: Listed) -> str:
    """'21-11-2026 om 14:03, 150 leerlingen': for messages that offer this backup."""
    when = f"{backup.made:%d-%m-%Y} om {backup.made:%H:%M}" if backup.made else backup.db.name
    pupils = backup.pupils
    return when if pupils is None else f"{when}, {pupils} leerling{'en' * (pupils != 1)}"


class BackupListDialog(QDialog):
    """Pick a backup; ``chosen`` is its database file after 'Terugzetten…'."""

    def __init__(self, backups: Sequence[Listed], preselect: Path | None = None,
                 remove: Callable[[Listed], None] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Back-up terugzetten")
        self.resize(760, 420)
        self.backups = list(backups)
        self._remove = remove
        self.chosen: Path | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Kies de back-up die u wilt terugzetten. De kluis wordt dan vervangen door die "
            "back-up; de huidige kluis wordt eerst apart bewaard. Elke back-up is bij het "
            "maken gecontroleerd." if self.backups else
            "Er zijn in de map 'backups' geen back-ups gevonden. Kies 'Ander bestand…' voor "
            "een back-up op een USB-stick of in een andere map.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(self.backups), len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName("Back-ups")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(HEADERS) - 1, QHeaderView.ResizeMode.Stretch)
        self._fill(preselect)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox()
        self.restore_button = buttons.addButton("&Terugzetten…",
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.other_button = buttons.addButton("&Ander bestand…",
                                              QDialogButtonBox.ButtonRole.ActionRole)
        self.remove_button = QPushButton("&Verwijderen…")
        if remove is not None:
            buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(buttons)
        self.restore_button.clicked.connect(self._restore)
        self.other_button.clicked.connect(self._other)
        self.remove_button.clicked.connect(self._remove_current)
        buttons.rejected.connect(self.reject)
        self.table.doubleClicked.connect(lambda _index: self._restore())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def _fill(self, preselect: Path | None) -> None:
        rotating = [b for b in self.backups if b.db.name.startswith(PREFIX)]
        newest_with_data = next((b for b in rotating if b.pupils), None)
        self.table.setRowCount(len(self.backups))
        for row, backup in enumerate(self.backups):
            notes = []
            if backup is newest_with_data:
                notes.append("nieuwste met gegevens")
            if backup in rotating[KEEP:]:
                notes.append("extra bewaard: meer leerlingen dan de nieuwere")
            pupils = "onbekend" if backup.pupils is None else str(backup.pupils)
            cells = (f"{backup.made:%d-%m-%Y %H:%M}" if backup.made else "onbekend",
                     kind_text(backup), size_text(backup.size), pupils, "; ".join(notes))
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if column in (2, 3):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        start = next((row for row, b in enumerate(self.backups) if b.db == preselect), None)
        if start is None and newest_with_data is not None:
            start = self.backups.index(newest_with_data)
        if self.backups:
            self.table.selectRow(start or 0)

    def current(self) -> Listed | None:
        row = self.table.currentRow()
        return self.backups[row] if 0 <= row < len(self.backups) else None

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(self.current() is not None)
        self.remove_button.setEnabled(self.current() is not None)

    def _restore(self) -> None:
        backup = self.current()
        if backup is not None:
            self.chosen = backup.db
            self.accept()

    def _other(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Back-up kiezen", "",
                                              "Kluis-back-ups (*.db)")
        if path:
            self.chosen = Path(path)
            self.accept()

    def _remove_current(self) -> None:
        backup = self.current()
        if backup is None or self._remove is None:
            return
        answer = QMessageBox.question(
            self, "Back-up verwijderen?",
            f"De back-up van {describe(backup)} definitief verwijderen? Dit kan niet ongedaan "
            "worden gemaakt.")
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._remove(backup)
        row = self.backups.index(backup)
        del self.backups[row]
        self.table.removeRow(row)
        self._update_buttons()
