"""What a plan feeds into the deadline clock, and the rules that block saving."""

from __future__ import annotations

from datetime import date

import pytest

from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.plan import (
    Action,
    ActionStatus,
    Goal,
    GoalProgress,
    PlanVanAanpak,
    ProgressNote,
)
from thuiszitter_desktop.domain.plan_clock import clock_items, validate_plan


def plan_with(evaluations: tuple[date, ...], progress: tuple[date, ...],
              actions: tuple[Action, ...] = ()) -> PlanVanAanpak:
    notes = tuple(ProgressNote(on=day, progress=GoalProgress.LOOPT) for day in progress)
    goal = Goal(description="Naar school", actions=actions, progress=notes)
    return PlanVanAanpak(case_id="c", created=date(2026, 1, 5), evaluation_dates=evaluations,
                         goals=(goal,))


def test_only_dated_actions_reach_the_clock() -> None:
    actions = (
        Action(what="Rooster maken", due=date(2026, 2, 1)),
        Action(what="Zonder datum"),
        Action(what="", due=date(2026, 2, 3), status=ActionStatus.VERVALLEN),
        Action(what="Bellen", due=date(2026, 2, 2), status=ActionStatus.GEDAAN,
               done_on=date(2026, 1, 30)),
    )
    items, _ = clock_items(plan_with((), (), actions))
    assert [(i.label, i.due, i.done_on, i.cancelled) for i in items] == [
        ("Rooster maken", date(2026, 2, 1), None, False),
        ("Actie uit het plan", date(2026, 2, 3), None, True),
        ("Bellen", date(2026, 2, 2), date(2026, 1, 30), False),
    ]


@pytest.mark.parametrize(
    ("evaluations", "progress", "held"),
    [
        # Held on the day, and a later one not yet.
        ((date(2026, 3, 12), date(2026, 4, 9)), (date(2026, 3, 12),),
         [date(2026, 3, 12), None]),
        # Held up to two weeks early still counts; earlier does not.
        ((date(2026, 3, 12),), (date(2026, 2, 26),), [date(2026, 2, 26)]),
        ((date(2026, 3, 12),), (date(2026, 2, 25),), [None]),
        # Held late counts; one evaluation's notes never close the next one as well.
        ((date(2026, 3, 12), date(2026, 3, 20)), (date(2026, 3, 16),),
         [date(2026, 3, 16), None]),
        ((date(2026, 3, 12), date(2026, 4, 9)), (date(2026, 4, 9), date(2026, 3, 13)),
         [date(2026, 3, 13), date(2026, 4, 9)]),
        ((), (date(2026, 3, 12),), []),
    ],
)
def test_evaluation_counts_as_held(evaluations: tuple[date, ...], progress: tuple[date, ...],
                                   held: list[date | None]) -> None:
    _, items = clock_items(plan_with(evaluations, progress))
    assert [(i.due, i.done_on) for i in items] == list(zip(sorted(evaluations), held,
                                                           strict=True))


def test_validate_refuses_future_dates(today: date) -> None:
    validate_plan(plan_with((date(2027, 1, 1),), (today,)), today)
    with pytest.raises(ValidationError) as info:
        validate_plan(plan_with((), (date(2026, 11, 24),)), today)
    assert set(info.value.errors) == {"progress"}
    done_later = Action(what="Bellen", status=ActionStatus.GEDAAN, done_on=date(2026, 12, 1))
    with pytest.raises(ValidationError) as info:
        validate_plan(plan_with((), (), (done_later,)), today)
    assert "Bellen" in info.value.errors["done_on"]
