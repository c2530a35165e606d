"""The intake, stage and terugkoppeling tabs of a case window, used as a consulent would."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from thuiszitter_desktop.domain.aanmelding import (
    Aanmelding,
    ParentContact,
    Relation,
    Reporter,
)
from thuiszitter_desktop.domain.consent import Consent, ConsentMethod
from thuiszitter_desktop.domain.model import Pupil
from thuiszitter_desktop.domain.vocab import CaseStage, Onderwijstype
from thuiszitter_desktop.domain.ziekteverzuim import SickReport
from thuiszitter_desktop.services import cases, intake
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.case_window import CaseWindow
from thuiszitter_desktop.ui.intake_wiring import IntakeTabs


def click(qtbot: QtBot, button: object) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def register(ctx: AppContext, consent: bool = True) -> str:
    a = Aanmelding(
        report_date=date(2026, 11, 16),
        reporter=Reporter(school="Het Baken", contact_name="Sem de Vries"),
        pupil=Pupil(first_name="Zoë", last_name="Çelik-d'Hondt", birth_date=date(2012, 4, 3),
                    school="Het Baken", onderwijstype=Onderwijstype.VO),
        parents=[ParentContact(name="Fatma Çelik", relation=Relation.MOEDER,
                               phone="06-12345678")],
        sick_reports=[SickReport(date(2026, 11, 2), date(2026, 11, 13))],
        education_percentage=0, education_since=date(2026, 11, 2),
        parental_consent=Consent(given=True, on=date(2026, 11, 12),
                                 method=ConsentMethod.MONDELING, given_by="moeder")
        if consent else Consent(),
    )
    return intake.register_aanmelding(ctx, a).id


def open_tabs(qtbot: QtBot, ctx: AppContext, case_id: str) -> tuple[CaseWindow, IntakeTabs]:
    detail = cases.load_case(ctx, case_id)
    window = CaseWindow(ctx, detail.pupil, detail.case, is_new=False)
    qtbot.addWidget(window)
    return window, window.intake_tabs


def fill_intake(tabs: IntakeTabs) -> None:
    form = tabs.intake.form
    form.held_on.set_value(date(2026, 11, 19))
    form.participants.setText("Zoë, moeder, consulent")
    form.absence_reason.setPlainText("Zoë wordt gepest.")
    form.needed_to_resume.setPlainText("Een rustige werkplek.")
    form.pupil_own_words.setPlainText("Eerst twee ochtenden.")
    for edit, word in zip(form.three_words, ("grappig", "slim", "zorgzaam"), strict=True):
        edit.setText(word)
    form.one_wish.setText("Diploma halen")
    form.agreements.who.setText("Mentor")
    form.agreements.what.setText("Belt elke maandag.")
    form.agreements.when.set_value(date(2026, 12, 1))


def test_case_window_has_the_three_tabs(qtbot: QtBot, ctx: AppContext) -> None:
    window, _ = open_tabs(qtbot, ctx, register(ctx))
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    start = titles.index("Aanmelding")
    assert titles[start:start + 3] == ["Aanmelding", "Intake", "Terugkoppeling"]


def test_marking_a_step_today_and_correcting_it(qtbot: QtBot, ctx: AppContext,
                                                today: date) -> None:
    case_id = register(ctx)
    _, tabs = open_tabs(qtbot, ctx, case_id)
    stages = tabs.intake.stages
    click(qtbot, stages.today_buttons[CaseStage.SCHOOL_GERAADPLEEGD])
    assert stages.fields[CaseStage.SCHOOL_GERAADPLEEGD].value() == today
    stages.fields[CaseStage.SCHOOL_GERAADPLEEGD].set_value(date(2026, 11, 17))
    click(qtbot, stages.save_button)
    assert intake.load_stages(ctx, case_id).dates[CaseStage.SCHOOL_GERAADPLEEGD] == date(
        2026, 11, 17)
    # out of order: invited before the school was consulted
    stages.fields[CaseStage.UITGENODIGD].set_value(date(2026, 11, 16))
    click(qtbot, stages.save_button)
    assert "vóór" in stages.errors[CaseStage.UITGENODIGD].text()
    stages.fields[CaseStage.UITGENODIGD].set_value(date(2026, 11, 30))
    click(qtbot, stages.save_button)
    assert "toekomst" in stages.errors[CaseStage.UITGENODIGD].text()
    assert CaseStage.UITGENODIGD not in intake.load_stages(ctx, case_id).dates


def test_without_consent_the_tabs_say_why_and_refuse(qtbot: QtBot, ctx: AppContext) -> None:
    case_id = register(ctx, consent=False)
    _, tabs = open_tabs(qtbot, ctx, case_id)
    assert tabs.intake.blocked.isVisibleTo(tabs.intake)
    click(qtbot, tabs.intake.stages.today_buttons[CaseStage.UITGENODIGD])
    assert "toestemming" in tabs.intake.stages.message.text()
    fill_intake(tabs)
    click(qtbot, tabs.intake.save_button)
    assert "toestemming" in tabs.intake.summary.text()
    # recording consent on the Aanmelding tab unblocks the other tabs
    consent = tabs.aanmelding.form
    assert consent is not None
    consent.parental_consent.given.setChecked(True)
    consent.parental_consent.on.set_value(date(2026, 11, 20))
    consent.parental_consent.method.set_value(ConsentMethod.SCHRIFTELIJK)
    consent.parental_consent.given_by.setText("moeder")
    click(qtbot, tabs.aanmelding.save_button)
    assert not tabs.intake.blocked.isVisibleTo(tabs.intake)
    click(qtbot, tabs.intake.save_button)
    assert intake.load_intake(ctx, case_id) is not None


@pytest.mark.parametrize(
    ("mutate", "key", "fragment"),
    [
        (lambda f: f.held_on.set_value(date(2026, 11, 30)), "held_on", "toekomst"),
        (lambda f: f.held_on.set_value(date(2026, 11, 10)), "held_on", "vóór de datum"),
        (lambda f: f.participants.clear(), "participants", "wie er bij het gesprek"),
        (lambda f: f.health_needed.setChecked(True), "health_details",
         "gezondheidsinformatie"),
    ],
    ids=["future", "before aanmelding", "no participants", "health without details"],
)
def test_intake_mistakes_are_shown(qtbot: QtBot, ctx: AppContext, mutate: object, key: str,
                                   fragment: str) -> None:
    _, tabs = open_tabs(qtbot, ctx, register(ctx))
    fill_intake(tabs)
    mutate(tabs.intake.form)  # type: ignore[operator]
    click(qtbot, tabs.intake.save_button)
    assert fragment in tabs.intake.form.field_errors[key].text()
    assert tabs.intake.summary.text().startswith("Niet opgeslagen:")


def test_agreement_without_date_is_refused(qtbot: QtBot, ctx: AppContext) -> None:
    _, tabs = open_tabs(qtbot, ctx, register(ctx))
    fill_intake(tabs)
    tabs.intake.form.agreements.when.set_value(None)
    click(qtbot, tabs.intake.form.agreements.add_button)
    click(qtbot, tabs.intake.save_button)
    assert "Afspraak 1: Vul in wanneer" in tabs.intake.form.agreements.error.text()


def test_intake_then_terugkoppeling_sent_to_everyone(
    qtbot: QtBot, ctx: AppContext, today: date, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    case_id = register(ctx)
    _, tabs = open_tabs(qtbot, ctx, case_id)
    fill_intake(tabs)
    click(qtbot, tabs.intake.form.agreements.add_button)
    click(qtbot, tabs.intake.save_button)
    assert tabs.intake.stages.fields[CaseStage.GESPREK_GEVOERD].value() == date(2026, 11, 19)

    t = tabs.terugkoppeling
    assert not t.save_button.isEnabled()
    click(qtbot, t.draft_button)
    assert "Wat Zoë zelf wil: Eerst twee ochtenden." in t.summary_text.toPlainText()
    assert t.reason.toPlainText() == "Zoë wordt gepest."
    assert t.recipients.rowCount() == 3
    t.summary_text.setPlainText(t.summary_text.toPlainText() + "\n\nExtra zin van de consulent.")
    click(qtbot, t.save_button)
    stored = intake.load_terugkoppeling(ctx, case_id)
    assert stored is not None and stored.summary.endswith("Extra zin van de consulent.")

    target = tmp_path / "brief.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), "PDF (*.pdf)"))
    t.recipients.selectRow(1)
    click(qtbot, t.pdf_button)
    assert target.read_bytes().startswith(b"%PDF")

    for row in range(3):
        t.recipients.selectRow(row)
        click(qtbot, t.sent_button)
    assert t.recipients.item(2, 2).text() == today.strftime("%d-%m-%Y")
    assert intake.load_stages(ctx, case_id).dates[CaseStage.TERUGKOPPELING_VERSTUURD] == today


@pytest.mark.parametrize(
    ("mutate", "key", "fragment"),
    [
        (lambda t: t.summary_text.clear(), "summary", "samenvatting"),
        (lambda t: t.written_on.set_value(date(2026, 11, 30)), "written_on", "toekomst"),
        (lambda t: (t.health_needed.setChecked(True), t.health.clear()), "health_details",
         "gezondheidsinformatie"),
    ],
    ids=["no summary", "future date", "health without details"],
)
def test_terugkoppeling_mistakes_are_shown(qtbot: QtBot, ctx: AppContext, mutate: object,
                                           key: str, fragment: str) -> None:
    case_id = register(ctx)
    _, tabs = open_tabs(qtbot, ctx, case_id)
    fill_intake(tabs)
    click(qtbot, tabs.intake.save_button)
    t = tabs.terugkoppeling
    click(qtbot, t.draft_button)
    mutate(t)  # type: ignore[operator]
    click(qtbot, t.save_button)
    assert fragment in t.errors[key].text()
    assert intake.load_terugkoppeling(ctx, case_id) is None


def test_terugkoppeling_needs_the_conversation_first(qtbot: QtBot, ctx: AppContext) -> None:
    _, tabs = open_tabs(qtbot, ctx, register(ctx))
    click(qtbot, tabs.terugkoppeling.draft_button)
    assert "Leg eerst het gesprek vast" in tabs.terugkoppeling.message.text()
