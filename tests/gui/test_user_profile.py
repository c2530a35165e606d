"""The user's name and function: asked once, then on new cases, in the log and on letters —
never the computer's login."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from thuiszitter_desktop.app import AppController
from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.services import cases
from thuiszitter_desktop.services import settings as settings_service
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.storage import repo_audit
from thuiszitter_desktop.storage.keyslots import KdfParams
from thuiszitter_desktop.ui.case_window import new_case_objects
from thuiszitter_desktop.ui.profile_dialog import ProfileDialog
from thuiszitter_desktop.ui.start_dialogs import FirstRunDialog, recovery_sheet

STRONG = "rode fiets op het dak"


@pytest.fixture
def controller(isolated_dirs: Path, cheap_kdf: KdfParams) -> AppController:
    return AppController(isolated_dirs, kdf=cheap_kdf)


def settled(controller: AppController) -> None:
    """The backup made after unlocking runs in a thread: let it finish before writing."""
    if controller.backup_thread is not None:
        controller.backup_thread.join()


def actors(ctx: AppContext) -> set[str]:
    with ctx.vault.read() as conn:
        return {entry.actor for entry in repo_audit.entries(conn)}


def test_welcome_asks_the_name_and_the_app_uses_it(qtbot: QtBot,
                                                   controller: AppController) -> None:
    dialog = FirstRunDialog(controller.create_vault, controller.open_demo)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.passphrase, STRONG)
    qtbot.keyClicks(dialog.repeat, STRONG)
    dialog.create_button.click()
    assert dialog.error.text() == "Vul uw naam in: die komt in het logboek en onder brieven."
    assert controller.vault is None  # nothing made without a name
    qtbot.keyClicks(dialog.user_name, "Anouk  Vermeer ")
    dialog.role.setCurrentIndex(dialog.role.findData("leerplichtambtenaar"))
    dialog.create_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    controller.recovery_key = None
    window = controller.show_main()
    qtbot.addWidget(window)
    settled(controller)
    ctx = window.ctx
    profile = settings_service.user_profile(ctx)
    assert (profile.name, profile.role_label) == ("Anouk Vermeer", "Leerplichtambtenaar")
    assert ctx.actor == "Anouk Vermeer"
    assert new_case_objects(ctx)[1].consulent == "Anouk Vermeer"  # 'Consulent' of a new case
    pupil = Pupil(first_name="Sem", last_name="de Vries", birth_date=date(2013, 5, 1))
    cases.register_case(ctx, pupil, Case(pupil_id=pupil.id, aanmelding_date=ctx.today()))
    assert actors(ctx) == {"Anouk Vermeer"}  # every line of the log, unlock included
    window.close()
    controller.shutdown()


def test_an_older_vault_asks_once_after_unlocking(qtbot: QtBot,
                                                  controller: AppController) -> None:
    controller.create_vault(STRONG)  # made before names were asked: no name
    controller.recovery_key = None
    window = controller.show_main()
    qtbot.addWidget(window)
    settled(controller)
    assert window.ctx.actor == settings_service.UNKNOWN_USER  # not the computer's login
    qtbot.waitUntil(lambda: any(isinstance(w, ProfileDialog) and w.isVisible()
                                for w in window.findChildren(QDialog)))
    asked = next(w for w in window.findChildren(ProfileDialog) if w.isVisible())
    asked.save()
    assert asked.error.text() == "Vul uw naam in."
    qtbot.keyClicks(asked.name, "Joris Hoekstra")
    asked.save()
    assert asked.result() == QDialog.DialogCode.Accepted
    assert window.ctx.actor == "Joris Hoekstra"
    assert settings_service.user_profile(window.ctx).complete
    window.close()
    controller.shutdown()


def test_the_recovery_sheet_says_whose_vault_and_when() -> None:
    sheet = recovery_sheet("K7Q2-9XWM", "Anouk Vermeer & co", date(2026, 11, 23), "laptop-12")
    assert "Kluis van" in sheet and "Anouk Vermeer &amp; co" in sheet
    assert "23 november 2026" in sheet and "laptop-12" in sheet and "K7Q2-9XWM" in sheet
