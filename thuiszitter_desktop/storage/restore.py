"""Putting a backup back: verified first, the current vault kept aside, then an atomic swap.

The vault must be locked (no open connections) while this runs. The current files are never
deleted: they are moved to ``backups/vorige-kluis-<time>.db`` (+ ``.keys``), outside the
rotation, so a wrong choice can be undone.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from datetime import datetime
from pathlib import Path

from thuiszitter_desktop.storage.backup import verify_backup
from thuiszitter_desktop.storage.backup_files import PREVIOUS_PREFIX, backups_dir
from thuiszitter_desktop.storage.errors import VaultCorruptError
from thuiszitter_desktop.storage.files import OWNER_ONLY, fsync_dir
from thuiszitter_desktop.storage.keyslots import KeyFile
from thuiszitter_desktop.storage.vault_files import key_file_for


def key_for_backup(backup_db: Path, passphrase: str) -> bytes:
    """The data key from the backup's own key file (the passphrase valid when it was made)."""
    return KeyFile.load(backup_db.with_suffix(".keys")).unlock_with_passphrase(passphrase)


def can_open(backup_db: Path, key: bytes) -> bool:
    try:
        verify_backup(backup_db, key)
    except VaultCorruptError:
        return False
    return True


def restore_backup(vault_path: Path, backup_db: Path, key: bytes, with_key_file: bool,
                   now: datetime | None = None) -> Path:
    """Replace the (locked) vault at ``vault_path`` by ``backup_db``; returns where the old went.

    ``with_key_file``: also restore the backup's key file (needed when the backup's key
    differs from the current key file, e.g. a vault from another computer).
    """
    verify_backup(backup_db, key)
    keys_path = key_file_for(vault_path)
    staged = vault_path.with_name(f".{vault_path.name}.terugzetten")
    staged_keys = keys_path.with_name(f".{keys_path.name}.terugzetten")
    try:
        _copy_private(backup_db, staged)
        verify_backup(staged, key)  # the copy, not just the source, must be sound
        if with_key_file:
            _copy_private(backup_db.with_suffix(".keys"), staged_keys)
        previous = _keep_current(vault_path, keys_path, now or datetime.now())
        # The old WAL belongs to the old database; applied to the new one it would corrupt it.
        for suffix in ("-wal", "-shm"):
            Path(f"{vault_path}{suffix}").unlink(missing_ok=True)
        os.replace(staged, vault_path)
        if with_key_file:
            os.replace(staged_keys, keys_path)
        elif not keys_path.exists() and previous is not None:
            shutil.copyfile(previous.with_suffix(".keys"), keys_path)
    finally:
        for leftover in (staged, staged_keys):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()
    fsync_dir(vault_path.parent)
    return previous if previous is not None else vault_path


def _copy_private(source: Path, target: Path) -> None:
    with source.open("rb") as src:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, OWNER_ONLY)
        with os.fdopen(fd, "wb") as dst:
            shutil.copyfileobj(src, dst)
            dst.flush()
            os.fsync(dst.fileno())


def _keep_current(vault_path: Path, keys_path: Path, now: datetime) -> Path | None:
    """Copy the current vault files (as they are, even damaged) aside; None if there are none."""
    if not vault_path.exists():
        return None
    folder = backups_dir(vault_path)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = folder / f"{PREVIOUS_PREFIX}{now:%Y%m%d-%H%M%S-%f}.db"
    _copy_private(vault_path, target)
    wal = Path(f"{vault_path}-wal")
    if wal.exists() and wal.stat().st_size:
        _copy_private(wal, Path(f"{target}-wal"))
    if keys_path.exists():
        _copy_private(keys_path, target.with_suffix(".keys"))
    fsync_dir(folder)
    return target
