"""Registering a pupil who probably exists already: shown, and offered to open; the MDO never
suggests two entries that read the same; searching folds every letter."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from test_aanmelding_gui import fill  # the form as a consulent fills it

from thuiszitter_desktop.domain.mdo import Mdo
from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.services import cases, security
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.aanmelding_dialog import AanmeldingDialog
from thuiszitter_desktop.ui.case_window import CaseWindow, new_case_objects
from thuiszitter_desktop.ui.caseload_page import CaseloadPage
from thuiszitter_desktop.ui.existing_pupil_dialog import Choice, ExistingPupilDialog
from thuiszitter_desktop.ui.mdo_dialog import MdoDialog
from thuiszitter_desktop.ui.security_page import SecurityPage


def register(ctx: AppContext, first: str, last: str, born: date) -> Case:
    pupil = Pupil(first_name=first, last_name=last, birth_date=born, school="Het Baken")
    return cases.register_case(ctx, pupil, Case(pupil_id=pupil.id,
                                                aanmelding_date=date(2026, 11, 2)))


class Answers:
    """Stands in for the user at the 'Bestaat deze leerling al?' question."""

    def __init__(self) -> None:
        self.choice = Choice.OPEN
        self.asked: list[ExistingPupilDialog] = []

    def exec(self, dialog: ExistingPupilDialog) -> int:
        self.asked.append(dialog)
        dialog.choice = self.choice
        return 1


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    found = Answers()
    monkeypatch.setattr(ExistingPupilDialog, "exec", lambda dialog: found.exec(dialog))
    return found


def test_known_pupil_is_shown_and_opened_instead(qtbot: QtBot, ctx: AppContext,
                                                 answers: Answers) -> None:
    known = register(ctx, "Zoë", "Çelik-d'Hondt", date(2012, 4, 3))
    dialog = AanmeldingDialog(ctx)
    qtbot.addWidget(dialog)
    fill(qtbot, dialog.form)
    with qtbot.waitSignal(dialog.open_existing) as opened:
        assert not dialog.register()
    assert opened.args == [known.id]
    [asked] = answers.asked
    assert asked.list.item(0).text().startswith("Zoë Çelik-d'Hondt, geboren 03-04-2012")
    assert dialog.case_id is None and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.form.first_name.text() == "Zoë"  # the form keeps what was typed


def test_registering_anyway_asks_once(qtbot: QtBot, ctx: AppContext,
                                      answers: Answers) -> None:
    register(ctx, "Sem", "de Vries", date(2013, 5, 1))
    answers.choice = Choice.REGISTER
    window = CaseWindow(ctx, *new_case_objects(ctx), is_new=True)
    qtbot.addWidget(window)
    window.form.first_name.setText("Sem")
    window.form.last_name.setText("de Vries")
    window.form.birth_date.set_value(date(2013, 5, 1))
    window.form.aanmelding_date.set_value(date(2026, 12, 24))  # refused: in the future
    assert not window.save()
    window.form.aanmelding_date.set_value(date(2026, 11, 23))
    assert window.save()  # not asked again for the same name and birth date
    assert len(answers.asked) == 1
    assert cases.load_case(ctx, window.case_id).pupil.full_name == "Sem de Vries"


def test_mdo_suggestions_never_read_the_same(qtbot: QtBot, ctx: AppContext) -> None:
    for _ in range(2):  # the same child registered twice
        register(ctx, "Nina", "Yılmaz", date(2012, 3, 4))
    dialog = MdoDialog(ctx, Mdo(on=date(2026, 11, 30), start_time=time(9),
                                school="Het Baken"))
    qtbot.addWidget(dialog)
    lines = [dialog.suggested.item(i).text() for i in range(dialog.suggested.count())]
    assert len(lines) == 2 and len(set(lines)) == 2
    assert all(line.startswith("Nina Yılmaz (Het Baken, aangemeld 02-11-2026)")
               for line in lines)


def test_search_and_filters_fold_every_letter(qtbot: QtBot, ctx: AppContext,
                                              tmp_path: Path) -> None:
    register(ctx, "Nina", "Yılmaz", date(2012, 3, 4))
    register(ctx, "Søren", "Łukasz", date(2012, 3, 4))
    page = CaseloadPage(ctx)
    qtbot.addWidget(page)
    page.reload()
    for needle, name in (("yilm", "Nina Yılmaz"), ("soren lukasz", "Søren Łukasz")):
        page.search.setText(needle)
        assert page.model.rowCount() == 1
        assert page.model.index(0, 0).data() == name
    security_page = SecurityPage(ctx)
    qtbot.addWidget(security_page)
    security_page.reload()
    security_page.pupil_filter.setText("YILMAZ")
    visible = security_page.visible_case_ids()
    assert visible and {security.case_names(ctx)[c] for c in visible} == {"Nina Yılmaz"}


def test_school_names_complete_folded(qtbot: QtBot) -> None:
    from thuiszitter_desktop.ui.case_form import CaseForm

    pupil = Pupil(first_name="", last_name="", birth_date=date(2012, 3, 4))
    form = CaseForm(pupil, Case(pupil_id=pupil.id, aanmelding_date=date(2026, 11, 2)),
                    date(2026, 11, 23), is_new=True,
                    school_names=["Sint-Jozefschool", "SO Çelik", "Het Baken"])
    qtbot.addWidget(form)
    form.show()
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    form.school.setFocus()
    offered = form.school_completer.choices

    def offers(typed: str) -> list[str]:
        form.school.clear()
        if typed.isascii():
            qtbot.keyClicks(form.school, typed)
        else:  # as an input method delivers it (QTest types ASCII only)
            form.school.setText(typed)
            form.school.textEdited.emit(typed)
        return [offered.index(r, 0).data() for r in range(offered.rowCount())]

    assert offers("sint jozef") == ["Sint-Jozefschool"]
    assert offers("celik") == ["SO Çelik"]
    assert offers("ÇELİK") == ["SO Çelik"]
    assert offers("Sınt") == ["Sint-Jozefschool"]
    assert offers("baken het") == ["Het Baken"]
    assert offers("kompas") == []
    assert offers("celik") == ["SO Çelik"]
    popup = form.school_completer.popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert form.school.text() == "SO Çelik"  # as written on the school's record
