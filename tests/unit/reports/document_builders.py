"""Every document the app prints, built from texts a test chooses (long texts, any script).

``DOCUMENTS`` maps a document's name to a builder taking a ``Fill``: the builder asks the fill
for each text field it prints, as a short fact (a name, limited to SHORT_TEXT) or a free text
(up to LONG_TEXT), so one set of builders serves the long-text and the any-script tests.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, time
from typing import Protocol

from pypdf import PdfReader

from thuiszitter_desktop.domain.aanmelding import (
    Aanmelding,
    AanmeldRoute,
    ParentContact,
    Relation,
    Reporter,
)
from thuiszitter_desktop.domain.consent import Consent, ConsentMethod
from thuiszitter_desktop.domain.deadlines import DeadlineState
from thuiszitter_desktop.domain.definitions import Definition
from thuiszitter_desktop.domain.figures import Quarter, quarter_figures
from thuiszitter_desktop.domain.intake import Agreement
from thuiszitter_desktop.domain.mdo import (
    Escalation,
    Mdo,
    MdoAction,
    MdoCaseSnapshot,
    MdoOutcome,
    MdoParticipant,
    MdoRole,
    SuggestionReason,
)
from thuiszitter_desktop.domain.mdo_agenda import AgendaSettings, build_agenda
from thuiszitter_desktop.domain.mdo_minutes import build_minutes
from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.plan import (
    Action,
    Goal,
    GoalProgress,
    Owner,
    PlanVanAanpak,
    ProgressNote,
)
from thuiszitter_desktop.domain.terugkoppeling import Recipient, RecipientKind, Terugkoppeling
from thuiszitter_desktop.domain.vocab import Regie, VerzuimType
from thuiszitter_desktop.domain.ziekteverzuim import SickCriterion, SickReport
from thuiszitter_desktop.reports.aanmeldformulier import aanmeldformulier_pdf
from thuiszitter_desktop.reports.dossier import dossier_pdf
from thuiszitter_desktop.reports.dossier_text import DossierData
from thuiszitter_desktop.reports.mdo import agenda_pdf, minutes_pdf, parent_agenda_pdf
from thuiszitter_desktop.reports.plan import PlanLetter, PlanPerson, plan_pdf
from thuiszitter_desktop.reports.quarterly import quarterly_report_pdf
from thuiszitter_desktop.reports.terugkoppeling import (
    ConsulentContact,
    TerugkoppelingLetter,
    terugkoppeling_pdf,
)
from thuiszitter_desktop.reports.weekly import WeeklyItem, WeeklyOverview, weekly_overview_pdf

TODAY = date(2026, 11, 23)


class Fill(Protocol):
    def short(self, key: str) -> str:
        """A short fact: a name, school, role, phone number, place."""

    def long(self, key: str) -> str:
        """A free text."""


def pdf_text(data: bytes) -> str:
    """Every page's text with white space folded, so wrapped phrases can be searched."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def aanmeldformulier(f: Fill) -> bytes:
    a = Aanmelding(
        report_date=date(2026, 11, 16), route=AanmeldRoute.ZIEKTEVERZUIM,
        reporter=Reporter(school=f.short("meldschool"), contact_name=f.short("contact"),
                          contact_role=f.short("functie"), phone=f.short("telefoon"),
                          email=f.short("email")),
        pupil=Pupil(first_name=f.short("voornaam"), last_name=f.short("achternaam"),
                    birth_date=date(2012, 4, 3), school=f.short("school"),
                    leerjaar=f.short("leerjaar"), address=f.short("adres")),
        parents=[ParentContact(name=f.short("ouder"), relation=Relation.MOEDER,
                               phone=f.short("oudertel"), email=f.short("oudermail"))],
        sick_reports=[SickReport(date(2026, 9, 3), date(2026, 9, 3))],
        confirmed_criteria={SickCriterion.OPVALLEND},
        criterion_4_note=f.long("criterium"),
        school_actions=f.long("schoolacties"), involved_help=f.long("hulp"),
        notes=f.long("opmerkingen"),
        parental_consent=Consent(given=True, on=date(2026, 11, 12),
                                 method=ConsentMethod.SCHRIFTELIJK, given_by=f.short("door")),
    )
    return aanmeldformulier_pdf(a, organisation=f.short("organisatie"))


