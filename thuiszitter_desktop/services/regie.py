"""Use cases of the regie: the rule's proposal, and "regie overgenomen" as an event.

The case holds who has the regie now; every change is kept (from, to, when, why, by whom),
whether it is taken over here or agreed in the plan van aanpak (``record_change``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection

from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.regie import (
    RegieChange,
    RegieReason,
    proposal_reason,
    proposed_regie,
)
from thuiszitter_desktop.domain.vocab import Regie
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.storage import repo_cases, repo_regie


@dataclass(frozen=True, slots=True)
class RegieProposal:
    regie: Regie
    reason: str  # why the rule proposes it (Dutch)

    def differs_from(self, current: Regie) -> bool:
        return current is not self.regie


def proposal(pupil: Pupil, case: Case) -> RegieProposal:
    return RegieProposal(proposed_regie(pupil.enrolled, case.verzuim_type),
                         proposal_reason(pupil.enrolled, case.verzuim_type))


def list_changes(ctx: AppContext, case_id: str) -> list[RegieChange]:
    with ctx.vault.read() as conn:
        return repo_regie.list_changes(conn, case_id)


def record_change(ctx: AppContext, conn: Connection, case: Case, to: Regie,
                  reason: RegieReason, on: date, note: str = "") -> RegieChange:
    """Move the regie of ``case`` to ``to`` in the caller's transaction, keeping the event;
    the caller saves the case."""
    change = RegieChange(case_id=case.id, on=on, from_regie=case.regie, to_regie=to,
                         reason=reason, note=note, by=ctx.actor)
    change.validate(ctx.today(), case.aanmelding_date)
    repo_regie.save_change(conn, change, ctx.now())
    case.regie = to
    ctx.audit(conn, "regie gewijzigd", "casus", case.id, case.id,
              f"{change.from_regie.name} naar {to.name}; {reason.name}")
    return change


def take_over(ctx: AppContext, case_id: str, to: Regie, reason: RegieReason,
              on: date | None = None, note: str = "") -> RegieChange:
    """'Regie overgenomen': another party takes the regie, with the reason."""
    with ctx.vault.transaction() as conn:
        case = repo_cases.get_case(conn, case_id)
        change = record_change(ctx, conn, case, to, reason, on or ctx.today(), note)
        repo_cases.save_case(conn, case, ctx.now())
    ctx.changes.publish(Change("case", (case_id,)))
    return change
