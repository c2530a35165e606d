"""Puts the policy dashboard and the list comparison into the main window (one call)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from thuiszitter_desktop.ui.figures_page import FiguresPage
from thuiszitter_desktop.ui.list_import_dialog import ListImportDialog

if TYPE_CHECKING:
    from thuiszitter_desktop.ui.main_window import MainWindow


def install_figures(window: MainWindow) -> FiguresPage:
    page = FiguresPage(window.ctx, lazy=True, cache=window.clock_cache)  # when first shown
    window.add_page("Beleidsinformatie", page)
    page.open_case.connect(window.open_case)
    page.compare_list.connect(lambda: ListImportDialog(window.ctx, parent=window).exec())
    window.changes.changed.connect(page.on_change)
    window.lock_requested.connect(page.clear)
    return page
