"""The rules of issue 18 where the consulent works: the consent gate with the way to record
consent (issue 16, item 2), care-provider contacts, the checked passend aanbod, regie
overgenomen, follow-up after closing, the update's assumptions, and the quarter's story.

The ctx clock stands at Monday 23 November 2026.
"""

from __future__ import annotations

from datetime import date, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from thuiszitter_desktop.domain.aanmelding import (
    Aanmelding,
    AanmeldRoute,
    ParentContact,
    Reporter,
)
from thuiszitter_desktop.domain.assumptions import AssumptionSubject
from thuiszitter_desktop.domain.consent import ConsentPurpose, Step
from thuiszitter_desktop.domain.follow_up import FollowUp, FollowUpKind
from thuiszitter_desktop.domain.mdo import Mdo
from thuiszitter_desktop.domain.model import Case, InvolvedProfessional, Pupil
from thuiszitter_desktop.domain.passend_aanbod import AanbodParty, ParentView
from thuiszitter_desktop.domain.quarters import Quarter
from thuiszitter_desktop.domain.regie import RegieReason
from thuiszitter_desktop.domain.vocab import (
    ClosingReason,
    ContactKind,
    Onderwijstype,
    ProfessionalRole,
    Regie,
)
from thuiszitter_desktop.domain.ziekteverzuim import SickReport
from thuiszitter_desktop.services import cases, consent, figures, follow_up, intake, regie
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.storage import repo_assumptions, repo_follow_up
from thuiszitter_desktop.storage.rows import upsert
from thuiszitter_desktop.storage.tables_seed_rules import data_assumptions
from thuiszitter_desktop.ui.aanbod_dialog import AanbodDialog
from thuiszitter_desktop.ui.aanbod_regie_tab import RegieDialog
from thuiszitter_desktop.ui.case_window import CaseWindow, CloseCaseDialog
from thuiszitter_desktop.ui.consent_tab import ConsentDialog
from thuiszitter_desktop.ui.figures_page import FiguresPage
from thuiszitter_desktop.ui.mdo_dialog import MdoDialog
from thuiszitter_desktop.ui.today_page import TodayPage


def click(qtbot: QtBot, button: QPushButton) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def report_without_consent(ctx: AppContext) -> str:
    """A school reports geoorloofd absence; the parents have not agreed yet."""
    pupil = Pupil(first_name="Zoë", last_name="Çelik-d'Hondt", birth_date=date(2013, 5, 2),
                  school="OBS De Regenboog", onderwijstype=Onderwijstype.PO)
    case = intake.register_aanmelding(ctx, Aanmelding(
        report_date=date(2026, 11, 16), reporter=Reporter(school="OBS De Regenboog",
                                                          contact_name="Marloes Jacobs"),
        pupil=pupil, parents=[ParentContact(name="Fatma Çelik", phone="06-00000000")],
        route=AanmeldRoute.ZIEKTEVERZUIM, sick_reports=[SickReport(date(2026, 10, 19))],
        education_percentage=0, education_since=date(2026, 10, 19)))
    cases.save_professional(ctx, InvolvedProfessional(
        case_id=case.id, name="Karim Haddou", role=ProfessionalRole.JEUGDTEAM,
        organisation="Jeugdteam Rivierstad (fictief)"))
    return case.id


def open_window(qtbot: QtBot, ctx: AppContext, case_id: str) -> CaseWindow:
    case, pupil = cases.load_summary(ctx, case_id)
    window = CaseWindow(ctx, pupil, case, is_new=False)
    qtbot.addWidget(window)
    return window


def consent_dialog_says(monkeypatch: pytest.MonkeyPatch, purpose: ConsentPurpose,
                        providers: bool = False) -> None:
    """The consulent fills in the consent dialog and saves it."""
    def filled(dialog: ConsentDialog) -> int:
        dialog.purpose.set_value(purpose)
        dialog.given_by.insert("moeder, Fatma Çelik")
        for check in dialog.providers:
            check.setChecked(providers)
        dialog._save()
        return dialog.result()

    monkeypatch.setattr(ConsentDialog, "exec", filled)


def test_without_consent_the_plan_waits_with_the_reason_and_the_way(
        qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, ctx, report_without_consent(ctx))
    gate = window.plan_tab.gate
    assert gate.blocked
    assert "leerplicht in te schakelen" in gate.notice.text()
    assert "tabblad Toestemming" in gate.notice.text()
    assert not window.plan_tab.start_button.isEnabled()
    click(qtbot, gate.button)
    assert window.tabs.currentWidget() is window.seed_tabs.consent
    consent_dialog_says(monkeypatch, ConsentPurpose.LEERPLICHT)
    click(qtbot, window.seed_tabs.consent.add_button)
    assert not gate.blocked and window.plan_tab.start_button.isEnabled()
    assert not window.intake_tabs.intake.blocked.isVisible()
    # Withdrawing is one action, and the plan waits again.
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *_: QMessageBox.StandardButton.Yes)
    window.seed_tabs.consent.table.selectRow(0)
    click(qtbot, window.seed_tabs.consent.withdraw_button)
    assert gate.blocked


