"""Registering an aanmelding, stage dates, the intake and the terugkoppeling, on a real vault."""

from __future__ import annotations

import io
from datetime import date

import pytest
from pypdf import PdfReader

from thuiszitter_desktop.domain import settings as settings_registry
from thuiszitter_desktop.domain.aanmelding import (
    Aanmelding,
    AanmeldRoute,
    ParentContact,
    Relation,
    Reporter,
)
from thuiszitter_desktop.domain.consent import Consent, ConsentMethod
from thuiszitter_desktop.domain.errors import UserError, ValidationError
from thuiszitter_desktop.domain.intake import Agreement, IntakeRecord
from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.vocab import (
    CaseStage,
    ClosingReason,
    ContactKind,
    Onderwijstype,
    VerzuimType,
)
from thuiszitter_desktop.domain.ziekteverzuim import SickCriterion, SickReport
from thuiszitter_desktop.services import cases, intake
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.storage import repo_audit


def aanmelding(consent: bool = True, **changes: object) -> Aanmelding:
    a = Aanmelding(
        report_date=date(2026, 11, 16),
        reporter=Reporter(school="Het Baken", contact_name="Sem de Vries"),
        pupil=Pupil(first_name="Zoë", last_name="Çelik-d'Hondt", birth_date=date(2012, 4, 3),
                    school="Het Baken", leerjaar="2", onderwijstype=Onderwijstype.VO),
        parents=[ParentContact(name="Fatma Çelik", relation=Relation.MOEDER,
                               phone="06-12345678")],
        sick_reports=[SickReport(date(2026, 11, 2), date(2026, 11, 13)),
                      SickReport(date(2026, 10, 5), date(2026, 10, 5))],
        confirmed_criteria={SickCriterion.VERSPREID_MAAND},
        education_percentage=20, education_since=date(2026, 11, 2),
        parental_consent=Consent(given=True, on=date(2026, 11, 12),
                                 method=ConsentMethod.VIA_SCHOOL, given_by="moeder")
        if consent else Consent(),
    )
    for name, value in changes.items():
        setattr(a, name, value)
    return a


def conversation(case: Case, **changes: object) -> IntakeRecord:
    record = IntakeRecord(case_id=case.id, held_on=date(2026, 11, 19),
                          kind=ContactKind.HUISBEZOEK, participants="Zoë en haar moeder",
                          absence_reason="Zoë wordt gepest.",
                          needed_to_resume="Een rustige werkplek.",
                          agreements=[Agreement(who="Mentor", what="Belt elke maandag.",
                                                by_when=date(2026, 12, 1))])
    for name, value in changes.items():
        setattr(record, name, value)
    return record


def test_registering_creates_pupil_case_and_aanmelding(ctx: AppContext) -> None:
    changes: list[Change] = []
    ctx.changes.subscribe(changes.append)
    case = intake.register_aanmelding(ctx, aanmelding())
    detail = cases.load_case(ctx, case.id)
    assert detail.pupil.full_name == "Zoë Çelik-d'Hondt"
    assert detail.case.aanmelding_date == date(2026, 11, 16)
    assert detail.case.verzuim_type is VerzuimType.GEOORLOOFD
    assert detail.case.education_percentage == 20
    assert detail.case.home_since == date(2026, 11, 2)
    assert detail.case.stage is CaseStage.AANMELDING_ONTVANGEN
    assert Change("case", (case.id,)) in changes
    stored = intake.load_aanmelding(ctx, case.id)
    assert stored is not None
    assert stored.reporter.contact_name == "Sem de Vries"
    assert [p.name for p in stored.parents] == ["Fatma Çelik"]
    assert [(s.start, s.end) for s in stored.sick_reports] == [
        (date(2026, 10, 5), date(2026, 10, 5)), (date(2026, 11, 2), date(2026, 11, 13))]
    assert stored.confirmed_criteria == {SickCriterion.VERSPREID_MAAND}
    assert stored.parental_consent.method is ConsentMethod.VIA_SCHOOL
    actions = [e.action for e in repo_audit_entries(ctx, case.id)]
    assert "aanmelding geregistreerd" in actions


def repo_audit_entries(ctx: AppContext, case_id: str) -> list[repo_audit.AuditEntry]:
    with ctx.vault.read() as conn:
        return repo_audit.entries(conn, case_id)


