import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from thuiszitter_desktop.storage.errors import (
    NotEncryptedError,
    VaultCorruptError,
    VaultExistsError,
    WrongPassphraseError,
)
from thuiszitter_desktop.storage.keyslots import KdfParams
from thuiszitter_desktop.storage.vault import Vault
from thuiszitter_desktop.storage.vault_files import key_file_for


def test_vault_file_is_encrypted_and_private(vault: Vault) -> None:
    with vault.transaction() as conn:
        conn.execute(text("INSERT INTO settings VALUES ('organisatie', '\"Canarisch\"')"))
    raw = vault.path.read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    assert b"Canarisch" not in raw
    assert vault.path.stat().st_mode & 0o777 == 0o600
    assert key_file_for(vault.path).stat().st_mode & 0o777 == 0o600


def test_unlock_with_passphrase_reads_data_back(vault: Vault, passphrase: str) -> None:
    with vault.transaction() as conn:
        conn.execute(text("INSERT INTO settings VALUES ('x', '1')"))
    vault.lock()
    again = Vault.unlock(vault.path, passphrase)
    with again.read() as conn:
        assert conn.execute(text("SELECT value FROM settings WHERE key='x'")).scalar() == "1"
    again.lock()


def test_wrong_passphrase_changes_nothing_and_prints_nothing(
    vault: Vault, capfd: pytest.CaptureFixture[str]
) -> None:
    vault.lock()
    before = (vault.path.read_bytes(), key_file_for(vault.path).read_bytes())
    with pytest.raises(WrongPassphraseError) as info:
        Vault.unlock(vault.path, "verkeerd wachtwoord")
    assert "wachtwoord klopt niet" in info.value.message
    assert (vault.path.read_bytes(), key_file_for(vault.path).read_bytes()) == before
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out == ""


def test_recovery_key_unlocks_and_passphrase_change_keeps_data(
    vault_path: Path, passphrase: str, cheap_kdf: KdfParams
) -> None:
    vault, recovery = Vault.create(vault_path, passphrase, cheap_kdf)
    with vault.transaction() as conn:
        conn.execute(text("INSERT INTO settings VALUES ('x', '42')"))
    data_key = vault.raw_key
    vault.change_passphrase("nieuw lang wachtwoord", cheap_kdf)
    vault.lock()
    with pytest.raises(WrongPassphraseError):
        Vault.unlock(vault_path, passphrase)
    renewed = Vault.unlock(vault_path, "nieuw lang wachtwoord")
    assert renewed.raw_key == data_key  # rewrapped, not re-encrypted
    renewed.lock()
    recovered = Vault.unlock_with_recovery(vault_path, recovery.lower().replace("-", " "))
    with recovered.read() as conn:
        assert conn.execute(text("SELECT value FROM settings WHERE key='x'")).scalar() == "42"
    recovered.lock()


def test_wrong_recovery_key_is_refused(vault: Vault) -> None:
    vault.lock()
    with pytest.raises(WrongPassphraseError):
        Vault.unlock_with_recovery(vault.path, "AAAA-BBBB")


def test_plain_sqlite_file_is_refused(vault_path: Path, passphrase: str) -> None:
    plain = sqlite3.connect(vault_path)
    plain.execute("CREATE TABLE t (x)")
    plain.commit()
    plain.close()
    with pytest.raises(NotEncryptedError) as info:
        Vault.unlock(vault_path, passphrase)
    assert "onversleutelde" in info.value.message


def test_create_never_overwrites(vault: Vault, cheap_kdf: KdfParams) -> None:
    with pytest.raises(VaultExistsError):
        Vault.create(vault.path, "ander wachtwoord", cheap_kdf)


def test_missing_key_file_is_reported_not_replaced(vault: Vault, passphrase: str) -> None:
    vault.lock()
    key_file_for(vault.path).unlink()
    with pytest.raises(VaultCorruptError) as info:
        Vault.unlock(vault.path, passphrase)
    assert "sleutelbestand" in info.value.message
    assert vault.path.exists()


def test_damaged_vault_is_reported_and_left_alone(vault: Vault, passphrase: str) -> None:
    vault.lock()
    data = bytearray(vault.path.read_bytes())
    data[:64] = bytes(64)  # wipe the salt and first page header
    vault.path.write_bytes(bytes(data))
    with pytest.raises(VaultCorruptError):
        Vault.unlock(vault.path, passphrase)
    assert vault.path.read_bytes() == bytes(data)


def test_other_sqlcipher_tools_open_it_with_the_raw_key(vault: Vault) -> None:
    import sqlcipher3.dbapi2 as sqlcipher

    key = vault.raw_key
    vault.lock()
    conn = sqlcipher.connect(str(vault.path))
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert {"pupils", "cases", "audit_log"} <= tables
