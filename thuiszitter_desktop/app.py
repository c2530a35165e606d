"""The application: start-up (first run or unlock), the main window, locking."""

from __future__ import annotations

import getpass
import logging
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from thuiszitter_desktop import crash
from thuiszitter_desktop.paths import data_dir, resources_dir
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.services.demo import DEMO_PASSPHRASE, populate_demo
from thuiszitter_desktop.storage.keyslots import DEFAULT_KDF, KdfParams
from thuiszitter_desktop.storage.vault import Vault, default_vault_path
from thuiszitter_desktop.ui.main_window import MainWindow
from thuiszitter_desktop.ui.start_dialogs import FirstRunDialog, RecoveryKeyDialog, UnlockDialog

log = logging.getLogger("thuiszitter.app")

DEMO_FILE = "demo.db"


class AppController(QObject):
    """Owns the open vault and the main window; nothing else holds the vault globally."""

    def __init__(self, folder: Path, kdf: KdfParams = DEFAULT_KDF,
                 clock: Callable[[], datetime] = datetime.now) -> None:
        super().__init__()
        self.folder = folder
        self.kdf = kdf
        self.clock = clock
        self.vault: Vault | None = None
        self.window: MainWindow | None = None
        self.demo = False
        self.recovery_key: str | None = None

    @property
    def vault_path(self) -> Path:
        return default_vault_path(self.folder)

    # -- the steps the dialogs call -------------------------------------------------------
    def create_vault(self, passphrase: str) -> None:
        self.vault, self.recovery_key = Vault.create(self.vault_path, passphrase, self.kdf)
        self.demo = False

    def open_demo(self) -> None:
        path = self.folder / DEMO_FILE
        if path.exists():
            self.vault = Vault.unlock(path, DEMO_PASSPHRASE)
        else:
            self.vault, _ = Vault.create(path, DEMO_PASSPHRASE, self.kdf)
            populate_demo(self._context(self.vault))
        self.demo = True

    def unlock(self, passphrase: str) -> None:
        self.vault = Vault.unlock(self.vault_path, passphrase)
        self.demo = False

    def recover(self, recovery_key: str, new_passphrase: str) -> None:
        vault = Vault.unlock_with_recovery(self.vault_path, recovery_key)
        vault.change_passphrase(new_passphrase, self.kdf)
        self.vault = vault
        self.demo = False

    # -- flow -----------------------------------------------------------------------------
    def ask_for_vault(self) -> bool:
        """Show first-run or unlock; True when a vault is open."""
        if self.vault_path.exists():
            dialog: QDialog = UnlockDialog(self.unlock, self.recover)
        else:
            dialog = FirstRunDialog(self.create_vault, self.open_demo)
        if dialog.exec() != QDialog.DialogCode.Accepted or self.vault is None:
            return False
        if self.recovery_key:
            RecoveryKeyDialog(self.recovery_key).exec()
            self.recovery_key = None
        return True

    def _context(self, vault: Vault) -> AppContext:
        return AppContext(vault=vault, actor=getpass.getuser(), clock=self.clock)

    def show_main(self) -> MainWindow:
        assert self.vault is not None
        self.window = MainWindow(self._context(self.vault), demo=self.demo)
        self.window.lock_requested.connect(self.lock)
        self.window.show()
        return self.window

    def lock(self) -> None:
        """Close the vault and clear every view; unlocking returns to the caseload."""
        if self.window is not None:
            self.window.clear_for_lock()
            self.window.close()
            self.window.deleteLater()
            self.window = None
        if self.vault is not None:
            self.vault.lock()
            self.vault = None
        if self.ask_for_vault():
            self.show_main()
        else:
            QApplication.quit()

    def shutdown(self) -> None:
        if self.vault is not None:
            self.vault.lock()
            self.vault = None


def run(argv: list[str]) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(levelname)s: %(message)s")
    app = QApplication(argv)
    app.setApplicationName("Thuiszitter Desktop")
    app.setOrganizationName("ThuiszitterDesktop")
    app.setStyle("Fusion")
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "app.png")))
    folder = data_dir()
    crash.install(folder / "logs",
                  lambda text: QMessageBox.critical(None, "Er ging iets mis", text))
    controller = AppController(folder)
    if not controller.ask_for_vault():
        return 0
    controller.show_main()
    app.setQuitOnLastWindowClosed(True)
    code = app.exec()
    controller.shutdown()
    return code


def main() -> None:
    sys.exit(run(sys.argv))
