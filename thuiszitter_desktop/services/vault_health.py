"""Is the vault sound? The check at every unlock, the full weekly check, the audit chain, and
what happens when something is wrong: the vault turns read-only at once, until a backup is
restored or the user knowingly continues (``continue_knowingly``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection

from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.storage import repo_audit, repo_settings
from thuiszitter_desktop.storage.audit_chain import ChainProblem
from thuiszitter_desktop.storage.errors import VaultError

LAST_INTEGRITY_KEY = "security.last_integrity_check"
INTEGRITY_INTERVAL = timedelta(days=7)


@dataclass(frozen=True)
class HealthReport:
    """``damage``: what SQLCipher/SQLite found; ``audit``: breaks in the audit chain the user
    has not accepted yet; ``accepted``: breaks accepted earlier (still shown in the log)."""

    damage: list[str]
    audit: list[ChainProblem]
    checked_at: datetime
    accepted: int = 0
    backup_failure: str = ""
    full: bool = False

    @property
    def problems(self) -> list[str]:
        failure = [self.backup_failure] if self.backup_failure else []
        return [*self.damage, *(p.text for p in self.audit), *failure]

    @property
    def healthy(self) -> bool:
        return not self.problems

    def explanation(self) -> str:
        """What was found, in Dutch, for the dialog that asks what to do."""
        parts = []
        if self.damage:
            parts.append("De kluis is beschadigd: een deel van het bestand klopt niet meer "
                         "(bijvoorbeeld door een schijffout of een onderbroken kopie).")
        if self.audit:
            listed = "\n".join(f"• {p.text}" for p in self.audit[:5])
            more = f"\n• … en nog {len(self.audit) - 5}" if len(self.audit) > 5 else ""
            parts.append("Het logboek is buiten de app aangepast:\n" + listed + more)
        if self.backup_failure:
            parts.append(self.backup_failure)
        return "\n\n".join(parts)


def check_at_unlock(ctx: AppContext) -> HealthReport:
    """The quick check (every page's HMAC + the b-tree structure) and the audit lines written
    since the last sound check, in a background thread right after unlocking; problems make
    the vault read-only at once. (Older lines are compared one by one in the full check.)"""
    damage = ctx.vault.quick_problems()
    audit, accepted = ([], 0) if damage else _chain(ctx, repo_audit.new_lines_problems)
    report = _settle(ctx, HealthReport(damage, audit, ctx.now(), accepted))
    if report.healthy and not ctx.vault.read_only:
        with ctx.vault.transaction() as conn:
            repo_audit.mark_verified(conn, ctx.vault.chain_key)
    return report


def check_integrity(ctx: AppContext) -> HealthReport:
    """Both full SQLCipher checks and every line of the audit chain (weekly, in the background
    after unlocking, and on the Beveiliging page)."""
    damage = ctx.vault.integrity_problems()
    audit, accepted = ([], 0) if damage else _chain(ctx, repo_audit.chain_problems)
    report = _settle(ctx, HealthReport(damage, audit, ctx.now(), accepted, full=True))
    if report.healthy and not ctx.vault.read_only:
        with ctx.vault.transaction() as conn:
            repo_settings.store(conn, LAST_INTEGRITY_KEY, ctx.now().isoformat())
            repo_audit.mark_verified(conn, ctx.vault.chain_key)
            ctx.audit(conn, "integriteit gecontroleerd", "kluis", detail="in orde")
    return report


def backup_failed(ctx: AppContext, message: str) -> HealthReport:
    """An automatic backup failed: the user is told, and nothing more is written until they
    choose (the newest good backup may now be old)."""
    return _settle(ctx, HealthReport([], [], ctx.now(), backup_failure=message))


ChainCheck = Callable[[Connection, bytes], tuple[list[ChainProblem], int]]


def _chain(ctx: AppContext, check: ChainCheck) -> tuple[list[ChainProblem], int]:
    try:
        with ctx.vault.read() as conn:
            return check(conn, ctx.vault.chain_key)
    except VaultError as exc:  # the log itself cannot be read: that is damage too
        return [ChainProblem(None, exc.message, "unreadable")], 0


def _settle(ctx: AppContext, report: HealthReport) -> HealthReport:
    if not report.healthy:
        ctx.vault.reopen_read_only(report.problems)
    return report


def chain_report(ctx: AppContext) -> tuple[list[ChainProblem], set[str]]:
    """Every break in the audit chain (accepted ones included), and which were accepted: what
    the log viewer marks."""
    with ctx.vault.read() as conn:
        found, _ = repo_audit.chain_problems(conn, ctx.vault.chain_key, include_accepted=True)
        accepted = repo_audit.accepted(conn, ctx.vault.chain_key)
    return found, {p.fingerprint for p in found if p.fingerprint in accepted}


def continue_knowingly(ctx: AppContext, report: HealthReport) -> None:
    """Writable again, by the user's choice; recorded in the log. Breaks in the audit chain are
    accepted (they stay marked in the viewer); damage is found again at the next unlock."""
    ctx.vault.continue_writable()
    detail = ", ".join(filter(None, (
        f"{len(report.damage)} beschadiging(en)" if report.damage else "",
        f"{len(report.audit)} logboekafwijking(en)" if report.audit else "",
        "back-up mislukt" if report.backup_failure else "")))
    with ctx.vault.transaction() as conn:
        ctx.audit(conn, "doorgegaan ondanks problemen", "kluis", detail=detail)
        if report.audit:
            # Accepted after this line is chained, so a cut-off end now reads as a gap that
            # stays the same.
            found, _ = repo_audit.chain_problems(conn, ctx.vault.chain_key)
            repo_audit.accept(conn, ctx.vault.chain_key, found)
            repo_audit.mark_verified(conn, ctx.vault.chain_key)
    ctx.changes.publish(Change("vault_state", ()))


def last_integrity_check(ctx: AppContext) -> datetime | None:
    with ctx.vault.read() as conn:
        value = repo_settings.load_all(conn).get(LAST_INTEGRITY_KEY)
    return datetime.fromisoformat(value) if isinstance(value, str) else None


def integrity_check_due(ctx: AppContext) -> bool:
    last = last_integrity_check(ctx)
    return last is None or ctx.now() - last >= INTEGRITY_INTERVAL
