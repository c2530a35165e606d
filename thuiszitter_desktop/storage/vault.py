"""The vault: one SQLCipher database file plus its key file, created, unlocked and locked here.

Files (in the user's data directory, mode 0600):
- ``<name>.db``   the encrypted database (never a plain SQLite file);
- ``<name>.keys`` the data key, wrapped under the passphrase and under the recovery key.
"""

from __future__ import annotations

import contextlib
import errno
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DatabaseError

from thuiszitter_desktop.storage import migrate
from thuiszitter_desktop.storage.backup import create_backup
from thuiszitter_desktop.storage.errors import (
    DiskFullError,
    NotEncryptedError,
    ReadOnlyVaultError,
    VaultCorruptError,
    VaultExistsError,
)
from thuiszitter_desktop.storage.files import create_private_file
from thuiszitter_desktop.storage.keyslots import (
    DEFAULT_KDF,
    KdfParams,
    KeyFile,
    format_recovery_key,
    new_data_key,
    new_recovery_secret,
    passphrase_slot,
    recovery_slot,
)
from thuiszitter_desktop.storage.sqlcipher import (
    integrity_problems,
    is_plain_sqlite,
    locked_engine,
    make_engine,
)
from thuiszitter_desktop.storage.vault_files import key_file_for


@dataclass
class Vault:
    """An unlocked vault. Use ``transaction()`` for writes and ``read()`` for reads."""

    path: Path
    engine: Engine
    _key: bytes
    read_only: bool = False
    # Held while the vault is in use by a background job (a backup), so locking waits for it.
    _gate: threading.RLock = field(default_factory=threading.RLock, repr=False)

    # -- lifecycle ---------------------------------------------------------------------------
    @classmethod
    def create(cls, path: Path, passphrase: str,
               kdf: KdfParams = DEFAULT_KDF) -> tuple[Vault, str]:
        """Create a new vault; returns it and the printable recovery key (shown once)."""
        keys_path = key_file_for(path)
        if path.exists() or keys_path.exists():
            raise VaultExistsError()
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        data_key = new_data_key()
        recovery = new_recovery_secret()
        KeyFile((passphrase_slot(data_key, passphrase, kdf),
                 recovery_slot(data_key, recovery))).save(keys_path)
        create_private_file(path)
        vault = cls._open(path, data_key, backup_first=False)
        return vault, format_recovery_key(recovery)

    @classmethod
    def unlock(cls, path: Path, passphrase: str) -> Vault:
        """Open with the passphrase. A wrong passphrase fails before the database is touched."""
        cls._check_file(path)
        data_key = KeyFile.load(key_file_for(path)).unlock_with_passphrase(passphrase)
        return cls._open(path, data_key)

    @classmethod
    def unlock_with_recovery(cls, path: Path, recovery_key: str) -> Vault:
        cls._check_file(path)
        data_key = KeyFile.load(key_file_for(path)).unlock_with_recovery(recovery_key)
        return cls._open(path, data_key)

    @staticmethod
    def exists(path: Path) -> bool:
        return path.exists()

    @staticmethod
    def _check_file(path: Path) -> None:
        if not path.exists():
            raise VaultCorruptError("Er is op deze plek geen kluis gevonden.")
        if path.stat().st_size and is_plain_sqlite(path):
            raise NotEncryptedError()

    @classmethod
    def _open(cls, path: Path, data_key: bytes, backup_first: bool = True) -> Vault:
        engine = make_engine(path, data_key)
        vault = cls(path, engine, data_key)
        try:
            migrate.upgrade(engine, before=vault._backup_before_migration if backup_first
                            else None)
        except BaseException:
            engine.dispose()
            raise
        return vault

    def _backup_before_migration(self) -> None:
        create_backup(self, reason="migratie")

    def change_passphrase(self, new_passphrase: str, kdf: KdfParams = DEFAULT_KDF) -> None:
        """Rewrap the data key; the database itself is not re-encrypted."""
        keys_path = key_file_for(self.path)
        KeyFile.load(keys_path).with_passphrase(self._key, new_passphrase, kdf).save(keys_path)

    def lock(self) -> None:
        """Close every connection; the key is dropped with this object.

        Waits for a running background job (a backup) so it never races with the lock.
        """
        with self._gate:
            self.engine.dispose()
            # The old engine's creator still holds the key: replace it so no stray view can
            # silently reconnect to a locked vault.
            self.engine = locked_engine()
            self._key = b""

    @property
    def is_locked(self) -> bool:
        return not self._key

    @contextlib.contextmanager
    def in_use(self) -> Iterator[bool]:
        """For background jobs: yields False (do nothing) when the vault is already locked."""
        with self._gate:
            yield not self.is_locked

    def integrity_problems(self) -> list[str]:
        """``cipher_integrity_check`` (HMAC of every page) and ``integrity_check`` results."""
        raw = self.engine.raw_connection()
        try:
            return integrity_problems(raw.driver_connection)
        finally:
            raw.close()

    def vacuum(self) -> None:
        """Rewrite the file without free pages and empty the WAL, so removed data is gone."""
        with self._gate:
            raw = self.engine.raw_connection()
            try:
                driver: Any = raw.driver_connection
                driver.execute("VACUUM")
                driver.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            finally:
                raw.close()

    def reopen_read_only(self) -> None:
        """A damaged vault: keep it readable, refuse every write (the file is left alone)."""
        with self._gate:
            self.engine.dispose()
            self.engine = make_engine(self.path, self._key, read_only=True)
            self.read_only = True

    # -- data access -------------------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One atomic unit of work: commits on success, rolls back on any error."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except (DatabaseError, sqlcipher.DatabaseError) as exc:
            self._translate(exc)
            raise

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                yield conn
        except (DatabaseError, sqlcipher.DatabaseError) as exc:
            self._translate(exc)
            raise

    def _translate(self, exc: Exception) -> None:
        """Raise the calm Dutch error for a database failure a user can act on."""
        text = _error_text(exc)
        if "readonly" in text or "read-only" in text:
            raise ReadOnlyVaultError() from None
        if _is_write_failure(exc, text):
            # The connection may hold a half-written state: start afresh next time.
            self.engine.dispose()
            raise DiskFullError() from None
        if "malformed" in text or "not a database" in text or "hmac" in text:
            raise VaultCorruptError(
                "Een deel van de kluis is beschadigd en kan niet worden gelezen. Er is niets "
                "overschreven. Zet een back-up terug via Bestand → Back-up terugzetten…"
            ) from None

    @property
    def raw_key(self) -> bytes:
        """The data key, for backups only (``backup.BackupSource``)."""
        return self._key


def _error_text(exc: Exception) -> str:
    orig = getattr(exc, "orig", None) or exc
    return str(orig).lower()


def _is_write_failure(exc: Exception, text: str) -> bool:
    # A full disk shows as SQLITE_FULL, or as an I/O error when a write fails outright
    # (EFBIG/ENOSPC on the WAL file); either way the transaction was rolled back.
    orig = getattr(exc, "orig", None) or exc
    return ("full" in text or "disk i/o error" in text
            or getattr(orig, "errno", None) in (errno.ENOSPC, errno.EFBIG))
