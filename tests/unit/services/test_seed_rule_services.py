"""The seed rules through the services: one consent gate for every step, nothing derived is
overwritten by a form, and history and follow-up are kept. The ctx clock: 23 November 2026."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, time

import pytest

from thuiszitter_desktop.domain.aanmelding import (
    Aanmelding,
    AanmeldRoute,
    ParentContact,
    Reporter,
)
from thuiszitter_desktop.domain.consent import HOW_TO_RECORD, ConsentPurpose
from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.follow_up import FollowUpOutcome
from thuiszitter_desktop.domain.intake import IntakeRecord
from thuiszitter_desktop.domain.mdo import Escalation, Mdo, MdoOutcome
from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.terugkoppeling import RecipientKind
from thuiszitter_desktop.domain.vocab import ClosingReason, Onderwijstype, Regie, VerzuimType
from thuiszitter_desktop.domain.ziekteverzuim import SickReport
from thuiszitter_desktop.services import cases, consent, follow_up, intake
from thuiszitter_desktop.services import mdo as mdo_service
from thuiszitter_desktop.services import plan as plan_service
from thuiszitter_desktop.services.consent import ConsentMissing
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.storage import repo_audit

GiveConsent = Callable[..., None]


def reported(ctx: AppContext, school: str = "OBS De Regenboog") -> Case:
    pupil = Pupil(first_name="Noor", last_name="El Amrani", birth_date=date(2014, 1, 9),
                  school=school, onderwijstype=Onderwijstype.PO if school else
                  Onderwijstype.GEEN)
    return intake.register_aanmelding(ctx, Aanmelding(
        report_date=date(2026, 11, 2), reporter=Reporter(school=school or "DUO",
                                                         contact_name="Marloes Jacobs"),
        pupil=pupil, parents=[ParentContact(name="Samira El Amrani", phone="06-00000000")],
        route=AanmeldRoute.ZIEKTEVERZUIM if school else AanmeldRoute.ABSOLUUT_VERZUIM,
        sick_reports=[SickReport(date(2026, 10, 5))] if school else [],
        education_percentage=0, education_since=date(2026, 10, 5)))


def test_the_plan_waits_for_consent_and_says_how_to_record_it(
        ctx: AppContext, give_consent: GiveConsent) -> None:
    case = reported(ctx)
    with pytest.raises(ConsentMissing) as refused:
        plan_service.start_plan(ctx, case.id)
    assert refused.value.reasons[-1] == HOW_TO_RECORD
    give_consent(case.id, ConsentPurpose.LEERPLICHT, date(2026, 11, 3))
    plan = plan_service.start_plan(ctx, case.id)
    # Withdrawn: the plan may not be saved again until consent is there again.
    [given] = consent.list_consents(ctx, case.id)
    consent.withdraw_consent(ctx, given.id)
    with pytest.raises(ConsentMissing):
        plan_service.save_plan(ctx, plan)
    with ctx.vault.read() as conn:
        actions = [e.action for e in repo_audit.entries(conn, case.id)]
    assert "toestemming vastgelegd" in actions and "toestemming ingetrokken" in actions


def test_the_schools_copy_needs_consent_to_share_with_school(
        ctx: AppContext, give_consent: GiveConsent) -> None:
    case = reported(ctx)
    give_consent(case.id, ConsentPurpose.LEERPLICHT, date(2026, 11, 3))
    intake.save_intake(ctx, IntakeRecord(case_id=case.id, held_on=date(2026, 11, 10),
                                         participants="Noor, moeder"))
    draft = intake.new_terugkoppeling(ctx, case.id)
    draft.summary = "We hebben gepraat."
    school = next(i for i, r in enumerate(draft.recipients)
                  if r.kind is RecipientKind.ONDERSTEUNINGSCOORDINATOR)
    parents = next(i for i, r in enumerate(draft.recipients) if r.kind is RecipientKind.OUDERS)
    assert intake.terugkoppeling_document(ctx, draft, parents).startswith(b"%PDF")
    with pytest.raises(ConsentMissing, match="gegevens met school te delen"):
        intake.terugkoppeling_document(ctx, draft, school)
    give_consent(case.id, ConsentPurpose.SCHOOL, date(2026, 11, 10))
    assert intake.terugkoppeling_document(ctx, draft, school).startswith(b"%PDF")


def test_an_aanmelding_gets_the_regie_of_the_rule(ctx: AppContext) -> None:
    assert reported(ctx).regie is Regie.SCHOOL
    assert reported(ctx, school="").regie is Regie.LEERPLICHT  # absoluut verzuim


def test_a_form_never_overwrites_regie_or_passend_aanbod(ctx: AppContext) -> None:
    case = reported(ctx)
    detail = cases.load_case(ctx, case.id)
    with pytest.raises(ValidationError, match="Regie wijzigen"):
        cases.save_case(ctx, detail.pupil, replace(detail.case, regie=Regie.SWV))
    cases.save_case(ctx, detail.pupil, replace(detail.case, passend_aanbod_date=date(2026, 11, 5)))
    assert cases.load_case(ctx, case.id).case.passend_aanbod_date is None  # only offers set it


def test_a_change_of_percentage_is_kept_from_the_day_it_holds(ctx: AppContext) -> None:
    case = reported(ctx)
    detail = cases.load_case(ctx, case.id)
    with pytest.raises(ValidationError, match="tussen de aanmelding en vandaag"):
        cases.save_case(ctx, detail.pupil, replace(detail.case, education_percentage=30),
                        effective_from=date(2026, 10, 1))
    cases.save_case(ctx, detail.pupil, replace(detail.case, education_percentage=30,
                                               verzuim_type=VerzuimType.ONGEOORLOOFD),
                    effective_from=date(2026, 11, 16))
    history = cases.situation_history(ctx, case.id)
    assert [(h.effective_from, h.education_percentage, h.verzuim_type) for h in history] == [
        (date(2026, 11, 2), 0, VerzuimType.GEOORLOOFD),
        (date(2026, 11, 16), 30, VerzuimType.ONGEOORLOOFD)]
    # Other edits add nothing to the history.
    detail = cases.load_case(ctx, case.id)
    cases.save_case(ctx, detail.pupil, replace(detail.case, notes="Belt vrijdag terug."))
    assert len(cases.situation_history(ctx, case.id)) == 2


def test_only_a_closing_back_into_education_is_followed_up_and_reopening_answers_it(
        ctx: AppContext) -> None:
    moved, back = reported(ctx), reported(ctx)
    cases.close_case(ctx, moved.id, ClosingReason.VERHUISD)
    cases.close_case(ctx, back.id, ClosingReason.TERUG_OP_SCHOOL)
    assert follow_up.list_for_case(ctx, moved.id) == []
    assert len(follow_up.list_for_case(ctx, back.id)) == 3
    cases.reopen_case(ctx, back.id)
    found = follow_up.list_for_case(ctx, back.id)
    assert {(f.outcome, f.note) for f in found} == {(FollowUpOutcome.WEER_THUIS,
                                                     "Casus heropend")}


def test_an_escalation_follow_up_becomes_one_plan_action(
        ctx: AppContext, give_consent: GiveConsent) -> None:
    """Seed 000, casus 1: "Verwijst indien nodig naar onderwijsconsulent of
    geschillencommissie": the MDO decides it, and when to check what it brought."""
    case = reported(ctx)
    give_consent(case.id, ConsentPurpose.LEERPLICHT, date(2026, 11, 3))
    give_consent(case.id, ConsentPurpose.MDO, date(2026, 11, 3))
    meeting = Mdo(on=date(2026, 11, 20), start_time=time(13, 30), location="Teamkamer",
                  chair="Marloes Jacobs", school="OBS De Regenboog")
    meeting.add_pupil(case.id)
    mdo_service.save_mdo(ctx, meeting)
    outcome = MdoOutcome(escalation=Escalation.ONDERWIJSCONSULENT,
                         escalation_follow_up=date(2027, 1, 8))
    for _ in range(2):  # recorded twice: still one action
        mdo_service.record_outcome(ctx, meeting.id, case.id, outcome)
    [plan] = plan_service.load_versions(ctx, case.id)
    actions = [(a.what, a.due, a.owner.name if a.owner else "")
               for goal in plan.goals for a in goal.actions]
    assert actions == [("Nagaan wat de opschaling (Onderwijsconsulent) heeft opgeleverd",
                        date(2027, 1, 8), "Marloes Jacobs")]
