"""First-run, unlock and recovery-key dialogs. They collect input; the app controller opens."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import Enum, auto
from html import escape

from PySide6.QtCore import QSysInfo, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain.dutch_dates import dutch_date
from thuiszitter_desktop.domain.errors import UserError
from thuiszitter_desktop.domain.passphrase import assess
from thuiszitter_desktop.storage.errors import VaultCorruptError
from thuiszitter_desktop.ui.profile_dialog import name_field, role_combo
from thuiszitter_desktop.ui.widgets import ErrorLabel, busy_cursor, fit_wrapped_text


def _password_field(placeholder: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setPlaceholderText(placeholder)
    field.setMinimumWidth(320)
    return field


def _busy(action: Callable[[], None], error: ErrorLabel) -> bool:
    """Run ``action`` with a wait cursor; show a UserError calmly. Returns success."""
    try:
        with busy_cursor():
            action()
    except UserError as exc:
        error.show_message(exc.message)
        return False
    error.show_message(None)
    return True


class FirstRunChoice(Enum):
    CREATE = auto()
    DEMO = auto()
    RESTORED = auto()


class FirstRunDialog(QDialog):
    """No vault yet: create one (passphrase twice, strength shown) or explore the demo; when a
    key file or backups of an earlier vault exist, restoring one is offered first."""

    def __init__(self, create: Callable[[str, str, str], None], open_demo: Callable[[], None],
                 parent: QWidget | None = None, *,
                 restore: Callable[[QWidget], bool] | None = None,
                 restore_offer: str = "") -> None:
        super().__init__(parent)
        self._create = create
        self._open_demo = open_demo
        self._restore = restore
        self.choice: FirstRunChoice | None = None
        self.setWindowTitle("Welkom bij Thuiszitter Desktop")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "<h2>Welkom</h2><p>Thuiszitter Desktop bewaart uw caseload in een versleutelde "
            "kluis op deze computer. Alleen met uw wachtwoord (of de herstelsleutel) is de "
            "kluis te openen.</p>"
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.restore_box = QGroupBox("Eerdere kluis terugzetten")
        restore_layout = QHBoxLayout(self.restore_box)
        self.restore_text = QLabel(restore_offer)
        self.restore_text.setWordWrap(True)
        self.restore_button = QPushButton("Back-up terugzetten…")
        restore_layout.addWidget(self.restore_text, 1)
        restore_layout.addWidget(self.restore_button)
        layout.addWidget(self.restore_box)
        self.restore_box.setVisible(bool(restore_offer) and restore is not None)
        self.restore_button.clicked.connect(self._on_restore)

        create_box = QGroupBox("Nieuwe kluis aanmaken")
        form = QFormLayout(create_box)
        self.passphrase = _password_field("Minstens 12 tekens, bijvoorbeeld een korte zin")
        self.repeat = _password_field("Typ het wachtwoord nog een keer")
        self.user_name = name_field()
        self.role = role_combo()
        self.meter = QProgressBar()
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(True)
        self.meter.setFormat("Sterkte: —")
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.error = ErrorLabel()
        self.create_button = QPushButton("Kluis aanmaken")
        self.create_button.setDefault(True)
        form.addRow("Uw naam:", self.user_name)
        form.addRow("Uw functie:", self.role)
        form.addRow("Wachtwoord:", self.passphrase)
        form.addRow("Herhaal wachtwoord:", self.repeat)
        form.addRow("", self.meter)
        form.addRow("", self.hint)
        form.addRow("", self.error)
        form.addRow("", self.create_button)
        layout.addWidget(create_box)

        demo_box = QGroupBox("Eerst rondkijken?")
        demo_layout = QHBoxLayout(demo_box)
        demo_text = QLabel("Open een <b>fictieve</b> demo-caseload van 60 leerlingen. Er staan "
                           "geen echte gegevens in.")
        demo_text.setWordWrap(True)
        self.demo_button = QPushButton("Demo openen")
        demo_layout.addWidget(demo_text, 1)
        demo_layout.addWidget(self.demo_button)
        layout.addWidget(demo_box)

        self.passphrase.textChanged.connect(self._update_strength)
        self.create_button.clicked.connect(self._on_create)
        self.demo_button.clicked.connect(self._on_demo)
        self._update_strength("")

    def _update_strength(self, text: str) -> None:
        strength = assess(text)
        self.meter.setValue(strength.score if text else 0)
        self.meter.setFormat(f"Sterkte: {strength.label}" if text else "Sterkte: —")
        self.hint.setText(strength.hint if text else "")

    def _on_create(self) -> None:
        name = " ".join(self.user_name.text().split())
        if not name:
            self.error.show_message("Vul uw naam in: die komt in het logboek en onder brieven.")
            self.user_name.setFocus()
            return
        passphrase = self.passphrase.text()
        if not assess(passphrase).acceptable:
            self.error.show_message("Dit wachtwoord is te zwak. " + assess(passphrase).hint)
            return
        if passphrase != self.repeat.text():
            self.error.show_message("De twee wachtwoorden zijn niet gelijk.")
            self.repeat.setFocus()
            return
        role = str(self.role.currentData())
        if _busy(lambda: self._create(passphrase, name, role), self.error):
            self.choice = FirstRunChoice.CREATE
            self.accept()

    def _on_demo(self) -> None:
        if _busy(self._open_demo, self.error):
            self.choice = FirstRunChoice.DEMO
            self.accept()

    def _on_restore(self) -> None:
        if self._restore is not None and self._restore(self):
            self.choice = FirstRunChoice.RESTORED
            self.accept()


class UnlockDialog(QDialog):
    """Asked on every start and after locking; the recovery key is one click away.

    With ``demo`` it unlocks the demo again (its password is shown): locking the demo never
    leads to the welcome dialog that would make a real vault.
    """

    def __init__(self, unlock: Callable[[str], None],
                 recover: Callable[[str, str], None],
                 restore: Callable[[QWidget], bool] | None = None,
                 parent: QWidget | None = None, *,
                 backup_offer: Callable[[], str] | None = None, demo: bool = False) -> None:
        super().__init__(parent)
        self._unlock = unlock
        self._recover = recover
        self._restore = restore
        self._backup_offer = backup_offer
        self.setWindowTitle("Demo ontgrendelen — Thuiszitter Desktop" if demo
                            else "Kluis ontgrendelen — Thuiszitter Desktop")
        self.pages = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

        unlock_page = QWidget()
        form = QFormLayout(unlock_page)
        title = QLabel(
            "<h3>Demo ontgrendelen</h3>De demo is vergrendeld, net als een echte kluis. Het "
            "wachtwoord van de demo is <b>demo</b>. Alle gegevens in de demo zijn verzonnen."
            if demo else "<h3>Kluis ontgrendelen</h3>Typ uw wachtwoord om verder te werken.")
        title.setWordWrap(True)
        form.addRow(title)
        self.passphrase = _password_field("Wachtwoord")
        form.addRow("Wachtwoord:", self.passphrase)
        self.error = ErrorLabel()
        form.addRow("", self.error)
        buttons = QDialogButtonBox()
        self.unlock_button = buttons.addButton("Ontgrendelen",
                                               QDialogButtonBox.ButtonRole.AcceptRole)
        self.unlock_button.setDefault(True)
        buttons.addButton("Afsluiten", QDialogButtonBox.ButtonRole.RejectRole)
        self.forgot = QPushButton("Wachtwoord vergeten? Herstelsleutel gebruiken")
        self.forgot.setFlat(True)
        form.addRow(buttons)
        form.addRow(self.forgot)
        self.forgot.setVisible(not demo)  # the demo has no recovery key
        # Offered when the vault itself cannot be read: never replaced silently.
        self.offer = QLabel()
        self.offer.setWordWrap(True)
        self.offer.hide()
        form.addRow(self.offer)
        self.restore_button = QPushButton("Back-up terugzetten…")
        self.restore_button.hide()
        form.addRow(self.restore_button)
        self.pages.addWidget(unlock_page)

        recover_page = QWidget()
        rform = QFormLayout(recover_page)
        rtitle = QLabel("<h3>Herstellen met de herstelsleutel</h3>De herstelsleutel kreeg u "
                        "bij het aanmaken van de kluis (op papier, in de kluis van uw "
                        "organisatie). Kies daarna een nieuw wachtwoord.")
        rtitle.setWordWrap(True)
        rform.addRow(rtitle)
        self.recovery = QLineEdit()
        self.recovery.setPlaceholderText("XXXX-XXXX-XXXX-…")
        self.recovery.setFont(QFont("monospace"))
        self.new_passphrase = _password_field("Nieuw wachtwoord (minstens 12 tekens)")
        self.new_repeat = _password_field("Herhaal nieuw wachtwoord")
        rform.addRow("Herstelsleutel:", self.recovery)
        rform.addRow("Nieuw wachtwoord:", self.new_passphrase)
        rform.addRow("Herhaal:", self.new_repeat)
        self.recover_error = ErrorLabel()
        rform.addRow("", self.recover_error)
        rbuttons = QDialogButtonBox()
        self.recover_button = rbuttons.addButton("Herstellen en ontgrendelen",
                                                 QDialogButtonBox.ButtonRole.AcceptRole)
        back = rbuttons.addButton("Terug", QDialogButtonBox.ButtonRole.RejectRole)
        rform.addRow(rbuttons)
        self.pages.addWidget(recover_page)

        buttons.accepted.connect(self._on_unlock)
        buttons.rejected.connect(self.reject)
        self.forgot.clicked.connect(lambda: self.pages.setCurrentIndex(1))
        self.recover_button.clicked.connect(self._on_recover)
        self.restore_button.clicked.connect(self._on_restore)
        back.clicked.connect(lambda: self.pages.setCurrentIndex(0))
        self.passphrase.setFocus()

    def _on_unlock(self) -> None:
        passphrase = self.passphrase.text()
        if not passphrase:
            self.error.show_message("Typ eerst uw wachtwoord.")
            return
        try:
            with busy_cursor():
                self._unlock(passphrase)
        except VaultCorruptError as exc:
            self.error.show_message(exc.message)
            if self._restore is not None:
                self.offer.setText(self._backup_offer() if self._backup_offer else "")
                self.offer.setVisible(bool(self.offer.text()))
                self.restore_button.show()
                self.restore_button.setFocus()
            fit_wrapped_text(self)
            return
        except UserError as exc:
            self.error.show_message(exc.message)
            self.passphrase.selectAll()
            self.passphrase.setFocus()
            return
        self.accept()

    def _on_restore(self) -> None:
        if self._restore is not None and self._restore(self):
            self.restore_button.hide()
            self.offer.hide()
            self.error.show_message(
                "De back-up is teruggezet. Ontgrendel met het wachtwoord dat bij die back-up "
                "hoort."
            )
            self.passphrase.clear()
            self.passphrase.setFocus()

    def _on_recover(self) -> None:
        new = self.new_passphrase.text()
        if not assess(new).acceptable:
            self.recover_error.show_message("Het nieuwe wachtwoord is te zwak. "
                                            + assess(new).hint)
            return
        if new != self.new_repeat.text():
            self.recover_error.show_message("De twee nieuwe wachtwoorden zijn niet gelijk.")
            return
        if _busy(lambda: self._recover(self.recovery.text(), new), self.recover_error):
            self.accept()


def recovery_sheet(recovery_key: str, owner: str, created: date, computer: str) -> str:
    """The printed recovery key as HTML: whose vault, made when, on which computer, so a sheet
    in the organisation's safe can be matched with its laptop years later."""
    rows = [("Kluis van", owner or "—"), ("Aangemaakt op", dutch_date(created)),
            ("Computer", computer or "—")]
    table = "".join(f"<tr><td><b>{escape(label)}</b></td><td>{escape(value)}</td></tr>"
                    for label, value in rows)
    return (f"<h2>Herstelsleutel Thuiszitter Desktop</h2><table cellpadding='4'>{table}</table>"
            f"<p style='font-family:monospace;font-size:16pt'>{escape(recovery_key)}</p>"
            "<p>Met deze sleutel is de kluis te openen als het wachtwoord kwijt is. Bewaar dit "
            "blad in de kluis van de organisatie, niet bij de laptop.</p>")


