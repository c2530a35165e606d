"""Issue 15 as a consulent meets it: refused vaults offer the right backup, problems are told
at once, views and documents are logged (once per view), the wait after wrong passphrases
survives a restart, and a used recovery key is replaced."""

from __future__ import annotations

import errno
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from thuiszitter_desktop.app import AppController
from thuiszitter_desktop.domain.consent import (
    ConsentGiver,
    ConsentMethod,
    ConsentPurpose,
    ConsentRecord,
)
from thuiszitter_desktop.domain.errors import UserError
from thuiszitter_desktop.domain.mdo import Mdo
from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.vocab import Onderwijstype
from thuiszitter_desktop.services import cases, consent, security
from thuiszitter_desktop.services import mdo as mdo_service
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.storage.backup_files import backups_dir, listed
from thuiszitter_desktop.storage.errors import WrongPassphraseError
from thuiszitter_desktop.storage.keyslots import KdfParams
from thuiszitter_desktop.storage.sqlcipher import connect
from thuiszitter_desktop.storage.vault_files import attempts_file_for, key_file_for
from thuiszitter_desktop.ui import document_output, security_wiring
from thuiszitter_desktop.ui.backup_list_dialog import BackupListDialog
from thuiszitter_desktop.ui.main_window import MainWindow
from thuiszitter_desktop.ui.mdo_page import MdoPage
from thuiszitter_desktop.ui.start_dialogs import FirstRunDialog, RecoveryKeyDialog, UnlockDialog
from thuiszitter_desktop.ui.today_page import TodayPage
from thuiszitter_desktop.ui.vault_problem_dialog import ProblemChoice, VaultProblemDialog

STRONG = "rode fiets op het dak"


class FakeClock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 23, 9, 0)

    def __call__(self) -> datetime:
        return self.now


def register(ctx: AppContext, first: str) -> Case:
    pupil = Pupil(first_name=first, last_name="Fictief", birth_date=date(2012, 3, 3),
                  onderwijstype=Onderwijstype.VO, school="Het Testcollege")
    return cases.register_case(ctx, pupil, Case(pupil_id=pupil.id,
                                                aanmelding_date=date(2026, 11, 2)))


def actions(ctx: AppContext) -> list[tuple[str, str]]:
    return [(e.action, e.entity) for e in security.audit_entries(ctx)]


def make_controller(folder: Path, kdf: KdfParams) -> AppController:
    return AppController(folder, kdf=kdf, clock=FakeClock(), tick_ms=60_000)


# -- views and documents ----------------------------------------------------------------------
def test_each_view_with_names_is_logged_once_per_opening_not_per_refresh(
        qtbot: QtBot, ctx: AppContext) -> None:
    register(ctx, "Zoë")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert actions(ctx)[-1] == ("bekeken", "vandaag")  # the first page, opened at start
    before = len(actions(ctx))
    window.show_page(window.caseload)
    ctx.changes.publish(Change("case", ()))  # a refresh of the open page
    window.caseload.search.setText("zo")  # typing a search: no line per keystroke
    assert actions(ctx)[before:] == [("bekeken", "caseload")]
    window.show_page(window.figures_page)  # counts only, no names: no line
    window.show_page(window.today_page)
    assert actions(ctx)[before:] == [("bekeken", "caseload"), ("bekeken", "vandaag")]


def test_documents_are_logged_when_saved_and_not_when_cancelled(
        qtbot: QtBot, ctx: AppContext, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    register(ctx, "Zoë")
    page = TodayPage(ctx)
    qtbot.addWidget(page)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: ("", "")))
    page.export_weekly()
    assert ("opgeslagen", "weekoverzicht") not in actions(ctx)
    for name in ("week.pdf", "termijnen.ics"):
        target = tmp_path / name
        monkeypatch.setattr(QFileDialog, "getSaveFileName",
                            staticmethod(lambda *a, t=target, **k: (str(t), "")))
        page.export_weekly() if name.endswith(".pdf") else page.export_ics()
        assert target.exists()
    lines = [(e.action, e.entity, e.detail) for e in security.audit_entries(ctx)]
    assert ("opgeslagen", "weekoverzicht", "PDF") in lines
    assert ("opgeslagen", "termijnen-agenda", "ICS") in lines