def terugkoppeling(f: Fill) -> bytes:
    t = Terugkoppeling(
        case_id="c1", conversation_date=date(2026, 11, 12), written_on=date(2026, 11, 13),
        pupil_age=15, summary=f.long("samenvatting"), absence_reason=f.long("reden"),
        health_details=f.long("gezondheid"), health_needed=True,
        agreements=[Agreement(who=f.short("wie1"), what=f.long("afspraak1"),
                              by_when=date(2026, 12, 1)),
                    Agreement(who=f.short("wie2"), what=f.long("afspraak2"))],
        recipients=[Recipient(kind=RecipientKind.OUDERS, name=f.short("ontvanger"))],
    )
    return terugkoppeling_pdf(TerugkoppelingLetter(
        terugkoppeling=t, recipient=RecipientKind.OUDERS, addressee=f.short("aan"),
        pupil_first_name=f.short("voornaam"), pupil_full_name=f.short("volledig"),
        pupil_birth_date=date(2011, 6, 1), school=f.short("school"),
        organisation=f.short("organisatie"),
        consulent=ConsulentContact(name=f.short("consulent"), role=f.short("rol"),
                                   phone=f.short("tel"), email=f.short("mail"))))


def plan(f: Fill) -> bytes:
    goals = tuple(
        Goal(description=f.long(f"doel{g}"), indicator=f.long(f"indicator{g}"),
             agreed_by=(f.short(f"samen{g}"),), realistic=True,
             realistic_why=f.long(f"waarom{g}"), deadline=date(2027, 3, 31),
             actions=(Action(what=f.long(f"actie{g}"), owner=Owner(name=f.short(f"eigenaar{g}")),
                             due=date(2027, 1, 10)),),
             progress=(ProgressNote(on=date(2026, 11, 20), progress=GoalProgress.DEELS,
                                    text=f.long(f"voortgang{g}")),))
        for g in (1, 2))
    p = PlanVanAanpak(case_id="c1", version=2, created=date(2026, 11, 20),
                      shared_goal=f.long("samendoel"), regie=Regie.SCHOOL,
                      regie_holder=f.short("regie"),
                      casusverantwoordelijke=f.short("verantwoordelijke"),
                      evaluation_dates=(date(2027, 1, 15),), goals=goals)
    return plan_pdf(PlanLetter(
        plan=p, pupil_first_name=f.short("voornaam"), pupil_full_name=f.short("volledig"),
        pupil_birth_date=date(2012, 5, 1), organisation=f.short("organisatie"),
        printed_on=TODAY,
        people=(PlanPerson(f.short("persoon"), f.short("persoonrol"), f.short("persoontel"),
                           f.short("persoonmail")),),
        parent_names=(f.short("ouder1"), f.short("ouder2"))))


def _meeting(f: Fill) -> tuple[Mdo, dict[str, MdoCaseSnapshot]]:
    mdo = Mdo(on=date(2026, 12, 1), start_time=time(13, 30), location=f.short("plaats"),
              video_link=f.short("link"), chair=f.short("voorzitter"), school=f.short("school"),
              next_mdo_date=date(2027, 1, 19), general_notes=f.long("overig"))
    mdo.participants += [
        MdoParticipant(name=f.short("deelnemer"), role=MdoRole.ANDERS,
                       role_other=f.short("anderrol"), organisation=f.short("organisatie2")),
        MdoParticipant(name=f.short("ouders"), role=MdoRole.OUDERS, case_id="c1"),
    ]
    snap = MdoCaseSnapshot(
        case_id="c1", first_name=f.short("voornaam"), last_name=f.short("achternaam"),
        school=f.short("leerlingschool"), group=f.short("groep"), days_at_home=40,
        education_percentage=20, regie_label="School",
        open_actions=(MdoAction(f.short("open_wie"), f.long("open_wat"), date(2026, 12, 15)),),
        overdue_actions=(MdoAction(f.short("laat_wie"), f.long("laat_wat"),
                                   date(2026, 11, 2)),),
        last_progress=date(2026, 10, 1), last_contact=date(2026, 11, 10),
        stagnation_cause_label="Te weinig jeugdhulpaanbod / wachtlijst",
        aanmelding_date=date(2026, 8, 20), deadline_state=DeadlineState.VERLOPEN,
        deadline_due=date(2026, 11, 20))
    mdo.add_pupil("c1", (SuggestionReason.TERMIJN_VERLOPEN,))
    mdo.items[0].question = f.long("vraag")
    mdo.record_outcome("c1", MdoOutcome(
        decisions=[f.long("besluit")],
        new_actions=[MdoAction(f.short("nieuw_wie"), f.long("nieuw_wat"), date(2026, 12, 11))],
        escalation=Escalation.CASUISTIEKOVERLEG_SWV, escalation_note=f.long("opschaling")))
    return mdo, {"c1": snap}


