"""The vault: one SQLCipher database file plus its key file, created, unlocked and locked here.

Files (in the user's data directory, mode 0600):
- ``<name>.db``   the encrypted database (never a plain SQLite file);
- ``<name>.keys`` the data key, wrapped under the passphrase and under the recovery key.

Both name the vault (``vault_id``). A vault file that is empty, cut short, or not the vault its
key file belongs to is refused before anything is migrated or written (``VaultRefusedError``).
"""

from __future__ import annotations

import contextlib
import errno
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Connection, Engine, inspect, select
from sqlalchemy.exc import DatabaseError

from thuiszitter_desktop.storage import migrate, repo_audit
from thuiszitter_desktop.storage.audit_chain import chain_key
from thuiszitter_desktop.storage.backup import create_backup
from thuiszitter_desktop.storage.backup_files import clean_leftovers
from thuiszitter_desktop.storage.errors import (
    DiskFullError,
    KeyFileWriteError,
    NotEncryptedError,
    ReadOnlyVaultError,
    VaultCorruptError,
    VaultExistsError,
    VaultRefusedError,
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
    PAGE_SIZE,
    WRITE_OPTION,
    integrity_problems,
    is_plain_sqlite,
    locked_engine,
    make_engine,
    quick_problems,
)
from thuiszitter_desktop.storage.tables import vault_meta
from thuiszitter_desktop.storage.vault_files import key_file_for

VAULT_ID = "vault_id"


