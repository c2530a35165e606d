"""The vault: one SQLCipher database file plus its key file, created, unlocked and locked here.

Files (in the user's data directory, mode 0600):
- ``<name>.db``   the encrypted database (never a plain SQLite file);
- ``<name>.keys`` the data key, wrapped under the passphrase and under the recovery key.
"""

from __future__ import annotations

import contextlib
import errno
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import OperationalError

from thuiszitter_desktop.storage import migrate
from thuiszitter_desktop.storage.errors import (
    DiskFullError,
    NotEncryptedError,
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
from thuiszitter_desktop.storage.sqlcipher import is_plain_sqlite, make_engine

VAULT_NAME = "kluis"


def key_file_for(db_path: Path) -> Path:
    return db_path.with_suffix(".keys")


def default_vault_path(data_dir: Path) -> Path:
    return data_dir / f"{VAULT_NAME}.db"


@dataclass
class Vault:
    """An unlocked vault. Use ``transaction()`` for writes and ``read()`` for reads."""

    path: Path
    engine: Engine
    _key: bytes

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
        from thuiszitter_desktop.storage.backup import create_backup

        create_backup(self, reason="migratie")

    def change_passphrase(self, new_passphrase: str, kdf: KdfParams = DEFAULT_KDF) -> None:
        """Rewrap the data key; the database itself is not re-encrypted."""
        keys_path = key_file_for(self.path)
        KeyFile.load(keys_path).with_passphrase(self._key, new_passphrase, kdf).save(keys_path)

    def lock(self) -> None:
        """Close every connection; the key is dropped with this object."""
        self.engine.dispose()
        self._key = b""

    # -- data access -------------------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One atomic unit of work: commits on success, rolls back on any error."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except OperationalError as exc:
            if _is_disk_full(exc):
                raise DiskFullError() from None
            raise

    @contextlib.contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    @property
    def raw_key(self) -> bytes:
        """The data key, for the backup module only."""
        return self._key


def _is_disk_full(exc: OperationalError) -> bool:
    text = str(exc.orig).lower() if exc.orig is not None else ""
    return "full" in text or getattr(exc.orig, "errno", None) == errno.ENOSPC
