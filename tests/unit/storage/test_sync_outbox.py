"""The outbox is written at the central write path, in the same transaction as the change."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from sqlalchemy import select

from thuiszitter_desktop.domain.model import Case, ContactMoment, Pupil
from thuiszitter_desktop.domain.vocab import ContactKind
from thuiszitter_desktop.services import cases
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.storage import repo_cases, repo_sync
from thuiszitter_desktop.storage.sync_outbox import TOKEN_KEY
from thuiszitter_desktop.storage.tables_sync import sync_outbox


def outbox(ctx: AppContext) -> list[tuple[str, str, int, dict[str, object] | None]]:
    with ctx.vault.read() as conn:
        rows = conn.execute(select(sync_outbox).order_by(sync_outbox.c.seq)).all()
    return [(r.table_name, r.op, r.base_version, json.loads(r.base) if r.base else None)
            for r in rows]


def join(ctx: AppContext) -> None:
    with ctx.vault.transaction() as conn:
        repo_sync.set_state(conn, **{TOKEN_KEY: "t", "server": "x", "fingerprint": "AA"})


def phone_call(case_id: str, notes: str = "") -> ContactMoment:
    return ContactMoment(case_id=case_id, on=date(2026, 11, 12), kind=ContactKind.TELEFOON,
                         notes=notes)


def register(ctx: AppContext) -> Case:
    pupil = Pupil(first_name="Zoë", last_name="Çelik", birth_date=date(2013, 4, 2))
    return cases.register_case(ctx, pupil, Case(pupil_id=pupil.id,
                                                 aanmelding_date=date(2026, 11, 10)))


def test_nothing_is_recorded_outside_a_team(ctx: AppContext) -> None:
    register(ctx)
    assert outbox(ctx) == []


def test_every_change_of_a_team_case_is_recorded_once_with_its_first_base(
        ctx: AppContext) -> None:
    join(ctx)
    case = register(ctx)
    assert [(t, op, v) for t, op, v, _ in outbox(ctx)] == [
        ("pupils", "upsert", 0), ("cases", "upsert", 0)]
    detail = cases.load_case(ctx, case.id)
    cases.save_case(ctx, detail.pupil, detail.case)  # nothing changed: nothing recorded
    assert len(outbox(ctx)) == 2


def test_a_deletion_leaves_a_tombstone_with_the_last_values(ctx: AppContext) -> None:
    case = register(ctx)
    contact = phone_call(case.id, "Huisbezoek")
    cases.save_contact(ctx, contact)
    join(ctx)
    cases.delete_contact(ctx, contact)
    [(table, op, version, base)] = [e for e in outbox(ctx) if e[0] == "contact_moments"]
    assert (table, op, version) == ("contact_moments", "delete", 1)
    assert base is not None and base["notes"] == "Huisbezoek"


def test_a_record_made_and_deleted_before_sending_leaves_nothing(ctx: AppContext) -> None:
    join(ctx)
    case = register(ctx)
    contact = phone_call(case.id)
    cases.save_contact(ctx, contact)
    cases.delete_contact(ctx, contact)
    # The case itself was saved again (its first-contact date), the contact left nothing.
    assert {t for t, *_ in outbox(ctx)} == {"pupils", "cases"}


def test_private_cases_stay_out_until_shared(ctx: AppContext) -> None:
    case = register(ctx)
    join(ctx)
    with ctx.vault.transaction() as conn:
        repo_sync.make_all_private(conn)
    cases.save_contact(ctx, phone_call(case.id))
    assert outbox(ctx) == []
    with ctx.vault.transaction() as conn:
        repo_sync.share_case(conn, case.id)
    assert {t for t, *_ in outbox(ctx)} == {"pupils", "cases", "contact_moments"}


def test_the_outbox_rolls_back_with_the_change(ctx: AppContext) -> None:
    join(ctx)
    case = register(ctx)
    before = outbox(ctx)
    with pytest.raises(RuntimeError), ctx.vault.transaction() as conn:
        repo_cases.save_contact(conn, phone_call(case.id), datetime(2026, 11, 23))
        raise RuntimeError("afgebroken")
    assert outbox(ctx) == before
