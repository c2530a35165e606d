"""Use cases of the follow-up after closing: what is due (Vandaag), record what was found,
plan a moment at a transition, and the figures of a quarter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.follow_up import (
    FollowUp,
    FollowUpFigures,
    FollowUpKind,
    FollowUpOutcome,
    follow_up_figures,
    transition_follow_up,
)
from thuiszitter_desktop.domain.quarters import Quarter
from thuiszitter_desktop.domain.reminders import REMINDER_HORIZON_DAYS
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.storage import repo_cases, repo_follow_up


@dataclass(frozen=True, slots=True)
class FollowUpRow:
    """One line of the Vandaag list 'Nazorg': plain data, no Qt."""

    item: FollowUp
    pupil_name: str
    school: str
    overdue: bool

    @property
    def text(self) -> str:
        when = "verlopen" if self.overdue else "deze week"
        return f"{self.item.kind.label}: vragen hoe het gaat ({when})"


def due_rows(ctx: AppContext) -> list[FollowUpRow]:
    """Follow-up moments not done yet that are overdue or due this week, oldest first."""
    today = ctx.today()
    last = today + timedelta(days=REMINDER_HORIZON_DAYS - 1)
    with ctx.vault.read() as conn:
        items = repo_follow_up.list_follow_ups(conn, open_due_until=last)
        found = repo_cases.list_cases(conn, include_closed=True,
                                      case_ids=sorted({i.case_id for i in items}))
    pupils = {item.case.id: item.pupil for item in found}
    return [FollowUpRow(item, pupils[item.case_id].full_name,
                        pupils[item.case_id].school or "Niet ingeschreven", item.due < today)
            for item in items if item.case_id in pupils]


def list_for_case(ctx: AppContext, case_id: str) -> list[FollowUp]:
    with ctx.vault.read() as conn:
        return repo_follow_up.list_follow_ups(conn, [case_id])


def record_outcome(ctx: AppContext, item: FollowUp, on: date, outcome: FollowUpOutcome,
                   note: str = "") -> None:
    """What the follow-up found; 'weer thuis' means: reopen the case (a separate action)."""
    item.record(on, outcome, note, ctx.today())
    with ctx.vault.transaction() as conn:
        repo_follow_up.save_follow_up(conn, item, ctx.now())
        ctx.audit(conn, "nazorg vastgelegd", "nazorg", item.id, item.case_id, outcome.name)
    ctx.changes.publish(Change("follow_up", (item.case_id,)))


def add_transition(ctx: AppContext, case_id: str, kind: FollowUpKind,
                   new_school_starts: date) -> FollowUp:
    """A follow-up a month after the pupil starts at the new school type (po→vo, vo→vervolg)."""
    item = transition_follow_up(case_id, kind, new_school_starts)
    with ctx.vault.transaction() as conn:
        case = repo_cases.get_case(conn, case_id)
        if new_school_starts < case.aanmelding_date:
            raise ValidationError({"new_school_starts": "Die datum ligt vóór de aanmelding."})
        repo_follow_up.save_follow_up(conn, item, ctx.now())
        ctx.audit(conn, "nazorg gepland", "nazorg", item.id, case_id, kind.name)
    ctx.changes.publish(Change("follow_up", (case_id,)))
    return item


def quarter_follow_ups(ctx: AppContext, quarter: Quarter) -> FollowUpFigures:
    """Follow-up moments due in ``quarter`` (up to today) and what they found."""
    last = min(quarter.end, ctx.today())
    with ctx.vault.read() as conn:
        items = repo_follow_up.list_follow_ups(conn)
    return follow_up_figures(items, quarter.start, last)
