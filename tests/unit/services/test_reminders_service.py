"""Services of the deadline clock on a real (temporary) vault."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from datetime import date, time

import pytest
from icalendar import Calendar
from pypdf import PdfReader

from thuiszitter_desktop.domain import settings as settings_registry
from thuiszitter_desktop.domain.deadlines import DeadlineKind, DeadlineState
from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.mdo import Mdo, MdoAgendaItem
from thuiszitter_desktop.domain.model import Case, ContactMoment, Pupil
from thuiszitter_desktop.domain.plan import Action, Goal
from thuiszitter_desktop.domain.vocab import ClosingReason, ContactKind
from thuiszitter_desktop.services import caseload, cases, reminders
from thuiszitter_desktop.services import mdo as mdo_service
from thuiszitter_desktop.services import plan as plan_service
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.storage import repo_audit, repo_reminders, repo_settings

# The ctx clock stands at 23 November 2026.


def register(ctx: AppContext, first: str, last: str, aanmelding: date,
             school: str = "OBS De Regenboog") -> Case:
    pupil = Pupil(first_name=first, last_name=last, birth_date=date(2013, 4, 2), school=school)
    return cases.register_case(ctx, pupil, Case(pupil_id=pupil.id, aanmelding_date=aanmelding))


@pytest.fixture
def two_cases(ctx: AppContext) -> tuple[Case, Case]:
    # Zoë: eerste contact due 9 November (overdue). Sem: due 24 November (this week).
    zoe = register(ctx, "Zoë", "Çelik-d'Hondt", date(2026, 10, 26), "Het Baken College")
    sem = register(ctx, "Sem", "de Vries", date(2026, 11, 10))
    return zoe, sem


def test_today_lists_overdue_first_with_names_and_text(
    ctx: AppContext, two_cases: tuple[Case, Case]
) -> None:
    overview = reminders.load_today(ctx)
    lines = [(r.pupil_name, r.reminder.kind, r.text) for r in overview.rows]
    assert lines == [
        ("Zoë Çelik-d'Hondt", DeadlineKind.EERSTE_CONTACT, "Eerste contact: 14 dagen verlopen"),
        ("Sem de Vries", DeadlineKind.EERSTE_CONTACT, "Eerste contact: nog 1 dag"),
        ("Zoë Çelik-d'Hondt", DeadlineKind.DOELEN, "Doelen gesteld: nog 3 dagen"),
    ]
    assert overview.notification == "1 termijn verlopen, 2 deze week"


def test_contact_removes_reminder(ctx: AppContext, two_cases: tuple[Case, Case]) -> None:
    zoe, _ = two_cases
    cases.save_contact(ctx, ContactMoment(case_id=zoe.id, on=date(2026, 11, 20),
                                          kind=ContactKind.HUISBEZOEK))
    keys = [(r.reminder.case_id, r.reminder.key) for r in reminders.load_today(ctx).rows]
    assert (zoe.id, "EERSTE_CONTACT") not in keys


def test_snooze_hides_reminder_is_logged_and_announced(
    ctx: AppContext, two_cases: tuple[Case, Case]
) -> None:
    seen: list[Change] = []
    ctx.changes.subscribe(seen.append)
    first = reminders.load_today(ctx).rows[0].reminder
    item = reminders.snooze_reminder(ctx, first, date(2026, 11, 26), "Moeder belt maandag terug")
    assert first not in [r.reminder for r in reminders.load_today(ctx).rows]
    assert seen == [Change("reminder", (item.id,))]
    with ctx.vault.read() as conn:
        log = repo_audit.entries(conn, first.case_id)
        stored = repo_reminders.list_snoozes(conn)
    assert stored == [item]
    assert stored[0].by == "Test Consulent"
    assert log[-1].action == "termijn uitgesteld"
    assert "Moeder" not in log[-1].detail


def test_acknowledge_needs_reason_and_stores_nothing_without(
    ctx: AppContext, two_cases: tuple[Case, Case]
) -> None:
    first = reminders.load_today(ctx).rows[0].reminder
    with pytest.raises(ValidationError):
        reminders.acknowledge_reminder(ctx, first, " ")
    assert reminders.list_snoozes(ctx, first.case_id) == []
    reminders.acknowledge_reminder(ctx, first, "Besproken met de mentor")
    assert first not in [r.reminder for r in reminders.load_today(ctx).rows]


def test_closed_case_has_no_reminders(ctx: AppContext, two_cases: tuple[Case, Case]) -> None:
    zoe, sem = two_cases
    cases.close_case(ctx, zoe.id, ClosingReason.TERUG_OP_SCHOOL)
    assert {r.reminder.case_id for r in reminders.load_today(ctx).rows} == {sem.id}


def test_reopened_case_counts_from_reopen_date(ctx: AppContext) -> None:
    case = register(ctx, "Noor", "Bakker", date(2026, 3, 2))
    before = {r.reminder.kind: r.reminder for r in reminders.load_today(ctx).rows}
    assert before[DeadlineKind.EERSTE_CONTACT].due == date(2026, 3, 16)
    with ctx.vault.transaction() as conn:
        repo_reminders.add_episode(conn, case.id, date(2026, 11, 12), date(2026, 6, 1),
                                   ctx.now())
    after = [(r.reminder.kind, r.reminder.due, r.reminder.state)
             for r in reminders.load_today(ctx).rows]
    assert after == [(DeadlineKind.EERSTE_CONTACT, date(2026, 11, 26), DeadlineState.BINNENKORT)]


def test_states_agree_with_caseload_overview(
    ctx: AppContext, two_cases: tuple[Case, Case]
) -> None:
    today_rows = reminders.load_today(ctx).rows
    for row in caseload.load_rows(ctx):
        assert row.deadline is not None
        match = [r.reminder.deadline for r in today_rows
                 if r.reminder.case_id == row.case_id and r.reminder.kind is row.deadline.kind]
        assert match == [row.deadline]


def test_ics_export_has_initials_and_right_dates(
    ctx: AppContext, two_cases: tuple[Case, Case]
) -> None:
    data = reminders.export_ics(ctx)
    events = {(str(e["SUMMARY"]), e.decoded("DTSTART"))
              for e in Calendar.from_ical(data).walk("VEVENT")}
    assert ("Eerste contact – Z.Ç.", date(2026, 11, 9)) in events
    assert ("Passend aanbod – S.V.", date(2027, 2, 10)) in events
    assert b"Zo\xc3\xab" not in data and b"Vries" not in data


def test_ics_export_without_names_when_set(
    ctx: AppContext, two_cases: tuple[Case, Case]
) -> None:
    with ctx.vault.transaction() as conn:
        repo_settings.store(conn, settings_registry.ICS_NAMES.key, "none")
    summaries = {str(e["SUMMARY"]) for e in
                 Calendar.from_ical(reminders.export_ics(ctx)).walk("VEVENT")}
    assert summaries == {"Eerste contact", "Doelen gesteld", "Passend aanbod"}


def test_warning_days_setting_changes_state(
    ctx: AppContext, two_cases: tuple[Case, Case]
) -> None:
    with ctx.vault.transaction() as conn:
        repo_settings.store(conn, settings_registry.WARN_GOALS.key, 1)
    rows = {(r.pupil_name, r.reminder.kind): r.reminder.state
            for r in reminders.load_today(ctx).rows}
    assert rows[("Zoë Çelik-d'Hondt", DeadlineKind.DOELEN)] is DeadlineState.OP_TIJD


def test_weekly_pdf_lists_this_weeks_deadlines(
    ctx: AppContext, two_cases: tuple[Case, Case]
) -> None:
    reader = PdfReader(io.BytesIO(reminders.weekly_pdf(ctx)))
    body = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    for expected in ("Zoë Çelik-d'Hondt", "Het Baken College", "Verlopen, 14 dagen te laat",
                     "Sem de Vries", "Dinsdag 24 november 2026", "Binnenkort, nog 1 dag"):
        assert expected in body


def test_plan_action_and_evaluation_appear_in_vandaag(
    ctx: AppContext, two_cases: tuple[Case, Case]
) -> None:
    _, sem = two_cases
    plan = plan_service.start_plan(ctx, sem.id)
    action = Action(what="Rooster aanpassen met de mentor", due=date(2026, 11, 25))
    goal = Goal(description="Sem gaat weer 2 ochtenden naar school",
                indicator="aanwezig op maandag en donderdag", deadline=date(2027, 1, 15),
                actions=(action,))
    plan_service.save_plan(ctx, replace(plan, goals=(goal,),
                                        evaluation_dates=(date(2026, 11, 27),)))
    found = {r.reminder.key: r for r in reminders.load_today(ctx).rows
             if r.reminder.case_id == sem.id}
    assert found[f"ACTIE:{action.id}"].text == "Rooster aanpassen met de mentor: nog 2 dagen"
    assert found["EVALUATIE:2026-11-27"].reminder.kind is DeadlineKind.EVALUATIE
    # Action text may name people: the agenda export only says what kind of deadline it is.
    data = reminders.export_ics(ctx)
    assert b"Rooster" not in data and "Actie uit het plan – S.V.".encode() in data


def test_upcoming_mdo_is_one_event_without_pupil_names(
    ctx: AppContext, two_cases: tuple[Case, Case], give_consent: Callable[..., None]
) -> None:
    zoe, sem = two_cases
    give_consent(zoe.id)
    give_consent(sem.id)
    meeting = Mdo(on=date(2026, 12, 3), start_time=time(14, 0), school="OBS De Regenboog",
                  location="Lokaal 12", chair="Ans Mulder",
                  items=[MdoAgendaItem(case_id=zoe.id), MdoAgendaItem(case_id=sem.id)])
    mdo_service.save_mdo(ctx, meeting)
    past = Mdo(on=date(2026, 11, 2), start_time=time(9, 0), school="Oud overleg",
               location="Lokaal 3", chair="Ans Mulder")
    mdo_service.save_mdo(ctx, past)
    events = [(str(e["SUMMARY"]), e.decoded("DTSTART"))
              for e in Calendar.from_ical(reminders.export_ics(ctx)).walk("VEVENT")
              if str(e["SUMMARY"]).startswith("MDO")]
    assert events == [("MDO OBS De Regenboog", date(2026, 12, 3))]
