"""A read-only list of recent aanmeldingen for the 'Aanmelden' page.

One row per case registered in the last ``days`` days (newest first), with the route of its
aanmeldformulier and whether next steps wait for consent. Cases registered without a form
(via 'Nieuwe casus') are listed too, without a route. A list of names is no dossier view, so
nothing is audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from thuiszitter_desktop.domain.aanmelding import AanmeldRoute
from thuiszitter_desktop.domain.vocab import Labelled
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.storage import repo_cases, repo_intake

RECENT_DAYS = 60


class ConsentState(Labelled):
    NIET_NODIG = "Niet nodig"
    GEGEVEN = "Gegeven"
    ONTBREEKT = "Ontbreekt — volgende stappen geblokkeerd"
    GEEN_FORMULIER = "—"


@dataclass(frozen=True, slots=True)
class RecentAanmelding:
    case_id: str
    report_date: date
    pupil_name: str
    school: str
    route: AanmeldRoute | None  # None: registered without an aanmeldformulier
    consent: ConsentState
    blocking_reasons: tuple[str, ...]
    stage_label: str
    is_open: bool

    @property
    def blocked(self) -> bool:
        return self.consent is ConsentState.ONTBREEKT


def recent_aanmeldingen(ctx: AppContext, days: int = RECENT_DAYS) -> list[RecentAanmelding]:
    """Aanmeldingen of the last ``days`` days (today included), newest first."""
    since = ctx.today() - timedelta(days=days)
    rows: list[RecentAanmelding] = []
    with ctx.vault.read() as conn:
        recent = [item for item in repo_cases.list_cases(conn, include_closed=True)
                  if item.case.aanmelding_date >= since]
        # One bulk read for every form (it was one read per case).
        forms = repo_intake.load_aanmeldingen(conn, {i.case.id: i.pupil for i in recent})
    for item in recent:
        case, pupil = item.case, item.pupil
        form = forms.get(case.id)
        if form is None:
            rows.append(RecentAanmelding(
                case.id, case.aanmelding_date, pupil.full_name, pupil.school, None,
                ConsentState.GEEN_FORMULIER, (), case.stage.label, case.is_open))
            continue
        reasons = tuple(form.blocking_reasons())
        consent = (ConsentState.ONTBREEKT if reasons else ConsentState.GEGEVEN
                   if form.route.needs_consent else ConsentState.NIET_NODIG)
        rows.append(RecentAanmelding(
            case.id, form.report_date, pupil.full_name,
            form.reporter.school.strip() or pupil.school, form.route, consent, reasons,
            case.stage.label, case.is_open))
    rows.sort(key=lambda r: (-r.report_date.toordinal(), r.pupil_name))
    return rows
