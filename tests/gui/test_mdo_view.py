"""Planning an MDO and recording its outcome through the screens (pytest-qt)."""

from __future__ import annotations

import io
from datetime import date, time
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QFileDialog, QInputDialog, QTableWidgetItem
from pytestqt.qtbot import QtBot

from thuiszitter_desktop.domain.consent import (
    ConsentGiver,
    ConsentMethod,
    ConsentPurpose,
    ConsentRecord,
)
from thuiszitter_desktop.domain.mdo import Escalation, Mdo, MdoParticipant, MdoRole
from thuiszitter_desktop.domain.model import Case, ContactMoment, Pupil
from thuiszitter_desktop.domain.vocab import ContactKind
from thuiszitter_desktop.services import cases, consent
from thuiszitter_desktop.services import mdo as mdo_service
from thuiszitter_desktop.services import plan as plan_service
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.mdo_dialog import P_FOR, MdoDialog
from thuiszitter_desktop.ui.mdo_outcome_dialog import OutcomeDialog
from thuiszitter_desktop.ui.mdo_page import MdoPage

# ctx's clock: Monday 23 November 2026.
SCHOOL = "OBS De Regenboog"


def register(ctx: AppContext, first: str, last: str, aanmelding: date) -> Case:
    pupil = Pupil(first_name=first, last_name=last, birth_date=date(2013, 4, 2), school=SCHOOL)
    case = cases.register_case(ctx, pupil, Case(pupil_id=pupil.id, aanmelding_date=aanmelding))
    cases.save_contact(ctx, ContactMoment(case_id=case.id, on=date(2026, 11, 20),
                                          kind=ContactKind.HUISBEZOEK))
    consent.record_consent(ctx, ConsentRecord(  # the parents agree to an MDO discussion
        case_id=case.id, purpose=ConsentPurpose.MDO, giver=ConsentGiver.OUDERS, on=aanmelding,
        method=ConsentMethod.MONDELING, given_by="Moeder"))
    return case


@pytest.fixture
def pupils(ctx: AppContext) -> dict[str, Case]:
    return {"zoe": register(ctx, "Zoë", "Çelik-d'Hondt", date(2026, 8, 3)),
            "sem": register(ctx, "Sem", "de Vries", date(2026, 11, 16))}


def saved_meeting(ctx: AppContext, pupils: dict[str, Case]) -> Mdo:
    mdo = Mdo(on=date(2026, 11, 20), start_time=time(13, 30), location="Teamkamer",
              chair="Fatima Bakkali", school=SCHOOL)
    mdo.add_pupil(pupils["zoe"].id)
    mdo.add_pupil(pupils["sem"].id)
    mdo.participants += [
        MdoParticipant(name="Kees Mulder", role=MdoRole.SWV, consent_covers_attendance=True),
        MdoParticipant(name="Fam. de Vries", role=MdoRole.OUDERS, case_id=pupils["sem"].id),
    ]
    mdo_service.save_mdo(ctx, mdo)
    return mdo


def test_plan_an_mdo_with_suggested_pupils(qtbot: QtBot, ctx: AppContext,
                                           pupils: dict[str, Case]) -> None:
    dialog = MdoDialog(ctx, Mdo(on=date(2026, 12, 1), start_time=time(9, 0), school=SCHOOL))
    qtbot.addWidget(dialog)
    texts = [dialog.suggested.item(i).text() for i in range(dialog.suggested.count())]
    assert texts[0].startswith("Zoë Çelik-d'Hondt — Langer dan drie maanden thuis")
    assert any(t.startswith("Sem de Vries — Nieuwe aanmelding") for t in texts)

    dialog.suggested.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(dialog.take, Qt.MouseButton.LeftButton)
    assert dialog.agenda.rowCount() == 1
    assert dialog.suggested.count() == len(texts) - 1  # taken pupils leave the suggestions
    dialog.agenda.setItem(0, 2, QTableWidgetItem("Welke plek kan direct starten?"))
    qtbot.mouseClick(dialog.add_person, Qt.MouseButton.LeftButton)
    dialog.participants.setItem(0, 0, QTableWidgetItem("Fam. Çelik"))
    role = dialog.participants.cellWidget(0, 1)
    assert isinstance(role, QComboBox)
    role.setCurrentIndex(role.findData(MdoRole.OUDERS.name))
    for_pupil = dialog.participants.cellWidget(0, P_FOR)
    assert isinstance(for_pupil, QComboBox)
    for_pupil.setCurrentIndex(for_pupil.findData(pupils["zoe"].id))
    qtbot.keyClicks(dialog.location, "Teamkamer")
    qtbot.keyClicks(dialog.chair, "Fatima Bakkali")

    dialog.save()

    assert dialog.result() == QDialog.DialogCode.Accepted
    (stored,) = mdo_service.list_mdos(ctx)
    assert stored.case_ids == [pupils["zoe"].id]
    assert stored.item(pupils["zoe"].id).question == "Welke plek kan direct starten?"
    assert [(p.name, p.role, p.case_id) for p in stored.participants] == [
        ("Fam. Çelik", MdoRole.OUDERS, pupils["zoe"].id)]


