"""Demo data of issue 18 for each demo case (fictitious only, same seed, same caseload).

The regie the regional rule proposes (and one 'regie overgenomen' at stagnation), passend
aanbod as checked decisions (one voorlopig, one that lacks criteria), consent per purpose (a
pupil without MDO consent, a named care provider), a first contact by e-mail beside a video
call, a pupil back above 50%, follow-up after closing, new fields, and the quarter's story.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import Connection

from thuiszitter_desktop.domain.consent import (
    ConsentGiver,
    ConsentMethod,
    ConsentPurpose,
    ConsentRecord,
)
from thuiszitter_desktop.domain.follow_up import (
    FollowUp,
    FollowUpKind,
    FollowUpOutcome,
    follow_ups_after_closing,
    transition_follow_up,
)
from thuiszitter_desktop.domain.model import ContactMoment
from thuiszitter_desktop.domain.passend_aanbod import (
    AanbodCriterion,
    AanbodParty,
    ParentView,
    PassendAanbod,
    clock_stop,
)
from thuiszitter_desktop.domain.quarters import Quarter
from thuiszitter_desktop.domain.regie import RegieChange, RegieReason, proposed_regie
from thuiszitter_desktop.domain.situation_history import SituationChange
from thuiszitter_desktop.domain.vocab import (
    CaseStage,
    ContactKind,
    HuidigeSituatie,
    KearneyTier,
    OppStatus,
    ProfessionalRole,
    Regie,
    UitvalSignaal,
    VerzuimType,
    VrijstellingAdvies,
)
from thuiszitter_desktop.services.demo_case import DemoCase
from thuiszitter_desktop.services.demo_schools import Sharing, sharing_for, sixteen_or_older
from thuiszitter_desktop.storage import (
    repo_aanbod,
    repo_cases,
    repo_consent,
    repo_figures,
    repo_follow_up,
    repo_intake,
    repo_regie,
    repo_situation,
)

DEMO_STORY = (
    "Dit kwartaal kwamen er meer meldingen van zorgwekkend ziekteverzuim binnen, vooral uit "
    "het vo. Voor twee leerlingen duurt het passend aanbod langer dan drie maanden door een "
    "wachtlijst bij de jeugdhulp; dat is besproken in het casuïstiekoverleg van het SWV. "
    "(Fictief voorbeeld.)")


@dataclass
class SeedRuleRecords:
    offers: list[PassendAanbod] = field(default_factory=list)
    consents: list[ConsentRecord] = field(default_factory=list)
    regie_changes: list[RegieChange] = field(default_factory=list)
    history: list[SituationChange] = field(default_factory=list)
    follow_ups: list[FollowUp] = field(default_factory=list)
    contacts: list[ContactMoment] = field(default_factory=list)


def prepare(item: DemoCase, index: int, today: date) -> SeedRuleRecords:
    """Adjust the demo case to the rules (before it is saved) and make its records."""
    pupil, case = item.pupil, item.case
    found = SeedRuleRecords()
    case.regie = proposed_regie(pupil.enrolled, case.verzuim_type)
    if case.verzuim_type is VerzuimType.VRIJSTELLING_5A:
        case.vrijstelling_advies = VrijstellingAdvies.POSITIEF
        case.vrijstelling_advies_date = case.aanmelding_date - timedelta(days=10)
    case.kearney_tier = (KearneyTier.NIVEAU_3 if case.education_percentage == 0
                         else KearneyTier.NIVEAU_2)
    if pupil.enrolled and index % 4 == 1:
        case.opp_status = OppStatus.JA
        case.opp_date = case.aanmelding_date - timedelta(days=40)
        case.opp_review_date = case.aanmelding_date + timedelta(days=50)
    if index % 5 == 2 and case.huidige_situatie is not HuidigeSituatie.ZORG_NAAST_SCHOOL:
        case.extra_situaties = (HuidigeSituatie.ZORG_NAAST_SCHOOL,)
    _consents(item, index, today, found)
    _offers(item, index, today, found)
    _first_contacts(item, index, found)
    if case.stagnatie_oorzaak is not None and case.regie is Regie.SCHOOL and index % 2:
        change = RegieChange(case_id=case.id, on=min(today, case.aanmelding_date
                                                     + timedelta(days=70)),
                             from_regie=Regie.SCHOOL, to_regie=Regie.LEERPLICHT,
                             reason=RegieReason.STAGNATIE, by=case.consulent,
                             note="Het rooster is na twee MDO's nog niet gestart.")
        found.regie_changes.append(change)
        case.regie = Regie.LEERPLICHT
    if case.is_open and case.stage is CaseStage.MONITORING and index % 20 == 8:
        # Back above 50% since last week: Vandaag asks to close the case or keep monitoring.
        back = today - timedelta(days=6)
        found.history += [SituationChange.of(case, case.aanmelding_date)]
        case.education_percentage = 60
        case.huidige_situatie = HuidigeSituatie.GEDEELTELIJK
        case.stage = CaseStage.PLAN_VAN_AANPAK
        found.history.append(SituationChange.of(case, back))
    if not case.is_open and case.closed_on is not None and case.closing_reason is not None:
        moments = follow_ups_after_closing(case.id, case.closed_on, case.closing_reason)
        for moment in moments:
            if moment.due <= today - timedelta(days=3):
                moment.record(moment.due + timedelta(days=2), FollowUpOutcome.GAAT_GOED,
                              "Gaat vier dagen per week naar school.", today)
        found.follow_ups += moments
        if moments and pupil.onderwijstype.name == "PO" and index % 3 == 0:
            found.follow_ups.append(transition_follow_up(
                case.id, FollowUpKind.OVERGANG_PO_VO, date(today.year + 1, 8, 31)))
    return found


def _consents(item: DemoCase, index: int, today: date, found: SeedRuleRecords) -> None:
    case, pupil = item.case, item.pupil

    sixteen = sixteen_or_older(item)

    def given(purpose: ConsentPurpose, on: date, providers: tuple[str, ...] = (),
              pupil_too: bool = True) -> None:
        found.consents.append(ConsentRecord(
            case_id=case.id, purpose=purpose, giver=ConsentGiver.OUDERS, on=on,
            method=ConsentMethod.SCHRIFTELIJK if index % 2 else ConsentMethod.MONDELING,
            given_by=f"ouder van {pupil.first_name}", provider_ids=providers))
        if sixteen and pupil_too:  # from 16 the pupil decides too
            found.consents.append(ConsentRecord(
                case_id=case.id, purpose=purpose, giver=ConsentGiver.LEERLING, on=on,
                method=ConsentMethod.MONDELING, given_by=pupil.first_name,
                provider_ids=providers))

    if case.stage is CaseStage.AANMELDING_ONTVANGEN:
        return  # new reports: consent comes with the first conversation
    start = case.aanmelding_date + timedelta(days=1)
    sharing = sharing_for(item, index)  # with school: see demo_schools
    if sharing is not Sharing.NOT_ASKED:
        given(ConsentPurpose.SCHOOL, start, pupil_too=sharing is not Sharing.PARENTS_ONLY)
    if sharing is Sharing.WITHDRAWN:
        for record in found.consents:
            if record.purpose is ConsentPurpose.SCHOOL:  # the parents changed their mind
                record.withdrawn_on = min(today, start + timedelta(days=21))
    if index % 7 != 3:  # one in seven has not agreed to an MDO discussion (yet)
        given(ConsentPurpose.MDO, start)
    care = [p.id for p in item.professionals if p.role is ProfessionalRole.JEUGDARTS]
    if care and case.first_contact_date is not None:
        given(ConsentPurpose.ZORGVERLENERS, case.first_contact_date, tuple(care))


def _offers(item: DemoCase, index: int, today: date, found: SeedRuleRecords) -> None:
    """Offers behind the demo's passend aanbod dates; the case date follows the checked one."""
    case = item.case
    start = case.passend_aanbod_date
    if start is None:
        if case.stagnatie_oorzaak is not None and index % 3 == 0:
            found.offers.append(PassendAanbod(
                case_id=case.id, start=min(today, case.aanmelding_date + timedelta(days=40)),
                description="Twee uur per dag les thuis (overbrugging)", education_part=True,
                criteria={AanbodCriterion.DIRECT_BESCHIKBAAR, AanbodCriterion.COMPONENT},
                agreed={AanbodParty.LEERPLICHT: case.aanmelding_date + timedelta(days=38)},
                parent_view=ParentView.TWIJFEL, voorlopig=True,
                parent_view_note="Ouders vinden het te weinig om echt passend te zijn."))
        return
    offer = PassendAanbod(
        case_id=case.id, start=start, description=case.passend_aanbod_kind or "Maatwerkrooster",
        education_part=True, care_part=index % 2 == 0, criteria=set(AanbodCriterion),
        agreed={AanbodParty.OUDERS: start, AanbodParty.SCHOOL: start - timedelta(days=2),
                AanbodParty.SWV: start - timedelta(days=3)},
        parent_view=ParentView.PASSEND)
    if index % 11 == 4:  # not durable yet and the parents not asked: it does not count
        offer.criteria.discard(AanbodCriterion.DUURZAAM)
        offer.agreed.pop(AanbodParty.OUDERS)
        offer.parent_view = ParentView.ONBEKEND
    found.offers.append(offer)
    stop = clock_stop(found.offers)
    case.passend_aanbod_date = stop.passend_since if stop is not None else None
    case.passend_aanbod_kind = stop.description if stop is not None else ""


