"""Measures the plan editor's tables in the demo case window, at the scale it is started with.

Run by ``test_plan_table_layout.py`` in a subprocess (``QT_SCALE_FACTOR`` is read when the
QApplication starts). Prints one JSON object with, per table, each column's width in average
characters, how far the table scrolls sideways, the rows shorter than their wrapped text and
the header titles that do not fit; and whether the SMART tips sit beside the tables.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import screen_catalog
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication, QTableView

from thuiszitter_desktop.ui.app_rules import install_app_rules


def measure(view: QTableView) -> dict[str, object]:
    model = view.model()
    header = view.horizontalHeader()
    char = view.fontMetrics().averageCharWidth()
    metrics = header.fontMetrics()
    titles_cut = []
    for column in range(model.columnCount()):
        title = str(model.headerData(column, Qt.Orientation.Horizontal))
        needed = metrics.boundingRect(QRect(0, 0, header.sectionSize(column) - 12, 10_000),
                                      Qt.TextFlag.TextWordWrap, title)
        if needed.height() > header.height() or needed.width() > header.sectionSize(column):
            titles_cut.append(title)
    return {
        "characters": [round(header.sectionSize(c) / char, 1)
                       for c in range(model.columnCount())],
        "sideways": view.horizontalScrollBar().maximum(),
        "rows": model.rowCount(),
        "short_rows": [row for row in range(model.rowCount())
                       if view.rowHeight(row) < view.sizeHintForRow(row)],
        "titles_cut": titles_cut,
    }


def main() -> None:
    app = QApplication(sys.argv[:1])
    install_app_rules(app)
    area = app.primaryScreen().availableGeometry()
    with tempfile.TemporaryDirectory() as folder:
        env = screen_catalog.demo_env(Path(folder))
        window = screen_catalog._case_window(env, "Plan van aanpak")
        window.show()
        for _ in range(5):
            app.processEvents()
        tab = window.plan_tab
        report = {"area": [area.width(), area.height()],
                  "tips_beside": tab.main_splitter.orientation() is Qt.Orientation.Horizontal,
                  "goals": measure(tab.goals_view), "actions": measure(tab.actions_view)}
        window.close()
        env.close()
    print(json.dumps(report))


if __name__ == "__main__":
    main()
