"""The registered parent in the plan: named in the print dialog, a parent in actions, and the
saved plan named after the pupil."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from thuiszitter_desktop.domain.aanmelding import ParentContact, Relation
from thuiszitter_desktop.domain.plan import OwnerKind
from thuiszitter_desktop.services import intake
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui import plan_editor
from thuiszitter_desktop.ui.aanmelding_dialog import new_aanmelding
from thuiszitter_desktop.ui.document_output import safe_file_name
from thuiszitter_desktop.ui.plan_dialogs import PrintDialog
from thuiszitter_desktop.ui.plan_editor import PlanTab


@pytest.fixture
def tab(qtbot: QtBot, ctx: AppContext) -> PlanTab:
    aanmelding = new_aanmelding(ctx.today())
    aanmelding.pupil.first_name, aanmelding.pupil.last_name = "Zoë", "Çelik/d'Hondt"
    aanmelding.pupil.birth_date = date(2013, 4, 2)
    aanmelding.pupil.school = "OBS De Regenboog"
    aanmelding.reporter.school = "OBS De Regenboog"
    aanmelding.reporter.contact_name = "Sem de Vries"
    aanmelding.parents = [ParentContact(name="Fatma Çelik", relation=Relation.MOEDER,
                                        phone="06-12345678")]
    aanmelding.sick_reports = []
    aanmelding.confirmed_criteria = set()
    aanmelding.route = aanmelding.route.DUO  # ongeoorloofd: the plan needs no consent
    aanmelding.education_percentage = 0
    aanmelding.education_since = date(2026, 10, 1)
    case = intake.register_aanmelding(ctx, aanmelding)
    widget = PlanTab(ctx, case.id, pupil_name="Zoë Çelik/d'Hondt")
    qtbot.addWidget(widget)
    widget.start_plan()
    widget.add_goal()
    return widget


def test_a_parent_typed_in_an_action_is_a_parent(tab: PlanTab) -> None:
    tab.add_action()
    model = tab.actions_model
    assert model.setData(model.index(0, 0), "fatma celik")
    assert tab.plan is not None
    owner = tab.plan.goals[0].actions[0].owner
    assert owner is not None and (owner.name, owner.kind) == ("Fatma Çelik", OwnerKind.PARENT)
    assert model.index(0, 1).data() == "Ouder"


def test_print_dialog_names_the_registered_parent_and_the_file_the_pupil(
    qtbot: QtBot, tab: PlanTab, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[PrintDialog] = []
    monkeypatch.setattr(plan_editor.PrintDialog, "exec", lambda d: opened.append(d) or 0)
    tab.open_print_dialog()
    [dialog] = opened
    assert (dialog.parent1.text(), dialog.parent2.text()) == ("Fatma Çelik", "")
    asked: list[str] = []
    target = tmp_path / "plan.pdf"

    def choose(*args: object) -> tuple[str, str]:
        asked.append(Path(str(args[2])).name)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    dialog.save_pdf()
    assert asked == ["Plan van aanpak Zoë Çelik-d'Hondt versie 1.pdf"]  # no '/' in a name
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(
        target.read_bytes())).pages)
    assert "Fatma Çelik" in text  # on the signature line of the printed plan


def test_file_names_drop_what_a_file_system_refuses() -> None:
    assert safe_file_name('Plan "A": Zoë/Sem?.pdf') == "Plan -A- Zoë-Sem-.pdf"
    assert safe_file_name(" .. ") == "bestand"
