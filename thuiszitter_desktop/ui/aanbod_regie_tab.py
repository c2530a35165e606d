"""The 'Aanbod en regie' tab: who has the regie and what that means (with every change and
its reason), the passend aanbod offers as checked decisions, and the history of percentage,
verzuim type and situation."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain.errors import UserError
from thuiszitter_desktop.domain.limits import LONG_TEXT
from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.passend_aanbod import (
    AanbodCriterion,
    AanbodParty,
    ParentView,
    PassendAanbod,
    agreed_text,
)
from thuiszitter_desktop.domain.regie import RegieReason, regie_meaning
from thuiszitter_desktop.domain.vocab import Regie
from thuiszitter_desktop.services import cases, passend_aanbod, regie
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.aanbod_dialog import AanbodDialog
from thuiszitter_desktop.ui.date_field import DateField, format_date
from thuiszitter_desktop.ui.list_editor import fill_table, list_table
from thuiszitter_desktop.ui.text_limits import count_characters
from thuiszitter_desktop.ui.widgets import (
    EnumCombo,
    ErrorLabel,
    field_row,
    save_cancel_buttons,
    save_showing_errors,
)


class RegieDialog(QDialog):
    """'Regie overgenomen': to whom, from when, and why."""

    def __init__(self, ctx: AppContext, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Regie wijzigen")
        self._ctx, self._case = ctx, case
        self.to = EnumCombo(Regie)
        self.to.set_value(Regie.LEERPLICHT if case.regie is not Regie.LEERPLICHT
                          else Regie.SCHOOL)
        self.to.setAccessibleName("Nieuwe regiehouder")
        self.reason = EnumCombo(RegieReason)
        self.reason.setAccessibleName("Reden")
        self.on = DateField(ctx.today(), ctx.today(), key="on",
                            required="Vul de datum van de wisseling in.")
        self.on.setAccessibleName("Datum van de wisseling")
        self.note = QLineEdit()
        self.note.setPlaceholderText("Toelichting (verplicht bij 'Anders')")
        self.note.setAccessibleName("Toelichting")
        count_characters(LONG_TEXT, self.note)
        self.summary = ErrorLabel()
        form = QFormLayout(self)
        form.addRow(QLabel(f"Nu heeft <b>{case.regie.label}</b> de regie."))
        self.errors = {"to_regie": field_row(form, "Regie naar", self.to),
                       "reason": field_row(form, "Reden", self.reason),
                       "on": field_row(form, "Vanaf", self.on),
                       "note": field_row(form, "Toelichting", self.note)}
        form.addRow(self.summary)
        form.addRow(save_cancel_buttons(self._save, self.reject))

    def _save(self) -> None:
        def save() -> None:
            regie.take_over(self._ctx, self._case.id, self.to.member(), self.reason.member(),
                            self.on.day(), self.note.text())

        if save_showing_errors(save, self._show_errors, self.summary):
            self.accept()

    def _show_errors(self, errors: dict[str, str]) -> None:
        for field, label in self.errors.items():
            label.show_message(errors.get(field))


def offer_status(offer: PassendAanbod) -> str:
    """One short line for the table; the full reasons are in its tooltip."""
    if offer.unchecked:
        return "Ja, zoals eerder (criteria nog niet gecontroleerd)"
    since = offer.passend_since
    if since is not None:
        return f"Ja, sinds {format_date(since)}"
    parts = []
    if offer.voorlopig:
        parts.append("voorlopig aanbod")
    missing = len(AanbodCriterion) - len(offer.criteria)
    if missing:
        parts.append(f"{missing} {'criterium' if missing == 1 else 'criteria'} niet vastgelegd")
    if AanbodParty.OUDERS not in offer.agreed or offer.parent_view is not ParentView.PASSEND:
        parts.append("ouders niet ingestemd")
    return "Nee: " + ", ".join(parts or ["zie toelichting"])


class AanbodRegieTab(QWidget):
    changed = Signal()

    def __init__(self, ctx: AppContext, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._case_id = ctx, case_id
        self._offers: list[PassendAanbod] = []
        self._case: Case | None = None
        self._pupil: Pupil | None = None

        self.regie_now = QLabel()
        self.regie_now.setWordWrap(True)
        self.proposal = QLabel()
        self.proposal.setWordWrap(True)
        self.proposal.setObjectName("regieProposal")
        self.regie_button = QPushButton("&Regie wijzigen…")
        self.regie_table = list_table(["Vanaf", "Van", "Naar", "Reden", "Toelichting", "Door"],
                                      stretch_column=4, min_height=70)
        self.regie_table.setMaximumHeight(130)
        self.regie_table.setAccessibleName("Wisselingen van regie")
        regie_box = QGroupBox("Regie")
        regie_layout = QVBoxLayout(regie_box)
        regie_layout.addWidget(self.regie_now)
        regie_layout.addWidget(self.proposal)
        regie_layout.addWidget(self.regie_table)
        row = QHBoxLayout()
        row.addWidget(self.regie_button)
        row.addStretch(1)
        regie_layout.addLayout(row)

        self.offer_table = list_table(["Start", "Aanbod", "Ingestemd", "Telt het?"],
                                      stretch_column=3, min_height=110)
        self.offer_table.setAccessibleName("Passend aanbod")
        self.add_offer = QPushButton("&Aanbod vastleggen…")
        self.edit_offer = QPushButton("Aanbod &wijzigen…")
        self.remove_offer = QPushButton("Aanbod verwijderen")
        offer_box = QGroupBox("Passend aanbod (telt pas als het aan de vijf criteria voldoet en "
                              "de ouders instemmen)")
        offer_layout = QVBoxLayout(offer_box)
        offer_layout.addWidget(self.offer_table)
        row = QHBoxLayout()
        for button in (self.add_offer, self.edit_offer, self.remove_offer):
            row.addWidget(button)
        row.addStretch(1)
        offer_layout.addLayout(row)

        self.history_table = list_table(["Geldt vanaf", "Onderwijs", "Soort verzuim",
                                         "Situatie"], min_height=90)
        self.history_table.setAccessibleName("Verloop van onderwijs en situatie")
        self.history_table.setMaximumHeight(150)
        self.history_note = QLabel()
        self.history_note.setWordWrap(True)
        history_box = QGroupBox("Verloop van onderwijs en situatie (voor de kwartaalcijfers)")
        history_layout = QVBoxLayout(history_box)
        history_layout.addWidget(self.history_note)
        history_layout.addWidget(self.history_table)

        self.error = ErrorLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(regie_box)
        layout.addWidget(offer_box, 1)
        layout.addWidget(history_box)
        layout.addStretch(0)
        layout.addWidget(self.error)
        self.regie_button.clicked.connect(self.change_regie)
        self.add_offer.clicked.connect(lambda: self.edit(None))
        self.edit_offer.clicked.connect(lambda: self.edit(self._current_offer()))
        self.remove_offer.clicked.connect(self.remove)
        self.offer_table.cellDoubleClicked.connect(lambda *_: self.edit(self._current_offer()))
        self.reload()

    # -- data -----------------------------------------------------------------------------
    def reload(self) -> None:
        detail = cases.load_summary(self._ctx, self._case_id)
        self._case, self._pupil = detail
        case, pupil = detail
        self.regie_now.setText(regie_meaning(case.regie))
        proposal = regie.proposal(pupil, case)
        changes = regie.list_changes(self._ctx, self._case_id)
        taken = changes[-1] if changes and changes[-1].to_regie is case.regie else None
        if taken is not None and proposal.differs_from(case.regie):
            self.proposal.setText(f"Regie overgenomen op {format_date(taken.on)}: "
                                  f"{taken.reason.label.lower()}. Volgens de regionale afspraak "
                                  f"ligt die anders bij {proposal.regie.label}.")
            self.proposal.setStyleSheet("")
        elif proposal.differs_from(case.regie):
            self.proposal.setText(f"Volgens de regionale afspraak hoort de regie bij "
                                  f"{proposal.regie.label}: {proposal.reason} Wijzig de regie "
                                  "als dat klopt, met de reden.")
            self.proposal.setStyleSheet("background: #FFF4CE; padding: 4px;")
        else:
            self.proposal.setText(f"Dit volgt de regionale afspraak: {proposal.reason}")
            self.proposal.setStyleSheet("")
        fill_table(self.regie_table, [
            [format_date(c.on), c.from_regie.label, c.to_regie.label, c.reason.label, c.note,
             c.by] for c in changes])
        self._offers = passend_aanbod.list_offers(self._ctx, self._case_id)
        fill_table(self.offer_table, [
            [format_date(o.start), o.description, agreed_text(o.agreed) or "—",
             offer_status(o)] for o in self._offers])
        for row, offer in enumerate(self._offers):
            reasons = offer.shortfalls()
            cell = self.offer_table.item(row, 3)
            if cell is not None and reasons:
                cell.setToolTip("\n".join(reasons))
        has = bool(self._offers)
        self.edit_offer.setEnabled(has)
        self.remove_offer.setEnabled(has)
        history = cases.situation_history(self._ctx, self._case_id)
        fill_table(self.history_table, [
            [format_date(h.effective_from), f"{h.education_percentage}%", h.verzuim_type.label,
             h.huidige_situatie.label if h.huidige_situatie else "—"] for h in history])
        self.history_note.setText(
            "Nog geen wijzigingen: de kwartaalcijfers nemen aan dat de huidige waarden gelden "
            "sinds de aanmelding." if not history else
            "Elke wijziging op het tabblad Gegevens komt hier met de datum waarop die ingaat.")

    def _current_offer(self) -> PassendAanbod | None:
        row = self.offer_table.currentRow()
        return self._offers[row] if 0 <= row < len(self._offers) else (
            self._offers[-1] if self._offers else None)

    # -- actions --------------------------------------------------------------------------
    def change_regie(self) -> None:
        if self._case is None:
            return
        if RegieDialog(self._ctx, self._case, self).exec() == QDialog.DialogCode.Accepted:
            self.reload()
            self.changed.emit()

    def edit(self, offer: PassendAanbod | None) -> None:
        made = offer or PassendAanbod(case_id=self._case_id, start=self._ctx.today())
        if AanbodDialog(self._ctx, made, self).exec() == QDialog.DialogCode.Accepted:
            self.reload()
            self.changed.emit()

    def remove(self) -> None:
        offer = self._current_offer()
        if offer is None:
            return
        answer = QMessageBox.question(self, "Aanbod verwijderen",
                                      f"Het aanbod van {format_date(offer.start)} verwijderen?")
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            passend_aanbod.delete_offer(self._ctx, offer)
        except UserError as exc:
            self.error.show_message(exc.message)
            return
        self.reload()
        self.changed.emit()
