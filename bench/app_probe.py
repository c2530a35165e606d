"""Start the app on an already unlocked vault and report when the caseload shows its rows.

Run by the benchmark as a child process (``python -m bench.app_probe <kluis.db>``), with the
data key in ``BENCH_VAULT_KEY`` (hex) and the parent's wall-clock time just before it started
the process in ``BENCH_T0``: the time measured runs from process start (interpreter and imports
included) to the first paint of the caseload table with rows, without key derivation; and on to
the moment every row is loaded. Meanwhile a 5 ms timer measures the longest time the event loop
did not get round to it (the window frozen). Prints one JSON line: ``{"seconds": …,
"all_rows_seconds": …, "longest_block": …, "rows": …, "rss_mb": …, "peak_rss_mb": …}``.
"""

from __future__ import annotations

import os
import sys
import time

T0 = float(os.environ.get("BENCH_T0", time.time()))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import json  # noqa: E402
import threading  # noqa: E402
from collections.abc import Callable  # noqa: E402
from datetime import datetime  # noqa: E402
from pathlib import Path  # noqa: E402

from thuiszitter_desktop.services.bulk import kept_for_the_session  # noqa: E402

with kept_for_the_session():  # as thuiszitter_desktop.__main__ imports the app
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from thuiszitter_desktop.services import vault_health
    from thuiszitter_desktop.services.context import AppContext
    from thuiszitter_desktop.storage.sqlcipher import make_engine
    from thuiszitter_desktop.storage.vault import Vault
    from thuiszitter_desktop.ui.main_window import MainWindow

TIMEOUT_MS = 120_000


def memory_mb() -> tuple[float, float]:
    """Current and peak resident memory of this process (Linux /proc), in MB."""
    fields: dict[str, float] = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0]) / 1024
    return fields.get("VmRSS", 0.0), fields.get("VmHWM", 0.0)


TICK_MS = 5


class FirstPaint(QObject):
    """Notes the table's first paint with rows and when every row is in; quits after that.
    A timer ticking every 5 ms notes the longest gap between its ticks, less the 5 ms."""

    def __init__(self, window: MainWindow,
                 on_all_rows: Callable[[], object] | None = None) -> None:
        super().__init__()
        self.window = window
        self.on_all_rows = on_all_rows
        self.seconds: float | None = None
        self.all_rows_seconds: float | None = None
        self.longest_block = 0.0
        self._last_tick = time.perf_counter()
        self.ticker = QTimer(self)
        self.ticker.setInterval(TICK_MS)
        self.ticker.timeout.connect(self._tick)
        self.ticker.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest_block = max(self.longest_block, now - self._last_tick - TICK_MS / 1000)
        self._last_tick = now
        page = self.window.caseload
        if (self.seconds is not None and self.all_rows_seconds is None
                and not page.loading and page.model.rowCount() > 0):
            self.all_rows_seconds = time.time() - T0
            if self.on_all_rows is not None:
                self.on_all_rows()
            QTimer.singleShot(50, QApplication.quit)  # a few more ticks after the last rows

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (self.seconds is None and event.type() == QEvent.Type.Paint
                and self.window.caseload.model.rowCount() > 0):
            self.seconds = time.time() - T0
        return False


def start_unlock_check(ctx: AppContext, done: dict[str, float]) -> None:
    """The check the app starts once the caseload is read (``AppController._unlock_job``)."""

    def job() -> None:
        vault_health.check_at_unlock(ctx)
        done["check_done_s"] = time.time() - T0

    threading.Thread(target=job, name="checks-after-unlock", daemon=True).start()


def main(argv: list[str]) -> int:
    path = Path(argv[1])
    key = bytes.fromhex(os.environ["BENCH_VAULT_KEY"])
    app = QApplication(argv[:1])
    app.setStyle("Fusion")
    # Opened like Vault.unlock does after key derivation; the schema is already current.
    vault = Vault(path, make_engine(path, key), key)
    ctx = AppContext(vault=vault, actor="bench", clock=datetime.now)
    window = MainWindow(ctx, load_in_background=True)  # as the app opens it
    window.show_page(window.caseload)
    check: dict[str, float] = {}
    with_check = bool(os.environ.get("BENCH_UNLOCK_CHECK"))
    probe = FirstPaint(window, (lambda: start_unlock_check(ctx, check)) if with_check else None)
    window.caseload.table.viewport().installEventFilter(probe)
    window.show()
    QTimer.singleShot(TIMEOUT_MS, QApplication.quit)
    app.exec()
    while with_check and "check_done_s" not in check:
        time.sleep(0.01)  # the check runs on after the last rows
    rss, peak = memory_mb()
    print(json.dumps({"seconds": probe.seconds, "all_rows_seconds": probe.all_rows_seconds,
                      "longest_block": probe.longest_block,
                      "rows": window.caseload.model.rowCount(),
                      "rss_mb": round(rss, 1), "peak_rss_mb": round(peak, 1), **check}))
    window.close()
    vault.lock()
    return 0 if probe.all_rows_seconds is not None else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