def test_missing_chair_and_place_keep_the_dialog_open(qtbot: QtBot, ctx: AppContext) -> None:
    dialog = MdoDialog(ctx, Mdo(on=date(2026, 12, 1), start_time=time(9, 0), school=SCHOOL))
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "plaats of een videolink" in dialog.error.text()
    assert "voorzit" in dialog.error.text()
    assert mdo_service.list_mdos(ctx) == []


def test_record_attendance_and_outcome_into_the_plan(qtbot: QtBot, ctx: AppContext,
                                                     pupils: dict[str, Case]) -> None:
    mdo = saved_meeting(ctx, pupils)
    dialog = OutcomeDialog(ctx, mdo)
    qtbot.addWidget(dialog)
    dialog.attendance.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(dialog.save_attendance, Qt.MouseButton.LeftButton)

    dialog.pupil.setCurrentIndex(dialog.pupil.findData(pupils["zoe"].id))
    dialog.decisions.setPlainText("Opschalen naar het SWV\n\nZoë start met twee ochtenden")
    qtbot.mouseClick(dialog.add_action, Qt.MouseButton.LeftButton)
    for column, value in enumerate(("Kees Mulder", "Plek op het vso aanvragen", "04-12-2026")):
        dialog.action_table.setItem(0, column, QTableWidgetItem(value))
    dialog.escalation.set_value(Escalation.CASUISTIEKOVERLEG_SWV)
    qtbot.mouseClick(dialog.save_outcome, Qt.MouseButton.LeftButton)

    stored = mdo_service.load_mdo(ctx, mdo.id)
    assert [(p.name, p.attended) for p in stored.participants] == [
        ("Kees Mulder", True), ("Fam. de Vries", False)]
    item = stored.item(pupils["zoe"].id)
    assert item.discussed
    assert item.outcome.decisions == ["Opschalen naar het SWV", "Zoë start met twee ochtenden"]
    assert item.outcome.escalation is Escalation.CASUISTIEKOVERLEG_SWV
    (plan,) = plan_service.load_versions(ctx, pupils["zoe"].id)
    assert [(a.what, a.due) for g in plan.goals for a in g.actions] == [
        ("Plek op het vso aanvragen", date(2026, 12, 4))]


def test_a_wrong_action_date_is_explained(qtbot: QtBot, ctx: AppContext,
                                          pupils: dict[str, Case]) -> None:
    mdo = saved_meeting(ctx, pupils)
    dialog = OutcomeDialog(ctx, mdo)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.add_action, Qt.MouseButton.LeftButton)
    for column, value in enumerate(("Mentor", "Bellen", "4 december")):
        dialog.action_table.setItem(0, column, QTableWidgetItem(value))
    qtbot.mouseClick(dialog.save_outcome, Qt.MouseButton.LeftButton)
    assert "dd-mm-jjjj" in dialog.error.text()
    assert not mdo_service.load_mdo(ctx, mdo.id).items[0].discussed


def test_page_shows_agenda_and_saves_documents(
    qtbot: QtBot, ctx: AppContext, pupils: dict[str, Case], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    mdo = saved_meeting(ctx, pupils)
    page = MdoPage(ctx)
    qtbot.addWidget(page)
    assert page.table.item(0, 2).text() == SCHOOL
    assert "Bespreking Zoë Ç." in page.preview.toPlainText()

    target = tmp_path / "ouders.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "")))
    monkeypatch.setattr(QInputDialog, "getItem",
                        staticmethod(lambda *a, **k: ("Sem de Vries", True)))
    qtbot.mouseClick(page.parents_button, Qt.MouseButton.LeftButton)
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(target.read_bytes())).pages)
    assert "Sem" in text and "Zoë" not in text
    assert page.saved.text() == "Opgeslagen: ouders.pdf"

    # The follow-up meeting carries the pupils not discussed; its dialog opens for editing.
    opened: list[MdoDialog] = []

    def fake_exec(dialog: MdoDialog) -> int:
        opened.append(dialog)
        return QDialog.DialogCode.Rejected.value

    monkeypatch.setattr(MdoDialog, "exec", fake_exec)
    qtbot.mouseClick(page.next_button, Qt.MouseButton.LeftButton)
    assert opened and opened[0].agenda.rowCount() == 2
    assert page.table.rowCount() == 2
    assert mdo.id in {m.id for m in mdo_service.list_mdos(ctx)}
