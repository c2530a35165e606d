"""The demo plans meetings, evaluations and actions on school days, whatever day it opens."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from thuiszitter_desktop.services.demo import build_demo_cases
from thuiszitter_desktop.services.demo_mdo import demo_mdos
from thuiszitter_desktop.services.demo_plan import demo_plans

# A Friday and a Saturday: the days that put a meeting "next week" on a weekend.
DAYS = [date(2026, 11, 27), date(2026, 11, 28), date(2026, 11, 29), date(2026, 11, 23)]


@pytest.mark.parametrize("today", DAYS)
def test_planned_dates_fall_on_school_days(today: date) -> None:
    items = build_demo_cases(today)
    planned: list[date] = []
    for meeting in demo_mdos(items, today):
        planned.append(meeting.on)
        planned += [a.due for item in meeting.items for a in item.outcome.new_actions
                    if a.due is not None]
    for item in items:
        for plan in demo_plans(item, today):
            planned += plan.evaluation_dates
            planned += [a.due for goal in plan.goals for a in goal.actions
                        if a.due is not None]
    assert planned
    weekend = sorted({day for day in planned if day.weekday() >= 5})
    assert weekend == []


def test_the_follow_up_meeting_is_the_one_announced() -> None:
    today = DAYS[0]
    held, following = demo_mdos(build_demo_cases(today), today)
    assert held.next_mdo_date == following.on
    assert following.on - today >= timedelta(days=8)
