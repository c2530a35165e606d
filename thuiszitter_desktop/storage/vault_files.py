"""Where a vault's files live: the database and, beside it, its key file."""

from __future__ import annotations

from pathlib import Path

VAULT_NAME = "kluis"


def key_file_for(db_path: Path) -> Path:
    return db_path.with_suffix(".keys")


def default_vault_path(data_dir: Path) -> Path:
    return data_dir / f"{VAULT_NAME}.db"


def attempts_file_for(db_path: Path) -> Path:
    """Failed unlock attempts (a count and a time, nothing personal), kept across restarts."""
    return db_path.with_suffix(".attempts")
