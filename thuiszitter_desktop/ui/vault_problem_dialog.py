"""Told at once when a check or an automatic backup fails: what was found, and a choice.

The vault is already read-only when this shows. The user restores a backup, keeps working
read-only, or knowingly continues (asked twice; recorded in the audit log).
"""

from __future__ import annotations

from enum import Enum, auto

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.services.vault_health import HealthReport


class ProblemChoice(Enum):
    RESTORE = auto()
    READ_ONLY = auto()
    CONTINUE = auto()


class VaultProblemDialog(QDialog):
    def __init__(self, report: HealthReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = ProblemChoice.READ_ONLY
        self.setWindowTitle("Probleem met de kluis")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        title = QLabel("<h3>Er is een probleem gevonden</h3>")
        layout.addWidget(title)
        found = QPlainTextEdit(report.explanation())
        found.setReadOnly(True)
        found.setAccessibleName("Wat er is gevonden")
        found.setMinimumHeight(110)
        layout.addWidget(found)
        advice = QLabel(
            "Om niets kwijt te raken is de kluis nu <b>alleen te lezen</b>: u kunt alles "
            "bekijken, maar niets opslaan. Er is niets overschreven.<br><br>"
            "Het veiligst is een back-up terugzetten. Weet u wat er is gebeurd en wilt u toch "
            "verder werken, kies dan 'Toch doorgaan'; dat wordt in het logboek vastgelegd.")
        advice.setWordWrap(True)
        layout.addWidget(advice)
        buttons = QDialogButtonBox()
        self.restore_button = buttons.addButton("Back-up &terugzetten…",
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.read_only_button = buttons.addButton("&Alleen lezen",
                                                  QDialogButtonBox.ButtonRole.RejectRole)
        self.continue_button = buttons.addButton("Toch &doorgaan…",
                                                 QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.setDefault(True)
        layout.addWidget(buttons)
        self.restore_button.clicked.connect(lambda: self._choose(ProblemChoice.RESTORE))
        self.read_only_button.clicked.connect(lambda: self._choose(ProblemChoice.READ_ONLY))
        self.continue_button.clicked.connect(self._continue)

    def _choose(self, choice: ProblemChoice) -> None:
        self.choice = choice
        if choice is ProblemChoice.READ_ONLY:
            self.reject()
        else:
            self.accept()

    def _continue(self) -> None:
        answer = QMessageBox.question(
            self, "Toch doorgaan?",
            "Weet u zeker dat u wilt doorgaan met opslaan in deze kluis? Bij schade kan er "
            "later meer verloren gaan. Maak in dat geval zo snel mogelijk een nieuwe back-up "
            "naar een USB-stick.")
        if answer == QMessageBox.StandardButton.Yes:
            self._choose(ProblemChoice.CONTINUE)
