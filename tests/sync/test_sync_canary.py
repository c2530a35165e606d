"""Vaults stay encrypted in a team: a canary typed on one laptop is in plain text on no other
laptop's disk and in no server log (the server's database itself holds it, as it must)."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from plaintext_scan import files_holding, files_under
from sync_helpers import add_contact, edit_case, register
from team_harness import Cluster, Laptop, TeamServer

from thuiszitter_desktop.services import cases

CANARY_FIRST = "Kwartelkoning"
CANARY_NOTE = "Roerdompbos-Ëendekroos"


def test_a_canary_reaches_the_other_laptops_only_encrypted_and_no_server_log(
        team: TeamServer, pg_cluster: Cluster, laptops: Callable[..., Laptop]) -> None:
    anna, bram, cor = laptops("Anna Jansen"), laptops("Bram de Vries"), laptops("Cor Bakker")
    case = register(anna.ctx, CANARY_FIRST, "Zilverreiger")
    edit_case(anna.ctx, case.id, notes=f"Gesprek over {CANARY_NOTE}.")
    add_contact(anna.ctx, case.id, f"{CANARY_NOTE} belde terug")
    anna.sync()
    bram.sync()
    cor.sync()
    for laptop in (bram, cor):
        assert cases.load_case(laptop.ctx, case.id).pupil.first_name == CANARY_FIRST
    pg_log = pg_cluster.folder / "pgdata" / "log"
    logs = [*files_under(team.folder / "logs"), team.folder / "stdout.log", pg_log]
    assert any(path.is_file() and path.stat().st_size for path in logs)
    for moment in ("open", "vergrendeld"):
        if moment == "vergrendeld":
            bram.close()
            cor.close()
        disks = files_under(bram.folder, cor.folder, Path(tempfile.gettempdir()))
        assert any(p.name == "kluis.db" for p in disks)
        for canary in (CANARY_FIRST, CANARY_NOTE):
            assert files_holding(canary, disks) == [], moment
            assert files_holding(canary, [p for p in logs if p.is_file()]) == []
    # The check itself can fail: the server's own database does hold the canary.
    with team.engine.begin() as conn:
        conn.exec_driver_sql("CHECKPOINT")
    assert files_holding(CANARY_NOTE, files_under(pg_cluster.folder / "pgdata" / "base"))
