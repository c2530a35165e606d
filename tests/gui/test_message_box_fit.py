"""A message with a long sentence stays readable at 200 %: the window-fit rule used to measure a
QMessageBox before it wrapped its own text, put it in a scroll area and shrink it to a sliver
(seen with the notice after a role change and the 'Niet meer in het team' warning).

The scale is read when the QApplication starts, so the check runs in its own process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

NOTICE = ("De beheerder van het team heeft uw rol gewijzigd: u bent nu consulent (was "
          "zorgcoördinator). De app toont nu de schermen voor die rol.\n\nNieuw: Vandaag, "
          "Caseload, Aanmelden, MDO, Beleidsinformatie.\nNiet meer te zien: Mijn school.")
SCREEN = {"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1600, "height": 1000,
                       "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}


def test_a_long_message_is_shown_whole_at_200_percent(tmp_path: Path) -> None:
    config = tmp_path / "screen.json"
    config.write_text(json.dumps(SCREEN))
    env = {**os.environ, "QT_SCALE_FACTOR": "2",
           "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    done = subprocess.run([sys.executable, __file__], env=env, capture_output=True, text=True,
                          timeout=120, check=True)
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    assert shown["scroll_areas"] == 0
    assert shown["label_inside"]
    assert shown["width"] >= 300 and shown["height"] >= 100
    assert shown["width"] <= 800  # the free area at 200 %


def show_message() -> dict[str, object]:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox, QScrollArea

    from thuiszitter_desktop.ui.app_rules import install_app_rules

    app = QApplication(sys.argv[:1])
    install_app_rules(app)
    window = QMainWindow()
    window.resize(700, 450)
    window.show()
    box = QMessageBox(QMessageBox.Icon.Information, "Uw rol is gewijzigd", NOTICE,
                      QMessageBox.StandardButton.Ok, window)
    box.open()
    for _ in range(20):
        app.processEvents()
    [label] = [w for w in box.findChildren(QLabel) if w.text() == NOTICE]
    inside = box.rect().contains(label.geometry()) and label.height() >= \
        label.heightForWidth(label.width())
    return {"scroll_areas": len(box.findChildren(QScrollArea)), "label_inside": inside,
            "width": box.width(), "height": box.height()}


if __name__ == "__main__":
    print(json.dumps(show_message()))