def test_invalid_aanmelding_saves_nothing(ctx: AppContext) -> None:
    with pytest.raises(ValidationError) as info:
        intake.register_aanmelding(ctx, aanmelding(education_percentage=120))
    assert "education_percentage" in info.value.errors
    with ctx.vault.read() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM cases").scalar() == 0


def test_editing_the_aanmelding_replaces_parents_and_sick_reports(ctx: AppContext) -> None:
    case = intake.register_aanmelding(ctx, aanmelding())
    stored = intake.load_aanmelding(ctx, case.id)
    assert stored is not None
    stored.parents.append(ParentContact(name="Luc d'Hondt", relation=Relation.VADER,
                                        email="luc@example.nl"))
    stored.sick_reports = stored.sick_reports[1:]
    stored.report_date = date(2026, 11, 17)
    intake.save_aanmelding(ctx, case.id, stored)
    again = intake.load_aanmelding(ctx, case.id)
    assert again is not None
    assert [p.name for p in again.parents] == ["Fatma Çelik", "Luc d'Hondt"]
    assert len(again.sick_reports) == 1
    assert cases.load_case(ctx, case.id).case.aanmelding_date == date(2026, 11, 17)
    assert intake.load_stages(ctx, case.id).dates[CaseStage.AANMELDING_ONTVANGEN] == date(
        2026, 11, 17)


def test_without_consent_the_case_is_registered_but_next_steps_wait(ctx: AppContext) -> None:
    case = intake.register_aanmelding(ctx, aanmelding(consent=False))
    reasons = intake.blocking_reasons(ctx, case.id)
    assert reasons and "toestemming" in reasons[0]
    with pytest.raises(UserError) as info:
        intake.mark_stage(ctx, case.id, CaseStage.SCHOOL_GERAADPLEEGD)
    assert "toestemming" in info.value.message
    with pytest.raises(UserError):
        intake.save_intake(ctx, conversation(case))
    # recording the consent unblocks
    stored = intake.load_aanmelding(ctx, case.id)
    assert stored is not None
    stored.parental_consent = Consent(given=True, on=date(2026, 11, 20),
                                      method=ConsentMethod.MONDELING, given_by="moeder")
    intake.save_aanmelding(ctx, case.id, stored)
    assert intake.blocking_reasons(ctx, case.id) == []
    intake.mark_stage(ctx, case.id, CaseStage.SCHOOL_GERAADPLEEGD)


def test_marking_stages_records_today_and_moves_the_case(ctx: AppContext, today: date) -> None:
    case = intake.register_aanmelding(ctx, aanmelding())
    stages = intake.mark_stage(ctx, case.id, CaseStage.UITGENODIGD)
    assert stages.dates[CaseStage.UITGENODIGD] == today
    assert cases.load_case(ctx, case.id).case.stage is CaseStage.UITGENODIGD
    intake.set_stage_date(ctx, case.id, CaseStage.UITGENODIGD, date(2026, 11, 18))
    assert intake.load_stages(ctx, case.id).dates[CaseStage.UITGENODIGD] == date(2026, 11, 18)
    with pytest.raises(ValidationError) as info:
        intake.set_stage_date(ctx, case.id, CaseStage.UITGENODIGD, date(2026, 11, 10))
    assert "vóór" in info.value.errors["UITGENODIGD"]
    intake.set_stage_date(ctx, case.id, CaseStage.UITGENODIGD, None)
    assert cases.load_case(ctx, case.id).case.stage is CaseStage.AANMELDING_ONTVANGEN


def test_closing_shows_in_the_timeline_but_is_not_marked_here(ctx: AppContext) -> None:
    case = intake.register_aanmelding(ctx, aanmelding())
    with pytest.raises(UserError):
        intake.mark_stage(ctx, case.id, CaseStage.AFGESLOTEN)
    cases.close_case(ctx, case.id, ClosingReason.TERUG_OP_SCHOOL)
    stages = intake.load_stages(ctx, case.id)
    assert stages.current() is CaseStage.AFGESLOTEN
    cases.reopen_case(ctx, case.id)
    assert CaseStage.AFGESLOTEN not in intake.load_stages(ctx, case.id).dates


