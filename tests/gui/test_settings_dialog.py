"""Instellingen: every declared setting editable, validated in Dutch, stored in the vault."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QLabel, QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot

from thuiszitter_desktop.app import AppController
from thuiszitter_desktop.domain import settings as registry
from thuiszitter_desktop.domain.deadlines import DeadlineKind
from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.services import intake, settings
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.services.reminders import warning_days
from thuiszitter_desktop.storage import repo_audit, repo_settings
from thuiszitter_desktop.storage.keyslots import KdfParams
from thuiszitter_desktop.ui.settings_dialog import SettingsDialog


def test_every_setting_has_an_editor_with_its_default(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    assert set(dialog.editors) == {s.key for s in registry.ALL}
    org = dialog.editors[registry.ORGANISATION.key]
    assert isinstance(org, QLineEdit) and org.text() == "Leerplicht"
    spin = dialog.editors[registry.IDLE_MINUTES.key]
    assert isinstance(spin, QSpinBox)
    assert (spin.minimum(), spin.maximum(), spin.value()) == (1, 15, 5)
    assert isinstance(dialog.editors[registry.MDO_FULL_NAMES.key], QCheckBox)
    assert isinstance(dialog.editors[registry.ICS_NAMES.key], QComboBox)


def test_saved_settings_reach_documents_clock_and_audit_actor(
    qtbot: QtBot, ctx: AppContext
) -> None:
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    org = dialog.editors[registry.ORGANISATION.key]
    name = dialog.editors[registry.CONSULENT_NAME.key]
    assert isinstance(org, QLineEdit) and isinstance(name, QLineEdit)
    org.setText("Leerrecht Rivierland")
    name.setText("Anouk Vermeer")
    warn = dialog.editors[registry.WARN_GOALS.key]
    assert isinstance(warn, QSpinBox)
    warn.setValue(10)
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert intake.organisation_name(ctx) == "Leerrecht Rivierland"
    with ctx.vault.read() as conn:
        stored = repo_settings.load_all(conn)
    assert warning_days(stored)[DeadlineKind.DOELEN] == 10
    assert ctx.actor == "Anouk Vermeer"
    assert settings.actor_name(ctx, "fallback") == "Anouk Vermeer"


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        (registry.IDLE_MINUTES.key, 30, "1 tot en met 15"),
        (registry.ICS_NAMES.key, "volledig", "kies een van de mogelijkheden"),
        (registry.MDO_FULL_NAMES.key, "ja", "kies ja of nee"),
        (registry.WARN_FIRST_CONTACT.key, "drie", "heel getal"),
    ],
)
def test_invalid_values_are_refused_in_dutch_and_nothing_is_stored(
    ctx: AppContext, key: str, value: object, message: str
) -> None:
    with pytest.raises(ValidationError) as info:
        settings.save(ctx, {registry.ORGANISATION.key: "Nieuw", key: value})
    assert message in info.value.errors[key]
    assert settings.value(ctx, registry.ORGANISATION) == "Leerplicht"


def test_a_damaged_stored_value_falls_back_to_the_default(ctx: AppContext) -> None:
    with ctx.vault.transaction() as conn:
        repo_settings.store(conn, registry.IDLE_MINUTES.key, "veel")
    assert settings.value(ctx, registry.IDLE_MINUTES) == 5


def test_idle_minutes_from_instellingen_reach_the_running_auto_lock(
    qtbot: QtBot, isolated_dirs: Path, cheap_kdf: KdfParams
) -> None:
    controller = AppController(isolated_dirs, kdf=cheap_kdf)
    controller.create_vault("lange zin als wachtwoord")
    window = controller.show_main()
    qtbot.addWidget(window)
    assert controller.autolock is not None and controller.autolock.idle_minutes == 5
    qtbot.waitUntil(lambda: controller.backup_thread is not None, timeout=10_000)
    assert controller.backup_thread is not None
    controller.backup_thread.join(10)  # the check and backup after unlock log lines too
    audit_lines = len(audit_entries(window.ctx))
    settings.save(window.ctx, {registry.IDLE_MINUTES.key: 12})
    assert controller.autolock.idle_minutes == 12
    # The Beveiliging page shows the new value too, without storing it a second time.
    assert controller.security_page.idle.value() == 12
    assert len(audit_entries(window.ctx)) == audit_lines + 1
    window.close()
    controller.shutdown()


def audit_entries(ctx: AppContext) -> list[object]:
    with ctx.vault.read() as conn:
        return list(repo_audit.entries(conn))


def test_every_explanation_is_shown_whole(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = SettingsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    helps = [label for label in dialog.findChildren(QLabel)
             if label.text() in {s.help for s in registry.ALL}]
    assert len(helps) == len(registry.ALL)
    # A wrapped explanation gets the height its lines need (they were cut off before).
    assert all(label.height() >= label.heightForWidth(label.width()) for label in helps)
