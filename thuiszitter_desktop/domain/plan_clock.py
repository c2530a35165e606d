"""What a plan feeds into the deadline clock and the hard rules checked before saving it.

Clock items: every dated action (done, open or dropped) and every planned evaluation. An
evaluation counts as held on the first progress date that lies on or after two weeks before
it, each progress date counting for one evaluation only (so an evaluation held a little early
still counts, and one set of notes never closes two evaluations).

Storage keeps these items per plan version (table ``plan_clocks``), so the overview reads them
without the whole document. When this rule changes, add a migration that empties that table:
the items are then computed again with the new rule right after migrating.
"""

from __future__ import annotations

from datetime import date, timedelta

from thuiszitter_desktop.domain.deadlines import ActionDue, EvaluationDue
from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.limits import (
    LONG_TEXT,
    SHORT_TEXT,
    Field,
    add_length_errors,
    each,
    long_field,
    short_field,
)
from thuiszitter_desktop.domain.plan import ActionStatus, PlanVanAanpak

EARLY_EVALUATION_DAYS = 14

ClockItems = tuple[tuple[ActionDue, ...], tuple[EvaluationDue, ...]]


def clock_items(plan: PlanVanAanpak) -> ClockItems:
    actions = tuple(
        ActionDue(id=action.id, label=action.what.strip() or "Actie uit het plan",
                  due=action.due, done_on=action.done_on,
                  cancelled=action.status is ActionStatus.VERVALLEN)
        for goal in plan.goals for action in goal.actions if action.due is not None
    )
    unused = sorted({note.on for goal in plan.goals for note in goal.progress})
    evaluations: list[EvaluationDue] = []
    for due in sorted(set(plan.evaluation_dates)):
        earliest = due - timedelta(days=EARLY_EVALUATION_DAYS)
        held = next((day for day in unused if day >= earliest), None)
        if held is not None:
            unused.remove(held)
        evaluations.append(EvaluationDue(due=due, done_on=held))
    return actions, tuple(evaluations)


def validate_plan(plan: PlanVanAanpak, today: date) -> None:
    """Rules that block saving (the SMART hints never do): no done dates in the future."""
    errors: dict[str, str] = {}
    for goal in plan.goals:
        for action in goal.actions:
            if action.done_on is not None and action.done_on > today:
                errors["done_on"] = (
                    f"De actie ‘{action.what.strip()}’ staat als gedaan op een datum in de "
                    "toekomst."
                )
        if any(note.on > today for note in goal.progress):
            errors["progress"] = "Een evaluatie kan niet in de toekomst worden vastgelegd."
    if plan.created > today:
        errors["created"] = "De datum van deze versie ligt in de toekomst."
    add_length_errors(errors, plan_text_fields(plan))
    if errors:
        raise ValidationError(errors)


def plan_text_fields(plan: PlanVanAanpak) -> list[Field]:
    """Every text of the plan with its limit (errors keyed by field, goal and action)."""
    fields = [
        long_field("shared_goal", "Het gezamenlijke doel", plan.shared_goal),
        short_field("regie_holder", "Wie de regie heeft", plan.regie_holder),
        short_field("casusverantwoordelijke", "De casusverantwoordelijke",
                    plan.casusverantwoordelijke),
        long_field("pupil_voice", "De woorden van de leerling", plan.pupil_voice),
        *each("risk_factors", "Een risicofactor", plan.risk_factors, LONG_TEXT),
        *each("protective_factors", "Een beschermende factor", plan.protective_factors,
              LONG_TEXT),
    ]
    for g, goal in enumerate(plan.goals):
        at = f"goals.{g}"
        fields += [long_field(f"{at}.description", "Het doel", goal.description),
                   long_field(f"{at}.indicator", "Waaraan we zien dat het lukt", goal.indicator),
                   long_field(f"{at}.realistic_why", "Waarom het kan lukken", goal.realistic_why),
                   *each(f"{at}.agreed_by", "Met wie het is afgesproken", goal.agreed_by,
                         SHORT_TEXT),
                   *each(f"{at}.progress", "De evaluatie", [p.text for p in goal.progress],
                         LONG_TEXT)]
        for a, action in enumerate(goal.actions):
            fields += [long_field(f"{at}.actions.{a}.what", "Wat er gebeurt", action.what),
                       short_field(f"{at}.actions.{a}.owner", "Wie het doet",
                                   action.owner.name if action.owner else "")]
    return fields