def test_intake_stops_the_first_contact_clock_and_marks_the_conversation(
    ctx: AppContext
) -> None:
    case = intake.register_aanmelding(ctx, aanmelding())
    record = conversation(case)
    intake.save_intake(ctx, record)
    detail = cases.load_case(ctx, case.id)
    assert detail.case.first_contact_date == date(2026, 11, 19)
    assert [c.notes for c in detail.contacts] == ["Intakegesprek"]
    assert detail.case.stage is CaseStage.GESPREK_GEVOERD
    record.needed_to_resume = "Een kleinere klas."
    intake.save_intake(ctx, record)  # editing adds no second contact
    assert len(cases.load_case(ctx, case.id).contacts) == 1
    loaded = intake.load_intake(ctx, case.id)
    assert loaded is not None and loaded.needed_to_resume == "Een kleinere klas."
    assert loaded.agreements[0].by_when == date(2026, 12, 1)


def test_intake_before_the_aanmelding_is_refused(ctx: AppContext) -> None:
    case = intake.register_aanmelding(ctx, aanmelding())
    with pytest.raises(ValidationError) as info:
        intake.save_intake(ctx, conversation(case, held_on=date(2026, 11, 10)))
    assert "vóór de datum van aanmelding" in info.value.errors["held_on"]


def test_terugkoppeling_needs_an_intake(ctx: AppContext) -> None:
    case = intake.register_aanmelding(ctx, aanmelding())
    with pytest.raises(UserError) as info:
        intake.new_terugkoppeling(ctx, case.id)
    assert "gesprek" in info.value.message


def test_terugkoppeling_draft_is_addressed_and_sending_marks_the_step(
    ctx: AppContext, today: date
) -> None:
    case = intake.register_aanmelding(ctx, aanmelding())
    intake.save_intake(ctx, conversation(case))
    draft = intake.new_terugkoppeling(ctx, case.id)
    assert [(r.kind.name, r.name) for r in draft.recipients] == [
        ("LEERLING", "Zoë Çelik-d'Hondt"), ("OUDERS", "Fatma Çelik"),
        ("ONDERSTEUNINGSCOORDINATOR", "Sem de Vries")]
    intake.save_terugkoppeling(ctx, draft)
    assert intake.load_stages(ctx, case.id).current() is CaseStage.GESPREK_GEVOERD
    for i in range(len(draft.recipients)):
        draft.mark_sent(i, today)
    intake.save_terugkoppeling(ctx, draft)
    assert intake.load_stages(ctx, case.id).dates[CaseStage.TERUGKOPPELING_VERSTUURD] == today
    loaded = intake.load_terugkoppeling(ctx, case.id)
    assert loaded is not None and loaded.sent_to_all


def test_documents_use_the_organisation_setting(ctx: AppContext) -> None:
    from thuiszitter_desktop.storage import repo_settings

    with ctx.vault.transaction() as conn:
        repo_settings.store(conn, settings_registry.ORGANISATION.key, "Leerrecht Rivierland")
    case = intake.register_aanmelding(ctx, aanmelding())
    intake.save_intake(ctx, conversation(case))
    draft = intake.new_terugkoppeling(ctx, case.id)
    for pdf in (intake.aanmelding_document(ctx, case.id),
                intake.blank_aanmelding_document(ctx),
                intake.terugkoppeling_document(ctx, draft, 1)):
        content = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
        assert "Leerrecht Rivierland" in content
    letter = "".join(p.extract_text() for p in PdfReader(io.BytesIO(
        intake.terugkoppeling_document(ctx, draft, 1))).pages)
    assert "Beste Fatma Çelik," in letter


def test_case_without_aanmelding_is_never_blocked(ctx: AppContext) -> None:
    pupil = Pupil(first_name="Sem", last_name="de Vries", birth_date=date(2013, 1, 1))
    case = cases.register_case(ctx, pupil, Case(pupil_id=pupil.id,
                                                aanmelding_date=date(2026, 11, 2)))
    assert intake.blocking_reasons(ctx, case.id) == []
    assert intake.load_aanmelding(ctx, case.id) is None
    assert intake.mark_stage(ctx, case.id, CaseStage.UITGENODIGD).current() is (
        CaseStage.UITGENODIGD)
    with pytest.raises(UserError):
        intake.aanmelding_document(ctx, case.id)


def test_route_without_school_is_registered(ctx: AppContext) -> None:
    a = aanmelding(route=AanmeldRoute.ABSOLUUT_VERZUIM, sick_reports=[], confirmed_criteria=set(),
                   education_percentage=0)
    a.pupil.school = ""
    a.pupil.onderwijstype = Onderwijstype.GEEN
    case = intake.register_aanmelding(ctx, a)
    assert cases.load_case(ctx, case.id).case.verzuim_type is VerzuimType.ABSOLUUT
