"""The aanmeldformulier on screen: fill in, register, and every validation message."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from thuiszitter_desktop.domain.aanmelding import AanmeldRoute, Relation
from thuiszitter_desktop.domain.consent import ConsentMethod
from thuiszitter_desktop.domain.vocab import CaseStage, Onderwijstype, VerzuimType
from thuiszitter_desktop.domain.ziekteverzuim import SickCriterion
from thuiszitter_desktop.services import cases, intake
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.aanmeld_page import AanmeldPage
from thuiszitter_desktop.ui.aanmelding_dialog import AanmeldingDialog
from thuiszitter_desktop.ui.aanmelding_form import AanmeldingForm
from thuiszitter_desktop.ui.widgets import ErrorLabel


def click(qtbot: QtBot, button: object) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def fill(qtbot: QtBot, form: AanmeldingForm, consent: bool = True) -> None:
    """Fill the form as a consulent would, with a valid sick-leave report."""
    form.report_date.set_value(date(2026, 11, 16))
    form.reporter_school.setText("Het Baken")
    form.contact_name.setText("Sem de Vries")
    form.contact_email.setText("s.devries@hetbaken.example")
    form.first_name.setText("Zoë")
    form.last_name.setText("Çelik-d'Hondt")
    form.birth_date.set_value(date(2012, 4, 3))
    form.school.setText("Het Baken")
    form.leerjaar.setText("2 havo")
    form.onderwijstype.set_value(Onderwijstype.VO)
    form.parents.name.setText("Fatma Çelik")
    form.parents.relation.set_value(Relation.MOEDER)
    form.parents.phone.setText("06-12345678")
    click(qtbot, form.parents.add_button)
    form.route.set_value(AanmeldRoute.ZIEKTEVERZUIM)
    form.sick_reports.start.set_value(date(2026, 11, 2))
    form.sick_reports.end.set_value(date(2026, 11, 16))
    click(qtbot, form.sick_reports.add_button)
    form.criteria[SickCriterion.LANG_ONDUIDELIJK].setChecked(True)
    form.percentage.setValue(20)
    form.education_since.set_value(date(2026, 11, 2))
    form.school_actions.setPlainText("Mentor belde twee keer.")
    if consent:
        form.parental_consent.given.setChecked(True)
        form.parental_consent.on.set_value(date(2026, 11, 12))
        form.parental_consent.method.set_value(ConsentMethod.MONDELING)
        form.parental_consent.given_by.setText("moeder")


@pytest.fixture
def dialog(qtbot: QtBot, ctx: AppContext) -> AanmeldingDialog:
    window = AanmeldingDialog(ctx)
    qtbot.addWidget(window)
    fill(qtbot, window.form)
    return window


def test_filled_in_form_registers_a_case(qtbot: QtBot, ctx: AppContext,
                                         dialog: AanmeldingDialog) -> None:
    click(qtbot, dialog.register_button)
    assert dialog.result() == AanmeldingDialog.DialogCode.Accepted
    assert dialog.case_id is not None
    detail = cases.load_case(ctx, dialog.case_id)
    assert detail.pupil.full_name == "Zoë Çelik-d'Hondt"
    assert detail.case.verzuim_type is VerzuimType.GEOORLOOFD
    assert detail.case.stage is CaseStage.AANMELDING_ONTVANGEN
    stored = intake.load_aanmelding(ctx, dialog.case_id)
    assert stored is not None
    assert stored.confirmed_criteria == {SickCriterion.LANG_ONDUIDELIJK}
    assert [p.name for p in stored.parents] == ["Fatma Çelik"]


def test_criteria_are_suggested_while_typing(dialog: AanmeldingDialog) -> None:
    found = dialog.form.criteria_found[SickCriterion.LANG_ONDUIDELIJK].text()
    assert found.startswith("Volgens de ziekmeldingen: ja.")
    assert "11 schooldagen" in found
    assert not dialog.form.criteria_found[SickCriterion.KORT_HERHAALD].text().startswith(
        "Volgens")


def test_without_consent_it_registers_and_says_next_steps_wait(
    qtbot: QtBot, ctx: AppContext
) -> None:
    window = AanmeldingDialog(ctx)
    qtbot.addWidget(window)
    fill(qtbot, window.form, consent=False)
    assert window.form.blocked.isVisibleTo(window)
    assert "toestemming" in window.form.blocked.text()
    click(qtbot, window.register_button)
    assert window.case_id is not None
    assert intake.blocking_reasons(ctx, window.case_id)


F = AanmeldingForm
INVALID: list[tuple[str, Callable[[QtBot, F], None], Callable[[F], ErrorLabel], str]] = [
    ("report in future", lambda b, f: f.report_date.set_value(date(2026, 11, 24)),
     lambda f: f.errors["report_date"], "toekomst"),
    ("no school", lambda b, f: f.reporter_school.clear(),
     lambda f: f.errors["reporter.school"], "welke school"),
    ("no contact", lambda b, f: f.contact_name.clear(),
     lambda f: f.errors["reporter.contact_name"], "contactpersoon"),
    ("bad e-mail", lambda b, f: f.contact_email.setText("sem@"),
     lambda f: f.errors["reporter.email"], "e-mailadres"),
    ("no first name", lambda b, f: f.first_name.clear(),
     lambda f: f.errors["pupil.first_name"], "voornaam"),
    ("no last name", lambda b, f: f.last_name.clear(),
     lambda f: f.errors["pupil.last_name"], "achternaam"),
    ("birth in future", lambda b, f: f.birth_date.set_value(date(2027, 1, 1)),
     lambda f: f.errors["pupil.birth_date"], "toekomst"),
    ("too young", lambda b, f: f.birth_date.set_value(date(2023, 1, 1)),
     lambda f: f.errors["pupil.birth_date"], "leerplichtige leeftijd"),
    ("pupil without school", lambda b, f: f.school.clear(),
     lambda f: f.errors["pupil.school"], "school van de leerling"),
    ("no type of school", lambda b, f: f.onderwijstype.set_value(Onderwijstype.GEEN),
     lambda f: f.errors["pupil.onderwijstype"], "type onderwijs"),
    ("no parents", lambda b, f: (f.parents.table.selectRow(0),
                                 click(b, f.parents.remove_button)),
     lambda f: f.parents.error, "minstens één ouder"),
    ("parent unreachable", lambda b, f: (f.parents.name.setText("Luc d'Hondt"),
                                         click(b, f.parents.add_button)),
     lambda f: f.parents.error, "Ouder 2: Vul een telefoonnummer of e-mailadres in."),
    ("no sick reports", lambda b, f: (f.sick_reports.table.selectRow(0),
                                      click(b, f.sick_reports.remove_button)),
     lambda f: f.sick_reports.error, "criterium 4"),
    ("end before start", lambda b, f: (f.sick_reports.start.set_value(date(2026, 10, 9)),
                                       f.sick_reports.end.set_value(date(2026, 10, 8)),
                                       click(b, f.sick_reports.add_button)),
     lambda f: f.sick_reports.error, "Ziekmelding 1: De einddatum ligt vóór de begindatum."),
    ("sick after report", lambda b, f: (f.sick_reports.start.set_value(date(2026, 11, 20)),
                                        f.sick_reports.end.set_value(None),
                                        click(b, f.sick_reports.add_button)),
     lambda f: f.sick_reports.error, "na de datum van aanmelding"),
    ("criterion 4 without note",
     lambda b, f: f.criteria[SickCriterion.OPVALLEND].setChecked(True),
     lambda f: f.errors["criterion_4_note"], "opvallend"),
    ("percentage unknown", lambda b, f: f.percentage.setValue(-1),
     lambda f: f.errors["education_percentage"], "procent"),
    ("since in future", lambda b, f: f.education_since.set_value(date(2026, 12, 1)),
     lambda f: f.errors["education_since"], "toekomst"),
    ("langdurig without since", lambda b, f: (f.route.set_value(
        AanmeldRoute.GEOORLOOFD_LANGDURIG), f.education_since.set_value(None)),
     lambda f: f.errors["education_since"], "sinds wanneer"),
    ("consent without date", lambda b, f: f.parental_consent.on.set_value(None),
     lambda f: f.parental_consent.errors["on"], "datum"),
    ("consent without way", lambda b, f: f.parental_consent.method.set_value(None),
     lambda f: f.parental_consent.errors["method"], "mondeling"),
    ("consent without giver", lambda b, f: f.parental_consent.given_by.clear(),
     lambda f: f.parental_consent.errors["given_by"], "wie"),
    ("pupil consent incomplete", lambda b, f: f.pupil_consent.given.setChecked(True),
     lambda f: f.pupil_consent.errors["given_by"], "wie"),
]


@pytest.mark.parametrize(("mutate", "label", "fragment"), [c[1:] for c in INVALID],
                         ids=[c[0] for c in INVALID])
def test_each_mistake_is_shown_next_to_its_field(
    qtbot: QtBot, ctx: AppContext, dialog: AanmeldingDialog,
    mutate: Callable[[QtBot, F], None], label: Callable[[F], ErrorLabel], fragment: str,
) -> None:
    mutate(qtbot, dialog.form)
    click(qtbot, dialog.register_button)
    assert dialog.case_id is None
    shown = label(dialog.form)
    assert shown.isVisibleTo(dialog)
    assert fragment in shown.text()
    assert dialog.summary.text().startswith("Niet geregistreerd:")


def test_cancel_with_entries_asks_first(qtbot: QtBot, dialog: AanmeldingDialog,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    rejected: list[bool] = []
    dialog.rejected.connect(lambda: rejected.append(True))
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Cancel)
    click(qtbot, dialog.cancel_button)
    assert rejected == []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Discard)
    click(qtbot, dialog.cancel_button)
    assert rejected == [True]


def test_page_saves_a_blank_form(qtbot: QtBot, ctx: AppContext, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "blanco.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(target), "PDF (*.pdf)"))
    page = AanmeldPage(ctx)
    qtbot.addWidget(page)
    click(qtbot, page.blank_button)
    assert target.read_bytes().startswith(b"%PDF")
