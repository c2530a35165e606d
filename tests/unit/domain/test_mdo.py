"""MDO domain: suggestion rules, carry-over, agenda order and timing, minutes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time, timedelta
from typing import Any

import pytest

from thuiszitter_desktop.domain.deadlines import DeadlineState
from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.mdo import (
    Escalation,
    Mdo,
    MdoAction,
    MdoCaseSnapshot,
    MdoOutcome,
    MdoParticipant,
    MdoRole,
    SuggestionReason,
    carry_over,
    short_name,
)
from thuiszitter_desktop.domain.mdo_agenda import AgendaSettings, agenda_text, build_agenda
from thuiszitter_desktop.domain.mdo_minutes import build_minutes
from thuiszitter_desktop.domain.mdo_suggest import SuggestionSettings, reasons_for, suggest

R = SuggestionReason
MEETING = date(2026, 12, 1)
PREVIOUS = date(2026, 10, 27)


def quiet(today: date, **changes: object) -> MdoCaseSnapshot:
    """A case with nothing to discuss: old aanmelding, recent progress, deadline far away."""
    snap = MdoCaseSnapshot(
        case_id="c1", first_name="Sem", last_name="de Vries", school="De Regenboog",
        group="groep 7", days_at_home=40, education_percentage=20, regie_label="School",
        aanmelding_date=PREVIOUS - timedelta(days=30),
        last_progress=today - timedelta(days=7), last_contact=today - timedelta(days=3),
        deadline_state=DeadlineState.OP_TIJD, deadline_due=MEETING + timedelta(days=60),
    )
    return replace(snap, **changes)  # type: ignore[arg-type]


def reasons(today: date, previous: date | None = PREVIOUS,
            settings: SuggestionSettings | None = None, **changes: Any
            ) -> tuple[SuggestionReason, ...]:
    found = reasons_for(quiet(today, **changes), today=today, meeting_date=MEETING,
                        previous_mdo_date=previous, settings=settings)
    return () if found is None else found.reasons


def test_quiet_case_is_not_suggested(today: date) -> None:
    assert reasons(today) == ()


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"deadline_state": DeadlineState.VERLOPEN, "deadline_due": date(2026, 11, 1)},
         (R.TERMIJN_VERLOPEN,)),
        ({"overdue_actions": (MdoAction("Mentor", "Belt ouders", date(2026, 11, 10)),)},
         (R.ACTIES_VERLOPEN,)),
        ({"last_progress": date(2026, 10, 19)}, (R.STAGNATIE,)),  # 5 weeks
        ({"last_contact": date(2026, 10, 26)}, (R.STAGNATIE,)),  # exactly 4 weeks
        ({"last_contact": date(2026, 10, 27)}, ()),  # 27 days: not yet
        ({"last_progress": None, "last_contact": None}, (R.STAGNATIE,)),  # old aanmelding counts
        ({"deadline_state": DeadlineState.BINNENKORT, "deadline_due": date(2026, 12, 5)},
         (R.TERMIJN_NADERT,)),
        ({"deadline_due": MEETING + timedelta(days=14)}, (R.TERMIJN_NADERT,)),  # due near meeting
        ({"deadline_due": MEETING + timedelta(days=15)}, ()),
        ({"deadline_state": DeadlineState.GEHAALD, "deadline_due": date(2026, 12, 2)}, ()),
        ({"deadline_state": None, "deadline_due": date(2026, 12, 2)}, ()),  # closed case
        ({"aanmelding_date": PREVIOUS + timedelta(days=1), "last_progress": None,
          "last_contact": date(2026, 11, 20)}, (R.NIEUWE_AANMELDING,)),
        ({"aanmelding_date": PREVIOUS}, ()),  # on the day of the previous MDO: was known
        ({"on_previous_agenda": True, "discussed_at_previous": False}, (R.DOORGESCHOVEN,)),
        ({"on_previous_agenda": True, "discussed_at_previous": True}, ()),
        ({"deadline_state": DeadlineState.VERLOPEN, "deadline_due": date(2026, 11, 1),
          "overdue_actions": (MdoAction("School", "Aanbod zoeken", date(2026, 11, 1)),),
          "last_contact": date(2026, 9, 1), "on_previous_agenda": True},
         (R.TERMIJN_VERLOPEN, R.ACTIES_VERLOPEN, R.STAGNATIE, R.DOORGESCHOVEN)),
    ],
)
def test_suggestion_rules(today: date, changes: dict[str, object],
                          expected: tuple[SuggestionReason, ...]) -> None:
    assert reasons(today, PREVIOUS, None, **changes) == expected


@pytest.mark.parametrize(
    ("days_before_meeting", "expected"),
    [(30, (R.NIEUWE_AANMELDING,)), (42, ()), (60, ())],
)
def test_new_aanmelding_without_previous_mdo_uses_a_window(
    today: date, days_before_meeting: int, expected: tuple[SuggestionReason, ...]
) -> None:
    aanmelding = MEETING - timedelta(days=days_before_meeting)
    got = reasons(today, previous=None, aanmelding_date=aanmelding, last_progress=today,
                  last_contact=today)
    assert got == expected


@pytest.mark.parametrize(("weeks", "expected"), [(2, (R.STAGNATIE,)), (4, ()), (6, ())])
def test_stagnation_weeks_are_configurable(today: date, weeks: int,
                                           expected: tuple[SuggestionReason, ...]) -> None:
    got = reasons(today, settings=SuggestionSettings(stagnation_weeks=weeks),
                  last_progress=today - timedelta(days=15))
    assert got == expected


def test_suggestion_details_name_the_dates(today: date) -> None:
    found = reasons_for(quiet(today, last_contact=date(2026, 10, 12)), today=today,
                        meeting_date=MEETING, previous_mdo_date=PREVIOUS)
    assert found is not None
    assert found.reason_labels == ["Geen voortgang of geen contact"]
    assert found.details == ("Geen contact sinds 12-10-2026 (6 weken).",)


def test_suggestions_are_ordered_by_urgency(today: date) -> None:
    snaps = [
        quiet(today, case_id="carried", on_previous_agenda=True),
        quiet(today, case_id="new", aanmelding_date=date(2026, 11, 20), last_progress=None),
        quiet(today, case_id="near", deadline_state=DeadlineState.BINNENKORT),
        quiet(today, case_id="stuck", last_progress=date(2026, 9, 1)),
        quiet(today, case_id="overdue", overdue_actions=(MdoAction("A", "B", today),)),
        quiet(today, case_id="past", deadline_state=DeadlineState.VERLOPEN),
        quiet(today, case_id="quiet"),
    ]
    got = suggest(snaps, today=today, meeting_date=MEETING, previous_mdo_date=PREVIOUS)
    assert [s.snapshot.case_id for s in got] == [
        "past", "overdue", "stuck", "near", "new", "carried"]


def test_more_reasons_and_longer_at_home_go_first_within_the_same_urgency(today: date) -> None:
    stuck = {"last_progress": date(2026, 9, 1)}
    snaps = [
        quiet(today, case_id="short", days_at_home=20, **stuck),
        quiet(today, case_id="long", days_at_home=90, **stuck),
        quiet(today, case_id="also_carried", days_at_home=10, on_previous_agenda=True, **stuck),
    ]
    got = suggest(snaps, today=today, meeting_date=MEETING, previous_mdo_date=PREVIOUS)
    assert [s.snapshot.case_id for s in got] == ["also_carried", "long", "short"]


def meeting(**changes: object) -> Mdo:
    values: dict[str, object] = {"on": MEETING, "start_time": time(9, 0), "location": "Lokaal 12",
                                 "chair": "Fatima Bakkali", "school": "De Regenboog"}
    values.update(changes)
    return Mdo(**values)  # type: ignore[arg-type]


def test_not_discussed_pupils_carry_over_with_their_question() -> None:
    previous = meeting(on=PREVIOUS)
    previous.add_pupil("a", (R.STAGNATIE,), "Wie zoekt een plek op het vso?")
    previous.add_pupil("b", (R.NIEUWE_AANMELDING,))
    previous.add_pupil("c")
    previous.record_outcome("a", MdoOutcome(decisions=["Opschalen naar SWV"]))
    following = meeting()
    following.add_pupil("c", (R.ACTIES_VERLOPEN,))

    added = carry_over(previous, following)

    assert added == ["b"]
    assert following.case_ids == ["c", "b"]
    assert following.item("b").reasons == (R.DOORGESCHOVEN,)
    assert following.item("c").reasons == (R.ACTIES_VERLOPEN, R.DOORGESCHOVEN)
    assert "a" not in following.case_ids
    # Running it twice changes nothing.
    assert carry_over(previous, following) == []
    assert following.item("c").reasons == (R.ACTIES_VERLOPEN, R.DOORGESCHOVEN)


def test_carried_question_travels_along() -> None:
    previous = meeting(on=PREVIOUS)
    previous.add_pupil("a", (), "Wie zoekt een plek op het vso?")
    following = meeting()
    carry_over(previous, following)
    assert following.item("a").question == "Wie zoekt een plek op het vso?"


def snapshots_for(today: date) -> dict[str, MdoCaseSnapshot]:
    rows = {
        "carried": {"first_name": "Noah", "last_name": "Jansen", "on_previous_agenda": True},
        "past": {"first_name": "Zoë", "last_name": "Çelik-d'Hondt",
                 "deadline_state": DeadlineState.VERLOPEN, "deadline_due": date(2026, 11, 2)},
        "manual": {"first_name": "Mila", "last_name": "Bakker"},
        "overdue": {"first_name": "Sem", "last_name": "de Vries",
                    "overdue_actions": (MdoAction("Mentor", "Huisbezoek plannen",
                                                  date(2026, 11, 9)),)},
        "stuck": {"first_name": "Daan", "last_name": "van der Berg",
                  "stagnation_cause_label": "Te weinig jeugdhulpaanbod / wachtlijst"},
    }
    return {cid: quiet(today, case_id=cid, **row) for cid, row in rows.items()}  # type: ignore[arg-type]


def planned(today: date) -> tuple[Mdo, dict[str, MdoCaseSnapshot]]:
    snaps = snapshots_for(today)
    mdo = meeting()
    for cid, reason in (("carried", (R.DOORGESCHOVEN,)), ("manual", ()),
                        ("stuck", (R.STAGNATIE,)), ("past", (R.TERMIJN_VERLOPEN,)),
                        ("overdue", (R.ACTIES_VERLOPEN,))):
        mdo.add_pupil(cid, reason)
    return mdo, snaps


def test_agenda_orders_by_urgency_and_times_each_item(today: date) -> None:
    mdo, snaps = planned(today)
    agenda = build_agenda(mdo, snaps)

    titles = [slot.title for slot in agenda.slots]
    assert titles == [
        "Opening en kennismaking", "Vorige notulen en actiepunten",
        "Bespreking Zoë Ç.", "Bespreking Sem de V.", "Bespreking Daan van der B.",
        "Bespreking Noah J.", "Bespreking Mila B.", "Rondvraag", "Volgende MDO en afsluiting",
    ]
    # Defaults: 5 + 5, urgent pupils 15, others 10, rondvraag 5, volgende MDO 5.
    assert [slot.minutes for slot in agenda.slots] == [5, 5, 15, 15, 10, 10, 10, 5, 5]
    assert [f"{slot.start:%H:%M}" for slot in agenda.slots] == [
        "09:00", "09:05", "09:10", "09:25", "09:40", "09:50", "10:00", "10:10", "10:15"]
    assert agenda.total_minutes == 80
    assert agenda.end_time == time(10, 20)


def test_timing_is_configurable(today: date) -> None:
    mdo, snaps = planned(today)
    settings = AgendaSettings(base_minutes=20, urgent_extra_minutes=10, opening_minutes=0,
                              previous_minutes_minutes=10, rondvraag_minutes=0,
                              next_mdo_minutes=10)
    agenda = build_agenda(mdo, snaps, settings)
    assert [s.minutes for s in agenda.pupil_slots] == [30, 30, 20, 20, 20]
    assert agenda.total_minutes == 0 + 10 + 120 + 0 + 10


def test_pupil_block_is_factual_and_the_question_editable(today: date) -> None:
    mdo, snaps = planned(today)
    mdo.item("stuck").question = "Kan de wachtlijst worden overbrugd?"
    blocks = {s.pupil.case_id: s.pupil for s in build_agenda(mdo, snaps).pupil_slots if s.pupil}

    stuck = blocks["stuck"]
    assert stuck.school_group == "De Regenboog, groep 7"
    assert stuck.situation.startswith("40 dagen thuis, 20% onderwijs")
    assert stuck.regie == "School"
    assert stuck.stalls.startswith("Te weinig jeugdhulpaanbod / wachtlijst.")
    assert stuck.question == "Kan de wachtlijst worden overbrugd?"
    assert blocks["overdue"].overdue_actions == ("Mentor: Huisbezoek plannen (vóór 09-11-2026)",)
    assert "langer dan drie maanden thuis" in blocks["past"].question
    assert "3-maandentermijn: 02-11-2026 (verlopen)" in blocks["past"].situation


@pytest.mark.parametrize(
    ("reason", "fragment"),
    [
        (R.TERMIJN_VERLOPEN, "Welk aanbod kan direct starten"),
        (R.ACTIES_VERLOPEN, "niet op tijd uitgevoerd"),
        (R.STAGNATIE, "staat stil"),
        (R.TERMIJN_NADERT, "De termijn van drie maanden verloopt op"),
        (R.NIEUWE_AANMELDING, "Nieuwe aanmelding"),
        (R.DOORGESCHOVEN, "Hoe gaat het nu"),
    ],
)
def test_default_question_follows_the_most_urgent_reason(
    today: date, reason: SuggestionReason, fragment: str
) -> None:
    mdo = meeting()
    mdo.add_pupil("c1", (R.DOORGESCHOVEN, reason))
    agenda = build_agenda(mdo, {"c1": quiet(today)})
    assert agenda.pupil_slots[0].pupil is not None
    assert fragment in agenda.pupil_slots[0].pupil.question


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        ("Sem", "de Vries", "Sem de V."),
        ("Zoë", "Çelik-d'Hondt", "Zoë Ç."),
        ("Daan", "van der Berg", "Daan van der B."),
        ("Lotte", "Dijkstra", "Lotte D."),
        ("Bo", "", "Bo"),
    ],
)
def test_short_name_keeps_first_name_and_initial(first: str, last: str, expected: str) -> None:
    assert short_name(first, last) == expected


def test_full_names_setting(today: date) -> None:
    mdo, snaps = planned(today)
    agenda = build_agenda(mdo, snaps, AgendaSettings(full_names=True))
    assert "Bespreking Zoë Çelik-d'Hondt" in [s.title for s in agenda.slots]


def test_parent_version_holds_only_their_child_and_their_people(today: date) -> None:
    mdo, snaps = planned(today)
    mdo.participants += [
        MdoParticipant(name="Fatima Bakkali", role=MdoRole.ONDERSTEUNINGSCOORDINATOR,
                       consent_covers_attendance=True),
        MdoParticipant(name="Fam. de Vries", role=MdoRole.OUDERS, case_id="overdue"),
        MdoParticipant(name="Fam. Jansen", role=MdoRole.OUDERS, case_id="carried"),
    ]
    agenda = build_agenda(mdo, snaps).for_case("overdue")
    assert [s.pupil.case_id for s in agenda.slots if s.pupil] == ["overdue"]
    assert len(agenda.slots) == 1
    assert agenda.slots[0].start == time(9, 25)  # same time as in the full agenda
    assert [p.name for p in agenda.participants] == ["Fatima Bakkali", "Fam. de Vries"]
    with pytest.raises(ValidationError):
        agenda.for_case("carried")


def test_agenda_text_for_email(today: date) -> None:
    mdo, snaps = planned(today)
    mdo.video_link = "https://meet.example.org/mdo"
    mdo.participants += [
        MdoParticipant(name="Kees Mulder", role=MdoRole.SWV, organisation="SWV Oost"),
        MdoParticipant(name="Fam. de Vries", role=MdoRole.OUDERS, case_id="overdue"),
    ]
    body = agenda_text(build_agenda(mdo, snaps))
    assert "Deelnemers:\n- Kees Mulder (Samenwerkingsverband, SWV Oost)\n" in body
    assert "Schuiven aan: Fam. de Vries (Ouders)" in body
    assert body.index("Schuiven aan") > body.index("Bespreking Sem de V.")
    assert body.startswith("MDO De Regenboog — dinsdag 1 december 2026, 09:00–10:20 uur\n")
    assert "Videolink: https://meet.example.org/mdo" in body
    assert "09:25  4. Bespreking Sem de V. (15 min)" in body
    assert "  - Mentor: Huisbezoek plannen (vóór 09-11-2026)" in body
    assert "Çelik" not in body  # short names by default
    assert body.index("Rondvraag") > body.index("Bespreking Mila B.")


def test_meeting_needs_place_or_link_chair_and_school() -> None:
    with pytest.raises(ValidationError) as info:
        meeting(location="", chair=" ", school="").validate()
    assert set(info.value.errors) == {"location", "chair", "school"}
    meeting(location="", video_link="https://meet.example.org/x").validate()


def test_participant_rules() -> None:
    mdo = meeting()
    mdo.add_pupil("a")
    mdo.participants += [
        MdoParticipant(name="", role=MdoRole.MENTOR),
        MdoParticipant(name="X", role=MdoRole.ANDERS),
        MdoParticipant(name="Fam. Bakker", role=MdoRole.OUDERS),
        MdoParticipant(name="Fam. Smit", role=MdoRole.OUDERS, case_id="zzz"),
    ]
    with pytest.raises(ValidationError) as info:
        mdo.validate()
    assert set(info.value.errors) == {"participants.0.name", "participants.1.role_other",
                                      "participants.2.case_id", "participants.3.case_id"}


def test_consent_and_attendance() -> None:
    mdo = meeting()
    mdo.add_pupil("a")
    jgz = MdoParticipant(name="Dr. Visser", role=MdoRole.JEUGDARTS)
    swv = MdoParticipant(name="Kees Mulder", role=MdoRole.SWV, consent_covers_attendance=True)
    parent = MdoParticipant(name="Fam. Bakker", role=MdoRole.OUDERS, case_id="a")
    mdo.participants += [jgz, swv, parent]
    assert mdo.consent_missing() == [jgz]
    mdo.record_attendance(swv.id, True)
    mdo.record_attendance(jgz.id, False)
    assert (swv.attended, jgz.attended, parent.attended) == (True, False, None)
    with pytest.raises(ValidationError):
        mdo.record_attendance("nobody", True)


def test_removing_a_pupil_removes_their_family() -> None:
    mdo = meeting()
    mdo.add_pupil("a")
    mdo.participants.append(MdoParticipant(name="Fam. Bakker", role=MdoRole.OUDERS, case_id="a"))
    mdo.remove_pupil("a")
    assert mdo.participants == []
    mdo.add_pupil("b")
    with pytest.raises(ValidationError):
        mdo.add_pupil("b")


@pytest.mark.parametrize(
    ("action", "field"),
    [
        (MdoAction("", "Bellen", MEETING), "new_actions.0.who"),
        (MdoAction("Mentor", " ", MEETING), "new_actions.0.what"),
        (MdoAction("Mentor", "Bellen", None), "new_actions.0.due"),
        (MdoAction("Mentor", "Bellen", MEETING - timedelta(days=1)), "new_actions.0.due"),
    ],
)
def test_new_actions_need_who_what_and_when(action: MdoAction, field: str) -> None:
    mdo = meeting()
    mdo.add_pupil("a")
    with pytest.raises(ValidationError) as info:
        mdo.record_outcome("a", MdoOutcome(new_actions=[action]))
    assert list(info.value.errors) == [field]
    assert not mdo.item("a").discussed


def test_minutes_show_attendance_outcome_and_carry_over(today: date) -> None:
    mdo, snaps = planned(today)
    mdo.next_mdo_date = date(2027, 1, 12)
    mdo.participants.append(MdoParticipant(name="Kees Mulder", role=MdoRole.SWV, attended=True))
    action = MdoAction("Leerplicht", "Doorbraakoverleg aanvragen", date(2026, 12, 8))
    mdo.record_outcome("past", MdoOutcome(
        decisions=["Opschalen", " "], new_actions=[action],
        escalation=Escalation.DOORBRAAKOVERLEG, escalation_note="Binnen twee weken",
        next_mdo_date=date(2026, 12, 15)))
    mdo.record_outcome("overdue", MdoOutcome(decisions=["Huisbezoek deze week"]))

    minutes = build_minutes(mdo, snaps)

    assert [(a.name, a.attendance) for a in minutes.attendance] == [("Kees Mulder", "Aanwezig")]
    past = minutes.pupils[0]
    assert (past.name, past.decisions, past.actions) == ("Zoë Ç.", ("Opschalen",), (action,))
    assert past.escalation == "Doorbraakoverleg: Binnen twee weken"
    assert past.next_date == date(2026, 12, 15)
    assert minutes.pupils[1].next_date == date(2027, 1, 12)
    assert [p.case_id for p in minutes.carried_over] == ["stuck", "carried", "manual"]