def test_a_care_provider_is_contacted_only_with_consent_naming_them(
        qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    case_id = report_without_consent(ctx)
    consent_dialog_says(monkeypatch, ConsentPurpose.LEERPLICHT)
    window = open_window(qtbot, ctx, case_id)
    click(qtbot, window.seed_tabs.consent.add_button)
    contacts = window.contacts
    contacts.kind.set_value(ContactKind.TELEFOON)
    contacts.provider.setCurrentIndex(1)  # Karim Haddou (Jeugdteam)
    assert contacts.gate.blocked
    assert "contact op te nemen met Karim Haddou" in contacts.gate.notice.text()
    contacts.notes.insert("Afstemming over de wachtlijst")
    click(qtbot, contacts.add_button)
    assert "Karim Haddou" in contacts.error.text()
    assert cases.load_case(ctx, case_id).contacts == []  # nothing stored
    consent_dialog_says(monkeypatch, ConsentPurpose.ZORGVERLENERS, providers=True)
    click(qtbot, window.seed_tabs.consent.add_button)
    assert not contacts.gate.blocked
    click(qtbot, contacts.add_button)
    [stored] = cases.load_case(ctx, case_id).contacts
    assert stored.care_provider_id is not None and stored.notes == "Afstemming over de wachtlijst"
    # A phone call is no conversation: the table says so.
    assert contacts.table.item(0, 2).text() == "nee"


def test_a_passend_aanbod_counts_once_it_meets_the_criteria(
        qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch) -> None:
    case_id = report_without_consent(ctx)
    window = open_window(qtbot, ctx, case_id)
    tab = window.seed_tabs.aanbod_regie
    seen: list[str] = []

    def fill(dialog: AanbodDialog) -> int:
        dialog.start.set_value(date(2026, 11, 20))
        dialog.description.insert("Drie ochtenden school en dagbesteding")
        dialog.education.setChecked(True)
        seen.append(dialog.status.text())
        for check in dialog.criteria.values():
            check.setChecked(True)
        parents_check, parents_day = dialog.agreed[AanbodParty.OUDERS]
        parents_check.setChecked(True)
        parents_day.set_value(date(2026, 11, 19))
        dialog.parent_view.set_value(ParentView.PASSEND)
        seen.append(dialog.status.text())
        dialog._save()
        return dialog.result()

    monkeypatch.setattr(AanbodDialog, "exec", fill)
    assert window.form.passend_aanbod.text().startswith("Nog geen passend aanbod")
    click(qtbot, tab.add_offer)
    assert "Niet vastgelegd: ouders en kind zijn vanaf het begin betrokken." in seen[0]
    assert seen[1].startswith("Dit aanbod telt als passend aanbod")
    assert tab.offer_table.item(0, 3).text() == "Ja, sinds 20-11-2026"
    assert window.form.passend_aanbod.text().startswith("Passend aanbod sinds 20-11-2026")


def test_regie_overgenomen_is_recorded_with_its_reason(qtbot: QtBot, ctx: AppContext,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    case_id = report_without_consent(ctx)
    window = open_window(qtbot, ctx, case_id)
    assert window.form.regie.member() is Regie.SCHOOL  # enrolled: the school
    assert not window.form.regie.isEnabled()

    def fill(dialog: RegieDialog) -> int:
        dialog.to.set_value(Regie.LEERPLICHT)
        dialog.reason.set_value(RegieReason.STAGNATIE)
        dialog._save()
        return dialog.result()

    monkeypatch.setattr(RegieDialog, "exec", fill)
    click(qtbot, window.seed_tabs.aanbod_regie.regie_button)
    [change] = regie.list_changes(ctx, case_id)
    assert (change.from_regie, change.to_regie, change.by) == (Regie.SCHOOL, Regie.LEERPLICHT,
                                                               "Test Consulent")
    assert window.form.regie.member() is Regie.LEERPLICHT
    assert window.seed_tabs.aanbod_regie.regie_table.rowCount() == 1
    assert window.save()  # the Gegevens tab saves without touching the regie again


def test_a_new_case_gets_the_regie_the_rule_proposes(qtbot: QtBot, ctx: AppContext) -> None:
    pupil = Pupil(first_name="", last_name="", birth_date=date(2013, 1, 1))
    window = CaseWindow(ctx, pupil, Case(pupil_id=pupil.id, aanmelding_date=ctx.today()),
                        is_new=True)
    qtbot.addWidget(window)
    assert window.form.regie.member() is Regie.LEERPLICHT  # not enrolled, no vrijstelling
    qtbot.keyClicks(window.form.school, "OBS De Regenboog")
    assert window.form.regie.member() is Regie.SCHOOL
    assert "ingeschreven op een school" in window.form.regie_proposal.text()


def test_closing_with_a_transition_plans_the_follow_up(qtbot: QtBot, ctx: AppContext,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    case_id = report_without_consent(ctx)
    window = open_window(qtbot, ctx, case_id)

    def fill(dialog: CloseCaseDialog) -> int:
        dialog.reason.set_value(ClosingReason.TERUG_OP_SCHOOL)
        dialog.transition.setChecked(True)
        dialog.transition_date.set_value(date(2027, 8, 30))
        return QDialog.DialogCode.Accepted.value

    monkeypatch.setattr(CloseCaseDialog, "exec", fill)
    click(qtbot, window.close_case_button)
    moments = follow_up.list_for_case(ctx, case_id)
    assert [(m.kind, m.due) for m in moments] == [
        (FollowUpKind.NA_3_MAANDEN, date(2027, 2, 23)),
        (FollowUpKind.NA_6_MAANDEN, date(2027, 5, 23)),
        (FollowUpKind.OVERGANG_PO_VO, date(2027, 9, 30)),
        (FollowUpKind.NA_12_MAANDEN, date(2027, 11, 23))]


def test_vandaag_lists_follow_up_that_is_due(qtbot: QtBot, ctx: AppContext) -> None:
    case_id = report_without_consent(ctx)
    with ctx.vault.transaction() as conn:  # closed last summer: three months on, this week
        repo_follow_up.save_follow_up(conn, FollowUp(
            case_id=case_id, kind=FollowUpKind.OVERGANG_PO_VO, due=date(2026, 11, 26)),
            ctx.now())
    page = TodayPage(ctx)
    qtbot.addWidget(page)
    assert page.follow_up_model.rowCount() == 1
    row = page.follow_up_model.row_at(0)
    assert (row.pupil_name, row.item.due, row.overdue) == ("Zoë Çelik-d'Hondt",
                                                           date(2026, 11, 26), False)
    assert "Overgang van po naar vo" in row.text


def test_the_update_says_what_it_assumed_until_someone_has_seen_it(
        qtbot: QtBot, ctx: AppContext) -> None:
    case_id = report_without_consent(ctx)
    with ctx.vault.transaction() as conn:  # as migration 0013 writes them
        upsert(conn, data_assumptions, {
            "id": "a1", "case_id": case_id, "subject": AssumptionSubject.EERSTE_GESPREK.name,
            "detail": "Het eerste contact stond op 17-11-2026 (telefoon).",
            "made_on": ctx.today(), "seen_on": None, "seen_by": ""}, ctx.now())
    window = open_window(qtbot, ctx, case_id)
    banner = window.seed_tabs.banner
    assert not banner.isHidden()
    assert "17-11-2026 (telefoon)" in banner.text.text()
    click(qtbot, banner.seen_button)
    assert banner.isHidden()
    with ctx.vault.read() as conn:
        [seen] = repo_assumptions.list_assumptions(conn, case_id)
    assert (seen.seen_on, seen.seen_by) == (ctx.today(), "Test Consulent")


def test_the_figures_keep_the_story_of_the_quarter(qtbot: QtBot, ctx: AppContext) -> None:
    page = FiguresPage(ctx)
    qtbot.addWidget(page)
    box = page.story_box
    box.story.setPlainText("Wachtlijst jeugdhulp liep op; twee leerlingen langer thuis.")
    click(qtbot, box.save_button)
    assert box.saved.text() == "Opgeslagen."
    assert figures.quarter_story(ctx, Quarter(2026, 4)).startswith("Wachtlijst jeugdhulp")
    assert "Nazorg na afsluiten" in box.follow_ups.text()
    tooltip = page.targets.item(0, 0).toolTip()
    assert "telefoon, e-mail en berichten tellen niet" in tooltip


def test_an_mdo_refuses_a_pupil_without_consent_and_says_how(qtbot: QtBot,
                                                             ctx: AppContext) -> None:
    case_id = report_without_consent(ctx)
    dialog = MdoDialog(ctx, Mdo(on=date(2026, 12, 1), start_time=time(9, 0),
                                school="OBS De Regenboog"))
    qtbot.addWidget(dialog)
    texts = [dialog.suggested.item(i).text() for i in range(dialog.suggested.count())]
    assert any("toestemming voor het MDO ontbreekt" in t for t in texts)
    dialog.suggested.item(0).setCheckState(Qt.CheckState.Checked)
    click(qtbot, dialog.take)
    qtbot.keyClicks(dialog.location, "Teamkamer")
    qtbot.keyClicks(dialog.chair, "Marloes Jacobs")
    dialog.save()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "in het MDO te bespreken" in dialog.error.text()
    assert "tabblad Toestemming" in dialog.error.text()
    assert consent.gaps(ctx, case_id, Step.MDO)
