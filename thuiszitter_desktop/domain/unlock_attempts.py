"""Failed unlock attempts: a growing wait after five wrong tries, never a destructive lock-out.

Pure policy with an injected clock. The state holds only a count and a time, nothing personal,
so the app may keep it in memory or in a small file next to the vault.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

FREE_ATTEMPTS = 5
FIRST_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(minutes=15)


def delay_after(failures: int) -> timedelta:
    """Wait required after ``failures`` wrong attempts: 0 for the first five, then 30 s doubling
    (30 s, 1 min, 2 min, …) up to 15 minutes. Unlocking always stays possible afterwards."""
    if failures < FREE_ATTEMPTS:
        return timedelta(0)
    steps = failures - FREE_ATTEMPTS
    delay: timedelta = FIRST_DELAY * (2 ** min(steps, 16))
    return min(delay, MAX_DELAY)


@dataclass
class AttemptState:
    failures: int = 0
    last_failure: datetime | None = None


class UnlockThrottle:
    """Counts failures and says how long the user must wait before the next attempt."""

    def __init__(self, clock: Callable[[], datetime],
                 state: AttemptState | None = None) -> None:
        self._clock = clock
        self.state = state or AttemptState()

    def wait_remaining(self) -> timedelta:
        last = self.state.last_failure
        if last is None:
            return timedelta(0)
        ready = last + delay_after(self.state.failures)
        remaining = ready - self._clock()
        # A clock set backwards must not lock anyone out for longer than the maximum.
        return max(timedelta(0), min(remaining, MAX_DELAY))

    def may_try(self) -> bool:
        return self.wait_remaining() == timedelta(0)

    def failed(self) -> None:
        self.state = AttemptState(self.state.failures + 1, self._clock())

    def succeeded(self) -> None:
        self.state = AttemptState()


def wait_message(remaining: timedelta) -> str:
    """Dutch text for the unlock dialog; says nothing about whether the password was close."""
    seconds = max(1, int(remaining.total_seconds() + 0.999))
    if seconds < 60:
        amount = f"{seconds} seconden" if seconds != 1 else "1 seconde"
    else:
        minutes = (seconds + 59) // 60
        amount = f"{minutes} minuten" if minutes != 1 else "1 minuut"
    return (f"Er is een aantal keer een verkeerd wachtwoord ingevoerd. Wacht {amount} en "
            "probeer het dan opnieuw. Uw gegevens blijven bewaard.")
