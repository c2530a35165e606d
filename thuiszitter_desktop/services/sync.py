"""The team sync's client: one round of push and pull, and the status the status bar shows.

Runs in a worker thread (the UI never waits for the network): it touches only the vault (its
own transactions) and returns a ``SyncReport``; the UI publishes the changes on its thread
(``publish_report``). See docs/sync.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from thuiszitter_desktop.domain.roles import Role
from thuiszitter_desktop.services import sync_roles
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.services.sync_report import SyncReport
from thuiszitter_desktop.storage import repo_sync, sync_apply
from thuiszitter_desktop.storage.sync_outbox import TOKEN_KEY, utc_now
from thuiszitter_desktop.storage.tables_sync import sync_conflicts
from thuiszitter_desktop.transport.https import HttpsClient, Refused, TransportError, Unreachable

PUSH_BATCH = 500
PULL_PAGE = 2000
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar says; ``joined`` False: no team, nothing to show."""

    joined: bool
    team: str = ""
    user: str = ""
    last_sync: datetime | None = None  # UTC
    unsent: int = 0
    unreachable_since: datetime | None = None  # UTC
    open_conflicts: int = 0
    open_duplicates: int = 0
    revoked: bool = False
    role: Role = Role.CONSULENT


def _moment(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def status(ctx: AppContext) -> SyncStatus:
    with ctx.vault.read() as conn:
        st = repo_sync.state(conn)
        if TOKEN_KEY not in st:
            return SyncStatus(joined=False)
        kinds = dict(conn.execute(
            select(sync_conflicts.c.kind == "dubbel", func.count()).where(
                sync_conflicts.c.status == "open").group_by(sync_conflicts.c.kind == "dubbel")
        ).all())
        return SyncStatus(
            joined=True, team=st.get("team", ""), user=st.get("user", ""),
            last_sync=_moment(st.get("last_sync")), unsent=repo_sync.unsent_count(conn),
            unreachable_since=_moment(st.get("unreachable_since")),
            open_conflicts=int(kinds.get(False, 0)),
            open_duplicates=int(kinds.get(True, 0)), revoked=st.get("revoked") == "1",
            role=Role.parse(st.get("role")))


def client_for(ctx: AppContext, timeout: float = 30.0) -> HttpsClient | None:
    with ctx.vault.read() as conn:
        st = repo_sync.state(conn)
    if TOKEN_KEY not in st:
        return None
    return HttpsClient(st["server"], st["fingerprint"], st[TOKEN_KEY], timeout=timeout)


def sync_now(ctx: AppContext, progress: Progress | None = None,
             client: HttpsClient | None = None) -> SyncReport:
    """Push everything unsent, then pull everything new. Safe to interrupt at any point."""
    report = SyncReport()
    own = client is None
    client = client or client_for(ctx)
    if client is None:
        return report
    try:
        push_all(ctx, client, report)
        last = pull_all(ctx, client, report, progress)
        if last.get("all"):  # may hold everything: nothing to remove, only the role to note
            sync_roles.remember_role(ctx, last)
        else:
            sync_roles.refresh_scope(ctx, client, report)
        with ctx.vault.transaction() as conn:
            repo_sync.set_state(conn, last_sync=utc_now().isoformat())
            repo_sync.clear_state(conn, "unreachable_since", "revoked")
    except Refused as exc:
        report.error = str(exc)
        if exc.reason == "ingetrokken":
            report.revoked = True
            report.removed = after_revocation(ctx)
    except Unreachable as exc:
        report.error = str(exc)
        with ctx.vault.transaction() as conn:
            if "unreachable_since" not in repo_sync.state(conn):
                repo_sync.set_state(conn, unreachable_since=utc_now().isoformat())
    except TransportError as exc:
        report.error = str(exc)
    finally:
        if own:
            client.close()
    return report


def push_all(ctx: AppContext, client: HttpsClient, report: SyncReport) -> None:
    while True:
        with ctx.vault.transaction() as conn:
            payload = repo_sync.pending_push(conn) or repo_sync.take_batch(conn, PUSH_BATCH)
        if payload is None:
            return
        try:
            answer = client.post("/v1/push", payload)
        except Refused as exc:
            if exc.reason != "geweigerd":
                raise
            sync_roles.refused(ctx, client, payload, exc, report)
            continue
        with ctx.vault.transaction() as conn:
            report.touched |= repo_sync.finish_push(conn, payload, answer)
        report.pushed += len(payload["changes"])
        report.conflict_ids |= {str(c) for c in answer.get("conflicts", [])}


def pull_all(ctx: AppContext, client: HttpsClient, report: SyncReport,
             progress: Progress | None = None) -> dict[str, Any]:
    """Every page past the cursor, applied; returns the last page's answer."""
    with ctx.vault.read() as conn:
        cursor = int(repo_sync.state(conn).get("cursor", "0"))
    start = cursor
    # Records this laptop changed last come back in the push answers, not in pulls; after a
    # server restore (its order is behind our cursor) the laptop starts over with them too.
    own = ""
    while True:
        page = client.get(f"/v1/pull?since={cursor}&limit={PULL_PAGE}{own}")
        with ctx.vault.transaction() as conn:
            if page.get("reset"):
                cursor = start = 0
                own = "&own=1"
                repo_sync.set_state(conn, cursor="0")
                continue
            report.touched |= sync_apply.apply_page(conn, page["changes"])
            cursor = int(page["next"])
            # The cursor moves in the same transaction as the rows it passes over.
            repo_sync.set_state(conn, cursor=str(cursor))
        report.pulled += len(page["changes"])
        report.conflict_ids |= {str(c["id"]) for c in page["changes"]
                                if c["table"] == sync_conflicts.name and c["values"]
                                and c["values"].get("status") == "open"}
        if progress is not None:
            progress(cursor - start, max(int(page.get("latest", cursor)) - start, 1))
        if not page.get("more"):
            return page


def after_revocation(ctx: AppContext) -> int:
    """This device was taken out of the team: remove the team's cases once nothing is unsent."""
    with ctx.vault.transaction() as conn:
        if repo_sync.unsent_count(conn):
            repo_sync.set_state(conn, revoked="1")
            return 0
        removed = repo_sync.remove_team_data(conn)
        ctx.audit(conn, "team verlaten", "team", detail="apparaat ingetrokken")
    return removed


def publish_report(ctx: AppContext, report: SyncReport) -> None:
    """On the UI thread: the screens refresh what the sync changed."""
    if report.removed or report.removed_out_of_scope:
        ctx.changes.publish(Change("vault", ()))
        return
    if report.touched:
        ctx.changes.publish(Change("case", tuple(sorted(report.touched))))
    if report.pulled:
        ctx.changes.publish(Change("mdo"))
    # The status bar and the Conflicten page (the clock is not moved by this notice itself).
    ctx.changes.publish(Change("sync"))