@dataclass
class Vault:
    """An unlocked vault. Use ``transaction()`` for writes and ``read()`` for reads."""

    path: Path
    engine: Engine
    _key: bytes
    read_only: bool = False
    vault_id: str = ""
    # Damage found by a check; the vault stays read-only until a restore or until the user
    # knowingly continues (``continue_writable``).
    problems: list[str] = field(default_factory=list)
    # Held while the vault is in use by a background job (a backup), so locking waits for it.
    _gate: threading.RLock = field(default_factory=threading.RLock, repr=False)

    # -- lifecycle ---------------------------------------------------------------------------
    @classmethod
    def create(cls, path: Path, passphrase: str,
               kdf: KdfParams = DEFAULT_KDF) -> tuple[Vault, str]:
        """Create a new vault; returns it and the printable recovery key (shown once)."""
        keys_path = key_file_for(path)
        if path.exists() or keys_path.exists():
            raise VaultExistsError(key_file_left=keys_path.exists() and not path.exists())
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        data_key = new_data_key()
        recovery = new_recovery_secret()
        keys = KeyFile.new(data_key, (passphrase_slot(data_key, passphrase, kdf),
                                      recovery_slot(data_key, recovery)), str(uuid.uuid4()))
        keys.save(keys_path)
        create_private_file(path)
        vault = cls._open(path, data_key, keys, new=True)
        return vault, format_recovery_key(recovery)

    @classmethod
    def unlock(cls, path: Path, passphrase: str) -> Vault:
        """Open with the passphrase. A wrong passphrase fails before the database is touched."""
        keys = cls._prepare(path)
        return cls._open(path, keys.unlock_with_passphrase(passphrase), keys)

    @classmethod
    def unlock_with_recovery(cls, path: Path, recovery_key: str) -> Vault:
        keys = cls._prepare(path)
        return cls._open(path, keys.unlock_with_recovery(recovery_key), keys)

    @staticmethod
    def exists(path: Path) -> bool:
        return path.exists()

    @classmethod
    def _prepare(cls, path: Path) -> KeyFile:
        clean_leftovers(path)
        cls._check_file(path)
        return KeyFile.load(key_file_for(path))

    @staticmethod
    def _check_file(path: Path) -> None:
        if not path.exists():
            raise VaultCorruptError("Er is op deze plek geen kluis gevonden.")
        size = path.stat().st_size
        if size == 0:
            raise VaultRefusedError(
                "Het kluisbestand is leeg (0 bytes). Dat kan gebeuren na een stroomstoring, "
                "een volle schijf of USB-stick, of door een synchronisatieprogramma.")
        if is_plain_sqlite(path):
            raise NotEncryptedError()
        if size % PAGE_SIZE:
            raise VaultRefusedError(
                "Het kluisbestand is onvolledig: het is midden in een blok afgebroken, "
                "bijvoorbeeld doordat het kopiëren of opslaan werd onderbroken.")

    @classmethod
    def _open(cls, path: Path, data_key: bytes, keys: KeyFile, new: bool = False) -> Vault:
        engine = make_engine(path, data_key)
        vault = cls(path, engine, data_key)
        try:
            stored_id = None if new else _stored_identity(engine, keys)
            vault.vault_id = stored_id or keys.vault_id or str(uuid.uuid4())
            # A key file of an earlier version names no vault and has no key check: complete
            # it before the backup before migrating copies it, or that backup fails its check.
            keys = vault._settle_key_file(keys)
            migrate.upgrade(engine, before=None if new else vault._backup_before_migration,
                            after=vault._after_migration)
            vault._settle_stored_identity(stored_id)
        except BaseException:
            engine.dispose()
            raise
        return vault

    def _after_migration(self, conn: Connection) -> None:
        repo_audit.seal_unchained(conn, self.chain_key)

    def _settle_key_file(self, keys: KeyFile) -> KeyFile:
        """The key file names this vault and can check its key (an earlier version's does
        not). Not needed to open the vault: when the folder cannot be written, next time."""
        if keys.vault_id == self.vault_id and keys.holds(self._key):
            return keys
        settled = keys.with_identity(self._key, self.vault_id)
        with contextlib.suppress(KeyFileWriteError):
            settled.save(key_file_for(self.path))
        return settled

    def _settle_stored_identity(self, stored_id: str | None) -> None:
        """The database names the vault too (one written by an earlier version gets it)."""
        if stored_id != self.vault_id:
            with self.transaction() as conn:
                conn.execute(vault_meta.insert().values(key=VAULT_ID, value=self.vault_id))

    def _backup_before_migration(self) -> None:
        create_backup(self, reason="migratie")

    def change_passphrase(self, new_passphrase: str, kdf: KdfParams = DEFAULT_KDF) -> None:
        """Rewrap the data key; the database itself is not re-encrypted."""
        keys_path = key_file_for(self.path)
        KeyFile.load(keys_path).with_passphrase(self._key, new_passphrase, kdf).save(keys_path)

    def replace_recovery_key(self) -> str:
        """A new recovery key (after the old one was used); the old one no longer opens this
        vault's key file (older backups keep their own key file). Returns the new key."""
        keys_path = key_file_for(self.path)
        updated, recovery = KeyFile.load(keys_path).with_new_recovery(self._key)
        updated.save(keys_path)
        return recovery

    @property
    def chain_key(self) -> bytes:
        """The audit chain's key, derived from the data key (``storage/audit_chain.py``)."""
        return chain_key(self._key)

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

    def quick_problems(self) -> list[str]:
        """The cheaper check run at every unlock (``sqlcipher.quick_problems``). It does not
        hold the gate: it only reads, and other background reads must not wait for it."""
        raw = self.engine.raw_connection()  # a locked vault refuses (VaultError)
        try:
            return quick_problems(raw.driver_connection)
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

    def reopen_read_only(self, problems: list[str] | None = None) -> None:
        """A damaged vault: keep it readable, refuse every write (the file is left alone)."""
        with self._gate:
            self.problems = list(problems or self.problems)
            if self.read_only or self.is_locked:
                return
            self.read_only = True  # first, so a write started meanwhile is refused
            self.engine.dispose()
            self.engine = make_engine(self.path, self._key, read_only=True)

    def continue_writable(self) -> None:
        """The user chose to go on working despite the problems found (asked, never silent)."""
        with self._gate:
            if not self.read_only or self.is_locked:
                return
            self.engine.dispose()
            self.engine = make_engine(self.path, self._key)
            self.read_only = False

    # -- data access -------------------------------------------------------------------------
    @contextlib.contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One atomic unit of work: commits on success, rolls back on any error.

        It takes the write lock at its start (``BEGIN IMMEDIATE``), so a background job's
        write (a backup's audit line) can never make a save fail halfway."""
        if self.read_only and not self.is_locked:
            raise ReadOnlyVaultError()
        try:
            with self.engine.connect() as conn:
                conn.execution_options(**{WRITE_OPTION: True})
                with conn.begin():
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


def _stored_identity(engine: Engine, keys: KeyFile) -> str | None:
    """The vault id stored in the database; refuses a file that is no vault of this key file.

    Runs before any migration or write: a database without ``vault_meta`` (an empty file keyed
    for the first time, a file cut short) is never turned into an empty vault."""
    try:
        return _read_identity(engine, keys)
    except VaultRefusedError:
        raise
    except VaultCorruptError:  # SQLCipher cannot read it (cut short, damaged, other key)
        raise VaultRefusedError(
            "Het kluisbestand is beschadigd of onvolledig (bijvoorbeeld afgekapt bij het "
            "kopiëren), of het hoort niet bij het sleutelbestand (kluis.keys) ernaast."
        ) from None


def _read_identity(engine: Engine, keys: KeyFile) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table(vault_meta.name):
            raise VaultRefusedError(
                "Het kluisbestand bevat geen kluis: het is leeg, onvolledig of overschreven.")
        meta = {key: value for key, value in conn.execute(
            select(vault_meta.c.key, vault_meta.c.value)
            .where(vault_meta.c.key.in_(("schema_major", VAULT_ID))))}
    if "schema_major" not in meta:
        raise VaultRefusedError("Het kluisbestand is onvolledig: de gegevens over de kluis "
                                "zelf ontbreken.")
    stored = meta.get(VAULT_ID)
    if stored and keys.vault_id and stored != keys.vault_id:
        raise VaultRefusedError(
            "Dit kluisbestand hoort niet bij het sleutelbestand (kluis.keys) ernaast: het is "
            "een andere kluis.")
    return stored
