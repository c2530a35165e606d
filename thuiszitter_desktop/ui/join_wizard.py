"""Aansluiten bij team: server address, the certificate's fingerprint to compare with what the
administrator read out, the one-time code, then which local cases to offer to the team."""

from __future__ import annotations

import platform

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.services import sync_team
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.services.sync_team import JoinResult
from thuiszitter_desktop.transport.https import TransportError
from thuiszitter_desktop.ui.background import Background
from thuiszitter_desktop.ui.team_dialogs import CaseChooser
from thuiszitter_desktop.ui.widgets import ErrorLabel


def grouped(fingerprint: str) -> str:
    """32 pairs in four lines of eight: easy to read out and compare."""
    pairs = fingerprint.split(":")
    return "\n".join(" ".join(pairs[i:i + 8]) for i in range(0, len(pairs), 8))


def failure_text(exc: BaseException) -> str:
    if isinstance(exc, ValidationError):
        return "\n".join(exc.errors.values())
    if isinstance(exc, TransportError):
        return str(exc)
    return f"Er ging iets mis ({type(exc).__name__}). Probeer het opnieuw."


class ServerPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Server van het team")
        self.setSubTitle("Vul het adres in dat de beheerder gaf. Daarna toont de app de "
                         "vingerafdruk van het certificaat van de server.")
        self.address = QLineEdit()
        self.address.setPlaceholderText("teamserver.regio.nl:8443")
        self.address.setAccessibleName("Adres van de server")
        self.fetch = QPushButton("Vingerafdruk ophalen")
        self.fingerprint = QLabel()
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        mono.setPointSizeF(mono.pointSizeF() * 1.2)
        self.fingerprint.setFont(mono)
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.confirm = QCheckBox("Deze vingerafdruk is dezelfde als die de beheerder voorlas")
        self.confirm.setEnabled(False)
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow("Adres", self.address)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.fetch)
        layout.addWidget(QLabel("Vingerafdruk (SHA-256) van het certificaat van de server:"))
        layout.addWidget(self.fingerprint)
        layout.addWidget(self.confirm)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.found = ""
        self.background = Background(self)
        self.fetch.clicked.connect(self.fetch_fingerprint)
        self.address.textChanged.connect(self._forget)
        self.confirm.toggled.connect(self.completeChanged)

    def _forget(self) -> None:
        self.found = ""
        self.fingerprint.clear()
        self.confirm.setChecked(False)
        self.confirm.setEnabled(False)

    def fetch_fingerprint(self) -> None:
        address = self.address.text().strip()
        if not address:
            self.error.show_message("Vul het adres van de server in.")
            return
        self.error.show_message(None)
        self.fetch.setEnabled(False)
        self.fingerprint.setText("Verbinden…")
        self.background.run("vingerafdruk", lambda: sync_team.peek_fingerprint(address),
                            self._found, self._failed)

    def _found(self, fingerprint: str) -> None:
        self.fetch.setEnabled(True)
        self.found = fingerprint
        self.fingerprint.setText(grouped(fingerprint))
        self.confirm.setEnabled(True)

    def _failed(self, exc: BaseException) -> None:
        self.fetch.setEnabled(True)
        self.fingerprint.clear()
        self.error.show_message(failure_text(exc))

    def isComplete(self) -> bool:
        return bool(self.found) and self.confirm.isChecked()


class CodePage(QWizardPage):
    def __init__(self, ctx: AppContext, server: ServerPage,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.server = server
        self.setTitle("Aanmeldcode")
        self.setSubTitle("De beheerder maakt een code van twaalf tekens. Je kunt hem één keer "
                         "gebruiken, binnen 24 uur.")
        self.code = QLineEdit()
        self.code.setPlaceholderText("ABCD-EFGH-JKLM")
        self.code.setAccessibleName("Aanmeldcode")
        self.device = QLineEdit(platform.node())
        self.device.setAccessibleName("Naam van deze laptop")
        self.join_button = QPushButton("Aansluiten")
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.error = ErrorLabel()
        form = QFormLayout()
        form.addRow("Aanmeldcode", self.code)
        form.addRow("Naam van deze laptop", self.device)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.join_button)
        layout.addWidget(self.state)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.result: JoinResult | None = None
        self.background = Background(self)
        self.join_button.clicked.connect(self.join)

    def join(self) -> None:
        address, fingerprint = self.server.address.text(), self.server.found
        code, device = self.code.text(), self.device.text()
        self.error.show_message(None)
        self.join_button.setEnabled(False)
        self.state.setText("Aansluiten…")
        self.background.run(
            "aansluiten", lambda: sync_team.join_team(self.ctx, address, code, fingerprint,
                                                      device),
            self._joined, self._failed)

    def _joined(self, result: JoinResult) -> None:
        self.result = result
        self.state.setText(f"Aangesloten bij {result.team} als {result.user}.")
        self.code.setEnabled(False)
        self.completeChanged.emit()
        wizard = self.wizard()
        if wizard is not None:
            wizard.next()

    def _failed(self, exc: BaseException) -> None:
        self.join_button.setEnabled(True)
        self.state.clear()
        self.error.show_message(failure_text(exc))

    def isComplete(self) -> bool:
        return self.result is not None


class SharePage(QWizardPage):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setTitle("Casussen delen met het team")
        self.setSubTitle("De casussen op deze laptop blijven van jou tot je ze deelt. Vink aan "
                         "welke het team mag zien; de rest kun je later delen via Team → "
                         "Casussen delen….")
        self.chooser = CaseChooser(ctx)
        layout = QVBoxLayout(self)
        layout.addWidget(self.chooser)

    def initializePage(self) -> None:
        self.chooser.reload()

    def validatePage(self) -> bool:
        chosen = self.chooser.chosen()
        if chosen:
            sync_team.share_cases(self.ctx, chosen)
        return True


class JoinWizard(QWizard):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Aansluiten bij team")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.server_page = ServerPage()
        self.code_page = CodePage(ctx, self.server_page)
        self.share_page = SharePage(ctx)
        for page in (self.server_page, self.code_page, self.share_page):
            self.addPage(page)
        self.setButtonText(QWizard.WizardButton.NextButton, "Volgende >")
        self.setButtonText(QWizard.WizardButton.BackButton, "< Vorige")
        self.setButtonText(QWizard.WizardButton.CancelButton, "Annuleren")
        self.setButtonText(QWizard.WizardButton.FinishButton, "Afronden")
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.resize(680, 520)
