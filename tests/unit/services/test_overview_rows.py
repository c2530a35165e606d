"""The caseload overview read from stored clocks shows exactly what the full computation shows,
and a stored clock never outlives a change of what it was made from."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select, text

from thuiszitter_desktop.domain.model import ContactMoment
from thuiszitter_desktop.domain.overview_clock import RULES, OverviewClock, overview_clock
from thuiszitter_desktop.domain.vocab import ClosingReason, ContactKind
from thuiszitter_desktop.services import caseload, cases, overview_rows
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.services.reminders import read_snapshot
from thuiszitter_desktop.storage import repo_overview
from thuiszitter_desktop.storage.repo_cases import CaseWithPupil
from thuiszitter_desktop.storage.tables_overview import (
    CLOCK_SOURCES,
    case_overview,
    trigger_names,
)


def on_day(ctx: AppContext, day: date) -> AppContext:
    return dataclasses.replace(ctx, clock=lambda: datetime.combine(day, datetime.min.time()))


def full_rows(ctx: AppContext, include_closed: bool) -> dict[str, caseload.CaseloadRow]:
    """The overview rows computed from every case's full clock facts (the snapshot path for
    open cases, ``rows_for`` for closed ones)."""
    rows = {r.case_id: r for r in caseload.load_rows(ctx, snapshot=read_snapshot(ctx))}
    if include_closed:
        with ctx.vault.read() as conn:
            ids = list(conn.execute(text("SELECT id FROM cases WHERE closed_on IS NOT NULL"))
                       .scalars())
        rows.update({r.case_id: r for r in caseload.rows_for(ctx, ids)})
    return rows


def stored(ctx: AppContext) -> set[str]:
    with ctx.vault.read() as conn:
        return set(conn.execute(select(case_overview.c.case_id)).scalars())


def epoch(ctx: AppContext) -> repo_overview.Epoch:
    with ctx.vault.read() as conn:
        return repo_overview.epoch(conn)


@pytest.mark.parametrize("include_closed", [False, True])
def test_rows_from_stored_clocks_equal_the_full_computation_on_any_day(
        ctx: AppContext, demo_caseload: list[CaseWithPupil], include_closed: bool) -> None:
    computed = caseload.load_rows(ctx, include_closed=include_closed)  # stores the clocks
    assert stored(ctx) == {r.case_id for r in computed}
    for offset in (0, 1, 6, 13, 40, 95, 400):
        day = ctx.today() + timedelta(days=offset)
        later = on_day(ctx, day)
        from_store = caseload.load_rows(later, include_closed=include_closed)
        expected = full_rows(later, include_closed)
        assert {r.case_id: r for r in from_store} == expected, day
    assert {r.case_id for r in computed} == set(full_rows(ctx, include_closed))


def test_first_load_stores_a_clock_for_every_case_and_marks_the_rules(
        ctx: AppContext, demo_caseload: list[CaseWithPupil]) -> None:
    assert stored(ctx) == set() and epoch(ctx).rules == ""
    open_ids = {r.case_id for r in caseload.load_rows(ctx)}
    assert stored(ctx) == open_ids
    assert epoch(ctx).rules == RULES
    everyone = {r.case_id for r in caseload.load_rows(ctx, include_closed=True)}
    assert stored(ctx) == everyone == {item.case.id for item in demo_caseload}


def test_every_source_table_has_its_triggers_after_migration(ctx: AppContext) -> None:
    with ctx.vault.read() as conn:
        names = set(conn.execute(
            text("SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars())
    assert set(trigger_names()) <= names
    assert len(trigger_names()) == 3 * len(CLOCK_SOURCES)


@pytest.mark.parametrize("table", sorted(CLOCK_SOURCES))
def test_an_update_or_delete_in_a_source_table_drops_that_case_s_clock(
        ctx: AppContext, demo_caseload: list[CaseWithPupil], table: str) -> None:
    # A reopened case has an episode (the demo has none of its own).
    cases.reopen_case(ctx, next(i.case.id for i in demo_caseload if not i.case.is_open))
    caseload.load_rows(ctx, include_closed=True)
    key = CLOCK_SOURCES[table]
    with ctx.vault.read() as conn:
        case_id = conn.execute(text(f"SELECT {key} FROM {table} LIMIT 1")).scalar_one()
    before = epoch(ctx).changes
    with ctx.vault.transaction() as conn:
        conn.execute(text(f"UPDATE {table} SET {key} = {key} WHERE {key} = :id"), {"id": case_id})
    assert case_id not in stored(ctx)
    assert epoch(ctx).changes > before
    if table == "cases":
        return  # deleting a case is the test below
    caseload.load_rows(ctx, include_closed=True)
    assert case_id in stored(ctx)
    with ctx.vault.transaction() as conn:
        conn.execute(text(f"DELETE FROM {table} WHERE {key} = :id"), {"id": case_id})
    assert case_id not in stored(ctx)


def test_a_new_row_in_a_source_table_drops_only_that_case_s_clock(
        ctx: AppContext, demo_caseload: list[CaseWithPupil]) -> None:
    open_ids = {r.case_id for r in caseload.load_rows(ctx)}
    case_id = sorted(open_ids)[0]
    cases.save_contact(ctx, ContactMoment(case_id=case_id, on=ctx.today(),
                                          kind=ContactKind.HUISBEZOEK))
    assert stored(ctx) == open_ids - {case_id}
    assert {r.case_id: r for r in caseload.load_rows(ctx)} == full_rows(ctx, False)


def test_a_new_contact_a_reopening_and_a_closing_each_show_at_once(
        ctx: AppContext, demo_caseload: list[CaseWithPupil]) -> None:
    rows = {r.case_id: r for r in caseload.load_rows(ctx)}
    case_id = next(i for i, r in rows.items() if r.deadline is not None)
    cases.close_case(ctx, case_id, ClosingReason.TERUG_OP_SCHOOL)
    assert case_id not in {r.case_id for r in caseload.load_rows(ctx)}
    closed = {r.case_id: r for r in caseload.load_rows(ctx, include_closed=True)}
    assert closed[case_id].deadline is None and not closed[case_id].is_open
    cases.reopen_case(ctx, case_id)  # a new episode: new clocks
    again = {r.case_id: r for r in caseload.load_rows(ctx)}
    assert again[case_id] == full_rows(ctx, False)[case_id]
    assert again[case_id].deadline != rows[case_id].deadline


def test_clocks_computed_before_a_change_are_not_stored_after_it(
        ctx: AppContext, demo_caseload: list[CaseWithPupil]) -> None:
    with ctx.vault.read() as conn:
        seen = repo_overview.epoch(conn)
    open_ids = [item.case.id for item in demo_caseload if item.case.is_open][:3]
    clocks = {case_id: _clock_of(ctx, case_id) for case_id in open_ids}
    with ctx.vault.transaction() as conn:  # another change, between read and keep
        conn.execute(text("UPDATE cases SET notes = notes WHERE id = :id"),
                     {"id": open_ids[0]})
    with ctx.vault.transaction() as conn:
        assert repo_overview.keep(conn, seen, RULES, clocks) is False
    assert stored(ctx) == set()
    with ctx.vault.read() as conn:
        now = repo_overview.epoch(conn)
    with ctx.vault.transaction() as conn:
        assert repo_overview.keep(conn, now, RULES, clocks) is True
    assert stored(ctx) == set(clocks)


def _clock_of(ctx: AppContext, case_id: str) -> OverviewClock:
    return overview_clock(read_snapshot(ctx).facts[case_id])


def test_clocks_made_under_other_rules_are_made_again(
        ctx: AppContext, demo_caseload: list[CaseWithPupil]) -> None:
    expected = caseload.load_rows(ctx)
    with ctx.vault.transaction() as conn:  # as if an older version had stored wrong values
        conn.execute(text("UPDATE case_overview SET home_start = '2000-01-01', "
                          "next_due = NULL"))
        conn.execute(text("UPDATE overview_epoch SET rules = 'ouder'"))
    assert caseload.load_rows(ctx) == expected
    assert epoch(ctx).rules == RULES
    with ctx.vault.read() as conn:
        wrong = conn.execute(select(func.count()).select_from(case_overview)
                             .where(case_overview.c.home_start == date(2000, 1, 1))).scalar()
    assert wrong == 0


def test_a_read_only_vault_shows_the_overview_without_storing(
        ctx: AppContext, demo_caseload: list[CaseWithPupil]) -> None:
    expected = full_rows(ctx, False)
    ctx.vault.reopen_read_only()
    try:
        assert {r.case_id: r for r in caseload.load_rows(ctx)} == expected
        assert stored(ctx) == set()
    finally:
        ctx.vault.continue_writable()


def test_missing_clocks_of_open_cases_are_made_without_building_rows(
        ctx: AppContext, demo_caseload: list[CaseWithPupil]) -> None:
    open_ids = {item.case.id for item in demo_caseload if item.case.is_open}
    assert overview_rows.store_missing(ctx) == len(open_ids)
    assert stored(ctx) == open_ids
    assert overview_rows.store_missing(ctx) == 0  # nothing left to make
    assert {r.case_id: r for r in caseload.load_rows(ctx)} == full_rows(ctx, False)
    ctx.vault.reopen_read_only()
    try:
        with ctx.vault.read() as conn:
            assert repo_overview.missing_open(conn, RULES) == []
        assert overview_rows.store_missing(ctx) == 0
    finally:
        ctx.vault.continue_writable()
