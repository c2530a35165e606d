"""A fictitious demo caseload: about 60 pupils across several schools, in every stage.

Every name is invented from two short lists; any resemblance to real people is chance. The
same seed and date always give the same caseload.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from thuiszitter_desktop.domain.model import Case, ContactMoment, InvolvedProfessional, Pupil
from thuiszitter_desktop.domain.vocab import (
    CaseStage,
    ClosingReason,
    ContactKind,
    HuidigeSituatie,
    Ondersteuningsvraag,
    Onderwijstype,
    ProfessionalRole,
    Regie,
    StagnatieOorzaak,
    VerzuimType,
    Wachtlijst,
)
from thuiszitter_desktop.services import demo_schools, demo_seed_rules, settings
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.services.demo_case import DemoCase
from thuiszitter_desktop.services.demo_intake import save_demo_intake
from thuiszitter_desktop.services.demo_mdo import demo_mdos
from thuiszitter_desktop.services.demo_plan import demo_plans
from thuiszitter_desktop.storage import repo_cases as repo
from thuiszitter_desktop.storage import repo_mdo, repo_plan

DEMO_PASSPHRASE = "demo"
DEMO_SIZE = 60

FIRST_NAMES = (
    "Sarah", "Daan", "Zoë", "Milan", "Noor", "Sem", "Lotte", "Finn", "Yara", "Lucas", "Aylin",
    "Bram", "Fenna", "Mohammed", "Isa", "Jesse", "Lina", "Thijs", "Saar", "Ilias", "Eva", "Ruben",
    "Nina", "Amir", "Julia", "Stijn", "Mila", "Youssef", "Roos", "Luuk",
)
LAST_NAMES = (
    "de Vries", "Jansen", "Çelik-d'Hondt", "Bakker", "van Dijk", "Visser", "El Amrani",
    "Smit", "Meijer", "de Boer", "Mulder", "Yılmaz", "Bos", "Vos", "Peters", "Hendriks",
    "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Kaya", "Dijkstra", "Verbeek", "Postma",
)
SCHOOLS = (
    ("OBS De Regenboog", Onderwijstype.PO, ("groep 6", "groep 7", "groep 8")),
    ("CBS Het Kompas", Onderwijstype.PO, ("groep 5", "groep 7", "groep 8")),
    ("Stedelijk Lyceum Zuid", Onderwijstype.VO, ("klas 1", "klas 2", "klas 3", "klas 4")),
    ("Noorderlicht College", Onderwijstype.VO, ("klas 1", "klas 2", "klas 3")),
    ("SO De Wissel", Onderwijstype.SO, ("bovenbouw", "middenbouw")),
    ("VSO De Horizon", Onderwijstype.VSO, ("klas 2", "klas 3", "uitstroom")),
    ("Praktijkschool De Brug", Onderwijstype.PRO, ("leerjaar 1", "leerjaar 2")),
)
CONSULENTEN = ("Anouk Vermeer", "Joris Hoekstra", "Fatima Bouzid")
GEMEENTEN = ("Rivierstad", "Polderdorp", "Heuvelrug-Oost")
SWV = "SWV Rivierland (fictief)"


def _birth_date(rng: random.Random, today: date, onderwijstype: Onderwijstype) -> date:
    ages = {Onderwijstype.PO: (8, 12), Onderwijstype.SO: (7, 12), Onderwijstype.VO: (12, 16),
            Onderwijstype.VSO: (12, 17), Onderwijstype.PRO: (12, 16)}
    low, high = ages.get(onderwijstype, (10, 15))
    age_days = rng.randint(low * 365 + 30, high * 365 + 300)
    return today - timedelta(days=age_days)


def _stage_for(index: int) -> str:
    # A mix: new, waiting for first contact, plan running, stagnating, closed. One in ten
    # stagnates: those carry the overdue deadlines, as in a real caseload.
    return ("nieuw", "nieuw", "wacht", "plan", "plan", "plan", "plan", "stagnerend",
            "monitoring", "afgesloten")[index % 10]


def build_demo_cases(today: date, size: int = DEMO_SIZE, seed: int = 2026) -> list[DemoCase]:
    rng = random.Random(seed)
    result: list[DemoCase] = []
    for index in range(size):
        school, onderwijstype, groups = SCHOOLS[index % len(SCHOOLS)]
        enrolled = index % 17 != 5
        pupil = Pupil(
            first_name=rng.choice(FIRST_NAMES), last_name=rng.choice(LAST_NAMES),
            birth_date=_birth_date(rng, today, onderwijstype),
            school=school if enrolled else "", leerjaar=rng.choice(groups) if enrolled else "",
            onderwijstype=onderwijstype if enrolled else Onderwijstype.GEEN,
            gemeente=rng.choice(GEMEENTEN), swv=SWV,
        )
        kind = _stage_for(index)
        aanmelding = today - timedelta(days={"nieuw": rng.randint(0, 6),
                                             "wacht": rng.randint(5, 16),
                                             "plan": rng.randint(30, 80),
                                             "stagnerend": rng.randint(85, 160),
                                             "monitoring": rng.randint(60, 120),
                                             "afgesloten": rng.randint(90, 200)}[kind])
        home_since = aanmelding - timedelta(days=rng.randint(0, 35))
        verzuim = (VerzuimType.ABSOLUUT if not enrolled else
                   rng.choice([VerzuimType.GEOORLOOFD, VerzuimType.GEOORLOOFD,
                               VerzuimType.ONGEOORLOOFD, VerzuimType.VRIJSTELLING_5A,
                               VerzuimType.GESCHORST]))
        consulent = CONSULENTEN[index % len(CONSULENTEN)]
        case = Case(
            pupil_id=pupil.id, aanmelding_date=aanmelding, home_since=home_since,
            verzuim_type=verzuim, education_percentage=rng.choice([0, 0, 0, 10, 20, 25, 40]),
            regie=Regie.SCHOOL if enrolled else Regie.LEERPLICHT,
            casusverantwoordelijke=(f"Mentor {pupil.leerjaar}" if enrolled and index % 3
                                    else consulent),
            consulent=consulent,
            ondersteuningsvraag=rng.choice(list(Ondersteuningsvraag)),
            huidige_situatie=rng.choice([HuidigeSituatie.NIET, HuidigeSituatie.GEDEELTELIJK,
                                         HuidigeSituatie.ZORG_NAAST_SCHOOL]),
            wachtlijst=rng.choice(list(Wachtlijst)),
        )
        contacts: list[ContactMoment] = []
        if kind == "nieuw":
            case.stage = CaseStage.AANMELDING_ONTVANGEN
        elif kind == "wacht":
            case.stage = rng.choice([CaseStage.SCHOOL_GERAADPLEEGD, CaseStage.UITGENODIGD])
            contacts.append(ContactMoment(case_id=case.id, on=aanmelding + timedelta(days=2),
                                          kind=ContactKind.TELEFOON, with_pupil_or_parents=False,
                                          participants="Ondersteuningscoördinator",
                                          notes="Aanvullende informatie opgevraagd."))
        else:
            first = aanmelding + timedelta(days=rng.randint(3, 16))
            contacts.append(ContactMoment(case_id=case.id, on=first, kind=ContactKind.HUISBEZOEK,
                                          participants="Leerling, ouders",
                                          notes="Kennismaking en intakegesprek."))
            case.first_contact_date = first
            case.stage = CaseStage.PLAN_VAN_AANPAK
            if kind in ("plan", "monitoring", "afgesloten", "stagnerend"):
                case.goals_set_date = aanmelding + timedelta(days=rng.randint(15, 40))
            if kind == "plan" and (today - home_since).days > 70:
                # A plan that has run a while usually has its passend aanbod in place.
                case.passend_aanbod_date = home_since + timedelta(days=rng.randint(45, 70))
                case.passend_aanbod_kind = "Maatwerkrooster"
            if kind == "monitoring":
                case.stage = CaseStage.MONITORING
                case.passend_aanbod_date = min(today, home_since + timedelta(days=80))
                case.passend_aanbod_kind = "Maatwerkrooster met onderwijszorgarrangement"
                case.education_percentage = 40
            if kind == "stagnerend":
                case.stage = CaseStage.MONITORING
                case.stagnatie_oorzaak = rng.choice(list(StagnatieOorzaak))
                case.wachtlijst = rng.choice([Wachtlijst.ZORG, Wachtlijst.BEIDE])
        if kind == "afgesloten":
            case.close(rng.choice([ClosingReason.TERUG_OP_SCHOOL, ClosingReason.PASSEND_AANBOD,
                                   ClosingReason.VERHUISD]),
                       min(today, aanmelding + timedelta(days=rng.randint(60, 85))))
        professionals = [
            InvolvedProfessional(case_id=case.id, name=f"{rng.choice(FIRST_NAMES)} "
                                 f"{rng.choice(LAST_NAMES)}",
                                 role=ProfessionalRole.ONDERSTEUNINGSCOORDINATOR,
                                 organisation=school or "Leerplicht", phone="010-0000000",
                                 email="zorg@school.example"),
            InvolvedProfessional(case_id=case.id, name=f"{rng.choice(FIRST_NAMES)} "
                                 f"{rng.choice(LAST_NAMES)}", role=ProfessionalRole.JEUGDARTS,
                                 organisation="JGZ Rivierland (fictief)"),
        ]
        result.append(DemoCase(pupil, case, contacts, professionals))
    return result


def demo_user(ctx: AppContext) -> None:
    """The demo's user is one of its fictitious consulenten (the demo never asks a name)."""
    if not settings.user_profile(ctx).complete:
        settings.save_user_profile(ctx, CONSULENTEN[0], "thuiszittersconsulent")


