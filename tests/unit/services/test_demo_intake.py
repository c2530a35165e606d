"""The demo caseload shows the intake feature with data that passes its own rules."""

from __future__ import annotations

from datetime import date

from thuiszitter_desktop.domain.vocab import CaseStage
from thuiszitter_desktop.services import caseload, intake
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.services.demo import build_demo_cases, populate_demo
from thuiszitter_desktop.services.demo_intake import demo_aanmelding, demo_intake, demo_stages


def test_demo_records_are_valid(today: date) -> None:
    for index, item in enumerate(build_demo_cases(today)):
        demo_aanmelding(item, index).validate(today)
        demo_stages(item, today).validate(today)
        record = demo_intake(item)
        if record is not None:
            record.validate(today)


def test_demo_vault_shows_blocked_and_finished_intakes(ctx: AppContext) -> None:
    count = populate_demo(ctx)
    rows = caseload.load_rows(ctx, include_closed=True)
    assert len(rows) == count
    blocked = [r for r in rows if intake.blocking_reasons(ctx, r.case_id)]
    assert blocked
    sent = [r for r in rows
            if CaseStage.TERUGKOPPELING_VERSTUURD in intake.load_stages(ctx, r.case_id).dates]
    assert sent
    letter = intake.load_terugkoppeling(ctx, sent[0].case_id)
    assert letter is not None and letter.sent_to_all
