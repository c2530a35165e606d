"""The case window's contact and professional lists: add, refuse, confirm and remove."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.vocab import ContactKind, Onderwijstype, ProfessionalRole
from thuiszitter_desktop.services import cases
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.case_people import ContactsTab, ProfessionalsTab


@pytest.fixture
def case_id(ctx: AppContext) -> str:
    pupil = Pupil(first_name="Sem", last_name="de Vries", birth_date=date(2013, 3, 9),
                  onderwijstype=Onderwijstype.VO)
    case = Case(pupil_id=pupil.id, aanmelding_date=date(2026, 11, 16), consulent=ctx.actor)
    return cases.register_case(ctx, pupil, case).id


def answer(monkeypatch: pytest.MonkeyPatch, button: QMessageBox.StandardButton) -> list[str]:
    asked: list[str] = []

    def question(_parent: object, title: str, text: str, *_: object) -> object:
        asked.append(f"{title}: {text}")
        return button

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def click(qtbot: QtBot, button: object) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def test_contacts_are_listed_newest_first_and_removed_after_confirmation(
        qtbot: QtBot, ctx: AppContext, case_id: str, monkeypatch: pytest.MonkeyPatch) -> None:
    tab = ContactsTab(ctx, case_id, [])
    qtbot.addWidget(tab)
    assert not tab.remove.isEnabled()
    for day, kind in ((date(2026, 11, 18), ContactKind.TELEFOON),
                      (date(2026, 11, 20), ContactKind.HUISBEZOEK)):
        tab.on.set_value(day)
        tab.kind.set_value(kind)
        tab.participants.insert("Sem, vader")
        click(qtbot, tab.add_button)
        assert tab.participants.text() == ""
    assert [(tab.table.item(r, 0).text(), tab.table.item(r, 1).text())
            for r in range(tab.table.rowCount())] == [
        ("20-11-2026", ContactKind.HUISBEZOEK.label), ("18-11-2026", ContactKind.TELEFOON.label)]
    assert len(cases.load_case(ctx, case_id).contacts) == 2

    asked = answer(monkeypatch, QMessageBox.StandardButton.No)
    tab.table.selectRow(0)
    click(qtbot, tab.remove)
    assert asked == ["Contactmoment verwijderen: Het contactmoment van 20-11-2026 verwijderen?"]
    assert tab.table.rowCount() == 2

    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    click(qtbot, tab.remove)
    assert tab.table.rowCount() == 1
    assert [c.on for c in cases.load_case(ctx, case_id).contacts] == [date(2026, 11, 18)]


def test_professional_needs_a_name_and_is_removed_after_confirmation(
        qtbot: QtBot, ctx: AppContext, case_id: str, monkeypatch: pytest.MonkeyPatch) -> None:
    tab = ProfessionalsTab(ctx, case_id, [])
    qtbot.addWidget(tab)
    click(qtbot, tab.add_button)
    assert tab.error.text() == "Vul de naam in."
    assert tab.table.rowCount() == 0

    tab.name.insert("Zoë Çelik-d'Hondt")
    tab.role.set_value(ProfessionalRole.MENTOR)
    tab.organisation.insert("Stedelijk Lyceum Zuid")
    click(qtbot, tab.add_button)
    assert tab.error.text() == ""
    assert (tab.name.text(), tab.organisation.text()) == ("", "")
    assert [tab.table.item(0, c).text() for c in range(3)] == [
        "Zoë Çelik-d'Hondt", ProfessionalRole.MENTOR.label, "Stedelijk Lyceum Zuid"]
    assert [p.name for p in cases.load_case(ctx, case_id).professionals] == ["Zoë Çelik-d'Hondt"]

    asked = answer(monkeypatch, QMessageBox.StandardButton.Yes)
    tab.table.selectRow(0)
    click(qtbot, tab.remove)
    assert asked == ["Betrokkene verwijderen: Zoë Çelik-d'Hondt verwijderen uit deze casus?"]
    assert tab.table.rowCount() == 0
    assert not tab.remove.isEnabled()
    assert cases.load_case(ctx, case_id).professionals == []
