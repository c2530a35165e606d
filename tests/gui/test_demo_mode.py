"""The demo says so inside its window, and locking it asks for the demo again: never the
welcome dialog that would make a real vault."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from thuiszitter_desktop import app as app_module
from thuiszitter_desktop.app import AppController
from thuiszitter_desktop.storage.errors import WrongPassphraseError
from thuiszitter_desktop.storage.keyslots import KdfParams
from thuiszitter_desktop.ui.start_dialogs import FirstRunDialog, UnlockDialog


@pytest.fixture
def demo(isolated_dirs: Path, cheap_kdf: KdfParams) -> AppController:
    controller = AppController(isolated_dirs, kdf=cheap_kdf)
    controller.open_demo()
    return controller


def test_the_demo_window_shows_a_banner(qtbot: QtBot, demo: AppController) -> None:
    window = demo.show_main()
    qtbot.addWidget(window)
    window.show()
    assert window.demo_banner is not None and window.demo_banner.isVisible()
    assert "DEMO" in window.demo_banner.text() and "verzonnen" in window.demo_banner.text()
    window.close()
    demo.shutdown()


def test_locking_the_demo_asks_for_the_demo_again(qtbot: QtBot, demo: AppController,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[QDialog] = []

    def unlock_with_demo(dialog: UnlockDialog) -> int:
        shown.append(dialog)
        dialog.passphrase.setText("fout")
        dialog.unlock_button.click()
        assert "klopt niet" in dialog.error.text()
        dialog.passphrase.setText("demo")
        dialog.unlock_button.click()
        return dialog.result()

    def never(dialog: FirstRunDialog) -> int:
        raise AssertionError("the welcome dialog would make a real vault")

    monkeypatch.setattr(app_module.UnlockDialog, "exec", unlock_with_demo)
    monkeypatch.setattr(app_module.FirstRunDialog, "exec", never)
    window = demo.show_main()
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.destroyed):
        demo.lock()
    qtbot.waitUntil(lambda: demo.window is not None)
    [asked] = shown
    assert "Demo ontgrendelen" in asked.windowTitle() and not asked.forgot.isVisible()
    assert demo.demo and demo.window.demo_banner is not None
    assert not demo.vault_path.exists()  # no real vault made
    qtbot.addWidget(demo.window)
    demo.window.close()
    demo.shutdown()


def test_a_wrong_demo_password_is_refused(demo: AppController) -> None:
    demo.shutdown()
    with pytest.raises(WrongPassphraseError):
        demo.unlock_demo("geen demo")
    assert demo.vault is None
