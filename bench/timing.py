"""Timing helpers: medians of repeated runs, and paired runs for ratios.

A ratio is measured by alternating the two subjects run by run, so a burst of load from another
process on this (shared, noisy) machine hits both alike.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any


def elapsed(action: Callable[[], Any]) -> float:
    """Seconds one call of ``action`` takes (wall clock)."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def median_time(action: Callable[[], Any], runs: int, warmup: int = 1) -> float:
    """Median seconds over ``runs`` calls, after ``warmup`` unmeasured calls."""
    for _ in range(warmup):
        action()
    return statistics.median(elapsed(action) for _ in range(runs))


def paired_medians(first: Callable[[], Any], second: Callable[[], Any], runs: int,
                   warmup: int = 1) -> tuple[float, float]:
    """Median seconds of two actions, run alternately (first, second, first, …)."""
    for _ in range(warmup):
        first()
        second()
    a: list[float] = []
    b: list[float] = []
    for _ in range(runs):
        a.append(elapsed(first))
        b.append(elapsed(second))
    return statistics.median(a), statistics.median(b)
