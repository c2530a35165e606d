"""Adapter from the services' change bus to a Qt signal, so views refresh themselves."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from thuiszitter_desktop.services.context import Change, ChangeBus


class QtChanges(QObject):
    changed = Signal(object)  # Change

    def __init__(self, bus: ChangeBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unsubscribe = bus.subscribe(self._forward)

    def _forward(self, change: Change) -> None:
        self.changed.emit(change)

    def detach(self) -> None:
        self._unsubscribe()
