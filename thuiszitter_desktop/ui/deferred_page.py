"""A main-window page that is built, and its module imported, when it is first needed.

Start-up time is mostly imports (bench/: process start to the first rows). The pages a user
may never open in a session (Aanmelden, MDO, Beleidsinformatie) and the case window bring
their own modules; their holders stand in the page list until the page is shown or asked for.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtWidgets import QVBoxLayout, QWidget

from thuiszitter_desktop.ui.lazy_page import ShowAware

PageT = TypeVar("PageT", bound=QWidget)


class DeferredPage(QWidget, Generic[PageT]):
    """Holds the place of a page in the main window's stack; ``page`` builds it once.

    ``build`` is a bound method of the window, held weakly: a strong one would keep a closed
    window alive in a reference cycle (window → holder → method → window)."""

    def __init__(self, build: Callable[[], PageT], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build = weakref.WeakMethod(build)
        self._page: PageT | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        return self._page is not None

    @property
    def page(self) -> PageT:
        if self._page is None:
            build = self._build()
            if build is None:
                raise RuntimeError("the window of this page was closed")
            self._page = build()
            self._layout.addWidget(self._page)
        return self._page

    def holds(self, widget: QWidget) -> bool:
        return widget is self._page

    # ShowAware: the main window tells its pages when they are shown and hidden.
    def page_shown(self) -> None:
        page: object = self.page
        if isinstance(page, ShowAware):
            page.page_shown()

    def page_hidden(self) -> None:
        page: object = self._page
        if isinstance(page, ShowAware):
            page.page_hidden()
