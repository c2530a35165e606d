"""The pieces of a real team for the tests (the fixtures are in conftest.py): the server
process and its database, laptops with real vaults and the real sync client."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, select, text

from thuiszitter_desktop.server import auth
from thuiszitter_desktop.server.embedded import sqlalchemy_url
from thuiszitter_desktop.server.local import LocalServer
from thuiszitter_desktop.server.tables import server_metadata
from thuiszitter_desktop.services import sync, sync_team
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.storage.keyslots import KdfParams
from thuiszitter_desktop.storage.schema import metadata
from thuiszitter_desktop.storage.sync_codec import encode_row
from thuiszitter_desktop.storage.sync_scope import RECORD_COLUMNS, synced_tables
from thuiszitter_desktop.storage.vault import Vault

CHEAP_KDF = KdfParams(time_cost=1, memory_cost_kib=1024, parallelism=1)
# The worker threads (ui/background.py) that talk to the server.
SERVER_WORK = ("synchroniseren", "aansluiten", "team-verlaten", "teamcijfers", "vingerafdruk",
               "team")
NOW = datetime(2026, 11, 23, 10, 0)


@dataclass
class Cluster:
    uri: str  # libpq URI of the maintenance database
    folder: Path

    def database(self, name: str) -> str:
        base, _, query = self.uri.partition("?")
        return f"{base.rsplit('/', 1)[0]}/{name}" + (f"?{query}" if query else "")


def create_database(cluster: Cluster, name: str) -> str:
    admin = create_engine(sqlalchemy_url(cluster.uri), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return cluster.database(name)


def wait_for_server_work(timeout: float = 60.0) -> None:
    for thread in threading.enumerate():
        if thread.name in SERVER_WORK and thread is not threading.current_thread():
            thread.join(timeout)
            assert not thread.is_alive(), f"{thread.name} still running"


class TeamServer(LocalServer):
    """The server process and direct access to its database (as the administrator has)."""

    def __init__(self, folder: Path, uri: str, engine: Engine, cert: Path, key: Path,
                 fingerprint: str) -> None:
        super().__init__(folder, uri, cert, key)
        self.uri = uri
        self.engine = engine
        self.fingerprint = fingerprint

    def wait_killed(self, timeout: float = 20.0) -> int:
        status = super().wait_killed(timeout)
        assert status == -9  # SIGKILL: the fault point was reached
        return status

    def add_user(self, name: str, display: str, role: str = "consulent",
                 schools: tuple[str, ...] = ()) -> str:
        with self.engine.begin() as conn:
            return auth.add_user(conn, name, display, NOW, role, schools)

    def code_for(self, name: str) -> str:
        with self.engine.begin() as conn:
            user_id = auth.user_named(conn, name)
            assert user_id is not None
            return auth.new_enrolment(conn, user_id, datetime.now(UTC).replace(tzinfo=None))

    def reset(self) -> None:
        """Empty every table (the append-only audit too: a test database, not a server's)."""
        names = [t.name for t in [*metadata.sorted_tables, *server_metadata.sorted_tables]
                 if t.name not in ("vault_meta",)]
        with self.engine.begin() as conn:
            conn.execute(text("SET LOCAL session_replication_role = replica"))
            conn.execute(text("TRUNCATE " + ", ".join(f'"{n}"' for n in names) + " CASCADE"))

    def records(self) -> dict[str, dict[str, dict[str, Any]]]:
        with self.engine.connect() as conn:
            return dump_records(conn)


def dump_records(conn: Any) -> dict[str, dict[str, dict[str, Any]]]:
    """Every synced record by table and id, without the bookkeeping columns."""
    found: dict[str, dict[str, dict[str, Any]]] = {}
    for table in synced_tables():
        rows = {}
        for row in conn.execute(select(table)).mappings():
            encoded = encode_row(table, row)
            rows[row["id"]] = {k: v for k, v in encoded.items() if k not in RECORD_COLUMNS}
        found[table.name] = rows
    return found


class Laptop:
    """One consulent's laptop: a real vault and the real sync client."""

    def __init__(self, folder: Path, name: str, clock_offset: timedelta = timedelta()) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.name = name
        self.vault, _ = Vault.create(folder / "kluis.db", "correct paard batterij nietje",
                                     CHEAP_KDF)
        self.clock_offset = clock_offset
        self.ctx = AppContext(vault=self.vault, actor=name,
                              clock=lambda: datetime.now() + self.clock_offset)

    def join(self, server: TeamServer, login: str | None = None, role: str = "consulent",
             schools: tuple[str, ...] = ()) -> None:
        login = login or self.name.split()[0].lower()
        self.user_id = server.add_user(login, self.name, role, schools)
        sync_team.join_team(self.ctx, server.address, server.code_for(login),
                            server.fingerprint, self.name)

    def sync(self) -> sync.SyncReport:
        report = sync.sync_now(self.ctx)
        assert not report.error, report.error
        return report

    def try_sync(self) -> sync.SyncReport:
        return sync.sync_now(self.ctx)

    def records(self) -> dict[str, dict[str, dict[str, Any]]]:
        with self.vault.read() as conn:
            return dump_records(conn)

    def close(self) -> None:
        self.vault.lock()
