"""The 'Intake' tab of a case: the dated steps and the record of the intake conversation."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain.errors import UserError, ValidationError
from thuiszitter_desktop.domain.intake import IntakeRecord, ParentAnswers
from thuiszitter_desktop.domain.limits import LONG_TEXT, SHORT_TEXT
from thuiszitter_desktop.domain.stages import StageDates
from thuiszitter_desktop.domain.vocab import CaseStage, ContactKind, UitvalSignaal
from thuiszitter_desktop.services import intake
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.agreements_editor import AgreementsEditor
from thuiszitter_desktop.ui.date_field import DateField, check_dates, format_date
from thuiszitter_desktop.ui.reflow import ReflowColumns
from thuiszitter_desktop.ui.text_limits import count_characters
from thuiszitter_desktop.ui.widgets import (
    EnumChecks,
    EnumCombo,
    ErrorLabel,
    blocked_notice,
    clear_when_edited,
    field_row,
    save_showing_errors,
    show_blocking_reasons,
    text_box,
)


def _box(value: str, placeholder: str) -> QPlainTextEdit:
    return text_box(value, placeholder, height=70)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class StagesBox(QGroupBox):
    """Every step with its date; 'Vandaag' marks a step, dates can be corrected."""

    def __init__(self, ctx: AppContext, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__("Stappen", parent)
        self._ctx = ctx
        self._case_id = case_id
        grid = QGridLayout(self)
        self.fields: dict[CaseStage, DateField] = {}
        self.today_buttons: dict[CaseStage, QPushButton] = {}
        self.errors: dict[CaseStage, ErrorLabel] = {}
        self.closed = QLabel()
        for row, stage in enumerate(CaseStage):
            grid.addWidget(QLabel(stage.label), row * 2, 0)
            if stage is CaseStage.AFGESLOTEN:
                grid.addWidget(self.closed, row * 2, 1)
                continue
            field = DateField(None, ctx.today(), key=stage.name, empty_means="nog niet")
            field.edit.setAccessibleName(stage.label)
            button = QPushButton("Vandaag")
            button.setToolTip(f"'{stage.label}' vandaag vastleggen")
            button.clicked.connect(lambda _=False, s=stage: self.mark(s))
            error = ErrorLabel()
            clear_when_edited(field, error)
            grid.addWidget(field, row * 2, 1)
            grid.addWidget(button, row * 2, 2)
            grid.addWidget(error, row * 2 + 1, 1, 1, 2)
            self.fields[stage], self.today_buttons[stage], self.errors[stage] = (
                field, button, error)
        self.fields[CaseStage.AANMELDING_ONTVANGEN].required = (
            "De datum van aanmelding is nodig; u wijzigt hem op het tabblad Aanmelding.")
        self.save_button = QPushButton("Datums opslaan")
        self.message = ErrorLabel()
        grid.addWidget(self.message, len(CaseStage) * 2, 0, 1, 2)
        grid.addWidget(self.save_button, len(CaseStage) * 2, 2)
        grid.setColumnStretch(3, 1)  # keep the 'Vandaag' buttons next to their dates
        self.save_button.clicked.connect(self.save)
        self.show_stages(intake.load_stages(ctx, case_id))

    def show_stages(self, stages: StageDates) -> None:
        for stage, field in self.fields.items():
            field.set_value(stages.dates.get(stage))
        self._shown = self._dates()
        closed = stages.dates.get(CaseStage.AFGESLOTEN)
        self.closed.setText(format_date(closed) if closed else "— (via 'Casus afsluiten')")

    def mark(self, stage: CaseStage) -> None:
        try:
            stages = intake.mark_stage(self._ctx, self._case_id, stage)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return
        except UserError as exc:
            self.message.show_message(exc.message)
            return
        self.show_errors({})
        self.show_stages(stages)

    def _dates(self) -> dict[CaseStage, date]:
        """The dates filled in; raises ``ValidationError`` for text that is not a date."""
        check_dates(*self.fields.values())
        return {s: d for s, f in self.fields.items() if (d := f.value()) is not None}

    def has_unsaved_changes(self) -> bool:
        try:
            return self._dates() != self._shown
        except ValidationError:
            return True

    def save(self) -> bool:
        try:
            stages = intake.save_stages(self._ctx, self._case_id, self._dates())
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return False
        except UserError as exc:
            self.message.show_message(exc.message)
            return False
        self.show_errors({})
        self.show_stages(stages)
        return True

    def show_errors(self, errors: dict[str, str]) -> None:
        self.message.show_message(None)
        for stage, label in self.errors.items():
            label.show_message(errors.get(stage.name))


class IntakeForm(QWidget):
    """The intake conversation: what was discussed, the pupil's and parents' own words."""

    def __init__(self, record: IntakeRecord, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._record = record
        self.field_errors: dict[str, ErrorLabel] = {}
        r, answers = record, record.parent_answers
        self.held_on = DateField(r.held_on, today, key="held_on",
                                 required="Vul de datum van het gesprek in.")
        self.kind = EnumCombo(ContactKind)
        self.kind.set_value(r.kind)
        self.participants = QLineEdit(r.participants)
        self.participants.setPlaceholderText("Bijv. Zoë, moeder, mentor")
        self.background = _box(r.background, "Achtergrond van de problemen")
        self.absence_reason = _box(r.absence_reason, "Reden van het verzuim")
        self.needed_to_resume = _box(r.needed_to_resume, "Wat is nodig om weer naar school te "
                                                         "gaan?")
        self.involved_help = _box(r.involved_help, "Welke hulpverlening is betrokken?")
        self.school_role = _box(r.school_role, "Wat doet school?")
        self.risk_factors = _box("\n".join(r.risk_factors), "Eén per regel")
        self.protective_factors = _box("\n".join(r.protective_factors), "Eén per regel")
        self.pupil_own_words = _box(r.pupil_own_words, "Wat wil je zelf? (in eigen woorden)")
        words = [*answers.three_words, "", "", ""][:3]
        self.three_words = [QLineEdit(w) for w in words]
        things = [*answers.two_things, "", ""][:2]
        self.two_things = [QLineEdit(t) for t in things]
        self.one_wish = QLineEdit(answers.one_wish)
        count_characters(SHORT_TEXT, *self.three_words)
        count_characters(LONG_TEXT, self.participants, *self.two_things, self.one_wish)
        self.health_details = _box(r.health_details, "Alleen wat met het verzuim te maken "
                                                     "heeft")
        self.health_needed = QCheckBox("Nodig in de terugkoppeling")
        self.health_needed.setChecked(r.health_needed)
        self.pupil_shares_reason = QCheckBox(
            "Leerling (16+) vindt het goed dat ouders en school de reden lezen")
        self.pupil_shares_reason.setChecked(r.pupil_shares_reason)
        self.agreements = AgreementsEditor(r.agreements, today)
        self.absence_function = _box(r.absence_function, "Wat levert thuisblijven op, of wat "
                                                         "ontloopt de leerling ermee?")
        self.absence_function.setAccessibleName("Functie van het verzuim")
        self.dropout_signals = EnumChecks(UitvalSignaal, "Signalen van schooluitval", 4)
        self.dropout_signals.set_members([s for s in UitvalSignaal if s in r.dropout_signals])

        talk = QGroupBox("Gesprek")
        form = QFormLayout(talk)
        # A long row (a check box's sentence) goes below its label at 200 %, instead of
        # making the whole case window scroll sideways.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self._row(form, "Datum *", self.held_on, "held_on")
        self._row(form, "Soort", self.kind, "kind")
        self._row(form, "Wie waren er? *", self.participants, "participants")
        self._row(form, "Achtergrond", self.background, "background")
        self._row(form, "Reden van verzuim", self.absence_reason, "absence_reason")
        self._row(form, "Functie van het verzuim", self.absence_function, "absence_function")
        self._row(form, "Signalen van uitval", self.dropout_signals, "dropout_signals")
        self._row(form, "", self.pupil_shares_reason, "pupil_shares_reason")
        self._row(form, "Nodig om terug te gaan", self.needed_to_resume, "needed_to_resume")
        self._row(form, "Betrokken hulp", self.involved_help, "involved_help")
        self._row(form, "Rol van school", self.school_role, "school_role")
        self._row(form, "Risicofactoren", self.risk_factors, "risk_factors")
        self._row(form, "Beschermende factoren", self.protective_factors, "protective_factors")
        self._row(form, "Gezondheid", self.health_details, "health_details")
        self._row(form, "", self.health_needed, "health_needed")

        voices = QGroupBox("Leerling en ouders aan het woord")
        form = QFormLayout(voices)
        # Question above answer: the answers get the column's full width.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self._row(form, "Wat wil je zelf?", self.pupil_own_words, "pupil_own_words")
        words_row = QWidget()
        line = QHBoxLayout(words_row)
        line.setContentsMargins(0, 0, 0, 0)
        for edit in self.three_words:
            line.addWidget(edit)
        self._row(form, "Drie woorden voor uw kind", words_row, "parent_answers.three_words")
        things_row = QWidget()
        column = QVBoxLayout(things_row)
        column.setContentsMargins(0, 0, 0, 0)
        for edit in self.two_things:
            column.addWidget(edit)
        self._row(form, "Twee dingen die ik moet weten", things_row,
                  "parent_answers.two_things")
        self._row(form, "Eén wens of doel", self.one_wish, "parent_answers.one_wish")
        agreements_box = QGroupBox("Afspraken")
        QVBoxLayout(agreements_box).addWidget(self.agreements)

        left = QVBoxLayout()
        left.addWidget(talk)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(voices)
        right.addWidget(agreements_box)
        right.addStretch(1)
        # Side by side when there is room, else one below the other (ui/reflow.py).
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.columns = ReflowColumns([left, right])
        outer.addWidget(self.columns)

    def _row(self, form: QFormLayout, label: str, widget: QWidget, field: str) -> None:
        self.field_errors[field] = field_row(form, label, widget)

    def values(self) -> IntakeRecord:
        """The record as the form shows it; raises ``ValidationError`` for a date field that
        holds no (valid) date."""
        kind = self.kind.member()
        return IntakeRecord(
            id=self._record.id, case_id=self._record.case_id, held_on=self.held_on.day(),
            kind=kind, participants=self.participants.text(),
            background=self.background.toPlainText(),
            absence_reason=self.absence_reason.toPlainText(),
            needed_to_resume=self.needed_to_resume.toPlainText(),
            involved_help=self.involved_help.toPlainText(),
            school_role=self.school_role.toPlainText(),
            risk_factors=_lines(self.risk_factors.toPlainText()),
            protective_factors=_lines(self.protective_factors.toPlainText()),
            pupil_own_words=self.pupil_own_words.toPlainText(),
            parent_answers=ParentAnswers(
                three_words=[e.text() for e in self.three_words if e.text().strip()],
                two_things=[e.text() for e in self.two_things if e.text().strip()],
                one_wish=self.one_wish.text()),
            health_details=self.health_details.toPlainText(),
            health_needed=self.health_needed.isChecked(),
            pupil_shares_reason=self.pupil_shares_reason.isChecked(),
            agreements=self.agreements.values(),
            absence_function=self.absence_function.toPlainText(),
            dropout_signals=set(self.dropout_signals.members()),
        )

    def show_errors(self, errors: dict[str, str]) -> None:
        for field, label in self.field_errors.items():
            label.show_message(errors.get(field))
        self.agreements.show_errors(errors)


class IntakeTab(QWidget):
    def __init__(self, ctx: AppContext, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._case_id = case_id
        self.blocked = blocked_notice()
        self.stages = StagesBox(ctx, case_id)
        record = intake.load_intake(ctx, case_id) or IntakeRecord(case_id=case_id,
                                                                  held_on=ctx.today())
        self.form = IntakeForm(record, ctx.today())
        self.summary = ErrorLabel()
        self.save_button = QPushButton("Gesprek opslaan")
        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(self.blocked)
        column.addWidget(self.stages)
        column.addWidget(self.form)
        scroll = QScrollArea()
        scroll.setWidget(content)
        scroll.setWidgetResizable(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        self.save_button.clicked.connect(self.save)
        self._baseline = self.form.values()
        self.refresh_blocked()

    def has_unsaved_changes(self) -> bool:
        """Unsaved step dates or conversation fields."""
        return self.stages.has_unsaved_changes() or self._form_changed()

    def _form_changed(self) -> bool:
        try:
            return self.form.values() != self._baseline
        except ValidationError:
            return True

    def save_changes(self) -> bool:
        if self.stages.has_unsaved_changes() and not self.stages.save():
            return False
        return not self._form_changed() or self.save()

    def refresh_blocked(self) -> None:
        reasons = intake.blocking_reasons(self._ctx, self._case_id)
        show_blocking_reasons(self.blocked, reasons)

    def save(self) -> bool:
        if not save_showing_errors(lambda: intake.save_intake(self._ctx, self.form.values()),
                                   self.form.show_errors, self.summary):
            return False
        self._baseline = self.form.values()
        self.stages.show_stages(intake.load_stages(self._ctx, self._case_id))
        return True
