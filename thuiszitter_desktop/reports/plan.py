"""The printed plan van aanpak for parents (and the pupil): plain Dutch, who does what when.

Takes one plan version plus plain contact data and returns PDF bytes, optionally encrypted.
The analysis (risk factors) stays out on purpose: this letter shows the agreements, not the
sensitive background (data minimisation). The pupil's own voice, as written into the plan
with the pupil, is printed ("praat mét ons, niet over ons", seed 003), and so are who has the
regie and what that means, and where parents can find independent help.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from thuiszitter_desktop.domain.dutch_dates import dutch_date
from thuiszitter_desktop.domain.model import age_on
from thuiszitter_desktop.domain.plan import Action, ActionStatus, Goal, PlanVanAanpak, version_text
from thuiszitter_desktop.domain.regie import regie_meaning
from thuiszitter_desktop.reports.base import (
    ACCENT,
    CONTENT_WIDTH,
    GRID,
    HEADER_FILL,
    KeepStart,
    PageFrame,
    build_pdf,
    grid,
    key_values,
    spacer,
    styles,
    table,
    text,
)
from thuiszitter_desktop.reports.independent_help import independent_help

PUPIL_SIGNS_FROM_AGE = 12

@dataclass(frozen=True, slots=True)
class PlanPerson:
    """Someone involved, as the parents should see them."""

    name: str
    role: str
    phone: str = ""
    email: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanLetter:
    plan: PlanVanAanpak
    pupil_first_name: str
    pupil_full_name: str
    pupil_birth_date: date
    organisation: str
    printed_on: date
    people: Sequence[PlanPerson] = ()
    # Names for the signature lines; two blank lines are printed when empty.
    parent_names: Sequence[str] = field(default_factory=tuple)


def plan_pdf(letter: PlanLetter, *, password: str | None = None) -> bytes:
    """The plan as PDF bytes; with ``password`` the file opens only with that password."""
    plan, first = letter.plan, letter.pupil_first_name
    st = styles()
    story: list[Flowable] = [
        text(f"Plan van aanpak voor {first}", st.title),
        text(version_text(plan), st.small),
        spacer(3),
        text(f"Dit plan hebben we samen gemaakt: {first}, de ouders, de school en de andere "
             "mensen die meedoen. Hierin staat wat we willen bereiken, en wie wat doet en "
             "wanneer."),
        text("Ons doel", st.heading),
        _goal_box(plan.shared_goal or "Het doel spreken we nog samen af."),
        text(f"Wat {first} zelf zegt", st.heading),
        text(plan.pupil_voice.strip() or f"Wat {first} zelf nodig heeft, vragen we {first} "
             "bij het volgende gesprek."),
        text("Wie houdt het overzicht?", st.heading),
        text(regie_meaning(plan.regie, plan.regie_holder)),
        text(_owner_sentence(plan)),
        text("Wie doen er mee?", st.heading),
        *_people(letter.people),
        text("Wat gaan we doen?", st.heading),
    ]
    if not plan.goals:
        story.append(text("De stappen spreken we nog samen af."))
    for number, goal in enumerate(plan.goals, start=1):
        story.extend(_goal(number, goal))
    story += [
        text("Wanneer kijken we hoe het gaat?", st.heading),
        text(_evaluation_sentence(plan, letter.printed_on)),
        *independent_help(to_pupil=False),
        _signatures(letter),
    ]
    frame = PageFrame(
        organisation=letter.organisation,
        document_title=f"Plan van aanpak {letter.pupil_full_name} · versie {plan.version}",
        footer_note=f"Vertrouwelijk. Dit plan is alleen bedoeld voor {first}, de ouders en "
                    "de mensen die in dit plan staan.",
    )
    return build_pdf(story, frame, password=password)


def _owner_sentence(plan: PlanVanAanpak) -> str:
    name = plan.casusverantwoordelijke.strip()
    if not name:
        return "Wie uw vaste contactpersoon is, spreken we nog samen af."
    return (f"{name} is de casusverantwoordelijke. Dat betekent: {name} houdt dit plan bij en "
            "is uw vaste contactpersoon. Heeft u een vraag? Bel of mail dan met "
            f"{name}.")


def _evaluation_sentence(plan: PlanVanAanpak, today: date) -> str:
    day = plan.next_evaluation(today)
    if day is None:
        return "Wanneer we samen kijken hoe het gaat, spreken we nog af."
    return (f"Op {dutch_date(day)} kijken we samen hoe het gaat. We bespreken wat gelukt is "
            "en wat er anders moet.")


def _goal_box(goal_text: str) -> Table:
    return grid([[text(goal_text, _shared_goal_style())]], [CONTENT_WIDTH], [
        ("BACKGROUND", (0, 0), (-1, -1), HEADER_FILL),
        ("BOX", (0, 0), (-1, -1), 0.5, GRID),
        ("LEFTPADDING", (0, 0), (-1, -1), 8),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
    ])


@cache
def _shared_goal_style() -> ParagraphStyle:
    """The heading's look for the shared goal, without a heading's spacing and page rules."""
    return ParagraphStyle("plan_shared_goal", parent=styles().heading, spaceBefore=0,
                          spaceAfter=0, keepWithNext=0)


def _people(people: Sequence[PlanPerson]) -> list[Flowable]:
    if not people:
        return [text("De namen en telefoonnummers krijgt u nog van ons.")]
    rows = [["Naam", "Wie is dit?", "Telefoon", "E-mail"]]
    rows += [[p.name, p.role, p.phone or "—", p.email or "—"] for p in people]
    return [table(rows, [45 * mm, 40 * mm, 32 * mm, CONTENT_WIDTH - 117 * mm])]


def _goal(number: int, goal: Goal) -> list[Flowable]:
    pairs = [
        ("Zo zien we dat het lukt", goal.indicator.strip() or "Nog samen afspreken"),
        ("Klaar op", dutch_date(goal.deadline) if goal.deadline else "Nog samen afspreken"),
    ]
    agreed = [name.strip() for name in goal.agreed_by if name.strip()]
    if agreed:
        pairs.append(("Afgesproken met", ", ".join(agreed)))
    if goal.realistic and goal.realistic_why.strip():
        pairs.append(("Waarom dit kan lukken", goal.realistic_why.strip()))
    latest = goal.latest_progress
    if latest is not None:
        note = f"{dutch_date(latest.on)}: {latest.progress.label.lower()}."
        pairs.append(("Zo gaat het nu", f"{note} {latest.text}".strip()))
    title = goal.description.strip() or "(nog geen omschrijving)"
    head: list[Flowable] = [spacer(2), text(f"Doel {number}: {title}", _goal_style()),
                            key_values(pairs, label_width=55 * mm)]
    actions = [a for a in goal.actions if a.status is not ActionStatus.VERVALLEN]
    if not actions:
        return [KeepStart(head), text("Voor dit doel zijn nog geen stappen afgesproken.")]
    rows = [["Wie", "Wat", "Wanneer", "Klaar?"]] + [_action_row(a) for a in actions]
    steps = table(rows, [40 * mm, CONTENT_WIDTH - 110 * mm, 35 * mm, 35 * mm])
    # A goal's heading stays with the start of its details; long texts split over pages.
    return [KeepStart(head), spacer(2), steps, spacer(2)]


@cache
def _goal_style() -> ParagraphStyle:
    return ParagraphStyle("plan_goal", parent=styles().cell_bold, fontSize=11, leading=15,
                          textColor=ACCENT, spaceAfter=4)


def _action_row(action: Action) -> list[str]:
    who = action.owner.name.strip() if action.owner and action.owner.name.strip() else ""
    when = dutch_date(action.due) if action.due else "Nog afspreken"
    if action.status is ActionStatus.GEDAAN:
        done = f"Ja, op {dutch_date(action.done_on)}" if action.done_on else "Ja"
    else:
        done = "Nog niet"
    return [who or "Nog afspreken", action.what.strip() or "—", when, done]


def _signatures(letter: PlanLetter) -> Flowable:
    st = styles()
    signers = [f"Ouder/verzorger: {name}" for name in letter.parent_names if name.strip()]
    if not signers:
        signers = ["Ouder/verzorger:", "Ouder/verzorger:"]
    if age_on(letter.pupil_birth_date, letter.printed_on) >= PUPIL_SIGNS_FROM_AGE:
        signers.append(f"Leerling: {letter.pupil_full_name}")
    data: list[list[Any]] = [[text(h, st.cell_bold) for h in ("Naam", "Datum", "Handtekening")]]
    # Room to sign under the name, however long the name is.
    data += [[[text(signer, st.cell), Spacer(1, 12 * mm)], "", ""] for signer in signers]
    signatures = grid(data, [70 * mm, 35 * mm, CONTENT_WIDTH - 105 * mm], [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
    ], repeat_rows=1)
    return KeepTogether([
        text("Handtekeningen", st.heading),
        text("Met uw handtekening laat u zien dat u dit plan kent en het eens bent met de "
             "afspraken."),
        signatures,
    ])
