"""Demo data of issue 3 for each demo case: aanmelding, stage dates, intake, terugkoppeling.

Fictitious only, derived from the demo case so the same seed gives the same caseload. A few new
geoorloofd cases lack parental consent, so the demo shows the consent block.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import Connection

from thuiszitter_desktop.domain.aanmelding import (
    Aanmelding,
    AanmeldRoute,
    ParentContact,
    Relation,
    Reporter,
)
from thuiszitter_desktop.domain.consent import PUPIL_CONSENT_AGE, Consent, ConsentMethod
from thuiszitter_desktop.domain.intake import Agreement, IntakeRecord, ParentAnswers
from thuiszitter_desktop.domain.stages import StageDates
from thuiszitter_desktop.domain.terugkoppeling import (
    Recipient,
    RecipientKind,
    draft_terugkoppeling,
)
from thuiszitter_desktop.domain.vocab import CaseStage, ContactKind, ProfessionalRole, VerzuimType
from thuiszitter_desktop.domain.ziekteverzuim import SickCriterion, SickReport
from thuiszitter_desktop.services.demo_case import DemoCase
from thuiszitter_desktop.storage import repo_intake

ROUTES = {
    VerzuimType.GEOORLOOFD: AanmeldRoute.ZIEKTEVERZUIM,
    VerzuimType.ONGEOORLOOFD: AanmeldRoute.DUO,
    VerzuimType.ABSOLUUT: AanmeldRoute.ABSOLUUT_VERZUIM,
    VerzuimType.VRIJSTELLING_5A: AanmeldRoute.VRIJSTELLING_5A,
    VerzuimType.GESCHORST: AanmeldRoute.GESCHORST,
}


def demo_aanmelding(item: DemoCase, index: int) -> Aanmelding:
    pupil, case = item.pupil, item.case
    route = ROUTES[case.verzuim_type]
    contact = next((p for p in item.professionals
                    if p.role is ProfessionalRole.ONDERSTEUNINGSCOORDINATOR), None)
    home = case.home_since or case.aanmelding_date
    sick = [SickReport(home, None)] if route is AanmeldRoute.ZIEKTEVERZUIM else []
    # Some brand-new geoorloofd reports still wait for the parents' consent.
    without_consent = case.stage is CaseStage.AANMELDING_ONTVANGEN and index % 2 == 0
    consent = Consent() if without_consent else Consent(
        given=True, on=case.aanmelding_date, method=ConsentMethod.VIA_SCHOOL,
        given_by=f"ouder van {pupil.first_name}")
    # From 16 the pupil consents too (DOMAIN.md).
    own = Consent() if without_consent or pupil.age(case.aanmelding_date) < PUPIL_CONSENT_AGE \
        else Consent(given=True, on=case.aanmelding_date, method=ConsentMethod.MONDELING,
                     given_by=pupil.first_name)
    return Aanmelding(
        report_date=case.aanmelding_date,
        reporter=Reporter(school=pupil.school or "DUO",
                          contact_name=contact.name if contact else "",
                          phone=contact.phone if contact else "",
                          email=contact.email if contact else ""),
        pupil=pupil,
        parents=[ParentContact(name=f"Ouder van {pupil.first_name}",
                               relation=Relation.MOEDER if index % 3 else Relation.VADER,
                               phone="06-00000000")],
        route=route, sick_reports=sick,
        confirmed_criteria={SickCriterion.LANG_ONDUIDELIJK} if sick else set(),
        education_percentage=case.education_percentage, education_since=home,
        school_actions="Mentor heeft contact gehad met thuis en de leerling besproken in het "
                       "zorgteam." if pupil.school else "",
        parental_consent=consent, pupil_consent=own,
    )


def demo_stages(item: DemoCase, today: date) -> StageDates:
    case = item.case
    first = case.first_contact_date
    planned: list[tuple[CaseStage, date | None]] = [
        (CaseStage.SCHOOL_GERAADPLEEGD, case.aanmelding_date + timedelta(days=2)),
        (CaseStage.UITGENODIGD, case.aanmelding_date + timedelta(days=3)),
        (CaseStage.GESPREK_GEVOERD, first),
        (CaseStage.TERUGKOPPELING_VERSTUURD, first + timedelta(days=3) if first else None),
        (CaseStage.PLAN_VAN_AANPAK, case.goals_set_date),
        (CaseStage.MONITORING, case.passend_aanbod_date),
    ]
    stages = StageDates.starting(case.aanmelding_date)
    last = case.aanmelding_date
    reached = case.stage.order if case.is_open else CaseStage.MONITORING.order
    for stage, on in planned:
        if on is None or stage.order > reached:
            continue
        last = min(today, max(last, on))
        stages.dates[stage] = last
    return stages


def demo_intake(item: DemoCase) -> IntakeRecord | None:
    first = item.case.first_contact_date
    if first is None:
        return None
    name = item.pupil.first_name
    return IntakeRecord(
        case_id=item.case.id, held_on=first, kind=ContactKind.HUISBEZOEK,
        participants=f"{name}, ouder, consulent",
        background="Moeite met de overstap en met drukte in de klas.",
        absence_reason="Voelt zich 's ochtends angstig voor school.",
        needed_to_resume="Een rustige plek in school en een vaste persoon om bij terecht te "
                         "kunnen.",
        involved_help="Jeugdteam (fictief)", school_role="Mentor zoekt een aangepast rooster.",
        risk_factors=["Weinig contact met leeftijdgenoten"],
        protective_factors=["Betrokken ouder", "Sport twee keer per week"],
        pupil_own_words="Ik wil eerst een paar uur per dag proberen.",
        parent_answers=ParentAnswers(three_words=["creatief", "eerlijk", "gevoelig"],
                                     two_things=["Heeft tijd nodig om te wennen"],
                                     one_wish=f"Dat {name} weer plezier krijgt in school."),
        agreements=[Agreement(who="Mentor", what="Maakt een opbouwrooster.",
                              by_when=first + timedelta(days=14)),
                    Agreement(who=name, what="Gaat twee ochtenden naar school.",
                              by_when=first + timedelta(days=21))],
    )


def save_demo_intake(conn: Connection, item: DemoCase, index: int, today: date,
                     now: datetime) -> None:
    """Store the issue-3 records of one demo case (already saved with its pupil)."""
    aanmelding = demo_aanmelding(item, index)
    repo_intake.save_aanmelding(conn, item.case.id, aanmelding, now)
    stages = demo_stages(item, today)
    repo_intake.save_stage_dates(conn, item.case.id, stages, now)
    record = demo_intake(item)
    if record is None:
        return
    repo_intake.save_intake(conn, record, now)
    recipients = [Recipient(kind=RecipientKind.LEERLING, name=item.pupil.full_name),
                  *[Recipient(kind=RecipientKind.OUDERS, name=p.name)
                    for p in aanmelding.parents]]
    t = draft_terugkoppeling(record, pupil_first_name=item.pupil.first_name,
                             pupil_birth_date=item.pupil.birth_date, written_on=record.held_on,
                             recipients=recipients)
    sent = stages.dates.get(CaseStage.TERUGKOPPELING_VERSTUURD)
    for recipient in t.recipients:
        recipient.sent_on = sent
    repo_intake.save_terugkoppeling(conn, t, now)
