"""The demo caseload looks like a real one: past actions are done, only stuck cases lag."""

from __future__ import annotations

from datetime import date

import pytest

from thuiszitter_desktop.domain.deadlines import DeadlineKind, DeadlineState
from thuiszitter_desktop.domain.plan import ActionStatus
from thuiszitter_desktop.domain.plan_clock import clock_items
from thuiszitter_desktop.domain.plan_smart import Severity, smart_hints
from thuiszitter_desktop.services import plan as plan_service
from thuiszitter_desktop.services import reminders
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.services.demo import build_demo_cases, populate_demo
from thuiszitter_desktop.services.demo_plan import demo_plans
from thuiszitter_desktop.storage import repo_cases


@pytest.fixture
def stagnating(ctx: AppContext) -> set[str]:
    populate_demo(ctx)
    with ctx.vault.read() as conn:
        return {item.case.id for item in repo_cases.list_cases(conn, include_closed=True)
                if item.case.stagnatie_oorzaak is not None}


def test_vandaag_shows_a_workable_list(ctx: AppContext, stagnating: set[str]) -> None:
    rows = reminders.load_today(ctx, plan_service.plan_items(ctx)).rows
    # A consulent with ~55 open cases: a day's list, not a wall of red.
    assert 10 <= len(rows) <= 32
    overdue = [r for r in rows if r.reminder.deadline.state is DeadlineState.VERLOPEN]
    assert overdue and len(overdue) < len(rows)
    assert stagnating
    late_plan_items = [r for r in overdue
                       if r.reminder.kind in (DeadlineKind.ACTIE, DeadlineKind.EVALUATIE)]
    assert late_plan_items
    assert {r.reminder.case_id for r in late_plan_items} <= stagnating


def test_past_actions_are_done_except_in_stagnating_cases(today: date) -> None:
    for item in build_demo_cases(today):
        stuck = item.case.stagnatie_oorzaak is not None
        for plan in demo_plans(item, today):
            for goal in plan.goals:
                for action in goal.actions:
                    if action.due is None or action.due >= today:
                        continue
                    if action.status is ActionStatus.GEDAAN:
                        assert action.done_on is not None and action.done_on <= today
                    else:
                        assert stuck, (item.pupil.full_name, action.what)


def test_evaluations_are_held_or_ahead_except_in_stagnating_cases(today: date) -> None:
    checked = 0
    for item in build_demo_cases(today):
        versions = demo_plans(item, today)
        if not versions or item.case.stagnatie_oorzaak is not None:
            continue
        _actions, evaluations = clock_items(versions[-1])
        for evaluation in evaluations:
            checked += 1
            assert evaluation.done_on is not None or evaluation.due >= today
    assert checked


def test_demo_plans_raise_no_smart_warnings(today: date) -> None:
    for item in build_demo_cases(today):
        for plan in demo_plans(item, today):
            warnings = [h.message for h in smart_hints(plan) if h.severity is Severity.WARNING]
            assert warnings == [], item.pupil.full_name