def test_a_document_that_cannot_be_written_is_not_logged(
        qtbot: QtBot, ctx: AppContext, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    page = TodayPage(ctx)
    qtbot.addWidget(page)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(tmp_path / "weg" / "week.pdf"), "")))
    told: list[str] = []
    monkeypatch.setattr(document_output, "_retry",
                        lambda _parent, _title, message: told.append(message) or False)
    page.export_weekly()
    assert told and "bestaat niet (meer)" in told[0]
    assert ("opgeslagen", "weekoverzicht") not in actions(ctx)


def test_mdo_agenda_view_is_logged_per_meeting_opened(qtbot: QtBot, ctx: AppContext) -> None:
    case = register(ctx, "Sem")
    consent.record_consent(ctx, ConsentRecord(  # the parents agree to an MDO discussion
        case_id=case.id, purpose=ConsentPurpose.MDO, giver=ConsentGiver.OUDERS,
        on=date(2026, 11, 2), method=ConsentMethod.MONDELING, given_by="Moeder"))
    meeting = Mdo(on=date(2026, 11, 30), start_time=time(9, 0), school="Het Testcollege",
                  location="Teamkamer", chair="Fatima Bakkali")
    meeting.add_pupil(case.id)
    mdo_service.save_mdo(ctx, meeting)
    page = MdoPage(ctx)
    qtbot.addWidget(page)
    page.reload()  # a refresh of the same agenda
    views = [e for e in security.audit_entries(ctx) if e.entity == "mdo-agenda"]
    assert [(e.action, e.entity_id) for e in views] == [("bekeken", meeting.id)]
    page.copy_agenda()
    assert actions(ctx)[-1] == ("gekopieerd", "mdo-agenda")


# -- start-up: refusal, restore offers, problems told at once ---------------------------------
def test_zero_byte_vault_is_refused_and_the_newest_backup_with_data_offered(
        qtbot: QtBot, isolated_dirs: Path, cheap_kdf: KdfParams) -> None:
    controller = make_controller(isolated_dirs, cheap_kdf)
    controller.create_vault(STRONG)
    assert controller.vault is not None
    ctx = AppContext(controller.vault, clock=lambda: datetime(2026, 11, 20, 14, 3))
    for first in ("Zoë", "Sem", "Noor"):
        register(ctx, first)
    security.make_backup(ctx)
    controller.shutdown()
    controller.vault_path.write_bytes(b"")

    dialog = UnlockDialog(controller.unlock, controller.recover,
                          restore=controller.restore_backup_file,
                          backup_offer=controller.backup_offer)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.passphrase, STRONG)
    dialog.unlock_button.click()
    assert "leeg (0 bytes)" in dialog.error.text()
    assert dialog.offer.text() == ("De nieuwste back-up met gegevens is van 20-11-2026 om "
                                   "14:03, 3 leerlingen. Kies 'Back-up terugzetten…' om die "
                                   "terug te zetten.")
    assert dialog.restore_button.isVisibleTo(dialog)
    assert controller.vault_path.stat().st_size == 0


def test_first_start_offers_restore_when_a_key_file_or_backups_exist(
        qtbot: QtBot, isolated_dirs: Path, cheap_kdf: KdfParams,
        monkeypatch: pytest.MonkeyPatch) -> None:
    controller = make_controller(isolated_dirs, cheap_kdf)
    fresh = FirstRunDialog(controller.create_vault, controller.open_demo,
                           restore=controller.restore_backup_file,
                           restore_offer=controller.first_run_restore_offer())
    qtbot.addWidget(fresh)
    assert not fresh.restore_box.isVisibleTo(fresh)  # nothing to restore on a new computer

    controller.create_vault(STRONG)
    assert controller.vault is not None
    register(AppContext(controller.vault), "Zoë")
    backup = security.make_backup(AppContext(controller.vault))
    controller.shutdown()
    controller.vault_path.unlink()  # kluis.db gone, kluis.keys and the backup left
    offer = controller.first_run_restore_offer()
    assert offer == ("Er is geen kluis gevonden, maar wel het sleutelbestand van een eerdere "
                     "kluis en 1 back-up. Zet een back-up terug om verder te werken met uw "
                     "gegevens.")
    dialog = FirstRunDialog(controller.create_vault, controller.open_demo,
                            restore=controller.restore_backup_file, restore_offer=offer)
    qtbot.addWidget(dialog)
    assert dialog.restore_box.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.user_name, "Anouk Vermeer")
    qtbot.keyClicks(dialog.passphrase, STRONG)
    qtbot.keyClicks(dialog.repeat, STRONG)
    dialog.create_button.click()
    assert "sleutelbestand (kluis.keys)" in dialog.error.text()  # no overwrite, but a way out

    def choose(chooser: BackupListDialog) -> int:
        assert chooser.current() is not None and chooser.current().db == backup.db
        chooser.restore_button.click()
        return chooser.result()

    monkeypatch.setattr(BackupListDialog, "exec", choose)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: (STRONG, True))
    dialog.restore_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    controller.unlock(STRONG)
    assert controller.vault is not None
    with controller.vault.read() as conn:
        assert conn.execute(text("SELECT count(*) FROM pupils")).scalar() == 1
    controller.shutdown()


