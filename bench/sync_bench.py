"""Sync figures on loopback (issue 20): a real server process and embedded PostgreSQL.

- sharing the generated caseload from one laptop (the initial upload, for information);
- the first sync of that team caseload onto a new laptop (target ≤ 10 s at 5,000 cases);
- a sync round with 20 changed cases (target ≤ 0.5 s);
- 20 laptops (processes) syncing at once: p50 and p95 (target p95 ≤ 2 s), and the server's
  memory afterwards.
Runs last for its size: it puts the measured vault in a team.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import psutil
from sqlalchemy import create_engine, select, text

from bench.timing import elapsed
from thuiszitter_desktop.server import auth
from thuiszitter_desktop.server.db import upgrade_all
from thuiszitter_desktop.server.embedded import sqlalchemy_url, start_embedded
from thuiszitter_desktop.server.local import LocalServer
from thuiszitter_desktop.server.tables import srv_rows
from thuiszitter_desktop.server.tls import ensure_self_signed, fingerprint_of
from thuiszitter_desktop.services import cases, sync, sync_team
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.storage import repo_sync
from thuiszitter_desktop.storage.keyslots import KdfParams
from thuiszitter_desktop.storage.sync_outbox import TOKEN_KEY
from thuiszitter_desktop.storage.tables import cases as case_table
from thuiszitter_desktop.storage.vault import Vault
from thuiszitter_desktop.storage.vault_files import key_file_for

LAPTOPS = 20
ROUND_CHANGES = 20
CHEAP = KdfParams(time_cost=1, memory_cost_kib=1024, parallelism=1)
LAPTOP_PASSPHRASE = "bench-laptop-fictief"


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Team:
    """Embedded PostgreSQL and a server process in ``folder``."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.pg = start_embedded(folder / "pgdata")
        admin = create_engine(sqlalchemy_url(self.pg.get_uri()), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.execute(text("DROP DATABASE IF EXISTS bench WITH (FORCE)"))
            conn.execute(text("CREATE DATABASE bench"))
        admin.dispose()
        base, _, query = self.pg.get_uri().partition("?")
        self.uri = f"{base.rsplit('/', 1)[0]}/bench?{query}"
        self.engine = create_engine(sqlalchemy_url(self.uri))
        upgrade_all(self.engine)
        cert, key = ensure_self_signed(folder / "tls")
        self.fingerprint = fingerprint_of(cert)
        self.server = LocalServer(folder / "server", self.uri, cert, key)
        self.server.start()

    def code(self, login: str) -> str:
        with self.engine.begin() as conn:
            user_id = auth.user_named(conn, login) or auth.add_user(conn, login, login, now())
            return auth.new_enrolment(conn, user_id, now())

    def join(self, ctx: AppContext, login: str) -> None:
        sync_team.join_team(ctx, self.server.address, self.code(login), self.fingerprint,
                            login)

    def close(self) -> None:
        self.server.stop()
        self.engine.dispose()
        self.pg._cleanup()


def measure(ctx: AppContext, folder: Path, case_ids: list[str]) -> dict[str, float]:
    team = Team(folder / "team")
    numbers: dict[str, float] = {}
    try:
        team.join(ctx, "deler")
        sync_team.share_cases(ctx, [c.case.id for c in sync_team.private_cases(ctx)])
        numbers["sync_share_s"] = elapsed(lambda: _sync(ctx))
        with team.engine.connect() as conn:
            numbers["sync_rows"] = float(conn.execute(select(srv_rows.c.seq).order_by(
                srv_rows.c.seq.desc()).limit(1)).scalar_one())
        laptop_path = folder / "laptop" / "kluis.db"
        laptop_path.parent.mkdir()
        laptop, _ = Vault.create(laptop_path, LAPTOP_PASSPHRASE, CHEAP)
        new = AppContext(vault=laptop, actor="bench")
        team.join(new, "nieuw")
        numbers["sync_first_s"] = elapsed(lambda: _sync(new))
        numbers["sync_round_s"] = _rounds(new, case_ids)
        laptop.lock()
        numbers.update(_storm(team, laptop_path, folder, case_ids))
        numbers["server_rss_mb"] = psutil.Process(team.server.process.pid).memory_info().rss \
            / 1e6 if team.server.process else 0.0
    finally:
        team.close()
    return numbers


def _sync(ctx: AppContext) -> None:
    report = sync.sync_now(ctx)
    if report.error:
        raise RuntimeError(report.error)


def _rounds(ctx: AppContext, case_ids: list[str], runs: int = 5) -> float:
    """Change 20 cases, then time one sync (push and pull); the median of a few rounds."""
    times = []
    for run in range(runs):
        for case_id in case_ids[run * ROUND_CHANGES:(run + 1) * ROUND_CHANGES]:
            detail = cases.load_case(ctx, case_id)
            cases.save_case(ctx, detail.pupil, replace(detail.case, notes=f"Ronde {run}"))
        times.append(elapsed(lambda: _sync(ctx)))
    return statistics.median(times)


def _storm(team: Team, laptop_path: Path, folder: Path,
           case_ids: list[str]) -> dict[str, float]:
    """20 copies of a synced laptop, each its own device and process, syncing at once."""
    go = folder / "go"
    processes = []
    for number in range(LAPTOPS):
        path = folder / f"laptop{number}" / "kluis.db"
        path.parent.mkdir()
        shutil.copy(laptop_path, path)
        shutil.copy(key_file_for(laptop_path), key_file_for(path))
        copy = Vault.unlock(path, LAPTOP_PASSPHRASE)
        with team.engine.begin() as conn:
            user_id = auth.add_user(conn, f"laptop{number}-{folder.name}", f"Laptop {number}",
                                    now())
            principal, token = auth.enrol(conn, auth.new_enrolment(conn, user_id, now()),
                                          f"laptop {number}", now())
        with copy.transaction() as conn:
            repo_sync.set_state(conn, device_id=principal.device_id, **{TOKEN_KEY: token})
        copy.lock()
        processes.append(subprocess.Popen(
            [sys.executable, "-m", "bench.sync_laptop", str(path), LAPTOP_PASSPHRASE,
             case_ids[-(number + 1)], str(go)], stdout=subprocess.PIPE, text=True))
    for process in processes:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "ready"
    go.touch()
    seconds, waited = [], []
    for process in processes:
        out, _err = process.communicate(timeout=120)
        result = json.loads(out.strip().splitlines()[-1])
        if result["error"]:
            raise RuntimeError(result["error"])
        seconds.append(float(result["seconds"]))
        waited.append(float(result["server_seconds"]))
    return {"sync_p50_s": statistics.median(seconds), "sync_p95_s": p95(seconds),
            "sync_server_p95_s": p95(waited), "load_avg": os.getloadavg()[0]}


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def open_case_ids(ctx: AppContext, count: int) -> list[str]:
    with ctx.vault.read() as conn:
        return list(conn.execute(select(case_table.c.id).order_by(case_table.c.id)
                                 .limit(count)).scalars())
