"""The newest plan version's clock items live in a small table (0008_perf), read fast."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Engine, MetaData, Table, delete, func, select, text

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
from thuiszitter_desktop.storage.tables_plan import plan_clocks, plan_versions
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


def test_a_plan_without_stored_items_is_read_from_its_newest_document(vault: Vault) -> None:
    case = zoe_case(vault)
    plan = plan_for(case)
    newest = replace(plan_for(case, version=2), goals=())
    with vault.transaction() as conn:
        repo_plan.save_version(conn, plan, NOW)
        repo_plan.save_version(conn, newest, NOW)
        conn.execute(delete(plan_clocks))
    with vault.read() as conn:
        found = repo_plan.latest_clock_items(conn)
    assert found == {case.id: clock_items(newest)}
    assert found[case.id][0] == () and len(found[case.id][1]) == 2


def test_stored_items_of_an_older_version_are_never_used(vault: Vault) -> None:
    case = zoe_case(vault)
    plan = plan_for(case)
    newest = replace(plan_for(case, version=2), goals=())
    with vault.transaction() as conn:
        repo_plan.save_version(conn, plan, NOW)
        stale = conn.execute(select(plan_clocks)).mappings().one()
        repo_plan.save_version(conn, newest, NOW)
        # As if the newest version had been written without its items.
        conn.execute(delete(plan_clocks))
        conn.execute(plan_clocks.insert().values(**stale))
    with vault.read() as conn:
        assert repo_plan.latest_clock_items(conn, [case.id]) == {case.id: clock_items(newest)}


def test_items_follow_the_newest_version_only(vault: Vault) -> None:
    case = zoe_case(vault)
    first = plan_for(case)
    second = replace(plan_for(case, version=2), evaluation_dates=(date(2027, 1, 10),))
    with vault.transaction() as conn:
        repo_plan.save_version(conn, first, NOW)
        repo_plan.save_version(conn, second, NOW)
        repo_plan.save_version(conn, replace(first, evaluation_dates=()), NOW)  # older, again
        assert conn.execute(select(func.count()).select_from(plan_clocks)).scalar_one() == 1
    with vault.read() as conn:
        assert repo_plan.latest_clock_items(conn) == {case.id: clock_items(second)}


def test_filling_missing_items_leaves_the_versions_alone(vault: Vault) -> None:
    case = zoe_case(vault)
    plan = plan_for(case)
    with vault.transaction() as conn:
        repo_plan.save_version(conn, plan, NOW)
        conn.execute(delete(plan_clocks))
        before = conn.execute(select(plan_versions)).all()
        assert repo_plan.fill_missing_clocks(conn) == 1
        assert repo_plan.fill_missing_clocks(conn) == 0
        after = conn.execute(select(plan_versions)).all()
        stored = conn.execute(select(plan_clocks.c.clock)).scalar_one()
    assert after == before
    assert repo_plan.clock_from_json(stored) == clock_items(plan)


def test_saving_the_newest_version_again_replaces_its_items(vault: Vault) -> None:
    case = zoe_case(vault)
    plan = plan_for(case)
    changed = replace(plan, evaluation_dates=())
    with vault.transaction() as conn:
        repo_plan.save_version(conn, plan, NOW)
        repo_plan.save_version(conn, changed, NOW)
        assert conn.execute(select(func.count()).select_from(plan_clocks)).scalar_one() == 1
    with vault.read() as conn:
        assert repo_plan.latest_clock_items(conn)[case.id] == clock_items(changed)


def zoe_case_in_old_schema(engine: Engine) -> Case:
    """Zoë's case written into a vault of an older schema: only the columns it has."""
    pupil = Pupil(first_name="Zoë", last_name="Çelik-d'Hondt", birth_date=date(2012, 4, 2),
                  school="De Regenboog")
    case = Case(pupil_id=pupil.id, aanmelding_date=date(2026, 9, 1))
    stamps = {"created_at": NOW, "updated_at": NOW, "version": 1}
    with engine.begin() as conn:
        for name, values in (("pupils", repo_cases.pupil_values(pupil)),
                             ("cases", repo_cases.case_values(case))):
            table = Table(name, MetaData(), autoload_with=conn)
            conn.execute(table.insert().values(
                {k: v for k, v in {**values, **stamps}.items() if k in table.c}))
    return case


def test_upgrading_a_0007_vault_fills_the_items_of_existing_versions(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "oud.db", b"k" * 32)
    try:
        migrate.upgrade(engine, target="0007_security")
        case = zoe_case_in_old_schema(engine)
        plan = plan_for(case)
        values = repo_plan.version_values(plan)
        with engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO plan_versions (id, case_id, number, created_on, has_smart_goal, "
                "document, created_at, updated_at, version) VALUES (:id, :case_id, :number, "
                ":created_on, :has_smart_goal, :document, :now, :now, 1)"), {**values, "now": NOW})
        assert migrate.upgrade(engine)
        with engine.connect() as conn:
            stored = conn.execute(select(plan_clocks.c.clock)).scalar_one()
            assert repo_plan.clock_from_json(stored) == clock_items(plan)
            assert repo_plan.latest_clock_items(conn) == {case.id: clock_items(plan)}
    finally:
        engine.dispose()
