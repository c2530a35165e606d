"""The wrong-passphrase count beside the vault, so the growing wait survives a restart.

Holds only a number and a time. A missing or unreadable file counts as no failures: it can
slow a guesser down, never lock the owner out.
"""

from __future__ import annotations

import contextlib
import json
from datetime import datetime
from pathlib import Path

from thuiszitter_desktop.domain.unlock_attempts import AttemptState
from thuiszitter_desktop.storage.files import atomic_write


def load_attempts(path: Path) -> AttemptState:
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
        last = body.get("last_failure")
        return AttemptState(max(0, int(body["failures"])),
                            datetime.fromisoformat(last) if last else None)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return AttemptState()


def save_attempts(path: Path, state: AttemptState) -> None:
    if state.failures == 0:
        path.unlink(missing_ok=True)
        return
    body = {"failures": state.failures,
            "last_failure": state.last_failure.isoformat() if state.last_failure else None}
    # Not being able to write it only means a restart forgets the wait.
    with contextlib.suppress(OSError):
        atomic_write(path, json.dumps(body).encode("utf-8"))
