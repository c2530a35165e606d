"""The files of backups: names, the info beside each backup, listing, rotation, leftovers.

A backup is three files with one stem: ``kluis-<time>-<reason>.db`` (the encrypted copy),
``.keys`` (its key file) and ``.info`` (JSON without personal data: when, why, size and how
many pupils and rows it holds, so the list can show them before anything is unlocked). They
are written under hidden temporary names (``.<stem>.db.deel``) and renamed only after the copy
was verified, the ``.db`` last: a backup exists exactly when its ``.db`` does.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from thuiszitter_desktop.storage.files import atomic_write
from thuiszitter_desktop.storage.vault_files import key_file_for

KEEP = 7
PREFIX = "kluis-"
PREVIOUS_PREFIX = "vorige-kluis-"
PART = ".deel"
INFO_FORMAT = 1
# Temporary files the app itself writes beside the vault (restore staging, key file rewrite).
_VAULT_DIR_TEMPS = (".terugzetten", ".new")


@dataclass(frozen=True)
class BackupInfo:
    """What a backup holds, written beside it when it was verified."""

    made: str  # ISO time
    reason: str
    vault_id: str
    size: int
    pupils: int
    cases: int
    rows: int
    format: int = INFO_FORMAT


@dataclass(frozen=True)
class Listed:
    """A backup found on disk, with its info when it has one (backups of earlier versions and
    the kept-aside ``vorige-kluis`` copies have none)."""

    db: Path
    made: datetime | None
    size: int
    info: BackupInfo | None

    @property
    def pupils(self) -> int | None:
        return self.info.pupils if self.info else None

    @property
    def keys(self) -> Path:
        return key_file_for(self.db)


def backups_dir(vault_path: Path) -> Path:
    return vault_path.parent / "backups"


def stem_for(made: datetime, reason: str) -> str:
    return f"{PREFIX}{made:%Y%m%d-%H%M%S-%f}-{reason}"


def info_file(db: Path) -> Path:
    return db.with_suffix(".info")


def part_of(final: Path) -> Path:
    """The hidden temporary name a backup file is written under."""
    return final.with_name(f".{final.name}{PART}")


def write_info(path: Path, info: BackupInfo) -> None:
    atomic_write(path, json.dumps(asdict(info), indent=2).encode("utf-8"))


def read_info(db: Path) -> BackupInfo | None:
    try:
        body = json.loads(info_file(db).read_text(encoding="utf-8"))
        info = BackupInfo(**body)
    except (OSError, ValueError, TypeError):
        return None
    return info if info.format == INFO_FORMAT else None


def backup_time(db: Path) -> datetime | None:
    """When a backup was made, from its name (``kluis-YYYYmmdd-HHMMSS-ffffff-…``)."""
    for prefix in (PREFIX, PREVIOUS_PREFIX):
        if db.name.startswith(prefix):
            try:
                return datetime.strptime(db.name[len(prefix):len(prefix) + 22],
                                         "%Y%m%d-%H%M%S-%f")
            except ValueError:
                return None
    return None


def list_backups(folder: Path) -> list[Path]:
    """Backup databases in ``folder``, newest first."""
    return sorted(folder.glob(f"{PREFIX}*.db"), reverse=True)


def latest_backup(folder: Path) -> Path | None:
    found = list_backups(folder)
    return found[0] if found else None


def listed(folder: Path, with_previous: bool = True) -> list[Listed]:
    """Every backup in ``folder`` with what is known about it, newest first."""
    paths = list_backups(folder)
    if with_previous:
        paths += folder.glob(f"{PREVIOUS_PREFIX}*.db")
    found = []
    for db in paths:
        try:
            size = db.stat().st_size
        except OSError:
            continue
        found.append(Listed(db, backup_time(db), size, read_info(db)))
    return sorted(found, key=lambda b: b.made or datetime.min, reverse=True)


def newest_with_data(folder: Path) -> Listed | None:
    """The newest backup known to hold at least one pupil (what to offer after a refusal)."""
    return next((b for b in listed(folder, with_previous=False) if b.pupils), None)


def remove_backup(db: Path) -> None:
    for path in (db, key_file_for(db), info_file(db)):
        path.unlink(missing_ok=True)


def rotate(folder: Path, keep: int = KEEP) -> Listed | None:
    """Keep the newest ``keep`` backups, and never let the newest backup holding the most
    pupils go for ones that hold fewer: it stays (one extra) until the user removes it in the
    backup list. Returns that protected backup, if one was kept beyond ``keep``."""
    found = listed(folder, with_previous=False)
    kept, older = found[:keep], found[keep:]
    most_kept = max((b.pupils or 0 for b in kept), default=0)
    protected = max(older, key=lambda b: (b.pupils or 0, b.made or datetime.min), default=None)
    if protected is not None and (protected.pupils or 0) <= most_kept:
        protected = None
    for backup in older:
        if backup is not protected:
            remove_backup(backup.db)
    return protected


def clean_leftovers(vault_path: Path, folder: Path | None = None) -> list[Path]:
    """Remove what an interrupted backup, restore or key-file write left behind.

    In the backup folder: hidden ``.deel`` files (and their SQLite journals), journals of
    backups, and key/info files whose backup database does not exist. Beside the vault: the
    app's own temporary files. The vault, its key file and its WAL are never touched."""
    removed: list[Path] = []
    target = folder or backups_dir(vault_path)
    if target.is_dir():
        for path in target.iterdir():
            name = path.name
            stray_part = name.startswith(".") and PART in name
            journal = name.startswith((PREFIX, PREVIOUS_PREFIX)) and name.endswith("-journal")
            orphan = (name.startswith(PREFIX) and path.suffix in (".keys", ".info")
                      and not path.with_suffix(".db").exists())
            if (stray_part or journal or orphan) and path.is_file():
                path.unlink(missing_ok=True)
                removed.append(path)
    if folder is None and vault_path.parent.is_dir():
        for base in (vault_path, key_file_for(vault_path)):
            for suffix in _VAULT_DIR_TEMPS:
                temp = base.with_name(f".{base.name}{suffix}")
                if temp.is_file():
                    temp.unlink(missing_ok=True)
                    removed.append(temp)
    return removed
