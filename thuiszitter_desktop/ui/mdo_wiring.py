"""Puts the MDO page into the main window (one call)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from thuiszitter_desktop.ui.mdo_page import MdoPage

if TYPE_CHECKING:
    from thuiszitter_desktop.ui.main_window import MainWindow


def install_mdo(window: MainWindow) -> MdoPage:
    page = MdoPage(window.ctx, lazy=True)  # loads when first shown
    window.add_page("MDO", page)
    window.changes.changed.connect(page.on_change)
    window.lock_requested.connect(page.clear)
    return page
