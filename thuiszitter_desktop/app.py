"""The application: start-up (first run or unlock), the main window, locking."""

from __future__ import annotations

import contextlib
import logging
import sys
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import NoReturn

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from thuiszitter_desktop import crash
from thuiszitter_desktop.domain import settings as settings_registry
from thuiszitter_desktop.domain.errors import UserError
from thuiszitter_desktop.domain.unlock_attempts import UnlockThrottle, wait_message
from thuiszitter_desktop.paths import data_dir, resources_dir
from thuiszitter_desktop.services import retention, security, vault_health
from thuiszitter_desktop.services import settings as settings_service
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.services.demo import DEMO_PASSPHRASE, demo_user, populate_demo
from thuiszitter_desktop.services.vault_health import HealthReport
from thuiszitter_desktop.storage.attempts_file import load_attempts, save_attempts
from thuiszitter_desktop.storage.backup import Backup
from thuiszitter_desktop.storage.backup_files import (
    backups_dir,
    clean_leftovers,
    listed,
    newest_with_data,
)
from thuiszitter_desktop.storage.errors import VaultError, WrongPassphraseError
from thuiszitter_desktop.storage.keyslots import DEFAULT_KDF, KdfParams
from thuiszitter_desktop.storage.restore import can_open, key_for_backup, restore_backup
from thuiszitter_desktop.storage.vault import Vault
from thuiszitter_desktop.storage.vault_files import (
    attempts_file_for,
    default_vault_path,
    key_file_for,
)
from thuiszitter_desktop.ui.app_rules import install_app_rules
from thuiszitter_desktop.ui.autolock import TICK_MS, AutoLock
from thuiszitter_desktop.ui.backup_list_dialog import BackupListDialog, describe
from thuiszitter_desktop.ui.clipboard_guard import ClipboardGuard
from thuiszitter_desktop.ui.main_window import MainWindow
from thuiszitter_desktop.ui.profile_dialog import ProfileDialog
from thuiszitter_desktop.ui.qt_dutch import install_dutch_translations
from thuiszitter_desktop.ui.security_wiring import RetentionReviewDialog, install_security
from thuiszitter_desktop.ui.start_dialogs import (
    FirstRunChoice,
    FirstRunDialog,
    RecoveryKeyDialog,
    UnlockDialog,
)
from thuiszitter_desktop.ui.vault_problem_dialog import ProblemChoice, VaultProblemDialog

log = logging.getLogger("thuiszitter.app")
# The checks after unlock wait until the caseload is read, checking every 100 ms, at most 60 s.
CHECK_POLL_MS = 100
CHECK_WAIT_S = 60.0

DEMO_FILE = "demo.db"


def close_other_windows(keep: QWidget | None) -> bool:
    """Close every open dialog and window except ``keep``, without asking to save (the vault
    is locking). Returns whether unsaved input was discarded."""
    discarded = False
    for widget in QApplication.topLevelWidgets():
        if widget is keep or not widget.isVisible():
            continue
        unsaved = getattr(widget, "has_unsaved_changes", None)
        if getattr(widget, "_dirty", False) or (callable(unsaved) and unsaved()):
            discarded = True
        if hasattr(widget, "_dirty"):
            setattr(widget, "_dirty", False)  # noqa: B010 - any window's own flag
        if isinstance(widget, QDialog):
            widget.done(QDialog.DialogCode.Rejected)  # skips 'save changes?' prompts
        else:
            widget.hide()
            widget.deleteLater()
    return discarded


