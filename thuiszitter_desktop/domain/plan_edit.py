"""Pure edit operations on a plan version: each returns a new plan and leaves the old one alone.

Because every operation is ``old plan -> new plan``, an undo command only has to keep both
objects (redo sets the new one, undo the old one). Indexes are positions in the final list:
``move_goal(plan, id, 0)`` puts the goal first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any, TypeVar

from thuiszitter_desktop.domain.plan import Action, ActionStatus, Goal, PlanVanAanpak

T = TypeVar("T")

# Fields a caller may not change through the generic update helpers: identity and structure
# have their own operations (move, add, remove, revise).
_FIXED_PLAN_FIELDS = frozenset({"id", "case_id", "version", "goals"})
_FIXED_GOAL_FIELDS = frozenset({"id", "actions"})
_FIXED_ACTION_FIELDS = frozenset({"id"})


def moved(items: Sequence[T], from_index: int, to_index: int) -> tuple[T, ...]:
    """``items`` with the item at ``from_index`` moved so it ends up at ``to_index``."""
    result = list(items)
    if not 0 <= from_index < len(result):
        raise IndexError(from_index)
    item = result.pop(from_index)
    result.insert(_clamp(to_index, len(result)), item)
    return tuple(result)


def inserted(items: Sequence[T], item: T, index: int | None = None) -> tuple[T, ...]:
    """``items`` with ``item`` at ``index`` (at the end when None)."""
    result = list(items)
    result.insert(len(result) if index is None else _clamp(index, len(result)), item)
    return tuple(result)


def _clamp(index: int, length: int) -> int:
    return max(0, min(index, length))


def _check_fields(changes: dict[str, Any], fixed: frozenset[str]) -> None:
    blocked = fixed & set(changes)
    if blocked:
        raise ValueError(f"Not editable here: {', '.join(sorted(blocked))}")


def update_plan(plan: PlanVanAanpak, **changes: Any) -> PlanVanAanpak:
    """Change plan-level fields (shared goal, analysis, regie, evaluation dates, ...)."""
    _check_fields(changes, _FIXED_PLAN_FIELDS)
    return replace(plan, **changes)


def _goal_index(plan: PlanVanAanpak, goal_id: str) -> int:
    for index, goal in enumerate(plan.goals):
        if goal.id == goal_id:
            return index
    raise KeyError(goal_id)


def _with_goal(plan: PlanVanAanpak, goal: Goal) -> PlanVanAanpak:
    index = _goal_index(plan, goal.id)
    return replace(plan, goals=(*plan.goals[:index], goal, *plan.goals[index + 1 :]))


def add_goal(plan: PlanVanAanpak, goal: Goal | None = None, index: int | None = None,
             ) -> PlanVanAanpak:
    return replace(plan, goals=inserted(plan.goals, goal or Goal(), index))


def remove_goal(plan: PlanVanAanpak, goal_id: str) -> PlanVanAanpak:
    index = _goal_index(plan, goal_id)
    return replace(plan, goals=plan.goals[:index] + plan.goals[index + 1 :])


def move_goal(plan: PlanVanAanpak, goal_id: str, to_index: int) -> PlanVanAanpak:
    return replace(plan, goals=moved(plan.goals, _goal_index(plan, goal_id), to_index))


def update_goal(plan: PlanVanAanpak, goal_id: str, **changes: Any) -> PlanVanAanpak:
    _check_fields(changes, _FIXED_GOAL_FIELDS)
    return _with_goal(plan, replace(plan.goal(goal_id), **changes))


def add_action(plan: PlanVanAanpak, goal_id: str, action: Action | None = None,
               index: int | None = None) -> PlanVanAanpak:
    goal = plan.goal(goal_id)
    return _with_goal(plan, replace(goal, actions=inserted(goal.actions, action or Action(),
                                                           index)))


def remove_action(plan: PlanVanAanpak, action_id: str) -> PlanVanAanpak:
    goal, action = plan.find_action(action_id)
    kept = tuple(a for a in goal.actions if a.id != action.id)
    return _with_goal(plan, replace(goal, actions=kept))


def move_action(plan: PlanVanAanpak, action_id: str, to_index: int,
                to_goal_id: str | None = None) -> PlanVanAanpak:
    """Reorder an action within its goal, or move it to ``to_goal_id`` at ``to_index``."""
    goal, action = plan.find_action(action_id)
    if to_goal_id is None or to_goal_id == goal.id:
        index = goal.actions.index(action)
        return _with_goal(plan, replace(goal, actions=moved(goal.actions, index, to_index)))
    target = plan.goal(to_goal_id)
    plan = remove_action(plan, action_id)
    return _with_goal(plan, replace(target, actions=inserted(target.actions, action, to_index)))


def update_action(plan: PlanVanAanpak, action_id: str, **changes: Any) -> PlanVanAanpak:
    _check_fields(changes, _FIXED_ACTION_FIELDS)
    goal, action = plan.find_action(action_id)
    updated = replace(action, **changes)
    actions = tuple(updated if a.id == action_id else a for a in goal.actions)
    return _with_goal(plan, replace(goal, actions=actions))


def set_action_status(plan: PlanVanAanpak, action_id: str, status: ActionStatus,
                      on: date | None = None) -> PlanVanAanpak:
    """Mark an action open, done (on ``on``) or dropped; only 'gedaan' keeps a date done."""
    done_on = on if status is ActionStatus.GEDAAN else None
    return update_action(plan, action_id, status=status, done_on=done_on)