def populate_demo(ctx: AppContext, size: int = DEMO_SIZE) -> int:
    """Fill an empty vault with the demo caseload; returns the number of cases."""
    demo_user(ctx)
    cases = build_demo_cases(ctx.today(), size)
    now = ctx.now()
    with ctx.vault.transaction() as conn:
        demo_schools.save_schools(conn, now)
        for index, item in enumerate(cases):
            seed_rules = demo_seed_rules.prepare(item, index, ctx.today())
            repo.save_pupil(conn, item.pupil, now)
            repo.save_case(conn, item.case, now)
            save_demo_intake(conn, item, index, ctx.today(), now)
            for contact in item.contacts:
                repo.save_contact(conn, contact, now)
            for person in item.professionals:
                repo.save_professional(conn, person, now)
            for plan in demo_plans(item, ctx.today()):
                repo_plan.save_version(conn, plan, now)
            demo_seed_rules.save(conn, item, seed_rules, index, now)
            demo_schools.save_school_side(conn, item, index, ctx.today(), now)
        for mdo in demo_mdos(cases, ctx.today()):
            repo_mdo.save_mdo(conn, mdo, now)
        demo_seed_rules.save_story(conn, ctx.today(), now)
        ctx.audit(conn, "demo aangemaakt", "kluis", detail=f"{len(cases)} fictieve casussen")
    ctx.changes.publish(Change("case"))
    return len(cases)
