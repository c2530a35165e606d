"""Plan versions keep their clock items next to the document (0008_perf), read without it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select, text, update

from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.plan import (
    Action,
    ActionStatus,
    Goal,
    GoalProgress,
    PlanVanAanpak,
    ProgressNote,
)
from thuiszitter_desktop.domain.plan_clock import clock_items
from thuiszitter_desktop.storage import migrate, repo_cases, repo_plan
from thuiszitter_desktop.storage.sqlcipher import make_engine
from thuiszitter_desktop.storage.tables_plan import plan_versions
from thuiszitter_desktop.storage.vault import Vault

NOW = datetime(2026, 11, 23, 9, 0)


def zoe_case(vault: Vault) -> Case:
    pupil = Pupil(first_name="Zoë", last_name="Çelik-d'Hondt", birth_date=date(2012, 4, 2),
                  school="De Regenboog")
    case = Case(pupil_id=pupil.id, aanmelding_date=date(2026, 9, 1))
    with vault.transaction() as conn:
        repo_cases.save_pupil(conn, pupil, NOW)
        repo_cases.save_case(conn, case, NOW)
    return case


def plan_for(case: Case, version: int = 1) -> PlanVanAanpak:
    actions = (
        Action(what="Rooster met school maken", due=date(2026, 10, 1)),
        Action(what="Gesprek met jeugdarts", due=date(2026, 10, 8),
               status=ActionStatus.GEDAAN, done_on=date(2026, 10, 6)),
        Action(what="Vervallen afspraak", due=date(2026, 10, 9), status=ActionStatus.VERVALLEN),
        Action(what="Zonder datum"),
    )
    goal = Goal(description="Weer drie ochtenden naar school", actions=actions,
                progress=(ProgressNote(on=date(2026, 10, 28), progress=GoalProgress.LOOPT),))
    return PlanVanAanpak(case_id=case.id, created=date(2026, 9, 20), version=version,
                         evaluation_dates=(date(2026, 11, 1), date(2026, 12, 6)),
                         goals=(goal,))


def test_saved_version_gives_the_same_clock_items_without_its_document(vault: Vault) -> None:
    case = zoe_case(vault)
    first = plan_for(case)
    newest = replace(plan_for(case, version=2),
                     goals=(replace(first.goals[0], actions=first.goals[0].actions[:1]),))
    with vault.transaction() as conn:
        repo_plan.save_version(conn, first, NOW)
        repo_plan.save_version(conn, newest, NOW)
    with vault.read() as conn:
        found = repo_plan.latest_clock_items(conn)
        only = repo_plan.latest_clock_items(conn, [case.id])
    assert found == only == {case.id: clock_items(newest)}
    actions, evaluations = found[case.id]
    assert [a.label for a in actions] == ["Rooster met school maken"]
    assert [(e.due, e.done_on) for e in evaluations] == [
        (date(2026, 11, 1), date(2026, 10, 28)), (date(2026, 12, 6), None)]


def test_every_kind_of_item_survives_the_compact_form(vault: Vault) -> None:
    case = zoe_case(vault)
    plan = plan_for(case)
    items = clock_items(plan)
    assert repo_plan.clock_from_json(repo_plan.clock_to_json(items)) == items
    assert {(a.done_on is not None, a.cancelled) for a in items[0]} == {
        (False, False), (True, False), (False, True)}


def test_a_version_without_stored_items_is_read_from_its_document(vault: Vault) -> None:
    case = zoe_case(vault)
    plan = plan_for(case)
    with vault.transaction() as conn:
        repo_plan.save_version(conn, plan, NOW)
        conn.execute(update(plan_versions).values(clock=None))
    with vault.read() as conn:
        assert repo_plan.latest_clock_items(conn) == {case.id: clock_items(plan)}


def test_filling_missing_items_is_no_edit_of_the_version(vault: Vault) -> None:
    case = zoe_case(vault)
    plan = plan_for(case)
    with vault.transaction() as conn:
        repo_plan.save_version(conn, plan, NOW)
        conn.execute(update(plan_versions).values(clock=None))
        before = conn.execute(select(plan_versions.c.version, plan_versions.c.updated_at)).one()
        assert repo_plan.fill_missing_clocks(conn) == 1
        assert repo_plan.fill_missing_clocks(conn) == 0
        after = conn.execute(select(plan_versions.c.version, plan_versions.c.updated_at)).one()
        stored = conn.execute(select(plan_versions.c.clock)).scalar_one()
    assert after == before
    assert repo_plan.clock_from_json(stored) == clock_items(plan)


def test_upgrading_a_0007_vault_fills_the_items_of_existing_versions(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "oud.db", b"k" * 32)
    plan_vault = Vault(tmp_path / "oud.db", engine, b"k" * 32)
    try:
        migrate.upgrade(engine, target="0007_security")
        case = zoe_case(plan_vault)
        plan = plan_for(case)
        values = repo_plan.version_values(plan)
        del values["clock"]  # the 0007 table has no such column
        with engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO plan_versions (id, case_id, number, created_on, has_smart_goal, "
                "document, created_at, updated_at, version) VALUES (:id, :case_id, :number, "
                ":created_on, :has_smart_goal, :document, :now, :now, 1)"), {**values, "now": NOW})
        assert migrate.upgrade(engine)
        with engine.connect() as conn:
            stored = conn.execute(select(plan_versions.c.clock)).scalar_one()
            assert stored is not None
            assert repo_plan.clock_from_json(stored) == clock_items(plan)
            assert repo_plan.latest_clock_items(conn) == {case.id: clock_items(plan)}
    finally:
        engine.dispose()
