"""The server's database: an engine on PostgreSQL, both migration chains run at start-up."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, create_engine

from thuiszitter_desktop.storage import migrate

SERVER_MIGRATIONS = Path(__file__).resolve().parent / "migrations"
MIN_POSTGRES = 15


class DatabaseTooOld(RuntimeError):
    pass


def make_engine(url: str) -> Engine:
    return create_engine(url, pool_size=10, max_overflow=10, pool_pre_ping=True)


def upgrade_all(engine: Engine) -> None:
    """The vault's chain (the team's records) and then the server's own tables."""
    from alembic import command
    from alembic.config import Config

    with engine.connect() as conn:
        info = conn.dialect.server_version_info or (0,)
        major = int(info[0])
    if major < MIN_POSTGRES:
        raise DatabaseTooOld(f"PostgreSQL {MIN_POSTGRES} of nieuwer is nodig (gevonden: {major}).")
    migrate.upgrade(engine)
    config = Config()
    config.set_main_option("script_location", str(SERVER_MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "heads")
    from thuiszitter_desktop.server.grants import grant_roles

    with engine.begin() as conn:
        grant_roles(conn)
