"""Start the app on an already unlocked vault and report when the caseload shows its rows.

Run by the benchmark as a child process (``python -m bench.app_probe <kluis.db>``), with the
data key in ``BENCH_VAULT_KEY`` (hex) and the parent's wall-clock time just before it started
the process in ``BENCH_T0``: the time measured runs from process start (interpreter and imports
included) to the first paint of the caseload table with rows, without key derivation. Prints
one JSON line: ``{"seconds": …, "rows": …, "rss_mb": …, "peak_rss_mb": …}``.
"""

from __future__ import annotations

import os
import sys
import time

T0 = float(os.environ.get("BENCH_T0", time.time()))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json  # noqa: E402
from datetime import datetime  # noqa: E402
from pathlib import Path  # noqa: E402

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from thuiszitter_desktop.services.context import AppContext  # noqa: E402
from thuiszitter_desktop.storage.sqlcipher import make_engine  # noqa: E402
from thuiszitter_desktop.storage.vault import Vault  # noqa: E402
from thuiszitter_desktop.ui.main_window import MainWindow  # noqa: E402

TIMEOUT_MS = 120_000


def memory_mb() -> tuple[float, float]:
    """Current and peak resident memory of this process (Linux /proc), in MB."""
    fields: dict[str, float] = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0]) / 1024
    return fields.get("VmRSS", 0.0), fields.get("VmHWM", 0.0)


class FirstPaint(QObject):
    """Quits the event loop after the table's first paint with rows."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window = window
        self.seconds: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (self.seconds is None and event.type() == QEvent.Type.Paint
                and self.window.caseload.proxy.rowCount() > 0):
            self.seconds = time.time() - T0
            QTimer.singleShot(0, QApplication.quit)
        return False


def main(argv: list[str]) -> int:
    path = Path(argv[1])
    key = bytes.fromhex(os.environ["BENCH_VAULT_KEY"])
    app = QApplication(argv[:1])
    app.setStyle("Fusion")
    # Opened like Vault.unlock does after key derivation; the schema is already current.
    vault = Vault(path, make_engine(path, key), key)
    ctx = AppContext(vault=vault, actor="bench", clock=datetime.now)
    window = MainWindow(ctx)
    window.show_page(window.caseload)
    probe = FirstPaint(window)
    window.caseload.table.viewport().installEventFilter(probe)
    window.show()
    QTimer.singleShot(TIMEOUT_MS, QApplication.quit)
    app.exec()
    rss, peak = memory_mb()
    print(json.dumps({"seconds": probe.seconds, "rows": window.caseload.proxy.rowCount(),
                      "rss_mb": round(rss, 1), "peak_rss_mb": round(peak, 1)}))
    window.close()
    vault.lock()
    return 0 if probe.seconds is not None else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
