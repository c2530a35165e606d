"""Auto-lock settings and the idle rule (pure; the UI feeds it input times and a clock)."""

from __future__ import annotations

from datetime import datetime, timedelta

from thuiszitter_desktop.domain.errors import ValidationError

DEFAULT_IDLE_MINUTES = 5
MIN_IDLE_MINUTES = 1
MAX_IDLE_MINUTES = 15


def validate_idle_minutes(value: object) -> int:
    if (not isinstance(value, int) or isinstance(value, bool)
            or not MIN_IDLE_MINUTES <= value <= MAX_IDLE_MINUTES):
        raise ValidationError({"idle_minutes": (
            f"Kies een tijd tussen {MIN_IDLE_MINUTES} en {MAX_IDLE_MINUTES} minuten."
        )})
    return value


def should_lock(last_input: datetime, now: datetime, idle_minutes: int) -> bool:
    """Idle long enough. A wall-clock jump (the computer slept) also counts as idle time."""
    return now - last_input >= timedelta(minutes=idle_minutes)
