"""The zorgcoördinator's work ("Mijn school", issue 21): their school's shared pupils, MDO
proposals, the school's input and the decisions afterwards.

Everything here reads only this device's vault, which holds exactly what the server let
through (``server/scope.py``): the pupils of the user's schools with consent to share, and of
them no health details, intake or contact log. Proposals and input are written through the
outbox like any record, so they reach the consulent at the next sync.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from thuiszitter_desktop.domain.mdo import Mdo
from thuiszitter_desktop.domain.plan import PlanVanAanpak
from thuiszitter_desktop.domain.school_share import MdoProposal, SchoolInput
from thuiszitter_desktop.services.caseload import load_rows
from thuiszitter_desktop.services.caseload_row import CaseloadRow
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.storage import repo_mdo, repo_plan, repo_school


@dataclass(frozen=True)
class Agreement:
    goal: str
    what: str
    who: str
    due: date | None
    status: str


@dataclass(frozen=True)
class Decision:
    meeting: date
    question: str
    decisions: tuple[str, ...]
    actions: tuple[str, ...]


@dataclass(frozen=True)
class PupilView:
    """What the school sees of one pupil beside the overview's row."""

    shared_goal: str
    goals: tuple[str, ...]
    agreements: tuple[Agreement, ...]
    inputs: tuple[SchoolInput, ...]
    proposals: tuple[MdoProposal, ...]
    decisions: tuple[Decision, ...]


def my_pupils(ctx: AppContext) -> list[CaseloadRow]:
    """Every shared pupil on this device (stage, days at home, next deadline), open first."""
    rows = load_rows(ctx, include_closed=True)
    return sorted(rows, key=lambda r: (not r.is_open, r.sort_name))


def _agreements(plan: PlanVanAanpak | None) -> tuple[Agreement, ...]:
    if plan is None:
        return ()
    return tuple(Agreement(goal.description, action.what,
                           action.owner.name if action.owner else "", action.due,
                           action.status.label)
                 for goal in plan.goals for action in goal.actions)


def _decisions(meetings: list[Mdo], case_id: str) -> tuple[Decision, ...]:
    found = []
    for meeting in meetings:
        for item in meeting.items:
            if item.case_id == case_id and (item.discussed or item.outcome.decisions):
                found.append(Decision(meeting.on, item.question,
                                      tuple(item.outcome.decisions),
                                      tuple(f"{a.who}: {a.what}" + (
                                          f" (vóór {a.due:%d-%m-%Y})" if a.due else "")
                                          for a in item.outcome.new_actions)))
    return tuple(sorted(found, key=lambda d: d.meeting, reverse=True))


def pupil_view(ctx: AppContext, case_id: str) -> PupilView:
    with ctx.vault.read() as conn:
        plan = repo_plan.latest_version(conn, case_id)
        inputs = repo_school.inputs(conn, [case_id])
        proposals = repo_school.proposals(conn, [case_id])
        meetings = repo_mdo.list_mdos(conn)
    return PupilView(
        shared_goal=plan.shared_goal if plan else "",
        goals=tuple(g.description for g in plan.goals) if plan else (),
        agreements=_agreements(plan), inputs=tuple(inputs), proposals=tuple(proposals),
        decisions=_decisions(meetings, case_id))


def propose_for_mdo(ctx: AppContext, case_id: str, question: str) -> MdoProposal:
    """Propose the pupil for the next MDO with the school's question."""
    proposal = MdoProposal(case_id=case_id, question=question, proposed_by=ctx.actor,
                           proposed_on=ctx.today())
    proposal.validate(ctx.today())
    with ctx.vault.transaction() as conn:
        repo_school.save_proposal(conn, proposal, ctx.now())
        ctx.audit(conn, "voorgesteld voor mdo", "mdo-voorstel", proposal.id, case_id)
    ctx.changes.publish(Change("mdo", (proposal.id,)))
    return proposal


def add_school_input(ctx: AppContext, item: SchoolInput) -> None:
    item.written_by = item.written_by or ctx.actor
    item.validate(ctx.today())
    with ctx.vault.transaction() as conn:
        repo_school.save_input(conn, item, ctx.now())
        ctx.audit(conn, "inbreng school", "inbreng-school", item.id, item.case_id)
    ctx.changes.publish(Change("school_input", (item.case_id,)))


def school_inputs(ctx: AppContext, case_id: str) -> list[SchoolInput]:
    """For the consulent's case window: what the school added."""
    with ctx.vault.read() as conn:
        return repo_school.inputs(conn, [case_id])
