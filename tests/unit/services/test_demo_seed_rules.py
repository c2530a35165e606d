"""The demo shows every rule of issue 18, and follows the rules itself."""

from __future__ import annotations

from collections import Counter

import pytest

from thuiszitter_desktop.domain.consent import Step
from thuiszitter_desktop.domain.deadlines import DeadlineKind
from thuiszitter_desktop.domain.passend_aanbod import clock_stop
from thuiszitter_desktop.domain.quarters import Quarter
from thuiszitter_desktop.domain.regie import proposed_regie
from thuiszitter_desktop.domain.vocab import ContactKind
from thuiszitter_desktop.services import (
    consent,
    figures,
    follow_up,
    passend_aanbod,
    regie,
    reminders,
)
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.storage import repo_cases, repo_plan


@pytest.fixture
def demo(demo_caseload: list[repo_cases.CaseWithPupil]) -> list[repo_cases.CaseWithPupil]:
    return demo_caseload


def test_every_feature_appears(ctx: AppContext, demo: list[repo_cases.CaseWithPupil]) -> None:
    offers = [o for item in demo for o in passend_aanbod.list_offers(ctx, item.case.id)]
    assert any(o.voorlopig for o in offers)
    assert any(not o.is_passend and not o.voorlopig for o in offers)
    assert any(o.is_passend for o in offers)
    assert any(regie.list_changes(ctx, item.case.id) for item in demo)
    kinds = Counter(c.kind for item in demo
                    for c in repo_cases_contacts(ctx, item.case.id))
    assert kinds[ContactKind.EMAIL] and kinds[ContactKind.VIDEOGESPREK]
    rows = reminders.load_today(ctx).rows
    assert any(r.reminder.kind is DeadlineKind.WEER_BOVEN_50 for r in rows)
    assert any(follow_up.list_for_case(ctx, item.case.id) for item in demo)
    assert figures.quarter_story(ctx, Quarter.of(ctx.today())).startswith("Dit kwartaal")
    without_mdo_consent = [item for item in demo if item.case.is_open
                           and consent.gaps(ctx, item.case.id, Step.MDO)
                           and not consent.gaps(ctx, item.case.id, Step.PLAN)]
    assert without_mdo_consent


def repo_cases_contacts(ctx: AppContext, case_id: str) -> list[object]:
    with ctx.vault.read() as conn:
        return list(repo_cases.list_contacts(conn, case_id))


def test_the_demo_keeps_its_own_rules(ctx: AppContext,
                                      demo: list[repo_cases.CaseWithPupil]) -> None:
    with ctx.vault.read() as conn:
        plans = repo_plan.latest_versions(conn, [item.case.id for item in demo])
    for item in demo:
        case = item.case
        # The passend aanbod date is what the recorded offers say.
        stop = clock_stop(passend_aanbod.list_offers(ctx, case.id))
        assert case.passend_aanbod_date == (stop.passend_since if stop else None)
        # No plan for a case that waits for consent (issue 16: the demo had one).
        if case.id in plans:
            assert consent.gaps(ctx, case.id, Step.PLAN) == [], item.pupil.full_name
        # The regie follows the rule, unless it was taken over with a reason.
        if not regie.list_changes(ctx, case.id):
            assert case.regie is proposed_regie(item.pupil.enrolled, case.verzuim_type)
