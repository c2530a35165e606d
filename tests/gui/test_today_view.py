"""The Vandaag view: shown after unlock, urgency order, snooze with reason, exports, tray."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog
from pytestqt.qtbot import QtBot

from thuiszitter_desktop.domain.deadlines import DeadlineState
from thuiszitter_desktop.domain.model import Case, ContactMoment, Pupil
from thuiszitter_desktop.domain.vocab import ContactKind
from thuiszitter_desktop.services import cases, reminders
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.caseload_model import DEADLINE_COLUMN
from thuiszitter_desktop.ui.main_window import MainWindow
from thuiszitter_desktop.ui.snooze_dialog import SnoozeDialog
from thuiszitter_desktop.ui.today_model import STATE_COLUMN, TodayModel
from thuiszitter_desktop.ui.today_page import TodayPage
from thuiszitter_desktop.ui.tray import ReminderTray

# ctx's clock: Monday 23 November 2026.


def register(ctx: AppContext, first: str, last: str, aanmelding: date) -> Case:
    pupil = Pupil(first_name=first, last_name=last, birth_date=date(2013, 4, 2),
                  school="OBS De Regenboog")
    return cases.register_case(ctx, pupil, Case(pupil_id=pupil.id, aanmelding_date=aanmelding))


@pytest.fixture
def caseload(ctx: AppContext) -> dict[str, Case]:
    return {
        "zoe": register(ctx, "Zoë", "Çelik-d'Hondt", date(2026, 10, 26)),  # contact overdue
        "sem": register(ctx, "Sem", "de Vries", date(2026, 11, 10)),  # contact due tomorrow
        "noor": register(ctx, "Noor", "Bakker", date(2026, 11, 20)),  # nothing this week
    }


def page_rows(page: TodayPage) -> list[tuple[str, str, str]]:
    model = page.model
    return [(model.index(r, 0).data(), model.index(r, 2).data(), model.index(r, 4).data())
            for r in range(model.rowCount())]


def test_model_passes_qt_checks(qapp: object, qtmodeltester: object, ctx: AppContext,
                                caseload: dict[str, Case]) -> None:
    model = TodayModel()
    model.set_rows(list(reminders.load_today(ctx).rows))
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_lists_overdue_first_with_state_text_icon_and_colour(
    qtbot: QtBot, ctx: AppContext, caseload: dict[str, Case]
) -> None:
    page = TodayPage(ctx)
    qtbot.addWidget(page)
    assert page_rows(page) == [
        ("Verlopen", "Zoë Çelik-d'Hondt", "Eerste contact: 14 dagen verlopen"),
        ("Binnenkort", "Sem de Vries", "Eerste contact: nog 1 dag"),
        ("Binnenkort", "Zoë Çelik-d'Hondt", "Doelen gesteld: nog 3 dagen"),
    ]
    first = page.model.index(0, STATE_COLUMN)
    assert first.data(Qt.ItemDataRole.DecorationRole) is not None
    assert first.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert page.summary.text() == "1 termijn verlopen, 2 deze week"


def test_enter_opens_the_case(qtbot: QtBot, ctx: AppContext,
                              caseload: dict[str, Case]) -> None:
    page = TodayPage(ctx)
    qtbot.addWidget(page)
    page.show()
    page.table.setFocus()
    with qtbot.waitSignal(page.open_case) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [caseload["zoe"].id]


def test_snooze_requires_reason_then_hides_the_line(
    qtbot: QtBot, ctx: AppContext, caseload: dict[str, Case]
) -> None:
    page = TodayPage(ctx)
    qtbot.addWidget(page)
    row = page.current_row()
    assert row is not None and row.pupil_name == "Zoë Çelik-d'Hondt"
    dialog = SnoozeDialog(ctx, row)
    qtbot.addWidget(dialog)
    dialog.save()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.errors.text() == "Geef een reden op."
    dialog.until.set_value(date(2026, 11, 26))
    qtbot.keyClicks(dialog.reason, "Moeder belt donderdag terug")
    dialog.save()
    assert dialog.result() == QDialog.DialogCode.Accepted
    page.reload()
    assert [r[2] for r in page_rows(page)] == [
        "Eerste contact: nog 1 dag", "Doelen gesteld: nog 3 dagen",
    ]
    [stored] = reminders.list_snoozes(ctx, caseload["zoe"].id)
    assert (stored.until, stored.reason) == (date(2026, 11, 26), "Moeder belt donderdag terug")


def test_acknowledge_from_dialog(qtbot: QtBot, ctx: AppContext,
                                 caseload: dict[str, Case]) -> None:
    page = TodayPage(ctx)
    qtbot.addWidget(page)
    row = page.current_row()
    assert row is not None
    dialog = SnoozeDialog(ctx, row, acknowledge=True)
    qtbot.addWidget(dialog)
    assert not dialog.until.isEnabled()
    qtbot.keyClicks(dialog.reason, "Besproken met de mentor")
    dialog.save()
    [stored] = reminders.list_snoozes(ctx, caseload["zoe"].id)
    assert stored.acknowledged


def test_page_refreshes_when_a_contact_is_recorded(
    qtbot: QtBot, ctx: AppContext, caseload: dict[str, Case]
) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    cases.save_contact(ctx, ContactMoment(case_id=caseload["zoe"].id, on=date(2026, 11, 20),
                                          kind=ContactKind.HUISBEZOEK))
    names = [r[1] for r in page_rows(window.today_page)]
    assert names == ["Sem de Vries", "Zoë Çelik-d'Hondt"]


def test_main_window_opens_on_vandaag_and_states_match_caseload(
    qtbot: QtBot, ctx: AppContext, caseload: dict[str, Case]
) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.pages.currentWidget() is window.today_page
    assert window.nav.currentItem().text() == "Vandaag"
    window.show_page(window.caseload)  # loads when first shown, from Vandaag's snapshot
    caseload_states = {
        window.caseload.model.index(r, 0).data(): window.caseload.model.index(
            r, DEADLINE_COLUMN).data()
        for r in range(window.caseload.model.rowCount())
    }
    for name, text in [(r[1], r[2]) for r in page_rows(window.today_page)]:
        if text.startswith("Eerste contact"):
            assert caseload_states[name] == text


def test_tray_text_has_counts_and_no_names(
    qtbot: QtBot, ctx: AppContext, caseload: dict[str, Case]
) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    assert window.tray.last_message == "1 termijn verlopen, 2 deze week"
    for name in ("Zoë", "Sem", "Noor", "Çelik", "Vries"):
        assert name not in window.tray.last_message
    window.clear_for_lock()
    assert window.tray.last_message == ""
    assert window.today_page.model.rowCount() == 0


def test_tray_repeats_nothing_and_skips_empty_text(qapp: object) -> None:
    tray = ReminderTray()
    tray.notify("")
    assert tray.last_message == ""
    tray.notify("2 termijnen verlopen")
    tray.notify("2 termijnen verlopen")
    assert tray.last_message == "2 termijnen verlopen"
    tray.hide()


def test_export_buttons_save_ics_and_pdf(
    qtbot: QtBot, ctx: AppContext, caseload: dict[str, Case], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    page = TodayPage(ctx)
    qtbot.addWidget(page)
    target = tmp_path / "termijnen.ics"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kwargs: (str(target), "")))
    qtbot.mouseClick(page.ics_button, Qt.MouseButton.LeftButton)
    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert ("Eerste contact – Z.Ç.", date(2026, 11, 9)) in {
        (str(e["SUMMARY"]), e.decoded("DTSTART")) for e in events}
    pdf = tmp_path / "week.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kwargs: (str(pdf), "")))
    qtbot.mouseClick(page.weekly_button, Qt.MouseButton.LeftButton)
    assert pdf.read_bytes().startswith(b"%PDF")
    assert page.saved.text() == "Opgeslagen: week.pdf"


def test_state_of_snoozed_reminder_not_hidden_in_caseload(
    qtbot: QtBot, ctx: AppContext, caseload: dict[str, Case]
) -> None:
    """Snoozing only quiets the reminder; the overview still shows the deadline as overdue."""
    first = reminders.load_today(ctx).rows[0].reminder
    reminders.snooze_reminder(ctx, first, date(2026, 11, 30), "Wacht op school")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show_page(window.caseload)  # loads when first shown
    model = window.caseload.model
    texts = {model.index(r, 0).data(): model.index(r, DEADLINE_COLUMN).data()
             for r in range(model.rowCount())}
    assert texts["Zoë Çelik-d'Hondt"] == "Eerste contact: 14 dagen verlopen"
    assert first.state is DeadlineState.VERLOPEN




def test_deadline_text_fills_the_width_also_after_a_refresh(
    qtbot: QtBot, ctx: AppContext, caseload: dict[str, Case]
) -> None:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 800)
    window.show()
    table = window.today_page.table
    header = table.horizontalHeader()
    last = header.count() - 1

    def right_edge() -> int:
        return header.sectionViewportPosition(last) + header.sectionSize(last)

    qtbot.waitUntil(lambda: right_edge() >= table.viewport().width() - 1)
    cases.save_contact(ctx, ContactMoment(case_id=caseload["zoe"].id, on=date(2026, 11, 20),
                                          kind=ContactKind.HUISBEZOEK))  # refreshes the list
    qtbot.wait(10)
    assert right_edge() >= table.viewport().width() - 1
