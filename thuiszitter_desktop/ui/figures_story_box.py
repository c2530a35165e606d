"""Beside the quarterly figures: follow-up after closing, what the figures still count on an
update's assumption, and the story of the quarter (seed 000, casus 2: "Deze kwartaalcijfers
plus het verhaal zijn van belang")."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from thuiszitter_desktop.domain.errors import UserError
from thuiszitter_desktop.domain.limits import LONG_TEXT
from thuiszitter_desktop.domain.quarters import Quarter
from thuiszitter_desktop.services import figures, follow_up
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.text_limits import count_characters
from thuiszitter_desktop.ui.widgets import ErrorLabel, text_box


class StoryBox(QGroupBox):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__("Nazorg en het verhaal bij de cijfers")
        self._ctx = ctx
        self._quarter: Quarter | None = None
        self.follow_ups = QLabel()
        self.follow_ups.setWordWrap(True)
        self.follow_ups.setObjectName("followUpFigures")
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setObjectName("figureNotes")
        self.notes.setStyleSheet("color: #7A5B00;")
        self.story = text_box("", "Wat zit er achter deze cijfers? Bijv. wachtlijsten, nieuwe "
                                  "afspraken, wat goed ging of vastliep.", 110)
        self.story.setAccessibleName("Het verhaal bij de kwartaalcijfers")
        count_characters(LONG_TEXT, self.story)
        self.save_button = QPushButton("Verhaal &opslaan")
        self.saved = QLabel()
        self.error = ErrorLabel()
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.saved, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.follow_ups)
        layout.addWidget(self.notes)
        layout.addWidget(QLabel("Het verhaal bij dit kwartaal (komt in het kwartaalrapport):"))
        layout.addWidget(self.story)
        layout.addWidget(self.error)
        layout.addLayout(row)
        self.save_button.clicked.connect(self.save_story)
        self.story.textChanged.connect(lambda: self.saved.clear())

    def show_quarter(self, quarter: Quarter) -> None:
        self._quarter = quarter
        found = follow_up.quarter_follow_ups(self._ctx, quarter)
        self.follow_ups.setText("Nazorg na afsluiten: "
                                + figures.follow_up_sentence(found))
        lines = figures.figure_notes(self._ctx).lines
        self.notes.setText("\n".join(lines))
        self.notes.setVisible(bool(lines))
        self.story.setPlainText(figures.quarter_story(self._ctx, quarter))
        self.saved.clear()

    def save_story(self) -> None:
        if self._quarter is None:
            return
        try:
            figures.save_quarter_story(self._ctx, self._quarter, self.story.toPlainText())
        except UserError as exc:
            self.error.show_message(exc.message)
            return
        self.error.show_message(None)
        self.saved.setText("Opgeslagen.")
