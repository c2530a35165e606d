"""Encrypted backups: a consistent copy of the vault plus its key file, verified before it counts.

The copy is written under a hidden temporary name, synced to disk, verified (it opens with its
own key file, ``cipher_integrity_check`` and ``integrity_check`` are clean, and every table
holds as many rows as the vault did at the moment of copying), and only then renamed into
place (``backup_files``). A backup killed halfway therefore never becomes the newest backup;
its leftovers are removed at the next start.

Automatic backups rotate in ``<data dir>/backups``; a backup to a chosen folder (a USB stick)
is never rotated away.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine

from thuiszitter_desktop.storage.backup_files import (
    BackupInfo,
    Listed,
    backups_dir,
    clean_leftovers,
    info_file,
    listed,
    part_of,
    rotate,
    stem_for,
    write_info,
)
from thuiszitter_desktop.storage.errors import BackupError, VaultCorruptError, VaultError
from thuiszitter_desktop.storage.files import (
    OWNER_ONLY,
    create_private_file,
    fsync_dir,
    fsync_path,
)
from thuiszitter_desktop.storage.keyslots import KeyFile
from thuiszitter_desktop.storage.sqlcipher import connect, integrity_problems
from thuiszitter_desktop.storage.vault_files import key_file_for

# Called between the steps of a backup; the fault tests kill the process there.
Step = Callable[[str], None]


@dataclass(frozen=True)
class Backup:
    db: Path
    keys: Path
    created: datetime
    info: BackupInfo
    # Pupils in the newest backup before this one (None: there was none, or it is unknown).
    previous_pupils: int | None = None
    # Kept beyond the rotation because it holds more pupils than every newer backup.
    protected: Listed | None = None

    @property
    def fewer_pupils(self) -> bool:
        """This backup holds fewer pupils than the one before: worth telling the user."""
        return self.previous_pupils is not None and self.info.pupils < self.previous_pupils


class BackupSource(Protocol):
    """What a backup needs of an open vault (``vault.Vault`` is one)."""

    @property
    def path(self) -> Path: ...

    @property
    def engine(self) -> Engine: ...

    @property
    def raw_key(self) -> bytes: ...

    @property
    def vault_id(self) -> str: ...

    def in_use(self) -> contextlib.AbstractContextManager[bool]: ...


def create_backup(vault: BackupSource, reason: str = "automatisch", folder: Path | None = None,
                  now: datetime | None = None, step: Step | None = None) -> Backup:
    """Copy, sync, verify, then rename into place; rotate automatic backups afterwards."""
    step = step or (lambda _name: None)
    target_dir = folder or backups_dir(vault.path)
    made = now or datetime.now()
    db = target_dir / f"{stem_for(made, reason)}.db"
    keys, info_path = key_file_for(db), info_file(db)
    temps = [part_of(p) for p in (db, keys, info_path)]
    try:
        target_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        clean_leftovers(vault.path, folder)
        before = listed(target_dir, with_previous=False)
        with vault.in_use() as usable:  # a lock waits until the copy is complete
            if not usable:
                raise VaultError("De kluis is vergrendeld; er is geen back-up gemaakt.")
            counts = _export(vault, temps[0], step)
            fsync_path(temps[0])
            step("exported")
            shutil.copyfile(key_file_for(vault.path), temps[1])
            temps[1].chmod(OWNER_ONLY)
            fsync_path(temps[1])
            step("keys copied")
            try:
                verify_backup(temps[0], vault.raw_key, counts, key_file=temps[1])
            except VaultCorruptError as exc:
                raise BackupError(
                    f"De back-up is gemaakt, maar klopte niet bij de controle ({exc.message}) "
                    "en is daarom weggegooid. De vorige back-ups zijn er nog.",
                    vault_suspect=True) from None
            step("verified")
            info = BackupInfo(made.isoformat(), reason, vault.vault_id,
                              temps[0].stat().st_size, counts.get("pupils", 0),
                              counts.get("cases", 0), sum(counts.values()))
            write_info(temps[2], info)
            step("info written")
            # The database last: until it has its name, this backup does not exist.
            os.replace(temps[1], keys)
            os.replace(temps[2], info_path)
            step("keys in place")
            os.replace(temps[0], db)
            fsync_dir(target_dir)
            step("renamed")
    except BaseException as exc:
        for leftover in [*temps, Path(f"{temps[0]}-journal")]:
            with contextlib.suppress(OSError):
                leftover.unlink()
        if isinstance(exc, OSError):
            raise BackupError.write_failed(exc) from None
        if isinstance(exc, sqlcipher.DatabaseError):
            raise _database_failure(exc) from None
        raise
    protected = rotate(target_dir) if folder is None else None
    return Backup(db, keys, datetime.now(), info, before[0].pupils if before else None,
                  protected)


def _export(vault: BackupSource, target: Path, step: Step) -> dict[str, int]:
    """Copy the vault into ``target`` (same key) in one read snapshot; returns the row counts
    of that snapshot, to compare the copy with."""
    raw = vault.engine.raw_connection()
    try:
        source: Any = raw.driver_connection
        key = vault.raw_key.hex()
        create_private_file(target)  # owner-only from the first byte
        source.execute(f"ATTACH DATABASE ? AS backup KEY \"x'{key}'\"", (str(target),))
        try:
            source.execute("BEGIN")
            try:
                counts = row_counts(source)
                step("counted")
                source.execute("SELECT sqlcipher_export('backup')").fetchone()
            finally:
                source.execute("COMMIT")
        finally:
            source.execute("DETACH DATABASE backup")
    finally:
        raw.close()
    return counts


def row_counts(conn: Any, schema: str = "main") -> dict[str, int]:
    tables = [row[0] for row in conn.execute(
        f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' "
        "AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    return {t: int(conn.execute(f'SELECT count(*) FROM {schema}."{t}"').fetchone()[0])
            for t in tables}


def _database_failure(exc: Exception) -> VaultError:
    text = str(exc).lower()
    if "full" in text or "disk i/o" in text:
        return BackupError.write_failed(OSError(28, "full"))
    return BackupError(
        "De back-up is niet gemaakt: de kluis kon niet helemaal worden gelezen. Mogelijk is "
        "de kluis beschadigd; er is niets overschreven.", vault_suspect=True)


def verify_backup(db: Path, key: bytes, counts: dict[str, int] | None = None,
                  key_file: Path | None = None) -> None:
    """Both integrity checks on a backup file (and, when given, its row counts and key file);
    raises VaultCorruptError when it is not sound."""
    if not db.exists() or db.stat().st_size == 0:
        raise VaultCorruptError("Het back-upbestand ontbreekt of is leeg.")
    if key_file is not None and not _opens_with(key_file, key):
        raise VaultCorruptError("Het sleutelbestand van de back-up hoort niet bij de back-up.")
    conn = connect(db, key, read_only=True)
    try:
        problems = integrity_problems(conn)
        copied = row_counts(conn) if counts is not None and not problems else None
    finally:
        conn.close()
    if problems:
        raise VaultCorruptError("De back-up is niet in orde bevonden.")
    if counts is not None and copied != counts:
        raise VaultCorruptError("De back-up bevat niet dezelfde gegevens als de kluis.")


def _opens_with(key_file: Path, key: bytes) -> bool:
    try:
        return KeyFile.load(key_file).holds(key)
    except VaultCorruptError:
        return False

