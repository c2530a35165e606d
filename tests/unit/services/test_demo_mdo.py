"""The demo vault shows the MDO feature: a held meeting with minutes and its follow-up."""

from __future__ import annotations

from thuiszitter_desktop.domain.mdo import SuggestionReason
from thuiszitter_desktop.services import mdo as mdo_service
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.services.demo import populate_demo


def test_demo_has_a_held_mdo_and_a_follow_up_with_carry_over(ctx: AppContext) -> None:
    populate_demo(ctx)
    held, planned = mdo_service.list_mdos(ctx)
    assert held.on < ctx.today() < planned.on
    assert [i.discussed for i in held.items] == [True, True, False]
    not_reached = held.items[2].case_id
    assert planned.item(not_reached).reasons == (SuggestionReason.DOORGESCHOVEN,)
    assert mdo_service.minutes_pdf(ctx, held.id).startswith(b"%PDF")
    assert "Bespreking" in mdo_service.agenda_email(ctx, planned.id)
