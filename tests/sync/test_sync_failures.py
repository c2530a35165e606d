"""Nothing lost: a server killed mid-push, a connection dropped mid-pull, a push sent twice,
a laptop offline for weeks with its clock hours off, a revoked device, a wrong certificate."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sync_helpers import add_contact, edit_case, edit_pupil, register
from team_harness import NOW, Laptop, TeamServer

from thuiszitter_desktop.server import auth
from thuiszitter_desktop.server.tables import srv_audit, srv_devices, srv_rows
from thuiszitter_desktop.services import cases, sync, sync_team
from thuiszitter_desktop.storage import repo_sync
from thuiszitter_desktop.storage.tables_sync import sync_conflicts


@pytest.mark.parametrize("fault", ["push-before-commit", "push-after-commit"])
def test_a_server_killed_mid_push_loses_nothing_and_applies_nothing_twice(
        team: TeamServer, laptops: Callable[..., Laptop], fault: str) -> None:
    anna, bram = laptops("Anna Jansen"), laptops("Bram de Vries")
    case = register(anna.ctx)
    anna.sync()
    bram.sync()
    edit_case(anna.ctx, case.id, notes="Na de kerstvakantie weer naar school.")
    add_contact(anna.ctx, case.id, "Gesprek met mentor")
    team.stop()
    team.start(fault=fault)
    report = anna.try_sync()
    team.wait_killed()
    assert "verbroken" in report.error or "bereikbaar" in report.error
    assert sync.status(anna.ctx).unsent == 2  # kept until the server answered
    team.start()
    anna.sync()
    bram.sync()
    assert cases.load_case(bram.ctx, case.id).case.notes == "Na de kerstvakantie weer naar school."
    assert [c.notes for c in cases.load_case(bram.ctx, case.id).contacts] == ["Gesprek met mentor"]
    with team.engine.connect() as conn:
        versions = dict(conn.execute(select(srv_rows.c.table_name, srv_rows.c.version).where(
            srv_rows.c.row_id == case.id)).all())
        assert versions == {"cases": 2}  # made once, changed once: not applied twice
        assert conn.execute(select(func.count()).select_from(sync_conflicts)).scalar_one() == 0
    assert sync.status(anna.ctx).unsent == 0
    assert anna.records() == bram.records() == team.records()


def test_a_connection_dropped_mid_pull_keeps_the_cursor_and_the_next_pull_completes(
        team: TeamServer, laptops: Callable[..., Laptop]) -> None:
    anna = laptops("Anna Jansen")
    made = [register(anna.ctx, f"Leerling{i}", "Jansen") for i in range(5)]
    anna.sync()
    bram = laptops("Bram de Vries")
    team.stop()
    team.start(fault="pull-before-answer")
    report = bram.try_sync()
    team.wait_killed()
    assert report.error
    with bram.vault.read() as conn:
        assert repo_sync.state(conn)["cursor"] == "0"
    assert bram.records()["cases"] == {}
    team.start()
    bram.sync()
    assert set(bram.records()["cases"]) == {c.id for c in made}
    assert anna.records() == bram.records() == team.records()


def test_the_same_push_sent_twice_is_applied_once(team: TeamServer,
                                                  laptops: Callable[..., Laptop]) -> None:
    anna = laptops("Anna Jansen")
    case = register(anna.ctx)
    anna.sync()
    edit_case(anna.ctx, case.id, notes="Eén keer.")
    with anna.vault.transaction() as conn:
        payload = repo_sync.take_batch(conn, 100)
    assert payload is not None
    client = sync.client_for(anna.ctx)
    assert client is not None
    with client:
        first = client.post("/v1/push", payload)
        second = client.post("/v1/push", payload)
    assert first == second
    anna.sync()  # resends the frozen batch once more, then pulls
    with team.engine.connect() as conn:
        assert conn.execute(select(srv_rows.c.version).where(
            srv_rows.c.row_id == case.id)).scalar_one() == 2
    assert cases.load_case(anna.ctx, case.id).case.notes == "Eén keer."
    assert anna.records() == team.records()


def test_a_laptop_offline_for_weeks_with_its_clock_hours_off_merges_its_work(
        team: TeamServer, laptops: Callable[..., Laptop]) -> None:
    anna = laptops("Anna Jansen", clock_offset=timedelta(hours=7))
    bram = laptops("Bram de Vries", clock_offset=timedelta(hours=-5))
    case = register(bram.ctx)
    bram.sync()
    anna.sync()
    # Anna is offline: many edits over weeks. Bram keeps working and syncing.
    for week in range(6):
        add_contact(anna.ctx, case.id, f"Huisbezoek week {week + 1}")
        edit_pupil(bram.ctx, case.id, school=f"OBS De Regenboog {week}")
        bram.sync()
    edit_case(anna.ctx, case.id, notes="Zes weken huisbezoeken gedaan.")
    assert anna.sync().conflicts == 0
    bram.sync()
    for laptop in (anna, bram):
        detail = cases.load_case(laptop.ctx, case.id)
        assert len(detail.contacts) == 6
        assert detail.pupil.school == "OBS De Regenboog 5"
        assert detail.case.notes == "Zes weken huisbezoeken gedaan."
    assert anna.records() == bram.records() == team.records()


def test_a_revoked_device_keeps_unsent_work_until_given_up_then_loses_the_team_cases(
        team: TeamServer, laptops: Callable[..., Laptop]) -> None:
    anna, bram = laptops("Anna Jansen"), laptops("Bram de Vries")
    own = register(bram.ctx, "Mila", "Bos")  # made after joining: a team case
    shared = register(anna.ctx)
    anna.sync()
    bram.sync()
    with team.engine.begin() as conn:
        device_id = conn.execute(select(srv_devices.c.id).where(
            srv_devices.c.label == "Bram de Vries")).scalar_one()
    with team.engine.begin() as conn:
        auth.revoke_device(conn, device_id, NOW)
    edit_case(bram.ctx, shared.id, notes="Nog niet verstuurd")
    report = bram.try_sync()
    assert report.revoked and report.removed == 0
    status = sync.status(bram.ctx)
    assert status.revoked and status.unsent == 1
    assert cases.load_case(bram.ctx, shared.id).case.notes == "Nog niet verstuurd"
    with pytest.raises(Exception, match="niet verstuurd"):
        sync_team.leave_team(bram.ctx)
    sync_team.leave_team(bram.ctx, give_up_unsent=True)
    assert bram.records()["cases"] == {}
    assert not sync.status(bram.ctx).joined
    anna.sync()
    assert own.id in anna.records()["cases"]  # what Bram sent before stays with the team


def test_a_revoked_device_with_nothing_unsent_removes_the_team_cases_at_its_next_contact(
        team: TeamServer, laptops: Callable[..., Laptop]) -> None:
    anna = laptops("Anna Jansen", join=False)
    private = register(anna.ctx, "Mila", "Bos")  # before joining: stays on this laptop
    anna.join(team)
    bram = laptops("Bram de Vries")
    register(bram.ctx)
    bram.sync()
    anna.sync()
    assert len(anna.records()["cases"]) == 2
    with team.engine.begin() as conn:
        conn.execute(srv_devices.update().where(srv_devices.c.label == "Anna Jansen")
                     .values(revoked_at=srv_devices.c.enrolled_at))
    report = anna.try_sync()
    assert report.revoked and report.removed > 0
    assert set(anna.records()["cases"]) == {private.id}
    assert not sync.status(anna.ctx).joined


def test_a_wrong_certificate_is_refused_before_anything_is_sent(
        team: TeamServer, laptops: Callable[..., Laptop]) -> None:
    anna = laptops("Anna Jansen")
    register(anna.ctx, "Geheim", "Kanarie")
    with anna.vault.transaction() as conn:
        repo_sync.set_state(conn, fingerprint="AA:" * 31 + "AA")
    with team.engine.connect() as conn:
        before = conn.execute(select(func.count()).select_from(srv_audit)).scalar_one()
    report = anna.try_sync()
    assert "certificaat" in report.error
    assert sync.status(anna.ctx).unsent == 2
    with team.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(srv_audit)).scalar_one() == before
        assert conn.execute(select(func.count()).select_from(srv_rows)).scalar_one() == 0
    # Joining with a fingerprint that does not match never uses the code either.
    newcomer = laptops("Cor Bakker", join=False)
    team.add_user("cor", "Cor Bakker")
    code = team.code_for("cor")
    with pytest.raises(Exception, match="certificaat"):
        sync_team.join_team(newcomer.ctx, team.address, code, "BB:" * 31 + "BB")
    sync_team.join_team(newcomer.ctx, team.address, code, team.fingerprint)
    assert sync_team.peek_fingerprint(team.address) == team.fingerprint
