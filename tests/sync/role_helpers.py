"""A small team region for the role tests: two schools, pupils with and without consent to
share with school, canaries in every field school staff must never receive."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, time, timedelta

from thuiszitter_desktop.domain.consent import (
    ConsentGiver,
    ConsentMethod,
    ConsentPurpose,
    ConsentRecord,
)
from thuiszitter_desktop.domain.intake import IntakeRecord
from thuiszitter_desktop.domain.mdo import Mdo, MdoAgendaItem
from thuiszitter_desktop.domain.model import Case, ContactMoment, Pupil
from thuiszitter_desktop.domain.plan import Action, Goal, Owner
from thuiszitter_desktop.domain.school import School
from thuiszitter_desktop.domain.vocab import ContactKind, VerzuimType
from thuiszitter_desktop.services import cases, consent, intake, mdo, plan, schools
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.main_window import MainWindow

HEALTH_CANARY = "KANARIE-GEZONDHEID-7f3a"
NOTES_CANARY = "KANARIE-NOTITIE-91bc"
CANARIES = (HEALTH_CANARY, NOTES_CANARY)


@dataclass
class Region:
    regenboog: School
    baken: School
    shared: dict[str, str] = field(default_factory=dict)  # name -> case id, visible to school
    hidden: dict[str, str] = field(default_factory=dict)  # name -> case id, not visible
    meeting_id: str = ""


def years_ago(years: float) -> date:
    return date.today() - timedelta(days=round(years * 365.25))


def pupil_case(ctx: AppContext, first: str, last: str, school: School, age: float) -> str:
    pupil = Pupil(first_name=first, last_name=last, birth_date=years_ago(age),
                  school=school.name, school_id=school.id)
    case = Case(pupil_id=pupil.id, aanmelding_date=date.today() - timedelta(days=40),
                home_since=date.today() - timedelta(days=60),
                verzuim_type=VerzuimType.ONGEOORLOOFD, consulent=ctx.actor,
                notes=f"Eigen notitie {NOTES_CANARY}")
    return cases.register_case(ctx, pupil, case).id


def give(ctx: AppContext, case_id: str, purpose: ConsentPurpose,
         giver: ConsentGiver = ConsentGiver.OUDERS) -> ConsentRecord:
    record = ConsentRecord(case_id=case_id, purpose=purpose, giver=giver,
                           on=date.today() - timedelta(days=30),
                           method=ConsentMethod.SCHRIFTELIJK, given_by="moeder, Ayşe Yılmaz",
                           note=f"Toelichting {NOTES_CANARY}")
    consent.record_consent(ctx, record)
    return record


def share(ctx: AppContext, case_id: str, *givers: ConsentGiver) -> None:
    for giver in givers or (ConsentGiver.OUDERS,):
        give(ctx, case_id, ConsentPurpose.SCHOOL, giver)
        give(ctx, case_id, ConsentPurpose.MDO, giver)


def with_private_details(ctx: AppContext, case_id: str) -> None:
    """An intake with health details, a contact log and a plan with risk factors."""
    intake.save_intake(ctx, IntakeRecord(
        case_id=case_id, held_on=date.today() - timedelta(days=35),
        participants="Moeder, Sara",
        background=f"Achtergrond {NOTES_CANARY}", health_details=f"Diagnose {HEALTH_CANARY}",
        health_needed=True))
    cases.save_contact(ctx, ContactMoment(case_id=case_id, on=date.today() - timedelta(days=20),
                                          kind=ContactKind.HUISBEZOEK,
                                          notes=f"Thuis gesproken {NOTES_CANARY}"))
    started = plan.start_plan(ctx, case_id)
    goal = Goal(description="Elke ochtend twee uur naar school",
                deadline=date.today() + timedelta(days=30),
                actions=(Action(what="Rustige plek in de klas regelen",
                                owner=Owner(name="Mentor"), due=date.today() + timedelta(days=7)),))
    plan.save_plan(ctx, replace(started, shared_goal="Terug naar school", goals=(goal,),
                                risk_factors=(f"Risico {HEALTH_CANARY}",)))


def build(ctx: AppContext) -> Region:
    """On a consulent's laptop: the region every role test starts from."""
    region = Region(schools.save_school(ctx, School(name="OBS De Regenboog", brin="12AB",
                                                    vestiging="00", gemeente="Utrecht")),
                    schools.save_school(ctx, School(name="Het Baken", brin="34CD",
                                                    gemeente="Zeist")))
    sara = pupil_case(ctx, "Sara", "El Idrissi", region.regenboog, 12)
    share(ctx, sara)
    with_private_details(ctx, sara)
    region.shared["Sara"] = sara
    # 17: her parents agreed, and so did she.
    noor = pupil_case(ctx, "Noor", "van den Berg", region.regenboog, 17)
    share(ctx, noor, ConsentGiver.OUDERS, ConsentGiver.LEERLING)
    region.shared["Noor"] = noor
    # 17: only the parents agreed, so the school does not see him.
    region.hidden["Daan"] = pupil_case(ctx, "Daan", "Visser", region.regenboog, 17)
    share(ctx, region.hidden["Daan"], ConsentGiver.OUDERS)
    region.hidden["Lucas"] = pupil_case(ctx, "Lucas", "Jansen", region.regenboog, 10)  # none
    region.hidden["Mila"] = pupil_case(ctx, "Mila", "Bakker", region.baken, 11)  # other school
    share(ctx, region.hidden["Mila"])
    region.hidden["Ömer"] = pupil_case(ctx, "Ömer", "Şahin", region.regenboog, 9)
    give(ctx, region.hidden["Ömer"], ConsentPurpose.MDO)  # MDO consent is not sharing
    meeting = Mdo(on=date.today() + timedelta(days=10), start_time=time(14, 0),
                  location="Lokaal 12", chair=ctx.actor, school="OBS De Regenboog",
                  general_notes=f"Algemeen {NOTES_CANARY}")
    meeting.items = [MdoAgendaItem(case_id=sara, question="Hoe bouwen we de uren op?"),
                     MdoAgendaItem(case_id=region.hidden["Mila"], question="Andere school")]
    mdo.save_mdo(ctx, meeting)
    region.meeting_id = meeting.id
    return region


def menu_titles(window: MainWindow) -> list[str]:
    """The menu entries the user can see (in menus that are shown)."""
    return [a.text() for menu in window.menuBar().actions() if menu.menu() and menu.isVisible()
            for a in menu.menu().actions() if a.text() and a.isVisible()]  # type: ignore[union-attr]