def test_backup_list_shows_date_size_and_pupils(
        qtbot: QtBot, ctx: AppContext) -> None:
    register(ctx, "Zoë")
    security.make_backup(ctx)
    dialog = BackupListDialog(listed(backups_dir(ctx.vault.path)))
    qtbot.addWidget(dialog)
    cells = [dialog.table.item(0, c).text() for c in range(dialog.table.columnCount())]
    assert cells[0] == "23-11-2026 00:00"
    assert cells[1] == "Automatisch"
    assert cells[2].endswith(" kB")
    assert cells[3] == "1"
    assert cells[4] == "nieuwste met gegevens"


def test_flipped_byte_is_told_at_once_after_unlock_and_the_vault_stays_read_only(
        qtbot: QtBot, isolated_dirs: Path, cheap_kdf: KdfParams, messages: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    controller = make_controller(isolated_dirs, cheap_kdf)
    controller.create_vault(STRONG)
    assert controller.vault is not None
    for i in range(30):
        register(AppContext(controller.vault), f"Leerling{i}")
    controller.shutdown()
    data = bytearray(controller.vault_path.read_bytes())
    data[(len(data) // 4096 // 2) * 4096 + 900] ^= 0x42
    controller.vault_path.write_bytes(bytes(data))

    reports: list[str] = []

    def keep_read_only(dialog: VaultProblemDialog) -> int:
        reports.append(dialog.windowTitle())
        dialog.read_only_button.click()
        return dialog.result()

    monkeypatch.setattr(VaultProblemDialog, "exec", keep_read_only)
    controller.unlock(STRONG)
    window = controller.show_main()
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.clock_cache.loaded)  # the window's own read, first
    qtbot.waitUntil(lambda: reports != [], timeout=10_000)
    assert window.ctx.vault.read_only
    assert "ALLEEN LEZEN" in window.statusBar().currentMessage()
    with pytest.raises(UserError) as info:
        register(window.ctx, "Nieuw")
    assert "alleen te lezen" in info.value.message
    assert listed(backups_dir(controller.vault_path)) == []  # no copy of a damaged vault
    controller.shutdown()


def test_problem_dialog_explains_in_dutch_and_continuing_asks_first(
        qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    from thuiszitter_desktop.services.vault_health import HealthReport

    report = HealthReport(["page 12: hmac check failed"], [], ctx.now())
    dialog = VaultProblemDialog(report)
    qtbot.addWidget(dialog)
    assert "De kluis is beschadigd" in report.explanation()
    assert "hmac" not in report.explanation()  # the raw text is not shown to the user
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.No)
    dialog.continue_button.click()
    assert dialog.choice is ProblemChoice.READ_ONLY  # 'No': nothing changes
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.continue_button.click()
    assert dialog.choice is ProblemChoice.CONTINUE


def test_manual_backup_on_a_full_disk_shows_a_dutch_message_not_a_crash(
        qtbot: QtBot, isolated_dirs: Path, cheap_kdf: KdfParams, messages: list[str],
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    controller = make_controller(isolated_dirs, cheap_kdf)
    controller.create_vault(STRONG)
    window = controller.show_main()
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.clock_cache.loaded)  # the window's own read, first
    qtbot.waitUntil(lambda: controller.backup_thread is not None, timeout=10_000)
    assert controller.backup_thread is not None
    controller.backup_thread.join(10)
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *a, **k: str(usb)))

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("thuiszitter_desktop.storage.backup.shutil.copyfile", full)
    security_wiring.manual_backup(window, controller)
    assert messages == ["Back-up niet gelukt: De back-up is niet gemaakt: de schijf is vol. Er is "
                     "geen halve back-up achtergebleven; de kluis zelf is onveranderd."]
    assert list(usb.iterdir()) == []
    assert not window.ctx.vault.read_only  # only the stick was full, the vault is fine
    controller.shutdown()