class _Except:
    """Asks ``fill`` only for the texts a document prints; the others get a plain value."""

    def __init__(self, fill: Fill, *hidden: str) -> None:
        self._fill, self._hidden = fill, set(hidden)

    def short(self, key: str) -> str:
        return "Sem de Vries" if key in self._hidden else self._fill.short(key)

    def long(self, key: str) -> str:
        return "Zie het verslag." if key in self._hidden else self._fill.long(key)


OUTCOME = ("overig", "besluit", "nieuw_wie", "nieuw_wat", "opschaling")
PLAN_ACTIONS = ("open_wie", "open_wat", "laat_wie", "laat_wat")


def mdo_agenda(f: Fill) -> bytes:
    mdo, snaps = _meeting(_Except(f, *OUTCOME))
    return agenda_pdf(build_agenda(mdo, snaps, AgendaSettings(full_names=True)),
                      f.short("organisatie"))


def parent_agenda(f: Fill) -> bytes:
    """Parents see their own child's first name, the people and the question; no school."""
    mdo, snaps = _meeting(_Except(f, *OUTCOME, "school", "organisatie2", "achternaam",
                                  "leerlingschool", "groep"))
    return parent_agenda_pdf(build_agenda(mdo, snaps), "c1", f.short("organisatie"))


def minutes(f: Fill) -> bytes:
    mdo, snaps = _meeting(_Except(f, *PLAN_ACTIONS))
    return minutes_pdf(build_minutes(mdo, snaps, AgendaSettings(full_names=True)),
                       f.short("organisatie"))


def dossier(f: Fill) -> bytes:
    return dossier_pdf(DossierData(
        case_id="c1", made_on=TODAY, made_by=f.short("gemaakt"),
        organisation=f.short("organisatie"),
        tables={
            "pupils": [{"first_name": f.short("voornaam"), "last_name": f.short("achternaam"),
                        "address": f.short("adres")}],
            "cases": [{"notes": f.long("notities"), "closing_note": f.long("afsluiting")}],
            "intakes": [{"background": f.long("achtergrond"),
                         "pupil_own_words": f.long("eigenwoorden")}],
            "plan_versions": [{"document": f.long("plandocument")}],
        }))


def weekly(f: Fill) -> bytes:
    return weekly_overview_pdf(WeeklyOverview(
        organisation=f.short("organisatie"), consulent=f.short("consulent"), first_day=TODAY,
        items=(WeeklyItem(f.short("leerling1"), f.short("school1"), f.long("termijn1"),
                          date(2026, 11, 9), DeadlineState.VERLOPEN),
               WeeklyItem(f.short("leerling2"), f.short("school2"), f.long("termijn2"),
                          date(2026, 11, 25), DeadlineState.BINNENKORT))))


def quarterly(f: Fill) -> bytes:
    caseload: list[tuple[Pupil, Case]] = []
    for i, school in enumerate((f.short("school1"), f.short("school2"))):
        pupil = Pupil(first_name="Sem", last_name="de Vries", birth_date=date(2014, 3, 1 + i),
                      school=school)
        caseload.append((pupil, Case(pupil_id=pupil.id, aanmelding_date=date(2026, 7, 1 + i),
                                     home_since=date(2026, 6, 20),
                                     verzuim_type=VerzuimType.ONGEOORLOOFD,
                                     first_contact_date=date(2026, 7, 5))))
    figures = quarter_figures(caseload, Quarter(2026, 3), Definition.BREED, TODAY)
    return quarterly_report_pdf(figures, organisation=f.short("organisatie"), made_on=TODAY)


DOCUMENTS: dict[str, Callable[[Fill], bytes]] = {
    "aanmeldformulier": aanmeldformulier, "terugkoppeling": terugkoppeling, "plan": plan,
    "mdo_agenda": mdo_agenda, "parent_agenda": parent_agenda, "minutes": minutes,
    "dossier": dossier, "weekly": weekly, "quarterly": quarterly,
}
