"""Where the app finds its bundled resources and keeps its data."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

APP_NAME = "ThuiszitterDesktop"


def resources_dir() -> Path:
    """The top-level ``resources/`` folder, also inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def data_dir() -> Path:
    """The user's data directory (overridable with THUISZITTER_DATA_DIR, used by tests)."""
    override = os.environ.get("THUISZITTER_DATA_DIR")
    if override:
        path = Path(override)
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir(APP_NAME, appauthor=False, roaming=False))
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    # Also an existing folder (made by an earlier version, or copied): owner only, each start.
    with contextlib.suppress(OSError):
        path.chmod(0o700)
    return path
