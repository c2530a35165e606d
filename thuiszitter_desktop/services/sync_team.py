"""Joining and leaving the team, offering local cases, handing a case to a colleague.

Network calls (``peek_fingerprint``, ``join_team``, ``leave_team``, ``team_members``) run in a
worker thread; the rest is one vault transaction each.
"""

from __future__ import annotations

import platform
from dataclasses import dataclass, replace

from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.services.sync import client_for, sync_now
from thuiszitter_desktop.services.sync_report import SyncReport
from thuiszitter_desktop.storage import repo_cases, repo_sync
from thuiszitter_desktop.storage.sync_outbox import TOKEN_KEY
from thuiszitter_desktop.transport.https import HttpsClient, TransportError
from thuiszitter_desktop.transport.pinning import normalise


@dataclass(frozen=True)
class JoinResult:
    team: str
    user: str
    private_cases: int


def peek_fingerprint(address: str) -> str:
    """The certificate fingerprint the server shows, for the consulent to compare."""
    with HttpsClient(address, None, timeout=10) as client:
        return client.peer_fingerprint()


def join_team(ctx: AppContext, address: str, code: str, fingerprint: str,
              device_label: str = "") -> JoinResult:
    """Enrol this laptop with a one-time code; existing cases stay private until offered."""
    errors = {}
    if not address.strip():
        errors["server"] = "Vul het adres van de server in."
    if len("".join(ch for ch in code if ch.isalnum())) < 12:
        errors["code"] = "Vul de aanmeldcode van twaalf tekens in die de beheerder gaf."
    if len(normalise(fingerprint).split(":")) != 32:
        errors["fingerprint"] = "Bevestig eerst de vingerafdruk van het certificaat."
    with ctx.vault.read() as conn:
        if TOKEN_KEY in repo_sync.state(conn):
            errors["server"] = "Deze laptop hoort al bij een team."
    if errors:
        raise ValidationError(errors)
    with HttpsClient(address, fingerprint, timeout=20) as client:
        answer = client.post("/v1/enrol", {"code": code,
                                           "device": device_label or platform.node()})
    with ctx.vault.transaction() as conn:
        private = repo_sync.make_all_private(conn)
        repo_sync.set_state(conn, server=address.strip(), fingerprint=normalise(fingerprint),
                            device_id=str(answer["device_id"]), team=str(answer["team"]),
                            user=str(answer["user"]), cursor="0",
                            role=str(answer.get("role", "consulent")),
                            **{TOKEN_KEY: str(answer["token"])})
        ctx.audit(conn, "aangesloten", "team", detail=str(answer["team"]))
    ctx.changes.publish(Change("sync"))
    return JoinResult(str(answer["team"]), str(answer["user"]), private)


def private_cases(ctx: AppContext) -> list[repo_cases.CaseWithPupil]:
    """Cases on this laptop only, to offer to the team (newest aanmelding first)."""
    with ctx.vault.read() as conn:
        ids = repo_sync.private_case_ids(conn)
        found = repo_cases.list_cases(conn, include_closed=True, case_ids=ids) if ids else []
    return sorted(found, key=lambda c: c.case.aanmelding_date, reverse=True)


def share_cases(ctx: AppContext, case_ids: list[str]) -> None:
    """Offer cases to the team: they go with the next sync (nothing is sent without a choice)."""
    with ctx.vault.transaction() as conn:
        private = repo_sync.private_case_ids(conn)
        for case_id in case_ids:
            if case_id in private:
                repo_sync.share_case(conn, case_id)
                ctx.audit(conn, "gedeeld met team", "case", case_id, case_id)
    ctx.changes.publish(Change("sync"))


def hand_over(ctx: AppContext, case_id: str, colleague: str) -> None:
    """Overdragen: a colleague becomes the casusverantwoordelijke (syncs like any edit)."""
    if not colleague.strip():
        raise ValidationError({"casusverantwoordelijke": "Kies aan wie je de casus overdraagt."})
    with ctx.vault.transaction() as conn:
        case = repo_cases.get_case(conn, case_id)
        repo_cases.save_case(conn, replace(case, casusverantwoordelijke=colleague.strip()),
                             ctx.now())
        ctx.audit(conn, "overgedragen", "case", case_id, case_id, "casusverantwoordelijke")
    ctx.changes.publish(Change("case", (case_id,)))


def team_members(ctx: AppContext) -> list[str]:
    """The team's consulenten (for Overdragen); empty when the server cannot be reached."""
    client = client_for(ctx, timeout=10)
    if client is None:
        return []
    try:
        with client:
            return [str(name) for name in client.get("/v1/team").get("users", [])]
    except TransportError:
        return []


def leave_team(ctx: AppContext, give_up_unsent: bool = False) -> SyncReport:
    """Leave the team: push what is unsent first (or give it up on purpose), then remove the
    team's cases from this laptop. Private cases stay."""
    report = SyncReport()
    client = client_for(ctx)
    with ctx.vault.read() as conn:
        unsent = repo_sync.unsent_count(conn)
        revoked = repo_sync.state(conn).get("revoked") == "1"
    if client is not None and not revoked:
        with client:
            if not give_up_unsent:
                report = sync_now(ctx, client=client)
                with ctx.vault.read() as conn:
                    unsent = repo_sync.unsent_count(conn)
            if unsent and not give_up_unsent:
                raise ValidationError({"team": report.error or (
                    f"Er zijn nog {unsent} wijzigingen niet verstuurd. Verstuur ze eerst of "
                    "kies uitdrukkelijk om ze op te geven.")})
            client.post("/v1/leave", {})
    elif unsent and not give_up_unsent:
        raise ValidationError({"team": f"Er zijn nog {unsent} wijzigingen niet verstuurd. "
                                       "Kies uitdrukkelijk om ze op te geven."})
    with ctx.vault.transaction() as conn:
        report.removed = repo_sync.remove_team_data(conn)
        ctx.audit(conn, "team verlaten", "team",
                  detail="niet-verstuurde wijzigingen opgegeven" if unsent else "")
    ctx.changes.publish(Change("vault", ()))
    return report
