"""Opens every screen (``screen_catalog``) and reports what does not fit the screen.

Run by ``test_window_fit.py`` in a subprocess, because ``QT_SCALE_FACTOR`` must be set before
the QApplication exists. Prints one JSON object: the screen's free area, how many screens were
checked, and the problems (a window outside the free area, a button outside its window, a
page or form that scrolls sideways: at 200 % half of every row was out of sight).
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import screen_catalog
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QPushButton, QScrollArea, QWidget

# A button in a scroll area's page is brought in view by scrolling.
from thuiszitter_desktop.ui.app_rules import install_app_rules, scroll_area_around


def problems_of(name: str, window: QWidget, area: QRect) -> list[str]:
    found = []
    frame = window.frameGeometry()
    if not area.contains(frame):
        found.append(f"{name}: venster {frame.width()}x{frame.height()} op "
                     f"({frame.x()},{frame.y()}) valt buiten {area.width()}x{area.height()}")
    inside = window.rect()
    for button in window.findChildren(QPushButton):
        if (not button.isVisibleTo(window) or button.window() is not window
                or scroll_area_around(button) is not None):
            continue
        where = QRect(button.mapTo(window, button.rect().topLeft()), button.size())
        if not inside.contains(where):
            found.append(f"{name}: knop '{button.text()}' buiten het venster")
    for area_ in window.findChildren(QScrollArea):  # pages and forms, not tables or lists
        if area_.isVisibleTo(window) and area_.horizontalScrollBar().maximum() > 0:
            page = area_.widget()
            found.append(f"{name}: {type(page).__name__ if page else 'pagina'} schuift "
                         f"{area_.horizontalScrollBar().maximum()} px opzij")
    return found


def main() -> None:
    app = QApplication(sys.argv[:1])
    install_app_rules(app)
    area = app.primaryScreen().availableGeometry()
    problems: list[str] = []
    checked = 0
    with tempfile.TemporaryDirectory() as folder:
        env = screen_catalog.demo_env(Path(folder))
        for name, open_screen in screen_catalog.screens():
            window = open_screen(env)
            window.show()
            for _ in range(3):
                app.processEvents()
            problems += problems_of(name, window, area)
            checked += 1
            window.close()
            window.deleteLater()
            app.processEvents()
        env.close()
    print(json.dumps({"area": [area.width(), area.height()], "checked": checked,
                      "problems": problems}))


if __name__ == "__main__":
    main()
