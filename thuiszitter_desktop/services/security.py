"""Security actions: unlock/backup/restore audit, integrity checks, settings, audit log views.

Retention lives in ``services/retention.py`` and the AVG dossier in ``services/dossier.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from thuiszitter_desktop.domain import settings as settings_registry
from thuiszitter_desktop.domain.autolock import DEFAULT_IDLE_MINUTES, validate_idle_minutes
from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.interchange.audit_csv import audit_csv
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.storage import repo_audit, repo_cases, repo_settings
from thuiszitter_desktop.storage.backup import (
    Backup,
    backup_time,
    backups_dir,
    create_backup,
    latest_backup,
)

IDLE_KEY = settings_registry.IDLE_MINUTES.key
LAST_INTEGRITY_KEY = "security.last_integrity_check"
INTEGRITY_INTERVAL = timedelta(days=7)
# Automatic backups on unlock are skipped when one is this fresh, so auto-lock/unlock cycles
# do not rotate the older copies (a week of history) away within one day.
AUTO_BACKUP_MIN_AGE = timedelta(hours=1)


def _setting(ctx: AppContext, key: str, default: Any) -> Any:
    with ctx.vault.read() as conn:
        return repo_settings.load_all(conn).get(key, default)


def _store(ctx: AppContext, key: str, value: Any) -> None:
    with ctx.vault.transaction() as conn:
        repo_settings.store(conn, key, value)
        ctx.audit(conn, "instelling gewijzigd", "instellingen", key)
    ctx.changes.publish(Change("settings", (key,)))


# -- settings -------------------------------------------------------------------------------
def idle_minutes(ctx: AppContext) -> int:
    value = _setting(ctx, IDLE_KEY, DEFAULT_IDLE_MINUTES)
    try:
        return validate_idle_minutes(value)
    except ValidationError:
        return DEFAULT_IDLE_MINUTES


def set_idle_minutes(ctx: AppContext, minutes: int) -> None:
    _store(ctx, IDLE_KEY, validate_idle_minutes(minutes))


# -- unlock, backup, restore ----------------------------------------------------------------
def record_unlock(ctx: AppContext, how: str = "wachtwoord") -> None:
    if ctx.vault.read_only:
        return
    with ctx.vault.transaction() as conn:
        ctx.audit(conn, "ontgrendeld", "kluis", detail=how)


def record_restore(ctx: AppContext, backup_name: str) -> None:
    """Logged in the restored vault after it opens (the old vault was kept aside)."""
    with ctx.vault.transaction() as conn:
        ctx.audit(conn, "back-up teruggezet", "kluis", detail=backup_name)


def make_backup(ctx: AppContext, folder: Path | None = None,
                reason: str = "automatisch") -> Backup:
    """An encrypted, verified backup (``folder``: the user's choice, never rotated away)."""
    backup = create_backup(ctx.vault, reason=reason, folder=folder, now=ctx.now())
    if not ctx.vault.read_only:
        with ctx.vault.transaction() as conn:
            ctx.audit(conn, "back-up gemaakt", "kluis",
                      detail="eigen map" if folder else reason)
    return backup


def auto_backup_due(ctx: AppContext) -> bool:
    newest = latest_backup(backups_dir(ctx.vault.path))
    made = backup_time(newest) if newest is not None else None
    # A backup 'from the future' (clock set back) does not stop a fresh one.
    return made is None or not timedelta(0) <= ctx.now() - made < AUTO_BACKUP_MIN_AGE


def backup_on_unlock(ctx: AppContext) -> Backup | None:
    """Run in a background thread after the window shows; silently skipped once locked."""
    with ctx.vault.in_use() as usable:
        if not usable or not auto_backup_due(ctx):
            return None
        return make_backup(ctx, reason="ontgrendeld")


# -- integrity ------------------------------------------------------------------------------
@dataclass(frozen=True)
class IntegrityReport:
    problems: list[str]
    checked_at: datetime

    @property
    def healthy(self) -> bool:
        return not self.problems


def check_integrity(ctx: AppContext) -> IntegrityReport:
    """Both SQLCipher checks; a damaged vault is switched to read-only (never replaced)."""
    problems = ctx.vault.integrity_problems()
    report = IntegrityReport(problems, ctx.now())
    if problems:
        ctx.vault.reopen_read_only()
        ctx.changes.publish(Change("vault", ()))
        return report
    if not ctx.vault.read_only:
        with ctx.vault.transaction() as conn:
            repo_settings.store(conn, LAST_INTEGRITY_KEY, ctx.now().isoformat())
            ctx.audit(conn, "integriteit gecontroleerd", "kluis", detail="in orde")
    return report


def last_integrity_check(ctx: AppContext) -> datetime | None:
    value = _setting(ctx, LAST_INTEGRITY_KEY, None)
    return datetime.fromisoformat(value) if isinstance(value, str) else None


def integrity_check_due(ctx: AppContext) -> bool:
    last = last_integrity_check(ctx)
    return last is None or ctx.now() - last >= INTEGRITY_INTERVAL


# -- audit log ------------------------------------------------------------------------------
def audit_entries(ctx: AppContext, case_id: str | None = None, action: str | None = None,
                  since: date | None = None) -> list[repo_audit.AuditEntry]:
    with ctx.vault.read() as conn:
        rows = repo_audit.entries(conn, case_id)
    return [e for e in rows
            if (action is None or e.action == action)
            and (since is None or e.at.date() >= since)]


def export_audit_csv(ctx: AppContext, case_id: str | None = None) -> bytes:
    data = audit_csv(audit_entries(ctx, case_id))
    if not ctx.vault.read_only:
        with ctx.vault.transaction() as conn:
            ctx.audit(conn, "geëxporteerd", "logboek", case_id=case_id, detail="CSV")
    return data


def case_names(ctx: AppContext) -> dict[str, str]:
    """Pupil names per case id, for showing the audit log to the (authorised) user."""
    with ctx.vault.read() as conn:
        return {row.case.id: row.pupil.full_name
                for row in repo_cases.list_cases(conn, include_closed=True)}
