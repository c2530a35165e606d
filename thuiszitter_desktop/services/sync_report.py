"""What one sync round did (``services/sync.sync_now``), for the status bar and the tests."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class SyncReport:
    pushed: int = 0
    pulled: int = 0
    conflict_ids: set[str] = field(default_factory=set)  # new open conflicts seen
    touched: set[str] = field(default_factory=set)
    error: str = ""
    revoked: bool = False
    removed: int = 0
    removed_out_of_scope: int = 0  # rows that left this user's scope (issue 21)
    refused: int = 0  # changes the server refused for this user's role

    @property
    def conflicts(self) -> int:
        return len(self.conflict_ids)
