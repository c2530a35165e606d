"""Schema migrations with Alembic, run on unlock inside one transaction.

The vault records ``schema_major`` in ``vault_meta``. A vault from a newer major version is
refused; a vault at an unknown revision of the same major (a newer, compatible minor) is opened
without migrating.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, select, text

from thuiszitter_desktop.storage import repo_plan
from thuiszitter_desktop.storage.errors import NewerVaultError
from thuiszitter_desktop.storage.tables import vault_meta

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

SCHEMA_MAJOR = 1
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
# The newest revision in migrations/versions (a test checks it against Alembic's scripts). An
# up-to-date vault then unlocks without Alembic: importing it and reading the scripts took a
# fifth of the start-up, so Alembic is imported only when a vault needs migrating.
HEAD_REVISION = "0017_overview_clock"


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def current_revisions(conn: Connection) -> set[str]:
    """The revisions Alembic recorded in the vault (none for a new or unversioned file)."""
    if not inspect(conn).has_table("alembic_version"):
        return set()
    return set(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())


def vault_major(conn: Connection) -> int | None:
    if not inspect(conn).has_table("vault_meta"):
        return None
    value = conn.execute(
        select(vault_meta.c.value).where(vault_meta.c.key == "schema_major")
    ).scalar_one_or_none()
    return int(value) if value is not None else None


def pending(conn: Connection) -> bool:
    """True when the vault is behind this version's schema (and not from a newer version)."""
    check_not_newer(conn)
    current = current_revisions(conn)
    if current == {HEAD_REVISION}:
        return False
    script = script_directory()
    if current and not current <= {rev.revision for rev in script.walk_revisions()}:
        return False  # newer compatible minor: leave it alone
    return current != set(script.get_heads())


def check_not_newer(conn: Connection) -> None:
    major = vault_major(conn)
    if major is not None and major > SCHEMA_MAJOR:
        raise NewerVaultError(major, SCHEMA_MAJOR)


def upgrade(engine: Engine, before: Callable[[], None] | None = None,
            target: str = "heads", after: Callable[[Connection], None] | None = None) -> bool:
    """Bring the schema up to date in one transaction; ``before`` runs first (the backup),
    ``after`` last, inside the transaction (steps that need the vault's key).

    Returns whether anything was migrated.
    """
    with engine.connect() as conn:
        if not pending(conn):
            return False
    if before is not None:
        before()
    from alembic import command

    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, target)
        fill_derived_data(conn)
        if after is not None:
            after(conn)
    return True


def fill_derived_data(conn: Connection) -> None:
    """Data steps that need the app's own rules, in the migration's transaction.

    Migrations are self-contained history and must not import the app, so data derived by a
    domain rule is added empty by its migration and filled here.
    """
    if inspect(conn).has_table("plan_clocks"):
        repo_plan.fill_missing_clocks(conn)
