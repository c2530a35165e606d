"""A notice at the top of a case: what an update assumed about its older data, until seen."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from thuiszitter_desktop.domain.assumptions import Assumption
from thuiszitter_desktop.services import assumptions
from thuiszitter_desktop.services.context import AppContext


class AssumptionsBanner(QWidget):
    def __init__(self, ctx: AppContext, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._case_id = ctx, case_id
        self._open: list[Assumption] = []
        self.text = QLabel()
        self.text.setObjectName("assumptionsNotice")
        self.text.setWordWrap(True)
        self.text.setStyleSheet("background: #FFF4CE; border: 1px solid #C8A400; padding: 6px;")
        self.seen_button = QPushButton("&Gezien")
        self.seen_button.setToolTip("Deze aannames zijn gecontroleerd; ze verdwijnen hier "
                                    "(vastgelegd met uw naam en de datum)")
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.seen_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text)
        layout.addLayout(row)
        self.seen_button.clicked.connect(self.mark_seen)
        self.reload()

    def reload(self) -> None:
        self._open = [a for a in assumptions.for_case(self._ctx, self._case_id) if a.open]
        lines = [f"• {a.subject.label}: {a.detail}" for a in self._open]
        self.text.setText("Bij de update van de app is over deze casus het volgende "
                          "aangenomen. Controleer het en pas zo nodig de gegevens aan:\n"
                          + "\n".join(lines))
        self.setVisible(bool(self._open))

    def mark_seen(self) -> None:
        for item in self._open:
            assumptions.mark_seen(self._ctx, item)
        self.reload()
