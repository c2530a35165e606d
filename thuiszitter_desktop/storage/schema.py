"""All tables of the vault: importing this module registers every feature's tables."""

from __future__ import annotations

from thuiszitter_desktop.storage import (
    tables_figures,  # noqa: F401
    tables_intake,  # noqa: F401
    tables_mdo,  # noqa: F401
    tables_overview,  # noqa: F401
    tables_plan,  # noqa: F401
    tables_reminders,  # noqa: F401
    tables_roles,  # noqa: F401
    tables_security,  # noqa: F401
    tables_seed_rules,  # noqa: F401
    tables_sync,  # noqa: F401
)
from thuiszitter_desktop.storage.tables import metadata

__all__ = ["metadata"]