class RecoveryKeyDialog(QDialog):
    """Shown once after creating a vault: the printable recovery key for the safe."""

    def __init__(self, recovery_key: str, parent: QWidget | None = None, *, owner: str = "",
                 created: date | None = None, replaced: bool = False) -> None:
        super().__init__(parent)
        created = created or date.today()
        self.sheet = recovery_sheet(recovery_key, owner, created, QSysInfo.machineHostName())
        self.setMinimumWidth(560)  # the key on one line
        self.setWindowTitle("Uw nieuwe herstelsleutel" if replaced else "Uw herstelsleutel")
        layout = QVBoxLayout(self)
        why = ("<p>U heeft de herstelsleutel gebruikt. Omdat iemand die sleutel gezien kan "
               "hebben, is er een nieuwe gemaakt: de oude opent deze kluis niet meer (wel nog "
               "oudere back-ups). Vervang het papier in de kluis van uw organisatie.</p>"
               if replaced else "")
        text = QLabel(
            f"<h3>Bewaar deze herstelsleutel goed</h3>{why}<p>Bent u uw wachtwoord kwijt, dan "
            "opent alleen deze sleutel de kluis nog. Druk hem af of schrijf hem over en leg "
            "hem in de kluis van uw organisatie. Deze sleutel wordt maar één keer getoond.</p>"
        )
        text.setWordWrap(True)
        layout.addWidget(text)
        whose = QLabel(f"Kluis van {owner or '—'}, aangemaakt op {dutch_date(created)}. Dat "
                       "staat ook op het afgedrukte blad.")
        whose.setTextFormat(Qt.TextFormat.PlainText)
        whose.setWordWrap(True)
        layout.addWidget(whose)
        self.key_label = QLabel(recovery_key)
        font = QFont("monospace")
        font.setPointSize(13)
        font.setBold(True)
        self.key_label.setFont(font)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setStyleSheet("padding: 12px; border: 1px solid #B7C4D1;")
        self.key_label.setWordWrap(True)
        layout.addWidget(self.key_label)
        self.confirm = QCheckBox("Ik heb de herstelsleutel veilig bewaard")
        layout.addWidget(self.confirm)
        buttons = QDialogButtonBox()
        self.print_button = buttons.addButton("Afdrukken…", QDialogButtonBox.ButtonRole.ActionRole)
        self.done_button = buttons.addButton("Verder", QDialogButtonBox.ButtonRole.AcceptRole)
        self.done_button.setEnabled(False)
        layout.addWidget(buttons)
        self.confirm.toggled.connect(self.done_button.setEnabled)
        buttons.accepted.connect(self.accept)
        self.print_button.clicked.connect(self._print)

    def _print(self) -> None:
        from PySide6.QtGui import QTextDocument
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            document = QTextDocument()
            document.setHtml(self.sheet)
            document.print_(printer)

    def reject(self) -> None:
        # The key must be acknowledged; closing with Esc would lose it.
        if self.confirm.isChecked():
            super().reject()