class AppController(QObject):
    """Owns the open vault and the main window; nothing else holds the vault globally."""

    # From the job that runs after unlocking (checks, then the automatic backup): the context
    # it ran for and its HealthReport, or the Backup made / the Dutch reason it failed.
    health_checked = Signal(object, object)
    backup_finished = Signal(object, object)

    def __init__(self, folder: Path, kdf: KdfParams = DEFAULT_KDF,
                 clock: Callable[[], datetime] = datetime.now, tick_ms: int = TICK_MS) -> None:
        super().__init__()
        self.folder = folder
        self.kdf = kdf
        self.clock = clock
        self.tick_ms = tick_ms
        self.vault: Vault | None = None
        self.window: MainWindow | None = None
        self.demo = False
        self.recovery_key: str | None = None
        self.recovery_replaced = False
        # Failed attempts are kept beside the vault (a count and a time), so a restart does
        # not reset the wait; nothing is ever locked out or destroyed.
        self.throttle = UnlockThrottle(clock, load_attempts(self.attempts_path))
        clean_leftovers(self.vault_path)  # of a backup or restore interrupted last time
        self.autolock: AutoLock | None = None
        self.clipboard: ClipboardGuard | None = None
        self.discarded_unsaved = False
        self.last_page: int | None = None
        self.unlocked_with = "wachtwoord"
        self.restored_from: str | None = None
        self.backup_thread: threading.Thread | None = None
        self._quit_on_close = True
        self.health_checked.connect(self._on_health_checked)
        self.backup_finished.connect(self._on_backup_finished)

    @property
    def vault_path(self) -> Path:
        return default_vault_path(self.folder)

    @property
    def attempts_path(self) -> Path:
        return attempts_file_for(self.vault_path)

    # -- the steps the dialogs call -------------------------------------------------------
    def create_vault(self, passphrase: str, name: str = "",
                     role: str = settings_registry.CONSULENT_ROLE.default) -> None:
        """A new vault, with the user's name and function (asked in the welcome dialog)."""
        self.vault, self.recovery_key = Vault.create(self.vault_path, passphrase, self.kdf)
        self.demo = False
        self.unlocked_with = "nieuwe kluis"
        if name.strip():
            settings_service.save_user_profile(self._context(self.vault), name, role)

    def open_demo(self) -> None:
        path = self.folder / DEMO_FILE
        if path.exists():
            self.vault = Vault.unlock(path, DEMO_PASSPHRASE)
            demo_user(self._context(self.vault))  # a demo made before names were asked
        else:
            self.vault, _ = Vault.create(path, DEMO_PASSPHRASE, self.kdf)
            populate_demo(self._context(self.vault))
        self.demo = True
        self.unlocked_with = "demo"

    def unlock_demo(self, passphrase: str) -> None:
        """Open the locked demo again with its (shown) password."""
        if passphrase != DEMO_PASSPHRASE:
            raise WrongPassphraseError()
        self.open_demo()

    def unlock(self, passphrase: str) -> None:
        self._check_throttle()
        try:
            vault = Vault.unlock(self.vault_path, passphrase)
        except WrongPassphraseError:
            self._failed()
        self._succeeded()
        self.vault = vault
        self.demo = False
        self.unlocked_with = "wachtwoord"

    def recover(self, recovery_key: str, new_passphrase: str) -> None:
        self._check_throttle()
        try:
            vault = Vault.unlock_with_recovery(self.vault_path, recovery_key)
        except WrongPassphraseError:
            self._failed()
        self._succeeded()
        try:
            vault.change_passphrase(new_passphrase, self.kdf)
            # A used recovery key may have been seen: replaced, the new one shown once.
            self.recovery_key = vault.replace_recovery_key()
        except BaseException:
            vault.lock()
            raise
        self.recovery_replaced = True
        self.vault = vault
        self.demo = False
        self.unlocked_with = "herstelsleutel"

    def _check_throttle(self) -> None:
        if not self.throttle.may_try():
            raise UserError(wait_message(self.throttle.wait_remaining()))

    def _succeeded(self) -> None:
        self.throttle.succeeded()
        save_attempts(self.attempts_path, self.throttle.state)

    def _failed(self) -> NoReturn:
        self.throttle.failed()
        save_attempts(self.attempts_path, self.throttle.state)
        if not self.throttle.may_try():
            raise UserError(WrongPassphraseError().message + " "
                            + wait_message(self.throttle.wait_remaining()))
        raise WrongPassphraseError()

    # -- flow -----------------------------------------------------------------------------
    def ask_for_vault(self) -> bool:
        """Show first-run or unlock; True when a vault is open. A locked demo asks for the
        demo again: never the welcome dialog, which would make a real vault."""
        while True:
            if self.demo:
                dialog: QDialog = UnlockDialog(self.unlock_demo, self.recover, demo=True)
            elif self.vault_path.exists():
                dialog = UnlockDialog(self.unlock, self.recover,
                                      restore=self.restore_backup_file,
                                      backup_offer=self.backup_offer)
            else:
                dialog = FirstRunDialog(self.create_vault, self.open_demo,
                                        restore=self.restore_backup_file,
                                        restore_offer=self.first_run_restore_offer())
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
            if isinstance(dialog, FirstRunDialog) and dialog.choice is FirstRunChoice.RESTORED:
                continue  # a backup is back in place: now unlock it
            break
        if not accepted or self.vault is None:
            return False
        if self.recovery_key:
            owner = settings_service.actor_name(self._context(self.vault), "")
            RecoveryKeyDialog(self.recovery_key, owner=owner, created=self.clock().date(),
                              replaced=self.recovery_replaced).exec()
            self.recovery_key = None
            self.recovery_replaced = False
        return True

    def backup_offer(self) -> str:
        """For a refused vault: which backup to restore (the newest that holds data)."""
        newest = newest_with_data(backups_dir(self.vault_path))
        if newest is None:
            return ("Er is in de map 'backups' geen back-up met gegevens gevonden. Heeft u een "
                    "back-up op een USB-stick, kies dan 'Back-up terugzetten…'.")
        return (f"De nieuwste back-up met gegevens is van {describe(newest)}. Kies 'Back-up "
                "terugzetten…' om die terug te zetten.")

    def first_run_restore_offer(self) -> str:
        """Why the first-start screen offers a restore ('' when there is nothing to restore)."""
        keys_left = key_file_for(self.vault_path).exists()
        found = listed(backups_dir(self.vault_path))
        if not keys_left and not found:
            return ""
        what = ("het sleutelbestand van een eerdere kluis" if keys_left else "")
        if found:
            count = f"{len(found)} back-up{'s' * (len(found) != 1)}"
            what = f"{what} en {count}" if what else count
        return (f"Er is geen kluis gevonden, maar wel {what}. Zet een back-up terug om verder "
                "te werken met uw gegevens.")

    def _context(self, vault: Vault) -> AppContext:
        """The session's context; the user is named as they told us, never by their login."""
        ctx = AppContext(vault=vault, clock=self.clock)
        ctx.actor = settings_service.actor_name(ctx)
        return ctx

    def show_main(self) -> MainWindow:
        assert self.vault is not None
        ctx = self._context(self.vault)
        self.window = MainWindow(ctx, demo=self.demo, load_in_background=True)
        self.security_page = install_security(self.window, self)
        self.window.lock_requested.connect(self.lock)
        if self.last_page is not None and 0 <= self.last_page < self.window.pages.count():
            self.window.nav.setCurrentRow(self.last_page)  # back where the user was
        self.window.show()
        self._after_unlock(ctx)
        return self.window

    def _after_unlock(self, ctx: AppContext) -> None:
        with contextlib.suppress(VaultError):  # a damaged vault: the check below says so
            security.record_unlock(ctx, self.unlocked_with)
            if self.unlocked_with == "herstelsleutel":
                security.record_recovery_key_replaced(ctx)
            if self.restored_from:
                security.record_restore(ctx, self.restored_from)
        self.restored_from = None
        if self.autolock is None:
            self.autolock = AutoLock(self.clock, tick_ms=self.tick_ms, parent=self)
            self.autolock.lock_now.connect(lambda _reason: self.lock())
            self.clipboard = ClipboardGuard(parent=self)
        self.autolock.start(security.idle_minutes(ctx))
        self.backup_thread = None
        self._start_checks_when_loaded(ctx, deadline=time.monotonic() + CHECK_WAIT_S)
        QTimer.singleShot(0, lambda: self._post_unlock_checks(ctx))

    def _start_checks_when_loaded(self, ctx: AppContext, deadline: float) -> None:
        """The check at unlock and the backup start once the window has read the caseload
        (it reads in worker threads too): sharing the two cores with that read added seconds
        to the start at 50,000 cases (bench/). lock() waits for the backup."""
        window = self.window
        if window is None or window.ctx is not ctx or ctx.vault.is_locked:
            return
        busy = window.background is not None and (
            not window.clock_cache.loaded or window.caseload.loading)
        if busy and time.monotonic() < deadline:
            QTimer.singleShot(CHECK_POLL_MS, lambda: self._start_checks_when_loaded(ctx, deadline))
            return
        self.backup_thread = threading.Thread(target=self._unlock_job, args=(ctx, not self.demo),
                                              name="checks-after-unlock", daemon=True)
        self.backup_thread.start()

    def _unlock_job(self, ctx: AppContext, backup: bool) -> None:
        """The check at unlock (the full one when a week has passed), then the automatic
        backup; results go to the UI thread by signal."""
        try:
            full = vault_health.integrity_check_due(ctx)
            report = (vault_health.check_integrity(ctx) if full
                      else vault_health.check_at_unlock(ctx))
        except UserError:
            return  # locked meanwhile
        except Exception as exc:  # never personal data in the log: the type only
            log.warning("check after unlock failed: %s", type(exc).__name__)
            return
        self.health_checked.emit(ctx, report)
        if not backup or not report.healthy:
            return
        try:
            made = security.backup_on_unlock(ctx)
        except UserError as exc:
            self.backup_finished.emit(ctx, exc.message)
        except Exception as exc:
            log.warning("automatic backup failed: %s", type(exc).__name__)
            self.backup_finished.emit(ctx, "De automatische back-up is mislukt door een "
                                           "onverwachte fout.")
        else:
            if made is not None:
                self.backup_finished.emit(ctx, made)

    def _current(self, ctx: AppContext) -> bool:
        window = self.window
        return window is not None and window.ctx is ctx and not ctx.vault.is_locked

    def _on_health_checked(self, ctx: AppContext, report: HealthReport) -> None:
        if self._current(ctx) and not report.healthy:
            self.report_problem(report)

    def _on_backup_finished(self, ctx: AppContext, result: Backup | str) -> None:
        if not self._current(ctx):
            return
        if isinstance(result, str):
            self.report_problem(vault_health.backup_failed(
                ctx, f"De automatische back-up is niet gelukt. {result}"))
        elif result.fewer_pupils:
            QMessageBox.warning(
                self.window, "Minder leerlingen dan in de vorige back-up",
                f"De back-up van zojuist bevat {result.info.pupils} leerlingen; de vorige "
                f"bevatte er {result.previous_pupils}. Klopt dat niet (bijvoorbeeld omdat "
                "de kluis is vervangen door een oudere kopie)? Zet dan een back-up terug via "
                "Bestand → Back-up terugzetten…. De laatste back-up met de meeste leerlingen "
                "blijft bewaard, ook als er nieuwere bij komen.")

    def report_problem(self, report: HealthReport) -> None:
        """Tell the user at once; the vault is already read-only. Their choice decides."""
        window = self.window
        if window is None:
            return
        ctx = window.ctx
        ctx.changes.publish(Change("vault_state", ()))
        dialog = VaultProblemDialog(report, window)
        dialog.exec()
        if dialog.choice is ProblemChoice.RESTORE:
            self.request_restore()
        elif dialog.choice is ProblemChoice.CONTINUE and self._current(ctx):
            vault_health.continue_knowingly(ctx, report)

    def _post_unlock_checks(self, ctx: AppContext) -> None:
        window = self.window
        if window is None or window.ctx is not ctx or ctx.vault.is_locked:
            return  # locked or shut down meanwhile
        if self.discarded_unsaved:
            self.discarded_unsaved = False
            QMessageBox.information(
                window, "Niet-opgeslagen wijzigingen",
                "De kluis is vergrendeld terwijl er nog wijzigingen open stonden. Die "
                "wijzigingen zijn niet bewaard (ook niet ergens anders op de computer). "
                "Controleer de casus waaraan u werkte.")
        if not self.demo and not ctx.vault.read_only and retention.yearly_review_due(ctx):
            RetentionReviewDialog(ctx, window).exec()
        if not self.demo and not ctx.vault.read_only and not settings_service.user_profile(
                ctx).complete:
            # A vault from before names were asked: ask once, without blocking the window.
            ProfileDialog(ctx, window).open()

    def set_idle_minutes(self, minutes: int) -> None:
        if self.autolock is not None and self.autolock.active:
            self.autolock.start(minutes)

    # -- locking --------------------------------------------------------------------------
    def _teardown(self) -> None:
        """Close every view and the vault. Unsaved input is discarded, never written."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            self._quit_on_close = app.quitOnLastWindowClosed()
            app.setQuitOnLastWindowClosed(False)  # the unlock dialog follows
        if self.autolock is not None:
            self.autolock.stop()
        if self.clipboard is not None:
            self.clipboard.clear_now()
        if close_other_windows(self.window):
            self.discarded_unsaved = True
        if self.window is not None:
            self.last_page = self.window.nav.currentRow()
            self.window.clear_for_lock()
            self.window.close()
            self.window.deleteLater()
            self.window = None
        if self.vault is not None:
            self.vault.lock()  # waits for a running backup
            self.vault = None

    def lock(self) -> None:
        """Close the vault and clear every view; unlocking returns to the same page."""
        if self.vault is None and self.window is None:
            return
        self._teardown()
        # Deferred, so dialogs closed above leave their event loops first.
        QTimer.singleShot(0, self._ask_again)

    def _ask_again(self) -> None:
        if self.vault is not None:
            return
        if self.ask_for_vault():
            self.show_main()
            app = QApplication.instance()
            if isinstance(app, QApplication):
                app.setQuitOnLastWindowClosed(self._quit_on_close)
        else:
            QApplication.quit()

    # -- restore --------------------------------------------------------------------------
    def request_restore(self) -> None:
        """Choose a backup, verify it, keep the current vault aside, swap, and unlock again."""
        if self.restore_backup_file(self.window):
            QMessageBox.information(None, "Back-up teruggezet",
                                    "De back-up is teruggezet. Ontgrendel de kluis opnieuw.")
            QTimer.singleShot(0, self._ask_again)
        elif self.vault is None:
            QTimer.singleShot(0, self._ask_again)

    def restore_backup_file(self, parent: QWidget | None) -> bool:
        """The restore steps shared by the menu and the unlock dialog; True when restored."""
        target = self.vault.path if self.vault is not None else self.vault_path
        window = self.window
        remove = ((lambda b: security.remove_kept_backup(window.ctx, b))
                  if window is not None and not self.demo else None)
        chooser = BackupListDialog(listed(backups_dir(target)), remove=remove, parent=parent)
        if chooser.exec() != QDialog.DialogCode.Accepted or chooser.chosen is None:
            return False
        backup = chooser.chosen
        try:
            key, with_keys = self._key_for(backup, parent)
            if key is None:
                return False
            answer = QMessageBox.question(
                parent, "Back-up terugzetten?",
                f"De kluis wordt vervangen door de back-up '{backup.name}'. Wijzigingen van "
                "na die back-up zijn daarna niet meer in de kluis; de huidige kluis wordt "
                "eerst apart bewaard in de map 'backups'. Doorgaan?")
            if answer != QMessageBox.StandardButton.Yes:
                return False
            self._teardown()
            restore_backup(target, backup, key, with_key_file=with_keys)
        except UserError as exc:
            QMessageBox.warning(parent, "Terugzetten niet gelukt", exc.message)
            return False
        self.restored_from = backup.name
        return True

    def _key_for(self, backup: Path, parent: QWidget | None) -> tuple[bytes | None, bool]:
        """The current key when it opens the backup; else the backup's own passphrase."""
        if self.vault is not None and can_open(backup, self.vault.raw_key):
            return self.vault.raw_key, False
        passphrase, ok = QInputDialog.getText(
            parent, "Wachtwoord van de back-up",
            "Deze back-up hoort bij een ander wachtwoord of een andere kluis. Typ het "
            "wachtwoord dat gold toen de back-up werd gemaakt:", QLineEdit.EchoMode.Password)
        if not ok:
            return None, False
        return key_for_backup(backup, passphrase), True

    def shutdown(self) -> None:
        if self.vault is not None:
            self.vault.lock()
            self.vault = None


def run(argv: list[str]) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(levelname)s: %(message)s")
    app = QApplication(argv)
    app.setApplicationName("Thuiszitter Desktop")
    app.setOrganizationName("ThuiszitterDesktop")
    install_app_rules(app)  # Fusion with a visible focus ring; wheel, Tab, fit, names
    install_dutch_translations(app)  # Qt's own buttons: 'Opslaan', 'Annuleren', 'Ja', 'Nee'
    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "app.png")))
    folder = data_dir()
    def notify_crash(text: str) -> None:
        QMessageBox.critical(None, "Er ging iets mis", text)

    crash.install(folder / "logs", notify_crash)
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
