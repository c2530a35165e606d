"""Opening SQLCipher connections: the only module that speaks SQLCipher pragmas.

SQLCipher 4 defaults (AES-256, HMAC-SHA512, 4096-byte pages) are kept, with a raw 256-bit key,
so the sqlcipher command-line tool opens a vault with ``PRAGMA key = "x'<hex>'"``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import QueuePool

from thuiszitter_desktop.domain.valid_text import valid_text
from thuiszitter_desktop.storage.errors import NotEncryptedError, VaultCorruptError

PLAIN_SQLITE_HEADER = b"SQLite format 3\x00"
# What a failed statement raises: the driver's own error (SQLAlchemy does not wrap the errors of
# a driver it was not made for), or SQLAlchemy's.
STATEMENT_ERRORS: tuple[type[Exception], ...] = (OperationalError, sqlcipher.OperationalError)
PAGE_SIZE = 4096  # SQLCipher 4's default, kept for every vault
# Execution option of a connection that will write: its transaction takes the write lock at
# BEGIN, so a read inside it (the audit chain's head) never goes stale before its write.
WRITE_OPTION = "vault_write"


def is_plain_sqlite(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(PLAIN_SQLITE_HEADER)) == PLAIN_SQLITE_HEADER


def connect(path: Path, key: bytes, read_only: bool = False) -> Any:
    """A keyed, verified DB-API connection with the vault's safety pragmas.

    ``read_only`` (a damaged vault) refuses every write with ``PRAGMA query_only``.
    """
    conn = sqlcipher.connect(str(path), check_same_thread=False, isolation_level=None)
    try:
        # Before keying: keep SQLCipher's own log (e.g. 'hmac check failed') off stderr.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        # Keying is lazy: reading proves the key (and the file) right.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("PRAGMA temp_store = MEMORY")
        if read_only:
            conn.execute("PRAGMA query_only = ON")
        else:
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 5000")
        # Deleted content (e.g. names after anonymisation) is overwritten, not left in free pages.
        conn.execute("PRAGMA secure_delete = ON")
    except sqlcipher.DatabaseError:
        conn.close()
        if path.exists() and path.stat().st_size and is_plain_sqlite(path):
            raise NotEncryptedError() from None
        raise VaultCorruptError(
            "De kluis kan niet worden gelezen: het bestand is beschadigd of hoort niet bij dit "
            "sleutelbestand. Er is niets gewijzigd; zet zo nodig een back-up terug."
        ) from None
    return conn


def make_engine(path: Path, key: bytes, read_only: bool = False) -> Engine:
    """A SQLAlchemy engine whose connections are keyed SQLCipher connections."""
    engine = create_engine(
        "sqlite://",
        creator=lambda: connect(path, key, read_only),
        poolclass=QueuePool,
        pool_size=2,
        max_overflow=2,
    )

    # The stdlib-style driver manages transactions itself, badly for DDL; let SQLAlchemy own
    # BEGIN so migrations and saves are truly atomic.
    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    # The one place every text passes on its way into the vault (see domain/valid_text.py).
    @event.listens_for(engine, "before_cursor_execute", retval=True)
    def _valid_parameters(conn: Any, cursor: Any, statement: str, parameters: Any,
                          context: Any, executemany: bool) -> tuple[str, Any]:
        if executemany:
            return statement, [_valid_row(row) for row in parameters]
        return statement, _valid_row(parameters)

    return engine


def _needs_cleaning(value: object) -> bool:
    return isinstance(value, str) and not value.isascii()


def _valid_row(row: Any) -> Any:
    if isinstance(row, dict):
        if any(_needs_cleaning(v) for v in row.values()):
            return {k: valid_text(v) if _needs_cleaning(v) else v for k, v in row.items()}
        return row
    if isinstance(row, tuple | list) and any(_needs_cleaning(v) for v in row):
        return type(row)(valid_text(v) if _needs_cleaning(v) else v for v in row)
    return row


def locked_engine() -> Engine:
    """An engine that refuses to connect: what a locked vault keeps instead of its key."""

    def refuse() -> Any:
        from thuiszitter_desktop.storage.errors import VaultError

        raise VaultError("De kluis is vergrendeld. Ontgrendel de kluis om verder te werken.")

    return create_engine("sqlite://", creator=refuse)


def export_encrypted_copy(source: Any, target: Path, key: bytes) -> None:
    """Write an encrypted, consistent copy of the open database to ``target`` (same key)."""
    source.execute(f"ATTACH DATABASE ? AS backup KEY \"x'{key.hex()}'\"", (str(target),))
    try:
        source.execute("SELECT sqlcipher_export('backup')").fetchone()
    finally:
        source.execute("DETACH DATABASE backup")


def quick_problems(conn: Any) -> list[str]:
    """The check at unlock: ``cipher_integrity_check`` (the HMAC of every page, so a flipped
    byte anywhere is found) and ``quick_check`` (the b-tree structure, without comparing every
    index to its table). About 0.4 s for 5,000 cases, in a background thread (bench/)."""
    try:
        problems = [str(row[0]) for row in conn.execute("PRAGMA cipher_integrity_check")]
        checks = [str(row[0]) for row in conn.execute("PRAGMA quick_check")]
    except sqlcipher.DatabaseError as exc:
        return [str(exc)]
    return problems + [c for c in checks if c != "ok"]


def integrity_problems(conn: Any) -> list[str]:
    """Problems found by ``cipher_integrity_check`` and ``integrity_check`` (empty: healthy)."""
    try:
        problems = [str(row[0]) for row in conn.execute("PRAGMA cipher_integrity_check")]
        checks = [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
    except sqlcipher.DatabaseError as exc:  # damage so bad that the check itself cannot run
        return [str(exc)]
    return problems + [c for c in checks if c != "ok"]
