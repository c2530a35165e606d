"""Reading and saving the declared settings (``domain/settings.py``), inside the vault."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
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
    if cleaned.get(registry.CONSULENT_NAME.key):
        ctx.actor = cleaned[registry.CONSULENT_NAME.key]  # the log and new cases name the user
    ctx.changes.publish(Change("settings", tuple(cleaned)))


# Who the audit log names until the user has given a name (never the computer's login).
UNKNOWN_USER = "naam onbekend"


def actor_name(ctx: AppContext, fallback: str = UNKNOWN_USER) -> str:
    """Who the audit log names: the user's own name once set."""
    return str(value(ctx, registry.CONSULENT_NAME)) or fallback


@dataclass(frozen=True, slots=True)
class UserProfile:
    """Who works with this vault: asked once, used for 'Consulent', the log and letters."""

    name: str
    role: str  # a key of ``settings.ROLES``

    @property
    def role_label(self) -> str:
        return dict(registry.ROLES).get(self.role, "")

    @property
    def complete(self) -> bool:
        return bool(self.name.strip())


def user_profile(ctx: AppContext) -> UserProfile:
    values = load(ctx)
    return UserProfile(str(values[registry.CONSULENT_NAME.key]),
                       str(values[registry.CONSULENT_ROLE.key]))


def save_user_profile(ctx: AppContext, name: str, role: str) -> UserProfile:
    """Store the user's name and function; a name is required (Dutch message otherwise).
    The log names the user by it from this change on (it is them telling their name)."""
    if name.strip():
        ctx.actor = " ".join(name.split())
    save(ctx, {registry.CONSULENT_NAME.key: " ".join(name.split()),
               registry.CONSULENT_ROLE.key: role})
    return user_profile(ctx)
