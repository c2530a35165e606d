"""Auto-lock: watches user input application-wide and asks to lock after idle time.

What is detected, per platform:
- all platforms: no keyboard/mouse/touch input for the set time (default 5, at most 15 min);
  suspend/hibernate is caught too, because idle time is measured on the wall clock, so the first
  timer tick after waking sees the whole sleep as idle time;
- all platforms: ``QGuiApplication.applicationStateChanged`` → ``ApplicationSuspended``
  (sent by Qt where the platform reports it, e.g. mobile/macOS app suspension);
- Linux desktops: the session's screen saver/locker (D-Bus ``org.freedesktop.ScreenSaver``
  ``ActiveChanged`` and systemd-logind ``PrepareForSleep``), when a D-Bus session is present;
- Windows/macOS screen lock is not signalled to Qt apps; the idle timer covers it.
Open dialogs cannot keep the session alive: the timer runs inside their event loops too.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QGuiApplication

from thuiszitter_desktop.domain.autolock import DEFAULT_IDLE_MINUTES, should_lock

INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate,
    QEvent.Type.TabletPress, QEvent.Type.Shortcut,
})
TICK_MS = 15_000


class AutoLock(QObject):
    """Emits ``lock_now`` once when idle too long or when the screen locks / system sleeps."""

    lock_now = Signal(str)  # reason: "inactief", "scherm vergrendeld", "slaapstand"

    def __init__(self, clock: Callable[[], datetime] = datetime.now,
                 idle_minutes: int = DEFAULT_IDLE_MINUTES, tick_ms: int = TICK_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self.idle_minutes = idle_minutes
        self.last_input = clock()
        self.active = False
        self.timer = QTimer(self)
        self.timer.setInterval(tick_ms)
        self.timer.timeout.connect(self.check)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.installEventFilter(self)
            app.applicationStateChanged.connect(self._state_changed)
        self._listen_to_session_bus()

    def start(self, idle_minutes: int | None = None) -> None:
        if idle_minutes is not None:
            self.idle_minutes = idle_minutes
        self.last_input = self._clock()
        self.active = True
        self.timer.start()

    def stop(self) -> None:
        self.active = False
        self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.active and event.type() in INPUT_EVENTS:
            self.last_input = self._clock()
        return False

    def check(self) -> None:
        if self.active and should_lock(self.last_input, self._clock(), self.idle_minutes):
            self._fire("inactief")

    def _fire(self, reason: str) -> None:
        if self.active:
            self.stop()
            self.lock_now.emit(reason)

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationSuspended:
            self._fire("slaapstand")

    # -- Linux session signals (best effort; absent buses are ignored) ---------------------
    @Slot(bool)
    def screensaver_active(self, active: bool) -> None:
        if active:
            self._fire("scherm vergrendeld")

    @Slot(bool)
    def preparing_for_sleep(self, sleeping: bool) -> None:
        if sleeping:
            self._fire("slaapstand")

    def _listen_to_session_bus(self) -> None:
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError:  # pragma: no cover - QtDBus missing on this platform
            return
        session = QDBusConnection.sessionBus()
        if session.isConnected():
            for service in ("org.freedesktop.ScreenSaver", "org.gnome.ScreenSaver"):
                path = "/" + service.replace(".", "/")
                # The stubs say bytes; PySide6 accepts only str here (checked at runtime).
                session.connect("", path, service, "ActiveChanged", self,  # type: ignore[call-overload]
                                "screensaver_active(bool)")
        system = QDBusConnection.systemBus()
        if system.isConnected():
            system.connect("org.freedesktop.login1", "/org/freedesktop/login1",  # type: ignore[call-overload]
                           "org.freedesktop.login1.Manager", "PrepareForSleep", self,
                           "preparing_for_sleep(bool)")
