"""Fault points for the failure tests: the server kills itself (SIGKILL) at a named point.

Off unless ``THUISZITTER_SERVER_FAULT`` names the point (e.g. ``push-after-commit``); the tests
start a server process with it to prove a kill at that moment loses nothing.
"""

from __future__ import annotations

import os
import signal

ENV = "THUISZITTER_SERVER_FAULT"


def reached(point: str) -> None:
    if os.environ.get(ENV) == point:
        os.kill(os.getpid(), signal.SIGKILL)