def _first_contacts(item: DemoCase, index: int, found: SeedRuleRecords) -> None:
    """An e-mail to the parents first (no conversation) and, for some, a video call."""
    case = item.case
    if case.stage in (CaseStage.SCHOOL_GERAADPLEEGD, CaseStage.UITGENODIGD) and index % 20 == 12:
        found.contacts.append(ContactMoment(
            case_id=case.id, on=case.aanmelding_date + timedelta(days=1), kind=ContactKind.EMAIL,
            participants="Ouders", notes="Uitnodiging voor een gesprek gemaild."))
    first = case.first_contact_date
    if first is not None and index % 6 == 3:
        for contact in item.contacts:
            if contact.on == first and contact.kind is ContactKind.HUISBEZOEK:
                contact.kind = ContactKind.VIDEOGESPREK
                contact.notes = "Kennismaking via video (leerling wilde nog niet thuis praten)."


def save(conn: Connection, item: DemoCase, found: SeedRuleRecords, index: int,
         now: datetime) -> None:
    """Store the records of ``prepare`` (after the case and its intake are saved)."""
    for offer in found.offers:
        repo_aanbod.save_aanbod(conn, offer, now)
    for record in found.consents:
        repo_consent.save_consent(conn, record, now)
    for change in found.regie_changes:
        repo_regie.save_change(conn, change, now)
    for history in found.history:
        repo_situation.save_change(conn, history, now)
    for moment in found.follow_ups:
        repo_follow_up.save_follow_up(conn, moment, now)
    for contact in found.contacts:
        repo_cases.save_contact(conn, contact, now)
    intake = repo_intake.load_intake(conn, item.case.id)
    if intake is not None and index % 2 == 0:
        intake.absence_function = ("Thuisblijven voorkomt de spanning van de drukke klas en de "
                                   "pauzes.")
        intake.dropout_signals = {UitvalSignaal.FYSIEK, UitvalSignaal.EMOTIONEEL}
        repo_intake.save_intake(conn, intake, now)


def save_story(conn: Connection, today: date, now: datetime) -> None:
    repo_figures.save_quarter_story(conn, Quarter.of(today).key, DEMO_STORY, now)
