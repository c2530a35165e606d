"""The consulent's 'School' tab in a case: what the school's zorgcoördinator added (issue 21).

Read-only here (the school writes it in *Mijn school*): the school's input and its MDO
proposals, newest first, and whether sharing with school is agreed today.
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

from thuiszitter_desktop.domain.consent import Step
from thuiszitter_desktop.services import consent, school_role
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.school_page import pupil_html


class SchoolInputTab(QWidget):
    def __init__(self, ctx: AppContext, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.case_id = ctx, case_id
        self.view = QTextBrowser()
        self.view.setAccessibleName("Wat de school inbracht")
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        self.reload()

    def reload(self) -> None:
        gaps = consent.gaps(self.ctx, self.case_id, Step.SCHOOL)
        shared = ("<p>De zorgcoördinator van de school ziet deze leerling: er is toestemming "
                  "om gegevens met school te delen.</p>" if not gaps else
                  "<p><b>De school ziet deze leerling niet.</b> "
                  + " ".join(escape(g) for g in gaps) + "</p>")
        view = school_role.pupil_view(self.ctx, self.case_id)
        self.view.setHtml(shared + pupil_html("Wat de school ziet en inbrengt", view))
