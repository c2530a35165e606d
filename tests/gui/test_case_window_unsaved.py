"""The case window's size, and no edit in any tab is lost without a question."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from thuiszitter_desktop.domain.aanmelding import Aanmelding, ParentContact, Relation, Reporter
from thuiszitter_desktop.domain.consent import Consent, ConsentMethod
from thuiszitter_desktop.domain.model import Pupil
from thuiszitter_desktop.domain.vocab import CaseStage, Onderwijstype
from thuiszitter_desktop.domain.ziekteverzuim import SickReport
from thuiszitter_desktop.services import cases, intake
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.case_window import MAX_SIZE, CaseWindow, new_case_objects
from thuiszitter_desktop.ui.window_fit import initial_size

Answer = QMessageBox.StandardButton


def register(ctx: AppContext) -> str:
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
                                 method=ConsentMethod.MONDELING, given_by="moeder"),
    )
    return intake.register_aanmelding(ctx, a).id


def open_window(qtbot: QtBot, ctx: AppContext, case_id: str) -> CaseWindow:
    detail = cases.load_case(ctx, case_id)
    window = CaseWindow(ctx, detail.pupil, detail.case, is_new=False)
    qtbot.addWidget(window)
    window.show()
    return window


def record_intake(window: CaseWindow) -> None:
    form = window.intake_tabs.intake.form
    form.held_on.set_value(date(2026, 11, 19))
    form.participants.setText("Zoë, moeder, consulent")
    form.pupil_own_words.setPlainText("Eerst twee ochtenden.")
    assert window.intake_tabs.intake.save()


def answering(monkeypatch: pytest.MonkeyPatch, answer: QMessageBox.StandardButton
              ) -> list[str]:
    asked: list[str] = []

    def question(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


@pytest.mark.parametrize(("available", "expected"), [
    (QSize(1920, 1040), QSize(1400, 900)),   # full HD: capped
    (QSize(1600, 960), QSize(1400, 864)),
    (QSize(1366, 728), QSize(1229, 655)),    # a common laptop
    (QSize(1280, 680), QSize(1152, 612)),
])
def test_initial_size_is_most_of_the_screen_but_capped(available: QSize,
                                                        expected: QSize) -> None:
    assert initial_size(available, MAX_SIZE) == expected


def test_case_window_fits_the_screen(qtbot: QtBot, ctx: AppContext) -> None:
    window = open_window(qtbot, ctx, register(ctx))
    free = QGuiApplication.primaryScreen().availableGeometry().size()
    wanted = initial_size(free, MAX_SIZE)
    assert window.width() >= min(wanted.width(), window.minimumSizeHint().width())
    assert window.width() <= max(MAX_SIZE.width(), window.minimumSizeHint().width())
    assert window.height() <= max(MAX_SIZE.height(), window.minimumSizeHint().height())


def edit_aanmelding(w: CaseWindow) -> None:
    w.intake_tabs.aanmelding.form.contact_phone.setText("06-11112222")


def stored_aanmelding(ctx: AppContext, case_id: str) -> bool:
    stored = intake.load_aanmelding(ctx, case_id)
    return stored is not None and stored.reporter.phone == "06-11112222"


def edit_intake(w: CaseWindow) -> None:
    w.intake_tabs.intake.form.participants.setText("Zoë, vader")


def stored_intake(ctx: AppContext, case_id: str) -> bool:
    stored = intake.load_intake(ctx, case_id)
    return stored is not None and stored.participants == "Zoë, vader"


def edit_stage(w: CaseWindow) -> None:
    w.intake_tabs.intake.stages.fields[CaseStage.SCHOOL_GERAADPLEEGD].set_value(
        date(2026, 11, 17))


def stored_stage(ctx: AppContext, case_id: str) -> bool:
    dates = intake.load_stages(ctx, case_id).dates
    return dates.get(CaseStage.SCHOOL_GERAADPLEEGD) == date(2026, 11, 17)


def edit_terugkoppeling(w: CaseWindow) -> None:
    record_intake(w)
    w.intake_tabs.terugkoppeling.make_draft()  # a new, never saved draft


def stored_terugkoppeling(ctx: AppContext, case_id: str) -> bool:
    return intake.load_terugkoppeling(ctx, case_id) is not None


def edit_contact(w: CaseWindow) -> None:
    w.contacts.notes.setText("Moeder gebeld")  # typed, 'toevoegen' not clicked


def stored_contact(ctx: AppContext, case_id: str) -> bool:
    return [c.notes for c in cases.load_case(ctx, case_id).contacts] == ["Moeder gebeld"]


def edit_professional(w: CaseWindow) -> None:
    w.people.name.setText("Daan Bakker")
    w.people.organisation.setText("Jeugdteam Heuvelrug (fictief)")


def stored_professional(ctx: AppContext, case_id: str) -> bool:
    return [p.name for p in cases.load_case(ctx, case_id).professionals] == ["Daan Bakker"]


EDITS: list[tuple[str, Callable[[CaseWindow], None], Callable[[AppContext, str], bool]]] = [
    ("Contactmomenten", edit_contact, stored_contact),
    ("Betrokkenen", edit_professional, stored_professional),
    ("Aanmelding", edit_aanmelding, stored_aanmelding),
    ("Intake", edit_intake, stored_intake),
    ("Intake", edit_stage, stored_stage),
    ("Terugkoppeling", edit_terugkoppeling, stored_terugkoppeling),
]
IDS = ["contact typed", "professional typed", "aanmelding", "intake conversation",
       "intake step date", "terugkoppeling draft"]


def test_opening_and_closing_without_edits_asks_nothing(
    qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, ctx, register(ctx))
    record_intake(window)
    asked = answering(monkeypatch, Answer.Cancel)
    assert window.unsaved_tabs() == []
    window.close()
    assert asked == [] and not window.isVisible()


@pytest.mark.parametrize(("tab", "edit", "stored"), EDITS, ids=IDS)
def test_closing_with_unsaved_tab_edits_asks_and_cancel_keeps_the_window(
    qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch, tab: str,
    edit: Callable[[CaseWindow], None], stored: Callable[[AppContext, str], bool],
) -> None:
    case_id = register(ctx)
    window = open_window(qtbot, ctx, case_id)
    edit(window)
    asked = answering(monkeypatch, Answer.Cancel)
    window.close()
    assert len(asked) == 1 and f"tabblad {tab}" in asked[0]
    assert window.isVisible()
    assert not stored(ctx, case_id)


@pytest.mark.parametrize(("tab", "edit", "stored"), EDITS, ids=IDS)
def test_save_answer_stores_the_tab_edits(
    qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch, tab: str,
    edit: Callable[[CaseWindow], None], stored: Callable[[AppContext, str], bool],
) -> None:
    case_id = register(ctx)
    window = open_window(qtbot, ctx, case_id)
    edit(window)
    answering(monkeypatch, Answer.Save)
    window.close()
    assert not window.isVisible()
    assert stored(ctx, case_id)


@pytest.mark.parametrize(("tab", "edit", "stored"), EDITS, ids=IDS)
def test_discard_answer_closes_without_storing(
    qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch, tab: str,
    edit: Callable[[CaseWindow], None], stored: Callable[[AppContext, str], bool],
) -> None:
    case_id = register(ctx)
    window = open_window(qtbot, ctx, case_id)
    edit(window)
    answering(monkeypatch, Answer.Discard)
    window.close()
    assert not window.isVisible()
    assert not stored(ctx, case_id)


def test_question_names_every_tab_with_edits(
    qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, ctx, register(ctx))
    window.form.percentage.setValue(40)
    edit_aanmelding(window)
    edit_intake(window)
    asked = answering(monkeypatch, Answer.Cancel)
    window.close()
    assert asked == ["U heeft wijzigingen op de tabbladen Gegevens, Aanmelding en Intake die "
                     "nog niet zijn opgeslagen. Wilt u ze opslaan?"]


def test_ctrl_s_saves_the_tab_being_edited(qtbot: QtBot, ctx: AppContext) -> None:
    case_id = register(ctx)
    window = open_window(qtbot, ctx, case_id)
    with qtbot.waitActive(window):
        window.activateWindow()
    window.tabs.setCurrentWidget(window.intake_tabs.intake)
    edit_intake(window)
    field = window.intake_tabs.intake.form.participants
    qtbot.keyClick(field, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert stored_intake(ctx, case_id)
    assert window.unsaved_tabs() == []


def test_failed_tab_save_keeps_the_window_open_on_that_tab(
    qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, ctx, register(ctx))
    record_intake(window)
    window.intake_tabs.intake.form.participants.clear()  # required field
    answering(monkeypatch, Answer.Save)
    window.close()
    assert window.isVisible()
    assert window.tabs.currentWidget() is window.intake_tabs.intake
    assert window.intake_tabs.intake.summary.text().startswith("Niet opgeslagen")


def test_professional_typed_without_a_name_is_not_lost_on_save(
    qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    case_id = register(ctx)
    window = open_window(qtbot, ctx, case_id)
    window.people.phone.setText("06-98765432")  # the name is required
    answering(monkeypatch, Answer.Save)
    window.close()
    assert window.isVisible()
    assert window.tabs.currentWidget() is window.people
    assert window.people.error.text() == "Vul de naam in."
    assert window.people.phone.text() == "06-98765432"
    assert cases.load_case(ctx, case_id).professionals == []


# -- a new terugkoppeling draft replaces the current one only when the user agrees ------------
@pytest.mark.parametrize(("answer", "replaced"), [(Answer.No, False), (Answer.Yes, True)])
def test_new_draft_over_a_saved_one_asks_first(
    qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch,
    answer: QMessageBox.StandardButton, replaced: bool,
) -> None:
    window = open_window(qtbot, ctx, register(ctx))
    record_intake(window)
    t = window.intake_tabs.terugkoppeling
    asked = answering(monkeypatch, answer)
    t.make_draft()
    assert asked == []  # nothing to lose yet
    t.summary_text.setPlainText("Mijn eigen tekst voor de ouders.")
    assert t.save()
    t.make_draft()
    assert len(asked) == 1 and "wordt pas vervangen" in asked[0]
    assert (t.summary_text.toPlainText() != "Mijn eigen tekst voor de ouders.") is replaced


def test_new_draft_over_unsaved_edits_warns_they_are_lost(
    qtbot: QtBot, ctx: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(qtbot, ctx, register(ctx))
    record_intake(window)
    t = window.intake_tabs.terugkoppeling
    t.make_draft()
    t.summary_text.setPlainText("Nog niet opgeslagen tekst.")
    asked = answering(monkeypatch, Answer.No)
    t.make_draft()
    assert len(asked) == 1 and "gaan verloren" in asked[0]
    assert t.summary_text.toPlainText() == "Nog niet opgeslagen tekst."


def test_new_case_window_registers_or_cancels(qtbot: QtBot, ctx: AppContext) -> None:
    pupil, case = new_case_objects(ctx)
    window = CaseWindow(ctx, pupil, case, is_new=True)
    qtbot.addWidget(window)
    assert (window.save_button.text(), window.cancel_button.text()) == ("Registreren",
                                                                        "Annuleren")
    assert window.tabs.count() == 1


def test_date_fields_keep_their_own_width_in_a_wide_window(qtbot: QtBot, ctx: AppContext) -> None:
    window = open_window(qtbot, ctx, register(ctx))
    window.resize(1300, 900)
    window.tabs.setCurrentWidget(window.contacts)
    qtbot.waitUntil(lambda: window.contacts.notes.width() > 800)
    # The text field beside it stretches; the date stays wide enough for dd-mm-jjjj only.
    assert window.contacts.on.width() < 250
    assert window.contacts.on.width() >= window.contacts.on.sizeHint().width()


def test_number_fields_keep_their_own_width_in_a_wide_window(qtbot: QtBot,
                                                             ctx: AppContext) -> None:
    window = open_window(qtbot, ctx, register(ctx))
    window.resize(1300, 900)
    form = window.form
    qtbot.waitUntil(lambda: form.consulent.width() > 300)
    assert form.percentage.width() < 150  # '100 %' fits; the text fields stretch
