"""First run, demo, unlock and recovery as a consulent meets them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from thuiszitter_desktop.app import AppController
from thuiszitter_desktop.services import caseload
from thuiszitter_desktop.storage.keyslots import KdfParams
from thuiszitter_desktop.storage.vault_files import key_file_for
from thuiszitter_desktop.ui.start_dialogs import FirstRunDialog, RecoveryKeyDialog, UnlockDialog

STRONG = "rode fiets op het dak"


@pytest.fixture
def controller(isolated_dirs: Path, cheap_kdf: KdfParams) -> AppController:
    return AppController(isolated_dirs, kdf=cheap_kdf)


def first_run(qtbot: QtBot, controller: AppController, name: str = "Anouk Vermeer"
              ) -> FirstRunDialog:
    dialog = FirstRunDialog(controller.create_vault, controller.open_demo)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.user_name, name)
    return dialog


def test_weak_or_mismatched_passphrase_is_explained(
    qtbot: QtBot, controller: AppController
) -> None:
    dialog = first_run(qtbot, controller)
    qtbot.keyClicks(dialog.passphrase, "kort")
    assert dialog.meter.format() == "Sterkte: Zeer zwak"
    dialog.create_button.click()
    assert "te zwak" in dialog.error.text()
    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, STRONG)
    qtbot.keyClicks(dialog.repeat, STRONG + "!")
    dialog.create_button.click()
    assert dialog.error.text() == "De twee wachtwoorden zijn niet gelijk."
    assert not controller.vault_path.exists()


def test_create_vault_then_recovery_key_must_be_acknowledged(
    qtbot: QtBot, controller: AppController
) -> None:
    dialog = first_run(qtbot, controller)
    qtbot.keyClicks(dialog.passphrase, STRONG)
    qtbot.keyClicks(dialog.repeat, STRONG)
    dialog.create_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert controller.vault is not None and controller.recovery_key
    assert os.stat(controller.vault_path).st_mode & 0o777 == 0o600

    keys = RecoveryKeyDialog(controller.recovery_key)
    qtbot.addWidget(keys)
    keys.show()
    assert keys.key_label.text() == controller.recovery_key
    assert not keys.done_button.isEnabled()
    keys.reject()  # Esc does not lose the key
    assert keys.isVisible()
    keys.confirm.setChecked(True)
    keys.done_button.click()
    assert keys.result() == QDialog.DialogCode.Accepted
    controller.shutdown()


def test_demo_opens_with_sixty_fictitious_pupils(qtbot: QtBot, controller: AppController) -> None:
    dialog = first_run(qtbot, controller)
    dialog.demo_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert controller.demo
    window = controller.show_main()
    qtbot.addWidget(window)
    assert "DEMO" in window.windowTitle()
    assert len(caseload.load_rows(window.ctx, include_closed=True)) == 60
    assert not controller.vault_path.exists()  # the real vault is not created by the demo
    window.close()
    controller.shutdown()


def make_vault(controller: AppController) -> None:
    controller.create_vault(STRONG)
    controller.shutdown()
    controller.recovery_key = None


def unlock_dialog(qtbot: QtBot, controller: AppController) -> UnlockDialog:
    dialog = UnlockDialog(controller.unlock, controller.recover)
    qtbot.addWidget(dialog)
    return dialog


def test_wrong_passphrase_is_calm_and_changes_nothing(
    qtbot: QtBot, controller: AppController, capfd: pytest.CaptureFixture[str]
) -> None:
    make_vault(controller)
    before = controller.vault_path.read_bytes(), key_file_for(controller.vault_path).read_bytes()
    dialog = unlock_dialog(qtbot, controller)
    qtbot.keyClicks(dialog.passphrase, "niet mijn wachtwoord")
    dialog.unlock_button.click()
    assert dialog.error.text().startswith("Het wachtwoord klopt niet.")
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert controller.vault is None
    after = controller.vault_path.read_bytes(), key_file_for(controller.vault_path).read_bytes()
    assert after == before
    assert capfd.readouterr().err == ""

    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, STRONG)
    dialog.unlock_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert controller.vault is not None
    controller.shutdown()


def test_forgotten_passphrase_recovered_with_recovery_key(
    qtbot: QtBot, controller: AppController
) -> None:
    controller.create_vault(STRONG)
    recovery = controller.recovery_key
    assert recovery
    controller.shutdown()
    dialog = unlock_dialog(qtbot, controller)
    dialog.forgot.click()
    assert dialog.pages.currentIndex() == 1
    qtbot.keyClicks(dialog.recovery, "AAAA-BBBB-CCCC")
    qtbot.keyClicks(dialog.new_passphrase, "nieuwe zin voor de kluis")
    qtbot.keyClicks(dialog.new_repeat, "nieuwe zin voor de kluis")
    dialog.recover_button.click()
    assert "wachtwoord klopt niet" in dialog.recover_error.text()
    dialog.recovery.clear()
    qtbot.keyClicks(dialog.recovery, recovery)
    dialog.recover_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    controller.shutdown()
    controller.unlock("nieuwe zin voor de kluis")
    assert controller.vault is not None
    controller.shutdown()


def test_damaged_vault_offers_restore_from_backup(
    qtbot: QtBot, controller: AppController, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    from thuiszitter_desktop.storage.backup import create_backup
    from thuiszitter_desktop.ui.backup_list_dialog import BackupListDialog

    controller.create_vault(STRONG)
    assert controller.vault is not None
    backup = create_backup(controller.vault)
    controller.shutdown()
    damaged = bytearray(controller.vault_path.read_bytes())
    damaged[:64] = bytes(64)
    controller.vault_path.write_bytes(bytes(damaged))

    dialog = UnlockDialog(controller.unlock, controller.recover,
                          restore=controller.restore_backup_file)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.passphrase, STRONG)
    dialog.unlock_button.click()
    assert "beschadigd" in dialog.error.text()
    assert dialog.restore_button.isVisibleTo(dialog)
    assert controller.vault_path.read_bytes() == bytes(damaged)  # never replaced silently

    offered: list[str] = []

    def choose_offered(chooser: BackupListDialog) -> int:
        offered.append(chooser.current().db.name if chooser.current() else "")
        chooser.restore_button.click()
        return chooser.result()

    monkeypatch.setattr(BackupListDialog, "exec", choose_offered)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (STRONG, True))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.restore_button.click()
    assert offered == [backup.db.name]  # the newest backup is chosen at the start
    assert "teruggezet" in dialog.error.text()
    qtbot.keyClicks(dialog.passphrase, STRONG)
    dialog.unlock_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert controller.vault is not None
    controller.shutdown()
