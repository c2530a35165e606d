"""Demo MDOs: a held meeting with minutes and a planned follow-up (fictitious people only)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time, timedelta

from thuiszitter_desktop.domain.mdo import (
    Escalation,
    Mdo,
    MdoAction,
    MdoOutcome,
    MdoParticipant,
    MdoRole,
    carry_over,
)
from thuiszitter_desktop.domain.ziekteverzuim import next_school_day, previous_school_day
from thuiszitter_desktop.services.demo_case import DemoCase

DEMO_SCHOOL = "OBS De Regenboog"


def _professionals() -> list[MdoParticipant]:
    return [
        MdoParticipant(name="Marloes Jacobs", role=MdoRole.ONDERSTEUNINGSCOORDINATOR,
                       organisation=DEMO_SCHOOL, consent_covers_attendance=True),
        MdoParticipant(name="Kees Mulder", role=MdoRole.SWV, organisation="SWV Rivierland",
                       consent_covers_attendance=True),
        MdoParticipant(name="Anouk Vermeer", role=MdoRole.LEERPLICHT,
                       organisation="Leerplicht Rivierstad", consent_covers_attendance=True),
        MdoParticipant(name="Dr. Wendy Smeets", role=MdoRole.JEUGDARTS, organisation="GGD",
                       consent_covers_attendance=False),
    ]


def demo_mdos(cases: Sequence[DemoCase], today: date) -> list[Mdo]:
    """Four weeks ago: an MDO with outcomes (one pupil not reached); next week: its follow-up."""
    pupils = [c for c in cases if c.pupil.school == DEMO_SCHOOL and c.case.is_open
              and c.case.aanmelding_date < today - timedelta(weeks=5)]
    if len(pupils) < 2:
        return []
    # Meetings fall on school days, whatever day of the week the demo is opened.
    next_on = next_school_day(today + timedelta(days=8))
    held = Mdo(on=previous_school_day(today - timedelta(weeks=4)), start_time=time(13, 30),
               location="Teamkamer OBS De Regenboog", chair="Marloes Jacobs",
               school=DEMO_SCHOOL, participants=_professionals(),
               next_mdo_date=next_on)
    for item in pupils[:3]:
        held.add_pupil(item.case.id)
    first = pupils[0]
    held.participants.append(MdoParticipant(
        name=f"Ouders van {first.pupil.first_name}", role=MdoRole.OUDERS,
        case_id=first.case.id, attended=True))
    for person in held.participants[:3]:
        person.attended = True
    held.participants[3].attended = False
    held.record_outcome(first.case.id, MdoOutcome(
        decisions=[f"{first.pupil.first_name} start met twee ochtenden per week op school.",
                   "Het jeugdteam zoekt overbrugging zolang de wachtlijst loopt."],
        new_actions=[MdoAction("Mentor", "Rooster voor twee ochtenden maken",
                               next_school_day(held.on + timedelta(days=7))),
                     MdoAction("Kees Mulder", "Plek op het so navragen",
                               next_school_day(held.on + timedelta(days=21)))],
        escalation=Escalation.CASUISTIEKOVERLEG_SWV,
        escalation_note="Geen plek op het so binnen zes weken.",
        escalation_follow_up=next_school_day(held.on + timedelta(days=35))))
    held.record_outcome(pupils[1].case.id, MdoOutcome(
        decisions=["Het plan loopt; volgende bespreking over zes weken."]))
    following = Mdo(on=next_on, start_time=time(13, 30),
                    location=held.location, chair=held.chair, school=DEMO_SCHOOL,
                    participants=_professionals())
    carry_over(held, following)
    for item in pupils[3:5]:
        following.add_pupil(item.case.id)
    return [held, following]
