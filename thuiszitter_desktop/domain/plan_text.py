"""A plan version as short readable text: to compare two versions side by side (Conflicten)."""

from __future__ import annotations

from thuiszitter_desktop.domain.plan import PlanVanAanpak


def plan_text(plan: PlanVanAanpak) -> str:
    lines = [f"Versie {plan.version} van {plan.created:%d-%m-%Y}"]
    if plan.shared_goal.strip():
        lines.append(f"Gezamenlijk doel: {plan.shared_goal.strip()}")
    for number, goal in enumerate(plan.goals, start=1):
        due = f" (uiterlijk {goal.deadline:%d-%m-%Y})" if goal.deadline else ""
        lines.append(f"Doel {number}: {goal.description.strip() or '(nog leeg)'}{due}")
        for action in goal.actions:
            who = action.owner.name if action.owner else "nog niemand"
            when = f", {action.due:%d-%m-%Y}" if action.due else ""
            lines.append(f"  • {action.what.strip() or '(nog leeg)'} — {who}{when}")
    if plan.evaluation_dates:
        lines.append("Evaluatie: " + ", ".join(f"{d:%d-%m-%Y}" for d in plan.evaluation_dates))
    return "\n".join(lines)
