"""Security actions: unlock/backup/restore audit, settings, audit log views.

Integrity checks live in ``services/vault_health.py``, retention in ``services/retention.py``
and the AVG dossier in ``services/dossier.py``.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from thuiszitter_desktop.domain import settings as settings_registry
from thuiszitter_desktop.domain.autolock import DEFAULT_IDLE_MINUTES, validate_idle_minutes
from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.interchange.audit_csv import audit_csv
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.storage import repo_audit, repo_cases, repo_settings
from thuiszitter_desktop.storage.backup import Backup, create_backup
from thuiszitter_desktop.storage.backup_files import (
    Listed,
    backup_time,
    backups_dir,
    latest_backup,
    listed,
    remove_backup,
)

IDLE_KEY = settings_registry.IDLE_MINUTES.key
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


def record_recovery_key_replaced(ctx: AppContext) -> None:
    with ctx.vault.transaction() as conn:
        ctx.audit(conn, "herstelsleutel vervangen", "kluis",
                  detail="na gebruik van de vorige herstelsleutel")


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
    """Run in a background thread after the unlock check; silently skipped once locked, and
    never made of a vault that is read-only (damaged, or waiting for the user's choice), so
    a damaged copy can never rotate the good ones away."""
    with ctx.vault.in_use() as usable:
        if not usable or ctx.vault.read_only or not auto_backup_due(ctx):
            return None
        return make_backup(ctx, reason="ontgrendeld")


def backup_list(ctx: AppContext) -> list[Listed]:
    """The rotating backups and the kept-aside previous vaults, newest first."""
    return listed(backups_dir(ctx.vault.path))


def remove_kept_backup(ctx: AppContext, backup: Listed) -> None:
    """The user removes a backup from the list (asked first in the UI); logged."""
    remove_backup(backup.db)
    if not ctx.vault.read_only:
        with ctx.vault.transaction() as conn:
            ctx.audit(conn, "back-up verwijderd", "kluis", detail=backup.db.name)


# -- audit log ------------------------------------------------------------------------------
def audit_entries(ctx: AppContext, case_id: str | None = None, action: str | None = None,
                  since: date | None = None) -> list[repo_audit.AuditEntry]:
    with ctx.vault.read() as conn:
        rows = repo_audit.entries(conn, case_id)
    return [e for e in rows
            if (action is None or e.action == action)
            and (since is None or e.at.date() >= since)]


def export_audit_csv(ctx: AppContext, case_id: str | None = None) -> bytes:
    """The log as CSV (``record_audit_export`` logs it once it was saved)."""
    return audit_csv(audit_entries(ctx, case_id))


def record_audit_export(ctx: AppContext, case_id: str | None = None) -> None:
    if not ctx.vault.read_only:
        with ctx.vault.transaction() as conn:
            ctx.audit(conn, "geëxporteerd", "logboek", case_id=case_id, detail="CSV")


def case_names(ctx: AppContext) -> dict[str, str]:
    """Pupil names per case id, for showing the audit log to the (authorised) user."""
    with ctx.vault.read() as conn:
        return {row.case.id: row.pupil.full_name
                for row in repo_cases.list_cases(conn, include_closed=True)}
