"""Figures read cases without names, addresses or free text, and nothing else is lost."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.vocab import (
    ClosingReason,
    HuidigeSituatie,
    Onderwijstype,
    Regie,
    VerzuimType,
)
from thuiszitter_desktop.services import cases
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.storage import repo_cases

LEFT_OUT_CASE = {"casusverantwoordelijke": "", "consulent": "", "passend_aanbod_kind": "",
                 "closing_note": "", "notes": ""}


def test_same_cases_without_what_names_a_person(ctx: AppContext) -> None:
    zoe = Pupil(first_name="Zoë", last_name="Çelik-d'Hondt", birth_date=date(2012, 4, 3),
                school="Het Baken", onderwijstype=Onderwijstype.VO, address="Dijkweg 1",
                gemeente="Rivierstad", swv="SWV Rivierland", leerjaar="2")
    sem = Pupil(first_name="Sem", last_name="de Vries", birth_date=date(2014, 9, 1))
    cases.register_case(ctx, zoe, Case(
        pupil_id=zoe.id, aanmelding_date=date(2026, 9, 1), verzuim_type=VerzuimType.ONGEOORLOOFD,
        regie=Regie.LEERPLICHT, consulent="Anouk Vermeer", casusverantwoordelijke="Mentor",
        huidige_situatie=HuidigeSituatie.NIET, notes="Zoë wordt gepest.",
        passend_aanbod_date=date(2026, 10, 1), passend_aanbod_kind="Rebound"))
    closed = cases.register_case(ctx, sem, Case(pupil_id=sem.id,
                                                aanmelding_date=date(2026, 8, 3)))
    cases.close_case(ctx, closed.id, ClosingReason.VERHUISD)
    with ctx.vault.read() as conn:
        full = {i.case.id: i for i in repo_cases.list_cases(conn, include_closed=True)}
        anonymous = repo_cases.anonymous_cases(conn)
    assert {case.id for _pupil, case in anonymous} == set(full)  # closed cases too
    for pupil, case in anonymous:
        original = full[case.id]
        assert case == replace(original.case, **LEFT_OUT_CASE)
        assert pupil == replace(original.pupil, first_name="", last_name="", address="",
                                leerjaar="")
    texts = repr(anonymous)
    for personal in ("Zoë", "Çelik", "Sem", "Vries", "Dijkweg", "gepest", "Anouk", "Rebound"):
        assert personal not in texts
