"""Screenshots of every screen and dialog (``screen_catalog``), to look at as a user would.

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python tests/gui/screenshots.py OUT
    QT_SCALE_FACTOR=2 xvfb-run -a -s "-screen 0 1600x1000x24" \\
        .venv/bin/python tests/gui/screenshots.py OUT

Writes OUT/<screen>.png (the window as shown, fitted to the screen by the app's rules) and
OUT/sizes.txt (each window's frame and the screen's free area, in logical pixels).
Fictitious demo data only.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import screen_catalog
from PySide6.QtWidgets import QApplication

from thuiszitter_desktop.ui.app_rules import install_app_rules
from thuiszitter_desktop.ui.qt_dutch import install_dutch_translations


def settle(app: QApplication, seconds: float = 0.4) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def main(out: Path, only: set[str]) -> None:
    app = QApplication(sys.argv[:1])
    install_app_rules(app)
    install_dutch_translations(app)
    out.mkdir(parents=True, exist_ok=True)
    area = app.primaryScreen().availableGeometry()
    lines = [f"scherm (vrij) {area.width()}x{area.height()}"]
    with tempfile.TemporaryDirectory() as folder:
        env = screen_catalog.demo_env(Path(folder))
        for name, open_screen in screen_catalog.screens():
            if only and name not in only:
                continue
            window = open_screen(env)
            window.show()
            window.activateWindow()
            settle(app)
            frame = window.frameGeometry()
            lines.append(f"{name}: {frame.width()}x{frame.height()} op ({frame.x()},{frame.y()})")
            window.grab().save(str(out / f"{name}.png"))
            window.close()
            window.deleteLater()
            settle(app, 0.05)
        env.close()
    (out / "sizes.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), set(sys.argv[2:]))
