"""The administrator's command line and the server's own certificate."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from team_harness import TeamServer

from thuiszitter_desktop.server import auth
from thuiszitter_desktop.server.cli import main
from thuiszitter_desktop.server.local import free_port
from thuiszitter_desktop.server.tables import srv_devices, srv_enrolments, srv_users
from thuiszitter_desktop.services import sync_team
from thuiszitter_desktop.transport.pinning import normalise


def run(team: TeamServer, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["--data", str(team.folder), "--database-url", team.uri, *args])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_users_codes_devices_status_and_backup_from_the_command_line(
        team: TeamServer, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(team, capsys, "add-user", "anouk", "--naam", "Anouk Vermeer")[0] == 0
    assert run(team, capsys, "add-user", "anouk")[0] == 1  # already there
    code, out = run(team, capsys, "enrol", "anouk")
    assert code == 0
    enrolment = re.search(r"([A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4})", out)
    assert enrolment is not None
    with team.engine.connect() as conn:
        [stored] = conn.execute(select(srv_enrolments.c.code_hash)).scalars()
    assert enrolment.group(1).replace("-", "") not in stored  # only its hash is kept

    with team.engine.begin() as conn:
        principal, token = auth.enrol(conn, enrolment.group(1), "Laptop Anouk",
                                      datetime.now(UTC).replace(tzinfo=None))
        with pytest.raises(auth.AuthError):  # one use only
            auth.enrol(conn, enrolment.group(1), "Tweede laptop",
                       datetime.now(UTC).replace(tzinfo=None))
    with team.engine.connect() as conn:
        hashes = list(conn.execute(select(srv_devices.c.token_hash)).scalars())
        assert hashes == [auth.digest(token)] and token not in hashes
        assert conn.execute(select(srv_users.c.display_name)).scalar_one() == "Anouk Vermeer"
    code, out = run(team, capsys, "list-users")
    assert "Anouk Vermeer" in out and principal.device_id in out and "actief" in out
    assert run(team, capsys, "revoke-device", principal.device_id)[0] == 0
    assert "ingetrokken" in run(team, capsys, "list-users")[1]
    code, out = run(team, capsys, "status")
    assert code == 0 and "Gebruikers: 1, actieve apparaten: 0" in out
    target = tmp_path / "team.dump"
    code, out = run(team, capsys, "backup", "--naar", str(target))
    assert code == 0 and target.stat().st_size > 1000
    assert target.read_bytes().startswith(b"PGDMP")


def test_the_server_makes_its_own_certificate_and_prints_the_fingerprint(
        team: TeamServer, tmp_path: Path) -> None:
    port = free_port()
    log = tmp_path / "out.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "thuiszitter_desktop.server.cli", "--data",
             str(tmp_path / "server"), "--database-url", team.uri, "serve", "--host",
             "127.0.0.1", "--port", str(port)], stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        printed = None
        while time.monotonic() < deadline and printed is None:
            printed = re.search(r"((?:[0-9A-F]{2}:){31}[0-9A-F]{2})", log.read_text())
            time.sleep(0.05)
        assert printed is not None
        found = None
        while time.monotonic() < deadline and found is None:
            try:
                found = sync_team.peek_fingerprint(f"127.0.0.1:{port}")
            except Exception:
                time.sleep(0.05)
        assert found == normalise(printed.group(1))
        assert (tmp_path / "server" / "tls" / "key.pem").stat().st_mode & 0o077 == 0
    finally:
        process.terminate()
        process.wait(10)
