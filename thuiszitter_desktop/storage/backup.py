"""Encrypted backups: a consistent copy of the vault plus its key file, verified after writing.

Automatic backups rotate in ``<data dir>/backups`` (the newest ``KEEP`` are kept); a backup to
a chosen folder (a USB stick) is never rotated away.
"""

from __future__ import annotations

import contextlib
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

from sqlalchemy import Engine

from thuiszitter_desktop.storage.errors import VaultCorruptError, VaultError
from thuiszitter_desktop.storage.files import OWNER_ONLY, fsync_dir
from thuiszitter_desktop.storage.sqlcipher import connect, export_encrypted_copy, integrity_problems
from thuiszitter_desktop.storage.vault_files import key_file_for

KEEP = 7
PREFIX = "kluis-"


@dataclass(frozen=True)
class Backup:
    db: Path
    keys: Path
    created: datetime


class BackupSource(Protocol):
    """What a backup needs of an open vault (``vault.Vault`` is one)."""

    @property
    def path(self) -> Path: ...

    @property
    def engine(self) -> Engine: ...

    @property
    def raw_key(self) -> bytes: ...

    def in_use(self) -> contextlib.AbstractContextManager[bool]: ...


def backups_dir(vault_path: Path) -> Path:
    return vault_path.parent / "backups"


def create_backup(vault: BackupSource, reason: str = "automatisch", folder: Path | None = None,
                  now: datetime | None = None) -> Backup:
    """Copy the vault (encrypted, same key) and its key file; verify; rotate automatic ones."""
    target_dir = folder or backups_dir(vault.path)
    target_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S-%f")
    db = target_dir / f"{PREFIX}{stamp}-{reason}.db"
    keys = db.with_suffix(".keys")
    try:
        with vault.in_use() as usable:  # a lock waits until the copy is complete
            if not usable:
                raise VaultError("De kluis is vergrendeld; er is geen back-up gemaakt.")
            raw = vault.engine.raw_connection()
            try:
                export_encrypted_copy(raw.driver_connection, db, vault.raw_key)
            finally:
                raw.close()
            db.chmod(OWNER_ONLY)
            shutil.copyfile(key_file_for(vault.path), keys)
            keys.chmod(OWNER_ONLY)
            verify_backup(db, vault.raw_key)
    except BaseException:
        for leftover in (db, keys):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
        raise
    fsync_dir(target_dir)
    if folder is None:
        rotate(target_dir)
    return Backup(db, keys, datetime.now())


def verify_backup(db: Path, key: bytes) -> None:
    """Both integrity checks on a backup file; raises VaultCorruptError when it is not sound."""
    if not db.exists() or db.stat().st_size == 0:
        raise VaultCorruptError("Het back-upbestand ontbreekt of is leeg.")
    conn = connect(db, key, read_only=True)
    try:
        problems = integrity_problems(conn)
    finally:
        conn.close()
    if problems:
        raise VaultCorruptError("De back-up is niet in orde bevonden.")


def backup_time(db: Path) -> datetime | None:
    """When an automatic backup was made, from its name (``kluis-YYYYmmdd-HHMMSS-ffffff-…``)."""
    try:
        return datetime.strptime(db.name[len(PREFIX):len(PREFIX) + 22], "%Y%m%d-%H%M%S-%f")
    except ValueError:
        return None


def latest_backup(folder: Path) -> Path | None:
    found = list_backups(folder)
    return found[0] if found else None


def list_backups(folder: Path) -> list[Path]:
    """Backup databases in ``folder``, newest first."""
    return sorted(folder.glob(f"{PREFIX}*.db"), reverse=True)


def rotate(folder: Path, keep: int = KEEP) -> None:
    for old in list_backups(folder)[keep:]:
        old.unlink(missing_ok=True)
        old.with_suffix(".keys").unlink(missing_ok=True)
