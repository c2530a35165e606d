"""Auto-lock, lock/unlock flow, unlock throttling, clipboard clearing, Beveiliging page."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from thuiszitter_desktop.app import AppController
from thuiszitter_desktop.domain.errors import UserError
from thuiszitter_desktop.services import security
from thuiszitter_desktop.storage.backup_files import backups_dir, list_backups
from thuiszitter_desktop.storage.errors import WrongPassphraseError
from thuiszitter_desktop.storage.keyslots import KdfParams
from thuiszitter_desktop.ui.autolock import AutoLock
from thuiszitter_desktop.ui.case_window import CaseWindow, new_case_objects
from thuiszitter_desktop.ui.clipboard_guard import ClipboardGuard
from thuiszitter_desktop.ui.security_page import SecurityPage


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 23, 9, 0)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


def test_autolock_fires_after_idle_and_input_resets_it(qtbot: QtBot) -> None:
    clock = FakeClock()
    lock = AutoLock(clock, idle_minutes=5, tick_ms=60_000)
    field = QLineEdit()
    qtbot.addWidget(field)
    field.show()
    fired: list[str] = []
    lock.lock_now.connect(fired.append)
    lock.start()
    clock.advance(minutes=4, seconds=59)
    lock.check()
    assert fired == []
    qtbot.keyClick(field, Qt.Key.Key_A)  # user input anywhere in the app
    clock.advance(minutes=4, seconds=59)
    lock.check()
    assert fired == []
    clock.advance(seconds=1)
    lock.check()
    assert fired == ["inactief"]
    clock.advance(hours=1)
    lock.check()
    assert fired == ["inactief"]  # once


def test_autolock_catches_sleep_and_screen_lock(qtbot: QtBot) -> None:
    clock = FakeClock()
    lock = AutoLock(clock, idle_minutes=15)
    fired: list[str] = []
    lock.lock_now.connect(fired.append)
    lock.start()
    clock.advance(hours=9)  # laptop lid closed overnight: wall clock jumped
    lock.check()
    lock.start()
    lock.screensaver_active(True)
    lock.start()
    lock.preparing_for_sleep(True)
    assert fired == ["inactief", "scherm vergrendeld", "slaapstand"]


@pytest.fixture
def controller(isolated_dirs: Path, cheap_kdf: KdfParams, passphrase: str,
               messages: list[str]) -> AppController:
    app = AppController(isolated_dirs, kdf=cheap_kdf, clock=FakeClock(), tick_ms=60_000)
    app.create_vault(passphrase)
    return app


def test_idle_lock_closes_everything_and_unlock_returns_to_the_page(
        qtbot: QtBot, controller: AppController, passphrase: str, messages: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    window = controller.show_main()
    qtbot.waitUntil(lambda: controller.backup_thread is not None, timeout=10_000)
    assert controller.backup_thread is not None
    controller.backup_thread.join(10)
    assert list_backups(backups_dir(controller.vault_path))  # backup on unlock
    window.nav.setCurrentRow(window.pages.count() - 1)  # Beveiliging
    ctx = window.ctx
    pupil, case = new_case_objects(ctx)
    form = CaseWindow(ctx, pupil, case, is_new=True, parent=window)
    form.show()
    qtbot.keyClicks(form.form.first_name, "Zoe")
    assert form._dirty

    unlocked: list[bool] = []

    def fake_unlock() -> bool:
        controller.unlock(passphrase)
        unlocked.append(True)
        return True

    monkeypatch.setattr(controller, "ask_for_vault", fake_unlock)
    assert controller.autolock is not None
    controller.clock.advance(minutes=5)  # type: ignore[attr-defined]
    controller.autolock.check()
    # Locked: the vault is closed, every window is gone, nothing asked 'save?'.
    assert controller.vault is None or unlocked
    assert not form.isVisible()
    assert not ctx.vault.raw_key
    qtbot.waitUntil(lambda: controller.window is not None and unlocked != [])
    new_window = controller.window
    assert new_window is not None and new_window is not window
    assert new_window.nav.currentRow() == new_window.pages.count() - 1
    qtbot.waitUntil(lambda: any("niet bewaard" in m for m in messages))
    with controller.vault.read() as conn:  # type: ignore[union-attr]
        from sqlalchemy import text

        assert conn.execute(text("SELECT count(*) FROM pupils")).scalar() == 0
    assert [e.detail for e in security.audit_entries(new_window.ctx, action="ontgrendeld")] \
        == ["nieuwe kluis", "wachtwoord"]
    controller.shutdown()


def test_wrong_passphrases_are_throttled_then_unlock_still_works(
        controller: AppController, passphrase: str) -> None:
    assert controller.vault is not None
    controller.vault.lock()
    controller.vault = None
    for _ in range(4):
        with pytest.raises(WrongPassphraseError):
            controller.unlock("fout wachtwoord")
    with pytest.raises(UserError) as info:
        controller.unlock("fout wachtwoord")
    assert "Wacht 30 seconden" in info.value.message
    with pytest.raises(UserError) as info:
        controller.unlock(passphrase)  # even the right one waits
    assert "Wacht" in info.value.message
    controller.clock.advance(seconds=30)  # type: ignore[attr-defined]
    controller.unlock(passphrase)
    assert controller.vault is not None
    controller.shutdown()


def test_clipboard_is_cleared_after_copying_from_the_app(qtbot: QtBot) -> None:
    guard = ClipboardGuard(clear_after_ms=50)
    field = QLineEdit("Zoë Çelik-d'Hondt")
    qtbot.addWidget(field)
    field.show()
    field.activateWindow()
    field.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWindow() is not None)
    field.selectAll()
    field.copy()
    assert QApplication.clipboard().text() == "Zoë Çelik-d'Hondt"
    with qtbot.waitSignal(guard.timer.timeout, timeout=2000):
        pass
    assert QApplication.clipboard().text() == ""


def test_clipboard_changed_since_is_left_alone(qtbot: QtBot) -> None:
    guard = ClipboardGuard(clear_after_ms=30_000)
    guard._ours = "Sem de Vries"  # what we copied earlier
    QApplication.clipboard().setText("iets van een ander programma")
    guard.clear_if_ours()
    assert QApplication.clipboard().text() == "iets van een ander programma"


def test_security_page_filters_log_per_pupil_and_checks_integrity(
        qtbot: QtBot, controller: AppController, messages: list[str]) -> None:
    from datetime import date

    from thuiszitter_desktop.domain.model import Case, Pupil
    from thuiszitter_desktop.domain.vocab import Onderwijstype
    from thuiszitter_desktop.services import cases
    from thuiszitter_desktop.services.context import AppContext

    assert controller.vault is not None
    ctx = AppContext(controller.vault, clock=lambda: datetime(2026, 11, 23, 9))
    for first in ("Zoë", "Sem"):
        pupil = Pupil(first_name=first, last_name="Test", birth_date=date(2013, 1, 1),
                      onderwijstype=Onderwijstype.VO)
        cases.register_case(ctx, pupil, Case(pupil_id=pupil.id,
                                             aanmelding_date=date(2026, 11, 1)))
    page = SecurityPage(ctx)
    qtbot.addWidget(page)
    page.pupil_filter.setText("zoë")
    visible = [r for r in range(page.log.rowCount()) if not page.log.isRowHidden(r)]
    assert visible and all(page.log.item(r, 4).text() == "Zoë Test" for r in visible)
    assert len(page.visible_case_ids()) == 1
    page.run_check()
    assert any("in orde" in m for m in messages)
    assert "Laatst gecontroleerd: 23-11-2026" in page.last_check.text()
    controller.shutdown()
