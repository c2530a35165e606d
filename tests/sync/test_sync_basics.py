"""Three laptops share a caseload: what one saves reaches the others and the server."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select
from sync_helpers import add_contact, edit_case, register
from team_harness import Laptop, TeamServer

from thuiszitter_desktop.server.tables import srv_audit, srv_devices
from thuiszitter_desktop.services import cases, sync, sync_team
from thuiszitter_desktop.storage import sync_apply


def test_a_case_made_on_one_laptop_reaches_the_server_and_the_others(
        team: TeamServer, laptops: Callable[..., Laptop]) -> None:
    anna, bram, cor = laptops("Anna Jansen"), laptops("Bram de Vries"), laptops("Cor Bakker")
    case = register(anna.ctx)
    add_contact(anna.ctx, case.id, notes="Huisbezoek met moeder 🙂")
    assert sync.status(anna.ctx).unsent == 3  # pupil, case, contact
    anna.sync()
    assert sync.status(anna.ctx).unsent == 0
    bram.sync()
    cor.sync()
    detail = cases.load_case(cor.ctx, case.id)
    assert detail.pupil.full_name == "Zoë Çelik-d'Hondt"
    assert [c.notes for c in detail.contacts] == ["Huisbezoek met moeder 🙂"]
    assert anna.records() == bram.records() == cor.records() == team.records()


def test_edits_of_different_fields_merge_by_themselves(
        team: TeamServer, laptops: Callable[..., Laptop]) -> None:
    anna, bram, cor = laptops("Anna Jansen"), laptops("Bram de Vries"), laptops("Cor Bakker")
    case = register(anna.ctx)
    anna.sync()
    bram.sync()
    edit_case(anna.ctx, case.id, notes="Moeder belt vrijdag terug.")
    edit_case(bram.ctx, case.id, education_percentage=20)
    anna.sync()
    report = bram.sync()
    assert report.conflicts == 0
    anna.sync()
    cor.sync()
    for laptop in (anna, bram, cor):
        merged = cases.load_case(laptop.ctx, case.id).case
        assert (merged.notes, merged.education_percentage) == ("Moeder belt vrijdag terug.", 20)
    assert anna.records() == bram.records() == cor.records() == team.records()


def test_a_record_that_arrives_before_its_parent_waits_for_it(
        team: TeamServer, laptops: Callable[..., Laptop],
        monkeypatch: pytest.MonkeyPatch) -> None:
    anna = laptops("Anna Jansen")
    case = register(anna.ctx)
    anna.sync()
    add_contact(anna.ctx, case.id, "Eerst het contact")
    anna.sync()
    edit_case(anna.ctx, case.id, notes="Daarna de casus")  # the case now comes after it
    anna.sync()
    bram = laptops("Bram de Vries")
    monkeypatch.setattr(sync, "PULL_PAGE", 1)  # one record per page: the contact comes first
    bram.sync()
    detail = cases.load_case(bram.ctx, case.id)
    assert [c.notes for c in detail.contacts] == ["Eerst het contact"]
    assert detail.case.notes == "Daarna de casus"
    with bram.vault.read() as conn:
        assert sync_apply.parked_count(conn) == 0
    assert anna.records() == bram.records() == team.records()


def test_a_case_handed_over_shows_its_new_casusverantwoordelijke_everywhere(
        team: TeamServer, laptops: Callable[..., Laptop]) -> None:
    anna, bram = laptops("Anna Jansen"), laptops("Bram de Vries")
    case = register(anna.ctx)
    anna.sync()
    assert sync_team.team_members(anna.ctx) == ["Anna Jansen", "Bram de Vries"]
    sync_team.hand_over(anna.ctx, case.id, "Bram de Vries")
    anna.sync()
    bram.sync()
    assert cases.load_case(bram.ctx, case.id).case.casusverantwoordelijke == "Bram de Vries"
    with team.engine.connect() as conn:
        actions = [(a.action, a.case_ids) for a in conn.execute(
            select(srv_audit.c.action, srv_audit.c.case_ids).order_by(srv_audit.c.id))]
    assert ("team", "") in actions and ("push", case.id) in actions


def test_leaving_sends_what_is_unsent_first_and_keeps_the_private_cases(
        team: TeamServer, laptops: Callable[..., Laptop]) -> None:
    anna = laptops("Anna Jansen", join=False)
    private = register(anna.ctx, "Mila", "Bos")
    anna.join(team)
    shared = register(anna.ctx)  # a team case, not sent yet
    sync_team.leave_team(anna.ctx)
    assert shared.id in team.records()["cases"]  # sent before leaving
    assert set(anna.records()["cases"]) == {private.id}
    assert not sync.status(anna.ctx).joined
    with team.engine.connect() as conn:
        assert conn.execute(select(srv_devices.c.revoked_at)).scalar_one() is not None
