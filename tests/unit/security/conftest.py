"""Fixtures for the fault suites of the vault, its backups and its audit log (issue 15)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from vault_faults import fill

from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.storage.keyslots import KdfParams
from thuiszitter_desktop.storage.vault import Vault


@pytest.fixture
def make_vault(vault_path: Path, passphrase: str,
               cheap_kdf: KdfParams) -> Callable[[int], AppContext]:
    """A vault with ``n`` pupils, open, with a fixed clock."""

    def make(n: int) -> AppContext:
        vault, _ = Vault.create(vault_path, passphrase, cheap_kdf)
        ctx = AppContext(vault, actor="Test Consulent",
                         clock=lambda: datetime(2026, 11, 23, 9, 0))
        fill(ctx, n)
        return ctx

    return make
