"""Every date field starts from the app clock, never from the computer's own date: a filled
field shows it, an empty one opens its calendar on it."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from pytestqt.qtbot import QtBot

from thuiszitter_desktop.domain.mdo import Mdo
from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.vocab import CaseStage, Onderwijstype, VerzuimType
from thuiszitter_desktop.services import cases
from thuiszitter_desktop.services import mdo as mdo_service
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.storage.vault import Vault
from thuiszitter_desktop.ui.aanmelding_dialog import AanmeldingDialog
from thuiszitter_desktop.ui.case_window import CaseWindow
from thuiszitter_desktop.ui.date_field import DateField, from_qdate
from thuiszitter_desktop.ui.mdo_outcome_dialog import OutcomeDialog
from thuiszitter_desktop.ui.widgets import EnumCombo

# A date no computer running these tests will have as its own date.
APP_DAY = date(2031, 3, 14)


@pytest.fixture
def far_ctx(vault: Vault) -> AppContext:
    return AppContext(vault=vault, actor="Test Consulent",
                      clock=lambda: datetime.combine(APP_DAY, datetime.min.time()))


def calendar_opens_on(field: DateField) -> date:
    field.open_calendar()
    shown = from_qdate(field.calendar.selectedDate())
    field.calendar.parentWidget().close()  # the popup menu
    return shown


def test_new_aanmelding_fields_start_on_the_app_date(qtbot: QtBot, far_ctx: AppContext) -> None:
    dialog = AanmeldingDialog(far_ctx)
    qtbot.addWidget(dialog)
    form = dialog.form
    assert form.report_date.value() == APP_DAY
    # Unknown dates start empty; their calendar opens on the app date.
    for field in (form.birth_date, form.sick_reports.start, form.sick_reports.end,
                  form.education_since, form.parental_consent.on):
        assert field.text() == ""
        assert calendar_opens_on(field) == APP_DAY


def test_case_window_unknown_dates_start_on_the_app_date(qtbot: QtBot,
                                                         far_ctx: AppContext) -> None:
    pupil = Pupil(first_name="Sem", last_name="de Vries", birth_date=date(2018, 5, 1))
    case = cases.register_case(far_ctx, pupil, Case(pupil_id=pupil.id,
                                                    aanmelding_date=APP_DAY))
    window = CaseWindow(far_ctx, pupil, case, is_new=False)
    qtbot.addWidget(window)
    for field in (window.form.home_since, window.form.opp_date, window.form.advies_date,
                  window.intake_tabs.intake.stages.fields[CaseStage.UITGENODIGD],
                  window.intake_tabs.intake.form.agreements.when):
        assert field.value() is None
        assert calendar_opens_on(field) == APP_DAY


def test_mdo_next_meeting_date_starts_on_the_app_date(qtbot: QtBot, far_ctx: AppContext) -> None:
    mdo = Mdo(on=APP_DAY, start_time=time(9, 0), school="OBS De Regenboog",
              location="Teamkamer", chair="Sem de Vries")
    mdo_service.save_mdo(far_ctx, mdo)
    dialog = OutcomeDialog(far_ctx, mdo)
    qtbot.addWidget(dialog)
    assert dialog.next_date.value() is None
    assert calendar_opens_on(dialog.next_date) == APP_DAY


@pytest.mark.parametrize(("optional", "expected"), [(False, VerzuimType.GEOORLOOFD),
                                                     (True, None)])
def test_enum_combo_gives_members_of_its_own_enum(qtbot: QtBot, optional: bool,
                                                  expected: VerzuimType | None) -> None:
    combo: EnumCombo[VerzuimType] = EnumCombo(VerzuimType, optional=optional)
    qtbot.addWidget(combo)
    assert combo.value() is expected
    assert combo.member() is VerzuimType.GEOORLOOFD
    combo.set_value(VerzuimType.GESCHORST)
    assert combo.value() is VerzuimType.GESCHORST
    assert combo.currentText() == "Geschorst"


def test_enum_combo_labels_are_the_dutch_labels(qtbot: QtBot) -> None:
    combo = EnumCombo(Onderwijstype)
    qtbot.addWidget(combo)
    assert [combo.itemText(i) for i in range(combo.count())] == [
        member.label for member in Onderwijstype]
