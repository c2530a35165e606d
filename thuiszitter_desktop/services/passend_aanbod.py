"""Use cases of the passend aanbod: record an offer as a checked decision, or remove it.

The case's ``passend_aanbod_date`` (what the clock and the figures read) follows the offers:
the day the first offer that meets the criteria counts from (``domain/passend_aanbod``), among
those on or after the start of the current home situation; the offer's description becomes
the case's "soort aanbod".
"""

from __future__ import annotations

from sqlalchemy import Connection

from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.passend_aanbod import PassendAanbod, clock_stop
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.storage import repo_aanbod, repo_cases


def list_offers(ctx: AppContext, case_id: str) -> list[PassendAanbod]:
    with ctx.vault.read() as conn:
        return repo_aanbod.list_aanboden(conn, case_id)


def save_offer(ctx: AppContext, offer: PassendAanbod) -> None:
    """Record or correct an offer; checking the criteria of an offer from before the checks
    existed ends its 'unchecked' status."""
    offer.validate(ctx.today())
    with ctx.vault.transaction() as conn:
        case = repo_cases.get_case(conn, offer.case_id)
        if offer.start < case.aanmelding_date:
            raise ValidationError({"start": "Het aanbod start vóór de aanmelding."})
        repo_aanbod.save_aanbod(conn, offer, ctx.now())
        _follow(ctx, conn, offer.case_id)
        ctx.audit(conn, "aanbod vastgelegd", "passend aanbod", offer.id, offer.case_id,
                  "passend" if offer.is_passend else "telt (nog) niet")
    ctx.changes.publish(Change("case", (offer.case_id,)))


def delete_offer(ctx: AppContext, offer: PassendAanbod) -> None:
    with ctx.vault.transaction() as conn:
        repo_aanbod.delete_aanbod(conn, offer.id)
        _follow(ctx, conn, offer.case_id)
        ctx.audit(conn, "aanbod verwijderd", "passend aanbod", offer.id, offer.case_id)
    ctx.changes.publish(Change("case", (offer.case_id,)))


def _follow(ctx: AppContext, conn: Connection, case_id: str) -> None:
    """Set the case's passend aanbod date and kind from its offers."""
    case = repo_cases.get_case(conn, case_id)
    offers = repo_aanbod.list_aanboden(conn, case_id)
    home = case.home_start
    stop = clock_stop(o for o in offers if o.start >= home) or clock_stop(offers)
    date_ = stop.passend_since if stop is not None else None
    kind = stop.description.strip() if stop is not None else ""
    if (case.passend_aanbod_date, case.passend_aanbod_kind) != (date_, kind):
        case.passend_aanbod_date, case.passend_aanbod_kind = date_, kind
        repo_cases.save_case(conn, case, ctx.now())
