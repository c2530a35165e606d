"""Found at unlock: a flipped byte anywhere in the vault, before anything more is written.
Also: the data folder is owner-only at every start, and every text reaches the vault as valid
Unicode."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text
from vault_faults import assert_dutch, fill

from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.vocab import Onderwijstype
from thuiszitter_desktop.paths import data_dir
from thuiszitter_desktop.services import cases, security, vault_health
from thuiszitter_desktop.services import settings as settings_service
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.storage.errors import ReadOnlyVaultError, VaultCorruptError
from thuiszitter_desktop.storage.vault import Vault

POSITIONS = {
    "eerste pagina": lambda pages: 600,
    "midden": lambda pages: (pages // 2) * 4096 + 1500,
    "laatste pagina": lambda pages: (pages - 1) * 4096 + 300,
    "HMAC van een pagina": lambda pages: (pages // 3) * 4096 + 4096 - 20,
    "IV van een pagina": lambda pages: (pages // 4) * 4096 + 4096 - 70,
}


@pytest.mark.parametrize("where", POSITIONS)
def test_flipped_byte_is_found_at_unlock_and_nothing_is_written(
        make_vault: Callable[[int], AppContext], passphrase: str, where: str) -> None:
    ctx = make_vault(25)
    path = ctx.vault.path
    ctx.vault.lock()
    data = bytearray(path.read_bytes())
    data[POSITIONS[where](len(data) // 4096)] ^= 0x10
    path.write_bytes(bytes(data))
    damaged = bytes(data)

    try:
        vault = Vault.unlock(path, passphrase)
    except VaultCorruptError as exc:  # page 1 holds the schema: refused at once
        assert_dutch(exc.message)
    else:
        opened = AppContext(vault)
        report = vault_health.check_at_unlock(opened)
        assert not report.healthy and report.damage
        assert vault.read_only
        assert_dutch(report.explanation())
        with pytest.raises(ReadOnlyVaultError):
            fill(opened, 1, start=99)
        assert security.backup_on_unlock(opened) is None  # no damaged copy rotates in
        vault.lock()
    assert path.read_bytes() == damaged


def test_continuing_after_damage_is_the_users_choice_and_logged(
        make_vault: Callable[[int], AppContext]) -> None:
    ctx = make_vault(1)
    ctx.vault.reopen_read_only(["schade"])
    report = vault_health.HealthReport(["schade"], [], ctx.now())
    vault_health.continue_knowingly(ctx, report)
    assert not ctx.vault.read_only
    assert [e.detail for e in security.audit_entries(ctx, action="doorgegaan ondanks problemen")
            ] == ["1 beschadiging(en)"]


def test_data_folder_is_made_owner_only_at_every_start(
        isolated_dirs: Path) -> None:
    isolated_dirs.chmod(0o755)
    assert data_dir() == isolated_dirs
    assert isolated_dirs.stat().st_mode & 0o777 == 0o700


LONE = "\ud83d"  # half of an emoji, as a broken paste delivers it


def test_lone_surrogates_and_decomposed_letters_are_stored_as_valid_text(
        ctx: AppContext) -> None:
    pupil = Pupil(first_name=f"Zo{LONE}e\u0308", last_name=f"Çelik{LONE}",
                  birth_date=date(2013, 4, 4), onderwijstype=Onderwijstype.VO,
                  address=f"Straat 1{LONE}")
    case = Case(pupil_id=pupil.id, aanmelding_date=date(2026, 11, 1),
                notes=f"Notitie {LONE} met een halve emoji en een hele 🙂")
    saved = cases.register_case(ctx, pupil, case)  # crashed with UnicodeEncodeError before
    detail = cases.load_case(ctx, saved.id)
    assert detail.pupil.first_name == "Zo\ufffdë"  # NFC, and the half emoji visible as �
    assert detail.pupil.last_name == "Çelik\ufffd"
    assert detail.case.notes == "Notitie \ufffd met een halve emoji en een hele 🙂"
    settings_service.save(ctx, {"organisation": f"Leerrecht {LONE}Regio"})
    with ctx.vault.read() as conn:
        stored = conn.execute(text(
            "SELECT value FROM settings WHERE key = 'organisation'")).scalar_one()
    assert "\\ud83d" not in stored and json.loads(stored) == "Leerrecht \ufffdRegio"
