"""The recent aanmeldingen list: who was reported lately, by which route, consent or not."""

from __future__ import annotations

from datetime import date

from thuiszitter_desktop.domain.aanmelding import (
    Aanmelding,
    AanmeldRoute,
    ParentContact,
    Relation,
    Reporter,
)
from thuiszitter_desktop.domain.consent import Consent, ConsentMethod
from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.vocab import ClosingReason, Onderwijstype
from thuiszitter_desktop.domain.ziekteverzuim import SickReport
from thuiszitter_desktop.services import cases, intake
from thuiszitter_desktop.services.aanmelding_overview import (
    ConsentState,
    recent_aanmeldingen,
)
from thuiszitter_desktop.services.context import AppContext

# The ctx clock stands at 23 November 2026; 60 days back is 24 September 2026.
GIVEN = Consent(given=True, on=date(2026, 11, 10), method=ConsentMethod.MONDELING,
                given_by="moeder")


def report(ctx: AppContext, first: str, last: str, on: date, route: AanmeldRoute,
           consent: Consent | None = None) -> str:
    a = Aanmelding(
        report_date=on, route=route,
        reporter=Reporter(school="Het Baken", contact_name="Sem de Vries", phone="010-0000000"),
        pupil=Pupil(first_name=first, last_name=last, birth_date=date(2013, 4, 3),
                    school="Het Baken", onderwijstype=Onderwijstype.VO),
        parents=[ParentContact(name="Fatma Çelik", relation=Relation.MOEDER,
                               phone="06-12345678")],
        sick_reports=[SickReport(date(2026, 9, 1), date(2026, 9, 14))],
        education_percentage=0, education_since=date(2026, 9, 1),
        parental_consent=consent or Consent(),
    )
    return intake.register_aanmelding(ctx, a).id


def test_recent_aanmeldingen_newest_first_with_consent_state(ctx: AppContext) -> None:
    blocked = report(ctx, "Zoë", "Çelik-d'Hondt", date(2026, 11, 20),
                     AanmeldRoute.ZIEKTEVERZUIM)
    consented = report(ctx, "Sem", "de Vries", date(2026, 11, 2), AanmeldRoute.ZIEKTEVERZUIM,
                       GIVEN)
    duo = report(ctx, "Noah", "Jansen", date(2026, 9, 24), AanmeldRoute.DUO)
    report(ctx, "Mila", "Bakker", date(2026, 9, 23), AanmeldRoute.DUO)  # 61 days: too old
    pupil = Pupil(first_name="Lotte", last_name="Visser", birth_date=date(2014, 1, 9))
    plain = cases.register_case(ctx, pupil, Case(pupil_id=pupil.id,
                                                 aanmelding_date=date(2026, 11, 20))).id
    cases.close_case(ctx, consented, ClosingReason.VERHUISD)

    rows = recent_aanmeldingen(ctx)

    assert [(r.case_id, r.report_date) for r in rows] == [
        (plain, date(2026, 11, 20)), (blocked, date(2026, 11, 20)),
        (consented, date(2026, 11, 2)), (duo, date(2026, 9, 24))]
    by_id = {r.case_id: r for r in rows}
    assert by_id[blocked].consent is ConsentState.ONTBREEKT and by_id[blocked].blocked
    assert "toestemming" in by_id[blocked].blocking_reasons[0]
    assert by_id[consented].consent is ConsentState.GEGEVEN and not by_id[consented].is_open
    assert by_id[duo].consent is ConsentState.NIET_NODIG and by_id[duo].route is AanmeldRoute.DUO
    assert by_id[plain].route is None and by_id[plain].consent is ConsentState.GEEN_FORMULIER
    assert (by_id[blocked].pupil_name, by_id[blocked].school) == ("Zoë Çelik-d'Hondt",
                                                                  "Het Baken")


def test_no_aanmeldingen_gives_an_empty_list(ctx: AppContext) -> None:
    assert recent_aanmeldingen(ctx) == []
