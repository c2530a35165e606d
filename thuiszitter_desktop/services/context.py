"""What every service function gets: the vault, the clock, the actor and the change bus.

Passed explicitly (no global application object), so services run the same in the app, in
tests and in the benchmark.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Connection

from thuiszitter_desktop.storage.repo_audit import AuditEntry, record
from thuiszitter_desktop.storage.vault import Vault


@dataclass(frozen=True, slots=True)
class Change:
    """A notice that records of ``entity`` changed; views listening to it refresh themselves."""

    entity: str  # e.g. "case", "contact", "plan", "mdo", "settings"
    ids: tuple[str, ...] = ()


class ChangeBus:
    """A tiny synchronous observer; the UI adapts it to a Qt signal."""

    def __init__(self) -> None:
        self._listeners: list[Callable[[Change], None]] = []

    def subscribe(self, listener: Callable[[Change], None]) -> Callable[[], None]:
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def publish(self, change: Change) -> None:
        for listener in list(self._listeners):
            listener(change)


@dataclass
class AppContext:
    vault: Vault
    actor: str = "consulent"
    clock: Callable[[], datetime] = datetime.now
    changes: ChangeBus = field(default_factory=ChangeBus)

    def now(self) -> datetime:
        return self.clock()

    def today(self) -> date:
        return self.clock().date()

    def audit(self, conn: Connection, action: str, entity: str, entity_id: str | None = None,
              case_id: str | None = None, detail: str = "") -> None:
        """Log an action in the same transaction as the change it describes (chained)."""
        record(conn, AuditEntry(self.now(), self.actor, action, entity, entity_id, case_id,
                                detail), self.vault.chain_key)
