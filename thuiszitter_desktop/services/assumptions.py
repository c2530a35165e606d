"""What an update assumed about a case's older data: listed in the case, marked as seen."""

from __future__ import annotations

from collections import Counter

from thuiszitter_desktop.domain.assumptions import Assumption, AssumptionSubject
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.storage import repo_assumptions


def for_case(ctx: AppContext, case_id: str) -> list[Assumption]:
    with ctx.vault.read() as conn:
        return repo_assumptions.list_assumptions(conn, case_id)


def mark_seen(ctx: AppContext, item: Assumption) -> None:
    with ctx.vault.transaction() as conn:
        repo_assumptions.mark_seen(conn, item, ctx.today(), ctx.actor, ctx.now())
        ctx.audit(conn, "aanname gezien", "aanname", item.id, item.case_id, item.subject.name)
    ctx.changes.publish(Change("assumption", (item.case_id,)))


def open_counts(ctx: AppContext) -> Counter[AssumptionSubject]:
    with ctx.vault.read() as conn:
        return repo_assumptions.open_counts(conn)
