"""Helpers for reads that build many objects at once (the whole caseload)."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Iterator
from typing import TypeVar

T = TypeVar("T")


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many small, acyclic objects.

    Loading a large caseload creates millions of objects (rows, dates, plan snapshots); every
    automatic collection then rescans the growing heap, which made loading 50,000 cases about
    1.6 times slower (see bench/). Reference counting still frees everything meanwhile, and a
    collection runs as usual once the collector is back on.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def built_with_paused_gc(build: Callable[[], T]) -> T:
    """``build()`` with the collector paused, for work that reads and then condenses.

    What ``build`` made and dropped (the cases read, say) is freed by reference counting as
    it returns, before the collector resumes: a collection triggered on resuming would scan
    every such object once more (about 0.1 s at 50,000 cases) only to find it garbage.
    """
    with paused_gc():
        return build()


@contextlib.contextmanager
def kept_for_the_session() -> Iterator[None]:
    """``paused_gc`` for a read whose result the window keeps (the open cases' clock, the
    caseload's rows), after which everything alive is moved out of the collector's sight.

    Otherwise the next automatic collection (in whichever thread allocates, holding the
    interpreter lock) rescans the millions of objects a region's caseload keeps: the window
    froze for 0.4 to 0.7 s at 50,000 cases (bench/). Reference counting still frees them when
    they are dropped; only reference cycles among them wait for ``release_kept``.
    """
    with paused_gc():
        yield
        gc.freeze()


def release_kept() -> None:
    """When the vault locks: what was kept may be garbage now; collect it as usual again."""
    gc.unfreeze()
