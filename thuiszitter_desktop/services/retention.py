"""Bewaartermijn: the yearly review list, then anonymising the cases the user confirmed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from thuiszitter_desktop.domain.errors import UserError
from thuiszitter_desktop.domain.retention import (
    RetentionPolicy,
    due_for_anonymisation,
    review_due,
)
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.storage import repo_cases, repo_security, repo_settings

POLICY_KEY = "retention.policy"
LAST_REVIEW_KEY = "retention.last_review"


@dataclass(frozen=True)
class ReviewItem:
    case_id: str
    pupil_name: str
    birth_date: date
    closed_on: date
    retention_end: date


def policy(ctx: AppContext) -> RetentionPolicy:
    with ctx.vault.read() as conn:
        return RetentionPolicy.from_dict(repo_settings.load_all(conn).get(POLICY_KEY))


def set_policy(ctx: AppContext, new: RetentionPolicy) -> None:
    new.validate()
    with ctx.vault.transaction() as conn:
        repo_settings.store(conn, POLICY_KEY, new.to_dict())
        ctx.audit(conn, "instelling gewijzigd", "instellingen", POLICY_KEY)
    ctx.changes.publish(Change("settings", (POLICY_KEY,)))


def review_list(ctx: AppContext) -> list[ReviewItem]:
    """Closed cases whose term has passed, with names, for the user to check first."""
    current = policy(ctx)
    with ctx.vault.read() as conn:
        due = due_for_anonymisation(current, repo_security.retention_candidates(conn),
                                    ctx.today())
        items = []
        for candidate, end in due:
            pupil = repo_cases.get_pupil(conn, candidate.pupil_id)
            assert candidate.closed_on is not None
            items.append(ReviewItem(candidate.case_id, pupil.full_name, candidate.birth_date,
                                    candidate.closed_on, end))
    return items


def last_review(ctx: AppContext) -> date | None:
    with ctx.vault.read() as conn:
        value = repo_settings.load_all(conn).get(LAST_REVIEW_KEY)
    return date.fromisoformat(value) if isinstance(value, str) else None


def yearly_review_due(ctx: AppContext) -> bool:
    """True when the yearly review should be shown (and there is something to review)."""
    return review_due(last_review(ctx), ctx.today()) and bool(review_list(ctx))


def anonymise(ctx: AppContext, case_ids: list[str]) -> int:
    """Anonymise the confirmed cases (each re-checked: only closed and past their term), then
    VACUUM so the names are gone from the file. Returns how many were anonymised."""
    due = {item.case_id: item for item in review_list(ctx)}
    not_due = [case_id for case_id in case_ids if case_id not in due]
    if not_due:
        raise UserError("Een of meer casussen zijn (nog) niet aan de beurt om te anonimiseren. "
                        "Er is niets gewijzigd.")
    with ctx.vault.transaction() as conn:
        for case_id in case_ids:
            repo_security.anonymise_case(conn, case_id, due[case_id].retention_end, ctx.now())
            ctx.audit(conn, "geanonimiseerd", "casus", case_id, case_id, "bewaartermijn")
        repo_settings.store(conn, LAST_REVIEW_KEY, ctx.today().isoformat())
    ctx.vault.vacuum()
    ctx.changes.publish(Change("case", tuple(case_ids)))
    return len(case_ids)


def mark_reviewed(ctx: AppContext) -> None:
    """The user looked at the list and chose to keep everything for now."""
    with ctx.vault.transaction() as conn:
        repo_settings.store(conn, LAST_REVIEW_KEY, ctx.today().isoformat())
        ctx.audit(conn, "bewaartermijn beoordeeld", "kluis")
