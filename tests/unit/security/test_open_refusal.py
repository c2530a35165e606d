"""Opening refuses a vault file that is empty, cut short or not its key file's vault.

Each time: nothing is migrated or written, the backups stay as they were, the message is Dutch,
and the newest backup that holds data is the one offered.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text
from vault_faults import assert_dutch, pupil_count

from thuiszitter_desktop.services import security
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.storage.backup_files import backups_dir, list_backups, newest_with_data
from thuiszitter_desktop.storage.errors import (
    KeyFileWriteError,
    KeySlotDamagedError,
    VaultCorruptError,
    VaultExistsError,
    VaultRefusedError,
    WrongPassphraseError,
)
from thuiszitter_desktop.storage.keyslots import KdfParams, KeyFile
from thuiszitter_desktop.storage.vault import Vault
from thuiszitter_desktop.storage.vault_files import key_file_for

PUPILS = 12


def backups_state(vault_path: Path) -> dict[str, bytes]:
    folder = backups_dir(vault_path)
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture
def with_backup(make_vault: Callable[[int], AppContext]) -> AppContext:
    """A vault with pupils and one automatic backup of them, locked again."""
    ctx = make_vault(PUPILS)
    security.make_backup(ctx)
    ctx.vault.lock()
    return ctx


CUTS: dict[str, Callable[[int], int]] = {
    "leeg (0 bytes)": lambda size: 0,
    "alleen de eerste pagina": lambda size: 4096,
    "de helft": lambda size: size // 2 // 4096 * 4096,
    "zonder de laatste pagina": lambda size: size - 4096,
    "midden in een pagina": lambda size: size - 1000,
}


@pytest.mark.parametrize("cut", CUTS)
def test_empty_or_truncated_vault_is_refused_and_backups_stay_intact(
        with_backup: AppContext, passphrase: str, cut: str) -> None:
    path = with_backup.vault.path
    path.write_bytes(path.read_bytes()[:CUTS[cut](path.stat().st_size)])
    before, backups = path.read_bytes(), backups_state(path)
    keys_before = key_file_for(path).read_bytes()

    with pytest.raises(VaultRefusedError) as info:
        Vault.unlock(path, passphrase)

    assert "niet geopend" in info.value.message and "niets aan veranderd" in info.value.message
    assert_dutch(info.value.message)
    assert path.read_bytes() == before  # never migrated or written
    assert key_file_for(path).read_bytes() == keys_before
    assert backups_state(path) == backups  # no empty 'migratie' backup, nothing rotated
    offered = newest_with_data(backups_dir(path))
    assert offered is not None and offered.pupils == PUPILS


def test_zero_byte_vault_is_refused_before_the_passphrase_is_even_checked(
        with_backup: AppContext) -> None:
    path = with_backup.vault.path
    path.write_bytes(b"")
    with pytest.raises(VaultRefusedError) as info:
        Vault.unlock(path, "een verkeerd wachtwoord")  # no KDF work, no key needed
    assert "leeg (0 bytes)" in info.value.message


def test_vault_of_another_vault_id_is_refused(
        with_backup: AppContext, passphrase: str) -> None:
    """Same key (a copy of this vault's file) but a different vault id: not this key file's."""
    path = with_backup.vault.path
    vault = Vault.unlock(path, passphrase)
    with vault.transaction() as conn:
        conn.execute(text("UPDATE vault_meta SET value = 'een-andere-kluis' "
                          "WHERE key = 'vault_id'"))
    vault.lock()
    before = path.read_bytes()
    with pytest.raises(VaultRefusedError) as info:
        Vault.unlock(path, passphrase)
    assert "hoort niet bij het sleutelbestand" in info.value.message
    assert path.read_bytes() == before


def test_a_different_vault_beside_this_key_file_is_refused(
        with_backup: AppContext, passphrase: str, cheap_kdf: KdfParams, tmp_path: Path) -> None:
    other, _ = Vault.create(tmp_path / "ander" / "kluis.db", passphrase, cheap_kdf)
    other.lock()
    path = with_backup.vault.path
    shutil.copyfile(other.path, path)
    with pytest.raises(VaultRefusedError) as info:
        Vault.unlock(path, passphrase)
    assert "sleutelbestand" in info.value.message
    assert_dutch(info.value.message)


def test_vault_and_key_file_share_one_vault_id(with_backup: AppContext, passphrase: str) -> None:
    vault = Vault.unlock(with_backup.vault.path, passphrase)
    try:
        with vault.read() as conn:
            stored = conn.execute(text(
                "SELECT value FROM vault_meta WHERE key = 'vault_id'")).scalar_one()
        assert stored == vault.vault_id == KeyFile.load(key_file_for(vault.path)).vault_id
        assert KeyFile.load(key_file_for(vault.path)).holds(vault.raw_key)
    finally:
        vault.lock()


def test_key_file_of_an_earlier_version_gets_the_vault_id(
        with_backup: AppContext, passphrase: str) -> None:
    keys_path = key_file_for(with_backup.vault.path)
    old = KeyFile.load(keys_path)
    KeyFile(old.slots).save(keys_path)  # no vault id, no check value (format of before)
    vault = Vault.unlock(with_backup.vault.path, passphrase)
    try:
        assert KeyFile.load(keys_path).vault_id == old.vault_id == vault.vault_id
        assert pupil_count(vault) == PUPILS
    finally:
        vault.lock()


def test_deleted_vault_with_key_file_left_is_never_overwritten_by_a_new_one(
        with_backup: AppContext, passphrase: str, cheap_kdf: KdfParams) -> None:
    path = with_backup.vault.path
    keys = key_file_for(path).read_bytes()
    path.unlink()
    with pytest.raises(VaultExistsError) as info:
        Vault.create(path, passphrase, cheap_kdf)
    assert "Back-up terugzetten" in info.value.message
    assert_dutch(info.value.message)
    assert key_file_for(path).read_bytes() == keys and not path.exists()


@pytest.mark.parametrize("kind", ["passphrase", "recovery"])
def test_damaged_key_slot_is_reported_as_damaged_not_as_a_wrong_passphrase(
        with_backup: AppContext, passphrase: str, kind: str) -> None:
    keys_path = key_file_for(with_backup.vault.path)
    raw = keys_path.read_text()
    slot = KeyFile.load(keys_path).slot(kind)
    flipped = slot.wrapped[:10] + ("A" if slot.wrapped[10] != "A" else "B") + slot.wrapped[11:]
    keys_path.write_text(raw.replace(slot.wrapped, flipped))
    with pytest.raises(KeySlotDamagedError) as info:
        if kind == "passphrase":
            Vault.unlock(with_backup.vault.path, passphrase)
        else:
            Vault.unlock_with_recovery(with_backup.vault.path, "AAAA-" * 12 + "AAAA")
    assert "beschadigd" in info.value.message and "niet aan wat u typte" in info.value.message
    assert not isinstance(info.value, WrongPassphraseError)
    assert_dutch(info.value.message)


def test_key_file_write_error_is_dutch_and_keeps_the_old_key_file(
        make_vault: Callable[[int], AppContext], passphrase: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    ctx = make_vault(1)
    keys_path = key_file_for(ctx.vault.path)
    before = keys_path.read_bytes()

    def full(path: Path, data: bytes) -> None:
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr("thuiszitter_desktop.storage.keyslots.atomic_write", full)
    with pytest.raises(KeyFileWriteError) as info:
        ctx.vault.change_passphrase("een heel nieuw wachtwoord")
    assert "de schijf is vol" in info.value.message
    assert_dutch(info.value.message)
    assert keys_path.read_bytes() == before
    ctx.vault.lock()
    Vault.unlock(ctx.vault.path, passphrase).lock()  # the old passphrase still works


def test_refused_then_restored_vault_opens_with_all_pupils(
        with_backup: AppContext, passphrase: str) -> None:
    from thuiszitter_desktop.storage.restore import key_for_backup, restore_backup

    path = with_backup.vault.path
    path.write_bytes(b"")
    with pytest.raises(VaultCorruptError):
        Vault.unlock(path, passphrase)
    offered = newest_with_data(backups_dir(path))
    assert offered is not None
    key = key_for_backup(offered.db, passphrase)
    kept = restore_backup(path, offered.db, key, with_key_file=False)
    assert kept.stat().st_size == 0  # the empty file is kept aside, not thrown away
    vault = Vault.unlock(path, passphrase)
    try:
        assert pupil_count(vault) == PUPILS
    finally:
        vault.lock()
    assert len(list_backups(backups_dir(path))) == 1
    assert os.stat(path).st_mode & 0o777 == 0o600
