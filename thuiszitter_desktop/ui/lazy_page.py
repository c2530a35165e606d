"""When a page of the main window loads its data: not before it is first shown.

Building every page with the whole caseload made start-up slow (each page read everything,
see bench/). A page on its own (``lazy=False``, as in tests and dialogs) loads at once and
reloads on every relevant change. In the main window (``lazy=True``) it loads when first shown;
a change while it is hidden only marks it stale, and it reloads when shown again. The main
window tells its pages with ``page_shown()`` / ``page_hidden()`` (``ShowAware``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, runtime_checkable


@runtime_checkable
class ShowAware(Protocol):
    def page_shown(self) -> None: ...

    def page_hidden(self) -> None: ...


class LazyLoad:
    def __init__(self, load: Callable[[], None], *, lazy: bool) -> None:
        self._load = load
        self.shown = not lazy
        self.stale = True
        if self.shown:
            self.reload()

    def show(self) -> None:
        self.shown = True
        if self.stale:
            self.reload()

    def hide(self) -> None:
        self.shown = False

    def changed(self) -> bool:
        """A relevant change: reload now when shown (True), else only mark stale (False)."""
        if self.shown:
            self.reload()
            return True
        self.stale = True
        return False

    def reload(self) -> None:
        self.stale = False
        self._load()

    def forget(self) -> None:
        """The page was cleared (the vault locks): load again when shown."""
        self.stale = True


class LazyPage:
    """``page_shown``/``page_hidden`` for a page whose data loads through ``self.loader``."""

    loader: LazyLoad

    def page_shown(self) -> None:
        self.loader.show()

    def page_hidden(self) -> None:
        self.loader.hide()
