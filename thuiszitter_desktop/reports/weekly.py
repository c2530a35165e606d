"""Weekly overview PDF for the consulent: overdue deadlines, then this week's, day by day.

The state is always written out ("Verlopen, 3 dagen te laat"), never shown by colour alone.
Empty weekdays say so; empty weekend days are left out to keep the page short.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from thuiszitter_desktop.domain.deadlines import DeadlineState
from thuiszitter_desktop.domain.dutch_dates import dutch_date
from thuiszitter_desktop.reports.base import (
    CONTENT_WIDTH,
    KeepStart,
    PageFrame,
    build_pdf,
    key_values,
    spacer,
    styles,
    table,
    text,
)

WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
TITLE = "Weekoverzicht termijnen"
FOOTER = ("Vertrouwelijk: dit overzicht bevat persoonsgegevens. "
          "Bewaar of print het alleen als dat nodig is.")


@dataclass(frozen=True, slots=True)
class WeeklyItem:
    pupil_name: str
    school: str
    deadline: str  # what is due: "Eerste contact", or the text of a plan action
    due: date
    state: DeadlineState


@dataclass(frozen=True, slots=True)
class WeeklyOverview:
    organisation: str
    consulent: str
    first_day: date  # usually today; the period runs ``days`` days from here
    items: tuple[WeeklyItem, ...]
    days: int = 7

    @property
    def last_day(self) -> date:
        return self.first_day + timedelta(days=self.days - 1)


def _dagen(n: int) -> str:
    return "1 dag" if n == 1 else f"{n} dagen"


def status_text(item: WeeklyItem, today: date) -> str:
    """The state in words, with how far off the due date is."""
    left = (item.due - today).days
    if item.state is DeadlineState.GEHAALD:
        return "Gehaald"
    if left < 0:
        return f"Verlopen, {_dagen(-left)} te laat"
    if left == 0:
        return f"{item.state.label}, vandaag"
    return f"{item.state.label}, nog {_dagen(left)}"


def day_heading(day: date) -> str:
    return f"{WEEKDAYS[day.weekday()].capitalize()} {dutch_date(day)}"


def weekly_overview_pdf(overview: WeeklyOverview) -> bytes:
    """The weekly overview as PDF bytes."""
    st = styles()
    today = overview.first_day
    overdue = sorted((i for i in overview.items if i.due < today),
                     key=lambda i: (i.due, i.pupil_name))
    this_week = [i for i in overview.items if today <= i.due <= overview.last_day]
    story: list[Flowable] = [
        text(TITLE, st.title),
        key_values([
            ("Consulent", overview.consulent or "—"),
            ("Periode", f"{dutch_date(today)} tot en met {dutch_date(overview.last_day)}"),
            ("Verlopen", _count(len(overdue))),
            ("Deze week", _count(len(this_week))),
        ]),
        text("Verlopen termijnen", st.heading),
    ]
    if overdue:
        rows = [["Datum", "Leerling", "School", "Termijn", "Status"]]
        rows += [[f"{i.due:%d-%m-%Y}", i.pupil_name, i.school or "—", i.deadline,
                  status_text(i, today)] for i in overdue]
        widths = [w * mm for w in (24, 38, 36, 40)]
        story.append(table(rows, [*widths, CONTENT_WIDTH - sum(widths)]))
    else:
        story.append(text("Geen verlopen termijnen.", st.body))
    story.append(text("Deze week", st.heading))
    for offset in range(overview.days):
        day = today + timedelta(days=offset)
        due = sorted((i for i in this_week if i.due == day),
                     key=lambda i: (i.state.urgency, i.pupil_name))
        if not due and day.weekday() >= 5:
            continue
        story.append(_day_block(day, due, today))
    return build_pdf(story, PageFrame(overview.organisation, TITLE, FOOTER))


def _day_block(day: date, items: list[WeeklyItem], today: date) -> Flowable:
    st = styles()
    heading = text(day_heading(day), st.cell_bold)
    if not items:
        return KeepStart([spacer(2), heading, text("Geen termijnen.", st.small)])
    rows = [["Leerling", "School", "Termijn", "Status"]]
    rows += [[i.pupil_name, i.school or "—", i.deadline, status_text(i, today)] for i in items]
    widths = [w * mm for w in (42, 40, 48)]
    widths.append(CONTENT_WIDTH - sum(widths))
    # Keep the day's heading with the start of its table; long tables still split by row.
    return KeepStart([spacer(2), heading, spacer(1), table(rows, widths)])


def _count(n: int) -> str:
    return "geen termijnen" if n == 0 else ("1 termijn" if n == 1 else f"{n} termijnen")