def test_audit_viewer_marks_a_changed_line(
        qtbot: QtBot, isolated_dirs: Path, cheap_kdf: KdfParams, messages: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    controller = make_controller(isolated_dirs, cheap_kdf)
    controller.create_vault(STRONG)
    assert controller.vault is not None
    register(AppContext(controller.vault), "Zoë")
    key = controller.vault.raw_key
    controller.shutdown()
    tool = connect(controller.vault_path, key)
    tool.execute("UPDATE audit_log SET action = 'gewist' WHERE seq = 1")
    tool.close()

    monkeypatch.setattr(VaultProblemDialog, "exec", lambda self: 0)
    controller.unlock(STRONG)
    window = controller.show_main()
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.clock_cache.loaded)  # the window's own read, first
    page = controller.security_page
    window.show_page(page)
    assert "Het logboek is buiten de app aangepast: 1 afwijking" in page.chain_note.text()
    marked = [r for r in range(page.log.rowCount())
              if page.log.item(r, 0).text().startswith("⚠ ")]
    assert [page.log.item(r, 2).text() for r in marked] == ["gewist"]
    assert "buiten de app gewijzigd" in page.log.item(marked[0], 0).toolTip()
    controller.shutdown()


# -- passphrase and recovery key --------------------------------------------------------------
def test_wait_after_wrong_passphrases_survives_a_restart(
        isolated_dirs: Path, cheap_kdf: KdfParams) -> None:
    controller = make_controller(isolated_dirs, cheap_kdf)
    controller.create_vault(STRONG)
    controller.shutdown()
    for _ in range(4):
        with pytest.raises(WrongPassphraseError):
            controller.unlock("fout wachtwoord")
    with pytest.raises(UserError):
        controller.unlock("fout wachtwoord")
    stored = attempts_file_for(controller.vault_path)
    assert stored.stat().st_mode & 0o777 == 0o600
    assert set(stored.read_text()) <= set('{}":,. -T0123456789failureslast_')  # no names

    restarted = make_controller(isolated_dirs, cheap_kdf)  # the app closed and opened again
    with pytest.raises(UserError) as info:
        restarted.unlock(STRONG)
    assert "Wacht 30 seconden" in info.value.message
    assert isinstance(restarted.clock, FakeClock)
    restarted.clock.now += timedelta(seconds=30)
    restarted.unlock(STRONG)
    assert restarted.vault is not None and not stored.exists()
    restarted.shutdown()


def test_used_recovery_key_is_replaced_and_the_new_one_shown_once(
        qtbot: QtBot, isolated_dirs: Path, cheap_kdf: KdfParams,
        monkeypatch: pytest.MonkeyPatch) -> None:
    controller = make_controller(isolated_dirs, cheap_kdf)
    controller.create_vault(STRONG)
    first_key = controller.recovery_key
    assert first_key
    controller.recovery_key = None
    controller.shutdown()
    controller.recover(first_key, "een nieuwe lange zin")
    new_key = controller.recovery_key
    assert new_key and new_key != first_key and controller.recovery_replaced
    shown_keys: list[tuple[str, str]] = []

    def show_once(dialog: RecoveryKeyDialog) -> int:
        shown_keys.append((dialog.windowTitle(), dialog.key_label.text()))
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(RecoveryKeyDialog, "exec", show_once)
    monkeypatch.setattr(UnlockDialog, "exec", lambda self: QDialog.DialogCode.Accepted.value)
    assert controller.ask_for_vault()
    assert shown_keys == [("Uw nieuwe herstelsleutel", new_key)]
    assert controller.recovery_key is None  # shown once, then forgotten
    window = controller.show_main()
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.clock_cache.loaded)  # the window's own read, first
    assert ("herstelsleutel vervangen", "kluis") in actions(window.ctx)
    controller.shutdown()
    with pytest.raises(WrongPassphraseError):
        controller.recover(first_key, "nog een andere zin")  # the old key no longer opens it
    assert key_file_for(controller.vault_path).exists()
