"""Shared fixtures. Qt runs offscreen; every test gets its own data and temp directories."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# A fixed 'today' keeps deadline tests independent of the calendar.
TODAY = date(2026, 11, 23)


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the app's data and temp directories into the test's own folder."""
    data = tmp_path / "data"
    temp = tmp_path / "tmp"
    data.mkdir()
    temp.mkdir()
    monkeypatch.setenv("THUISZITTER_DATA_DIR", str(data))
    monkeypatch.setenv("TMPDIR", str(temp))
    yield data
