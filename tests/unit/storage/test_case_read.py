"""A case and its pupil read back exactly as saved, every field (the overview's fast read)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.vocab import (
    CaseStage,
    ClosingReason,
    HuidigeSituatie,
    KearneyTier,
    Ondersteuningsvraag,
    Onderwijstype,
    OppStatus,
    Regie,
    StagnatieOorzaak,
    VerzuimType,
    VrijstellingAdvies,
    Wachtlijst,
)
from thuiszitter_desktop.services import cases
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.storage import repo_cases
from thuiszitter_desktop.storage.tables import cases as cases_table
from thuiszitter_desktop.storage.tables import pupils as pupils_table

LONG_NOTE = "Gesprek met moeder 🙂 over de overstap. " * 120


def every_field_set() -> tuple[Pupil, Case]:
    pupil = Pupil(first_name="Ясмина", last_name="El Idrissi-ﺍﻟﺈﺩﺭﻳﺴﻲ",
                  birth_date=date(2011, 2, 28), school="Het Baken", leerjaar="2",
                  onderwijstype=Onderwijstype.VSO, address="Dijkweg 1, 1234 AB Rivierstad",
                  gemeente="Rivierstad", swv="SWV Rivierland")
    case = Case(
        pupil_id=pupil.id, aanmelding_date=date(2026, 9, 1), home_since=date(2026, 6, 15),
        verzuim_type=VerzuimType.ONGEOORLOOFD, education_percentage=20, regie=Regie.LEERPLICHT,
        casusverantwoordelijke="Mentor Jansen", consulent="Anouk Vermeer",
        stage=CaseStage.PLAN_VAN_AANPAK, first_contact_date=date(2026, 9, 8),
        goals_set_date=date(2026, 10, 1), passend_aanbod_date=date(2026, 11, 2),
        passend_aanbod_kind="Rebound", ondersteuningsvraag=Ondersteuningsvraag.PSYCHISCH,
        huidige_situatie=HuidigeSituatie.NIET, wachtlijst=Wachtlijst.ZORG,
        stagnatie_oorzaak=StagnatieOorzaak.VERVOER, notes=LONG_NOTE,
        extra_ondersteuningsvragen=(Ondersteuningsvraag.LICHAMELIJK,),
        extra_situaties=tuple(s for s in HuidigeSituatie if s is not HuidigeSituatie.NIET)[:2],
        opp_status=OppStatus.JA, opp_date=date(2026, 10, 5), opp_review_date=date(2027, 4, 5),
        kearney_tier=KearneyTier.NIVEAU_2, vrijstelling_advies=VrijstellingAdvies.POSITIEF,
        vrijstelling_advies_date=date(2026, 10, 20))
    return pupil, case


def test_every_field_of_a_case_and_its_pupil_reads_back_as_saved(ctx: AppContext) -> None:
    pupil, case = every_field_set()
    saved = cases.register_case(ctx, pupil, case)
    cases.close_case(ctx, saved.id, ClosingReason.VERHUISD, note="Verhuisd naar Zeeland.")
    expected = cases.load_case(ctx, saved.id)  # through get_case and get_pupil
    with ctx.vault.read() as conn:
        [listed] = repo_cases.list_cases(conn, include_closed=True)
    assert listed.case == expected.case and listed.pupil == expected.pupil
    # Every field as typed (the closing aside), not only the same through both reads.
    assert listed.pupil == pupil
    assert replace(listed.case, closed_on=None, closing_reason=None, closing_note="",
                   stage=case.stage) == replace(case, id=saved.id)
    assert expected.pupil.first_name == "Ясмина" and expected.case.notes == LONG_NOTE
    assert expected.case.closed_on == ctx.today()
    assert expected.case.closing_reason is ClosingReason.VERHUISD
    assert expected.case.extra_ondersteuningsvragen == (Ondersteuningsvraag.LICHAMELIJK,)
    assert expected.case.vrijstelling_advies_date == date(2026, 10, 20)


def test_the_fast_read_covers_every_stored_column() -> None:
    # A column added to the tables must be read as well (or be a record column).
    stored = {c.name for c in cases_table.c} - repo_cases.RECORD_COLUMNS
    assert set(repo_cases._CASE_READ) == stored
    stored = {c.name for c in pupils_table.c} - repo_cases.RECORD_COLUMNS
    assert set(repo_cases._PUPIL_READ) == stored
