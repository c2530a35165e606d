"""Reading and saving the declared settings (``domain/settings.py``), inside the vault."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from thuiszitter_desktop.domain import settings as registry
from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.storage import repo_settings


def load(ctx: AppContext) -> dict[str, Any]:
    """Every declared setting with its current (valid) value."""
    with ctx.vault.read() as conn:
        stored = repo_settings.load_all(conn)
    return {setting.key: setting.read(stored) for setting in registry.ALL}


def value(ctx: AppContext, setting: registry.Setting) -> Any:
    with ctx.vault.read() as conn:
        return setting.read(repo_settings.load_all(conn))


def save(ctx: AppContext, values: Mapping[str, Any]) -> None:
    """Validate all values first (all Dutch messages at once), then store them together."""
    cleaned: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for key, raw in values.items():
        setting = registry.BY_KEY.get(key)
        if setting is None:
            raise KeyError(key)  # a bug, not a user error
        try:
            cleaned[key] = setting.clean(raw)
        except ValidationError as exc:
            errors.update(exc.errors)
    if errors:
        raise ValidationError(errors)
    with ctx.vault.transaction() as conn:
        for key, clean in cleaned.items():
            repo_settings.store(conn, key, clean)
        ctx.audit(conn, "instellingen gewijzigd", "instellingen", detail=", ".join(cleaned))
    ctx.changes.publish(Change("settings", tuple(cleaned)))


def actor_name(ctx: AppContext, fallback: str) -> str:
    """Who the audit log names: the consulent's own name once set."""
    return str(value(ctx, registry.CONSULENT_NAME)) or fallback
