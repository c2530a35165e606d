"""The client's side of team roles: this device's scope and refused changes (issue 21).

After each pull a device that is not a consulent's asks the server what it should hold
(``/v1/scope``): records that left its scope (consent withdrawn, another school, a case closed
past the school's term) are removed with everything under them, and the laptop's audit says so
per case; records that entered it are fetched whole (``/v1/catchup``). A push the server
refuses is dropped here, the records it touched are fetched again as the server has them, and
the user is told why.
"""

from __future__ import annotations

from typing import Any

from thuiszitter_desktop.domain.roles import Role
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.services.sync_report import SyncReport
from thuiszitter_desktop.storage import repo_sync, sync_apply
from thuiszitter_desktop.transport.https import HttpsClient, Refused

SCOPE_LEFT = "buiten bereik verwijderd"


def role(ctx: AppContext) -> Role:
    """This device's team role (a laptop outside a team is a consulent's)."""
    with ctx.vault.read() as conn:
        return Role.parse(repo_sync.state(conn).get("role"))


def remember_role(ctx: AppContext, answer: dict[str, Any]) -> None:
    if "role" not in answer:
        return
    with ctx.vault.transaction() as conn:
        if repo_sync.state(conn).get("role") != answer["role"]:
            repo_sync.set_state(conn, role=str(answer["role"]))


def refresh_scope(ctx: AppContext, client: HttpsClient, report: SyncReport) -> None:
    answer = client.get("/v1/scope")
    remember_role(ctx, answer)
    if answer.get("all"):
        return
    wanted = {name: {str(i) for i in answer.get(name) or []} for name in
              (t.name for t in repo_sync.ROOT_TABLES)}
    with ctx.vault.transaction() as conn:
        here = repo_sync.local_roots(conn)
        gone = {name: here[name] - wanted[name] for name in wanted}
        if any(gone.values()):
            report.removed_out_of_scope += repo_sync.remove_roots(conn, gone)
            for case_id in sorted(gone["cases"]):
                ctx.audit(conn, SCOPE_LEFT, "casus", case_id, case_id,
                          "niet meer in het bereik van deze gebruiker")
            report.touched |= gone["cases"]
    missing = {name: sorted(wanted[name] - here[name]) for name in wanted}
    if any(missing.values()):
        fetch(ctx, client, missing, report)


def fetch(ctx: AppContext, client: HttpsClient, wanted: dict[str, Any],
          report: SyncReport) -> set[tuple[str, str]]:
    """Fetch records whole from the server; returns which arrived (table, id)."""
    page = client.post("/v1/catchup", wanted)
    with ctx.vault.transaction() as conn:
        report.touched |= sync_apply.apply_page(conn, page["changes"])
    report.pulled += len(page["changes"])
    return {(str(c["table"]), str(c["id"])) for c in page["changes"] if not c["deleted"]}


def refused(ctx: AppContext, client: HttpsClient, payload: dict[str, Any], exc: Refused,
            report: SyncReport) -> None:
    """The server refused this push: its changes leave the outbox, the records go back to
    the server's values (a record the server does not have for this user goes), and the user
    is told why. Nothing of it was stored on the server."""
    listed = exc.detail.get("geweigerd") or []
    rows = [(str(r["table"]), str(r["id"])) for r in listed] or [
        (str(c["table"]), str(c["id"])) for c in payload["changes"]]
    with ctx.vault.transaction() as conn:
        repo_sync.drop_refused(conn, rows)
        for name, row_id in rows:
            ctx.audit(conn, "wijziging geweigerd", name, row_id,
                      detail="door de server geweigerd; niet opgeslagen")
    report.error = str(exc)
    report.refused += len(rows)
    arrived = fetch(ctx, client, {"rows": [list(r) for r in rows]}, report)
    with ctx.vault.transaction() as conn:
        repo_sync.forget_records(conn, [r for r in rows if r not in arrived])
