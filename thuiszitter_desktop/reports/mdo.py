"""MDO documents: the agenda for professionals, a per-pupil invitation for parents, the minutes.

The parents' version is built from ``Agenda.for_case`` so no other pupil's data is even handed
to the layout code; its title and metadata carry only their own child's first name.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table

from thuiszitter_desktop.domain.dutch_dates import long_date
from thuiszitter_desktop.domain.mdo_agenda import (
    Agenda,
    AgendaSlot,
    ParticipantLine,
    PupilBlock,
    days_text,
)
from thuiszitter_desktop.domain.mdo_minutes import Minutes, PupilMinutes
from thuiszitter_desktop.reports.base import (
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

LABEL_WIDTH = 40 * mm


def _meeting_lines(agenda: Agenda, start: str, end: str) -> list[tuple[str, str]]:
    pairs = [("Datum", long_date(agenda.on)), ("Tijd", f"{start} tot {end} uur")]
    if agenda.location:
        pairs.append(("Plaats", agenda.location))
    if agenda.video_link:
        pairs.append(("Videolink", agenda.video_link))
    if agenda.chair:
        pairs.append(("Voorzitter", agenda.chair))
    return pairs


def _block_table(rows: list[tuple[str, str]], title: str) -> Table:
    """One pupil as a framed block: a title bar and label/value rows that wrap.

    The last row (the question for the meeting) is printed bold: it is what the MDO is for.
    """
    st = styles()
    data = [[text(title, st.cell_bold), ""]]
    data += [[text(label, st.cell_bold),
              text(value, st.cell_bold if i == len(rows) - 1 else st.cell)]
             for i, (label, value) in enumerate(rows)]
    return grid(data, [LABEL_WIDTH, CONTENT_WIDTH - LABEL_WIDTH], [
        ("SPAN", (0, 0), (-1, 0)),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("BOX", (0, 0), (-1, -1), 0.5, GRID),
        ("LINEBELOW", (0, 0), (-1, 0), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("TOPPADDING", (0, 0), (-1, 0), 3),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 3),
    ])


def _bullets(lines: tuple[str, ...]) -> str:
    return "\n".join(f"• {line}" for line in lines)


def _pupil_rows(block: PupilBlock, family: list[ParticipantLine]) -> list[tuple[str, str]]:
    rows = [("Situatie", block.situation), ("Regie", block.regie),
            (f"Wat {block.first_name} zelf zegt", block.pupil_voice_text)]
    if not block.consent_given:
        rows.append(("Toestemming", "De toestemming van de ouders voor deze bespreking is niet "
                                    "vastgelegd."))
    if family:
        rows.append(("Schuiven aan", ", ".join(f"{p.name} ({p.role.lower()})" for p in family)))
    if block.reasons:
        rows.append(("Aanleiding", "; ".join(block.reasons)))
    if block.open_actions:
        rows.append(("Lopende afspraken", _bullets(block.open_actions)))
    if block.overdue_actions:
        rows.append(("Over de datum", _bullets(block.overdue_actions)))
    rows += [("Waar het vastloopt", block.stalls), ("Vraag", block.question)]
    return rows


def _schedule(agenda: Agenda) -> Table:
    rows = [["Tijd", "Onderwerp", "Duur"]]
    rows += [[f"{s.start:%H:%M}", f"{s.number}. {s.title}", f"{s.minutes} min"]
             for s in agenda.slots]
    rows.append(["", f"Einde: {agenda.end_time:%H:%M} uur", f"{agenda.total_minutes} min"])
    return table(rows, [20 * mm, CONTENT_WIDTH - 42 * mm, 22 * mm])


def _participants(people: list[ParticipantLine], with_organisation: bool) -> Table:
    if with_organisation:
        rows = [["Naam", "Rol", "Organisatie"]]
        rows += [[p.name, p.role, p.organisation] for p in people]
        return table(rows, [55 * mm, 55 * mm, CONTENT_WIDTH - 110 * mm])
    rows = [["Naam", "Rol"]] + [[p.name, p.role] for p in people]
    return table(rows, [70 * mm, CONTENT_WIDTH - 70 * mm])


def agenda_pdf(agenda: Agenda, organisation: str) -> bytes:
    """The agenda for professionals: meeting data, schedule, and one block per pupil."""
    st = styles()
    story: list[Flowable] = [
        text(f"Agenda {agenda.title}", st.title),
        key_values(_meeting_lines(agenda, f"{agenda.start_time:%H:%M}",
                                  f"{agenda.end_time:%H:%M}"), label_width=30 * mm),
    ]
    story += [text("Tijdschema", st.heading), _schedule(agenda)]
    # Parents and pupils join for their own item only, so they are named in that block.
    whole = [p for p in agenda.participants if p.case_id is None]
    if whole:
        story += [text("Deelnemers", st.heading), _participants(whole, with_organisation=True)]
    for i, slot in enumerate(agenda.pupil_slots):
        assert slot.pupil is not None
        title = (f"{slot.start:%H:%M} · {slot.pupil.name} · {slot.pupil.school_group} · "
                 f"{slot.minutes} minuten")
        family = [p for p in agenda.participants if p.case_id == slot.pupil.case_id]
        # The section heading travels with the first block, never alone at a page foot.
        heading = [text("Leerlingen", st.heading)] if i == 0 else []
        block = _block_table(_pupil_rows(slot.pupil, family), title)
        story += [KeepStart([*heading, block]), spacer(3)]
    frame = PageFrame(organisation, f"Agenda MDO {long_date(agenda.on)}",
                      "Vertrouwelijk: alleen voor de deelnemers aan dit MDO.")
    return build_pdf(story, frame)


def _parent_story(agenda: Agenda, slot: AgendaSlot, block: PupilBlock) -> list[Flowable]:
    st = styles()
    name = block.first_name
    story: list[Flowable] = [
        text(f"Uitnodiging: overleg over {name}", st.title),
        text(f"Wij praten binnenkort met elkaar over {name}. Dat doen we in een overleg met "
             "school en andere mensen die helpen. Dit heet een MDO. Samen zoeken we wat "
             f"{name} nodig heeft. U bent van harte welkom."),
        key_values(_meeting_lines(agenda, f"{slot.start:%H:%M}", f"{slot.end:%H:%M}"),
                   label_width=30 * mm),
    ]
    if agenda.participants:
        story += [text("Wie zijn erbij?", st.heading),
                  _participants(list(agenda.participants), with_organisation=False)]
    days = days_text(block.days_at_home)
    now = ((f"{name} is nu {days} thuis. " if days else "")
           + f"{name} volgt nu {block.education_percentage}% van de lessen.")
    story += [text("Hoe gaat het nu?", st.heading), text(now),
              text(f"Wie houdt het overzicht: {block.regie}.")]
    agreed = block.open_actions + block.overdue_actions
    if agreed:
        story += [text("Wat hebben we afgesproken?", st.heading), text(_bullets(agreed))]
    if block.stagnation_cause:
        story += [text("Wat gaat moeilijk?", st.heading), text(f"{block.stagnation_cause}.")]
    if block.pupil_voice.strip():
        story += [text(f"Wat {name} zelf zegt", st.heading), text(block.pupil_voice.strip())]
    story += [
        text("De vraag voor het overleg", st.heading), text(block.question),
        text("Wat kunt u doen?", st.heading),
        text(f"Denk van tevoren na: wat gaat goed? Wat heeft {name} nodig? U mag iemand "
             f"meenemen. {name} mag ook zelf meekomen of iets laten weten. Kunt u niet komen? "
             "Laat het ons dan zo snel mogelijk weten."),
        *independent_help(to_pupil=False),
    ]
    return story


def parent_agenda_pdf(agenda: Agenda, case_id: str, organisation: str) -> bytes:
    """The invitation for one pupil's parents: only their own child, in plain Dutch."""
    own = agenda.for_case(case_id)
    slot = own.pupil_slots[0]
    assert slot.pupil is not None
    frame = PageFrame(organisation, f"Uitnodiging overleg over {slot.pupil.first_name}",
                      f"Dit document is alleen voor de ouders van {slot.pupil.first_name}.")
    return build_pdf(_parent_story(own, slot, slot.pupil), frame)


def _minutes_block(pupil: PupilMinutes) -> Flowable:
    st = styles()
    title = pupil.name + (f" — {pupil.school_group}" if pupil.school_group else "")
    story: list[Flowable] = [text(title, st.heading)]
    if not pupil.discussed:
        story.append(text("Niet besproken. Schuift door naar het volgende MDO."))
        return KeepStart(story)
    pairs = [("Vraag", pupil.question),
             ("Wat de leerling zelf zegt", pupil.pupil_voice or "Niet vastgelegd"),
             ("Besluiten", _bullets(pupil.decisions) if pupil.decisions else "Geen")]
    if pupil.escalation:
        pairs.append(("Opschaling", pupil.escalation))
    if pupil.next_date:
        pairs.append(("Volgende bespreking", long_date(pupil.next_date)))
    story.append(key_values(pairs, label_width=45 * mm))
    if pupil.actions:
        rows = [["Wie", "Wat", "Wanneer"]]
        rows += [[a.who, a.what, f"{a.due:%d-%m-%Y}" if a.due else "—"] for a in pupil.actions]
        story += [text("Nieuwe acties", st.cell_bold), spacer(1),
                  table(rows, [40 * mm, CONTENT_WIDTH - 68 * mm, 28 * mm])]
    return KeepStart(story)


def minutes_pdf(minutes: Minutes, organisation: str) -> bytes:
    """The notulen: attendance, per pupil decisions, actions and escalation, next MDO."""
    st = styles()
    pairs = [("Datum", long_date(minutes.on)), ("Begintijd", f"{minutes.start_time:%H:%M} uur")]
    if minutes.location:
        pairs.append(("Plaats", minutes.location))
    if minutes.video_link:
        pairs.append(("Videolink", minutes.video_link))
    if minutes.chair:
        pairs.append(("Voorzitter", minutes.chair))
    next_date = long_date(minutes.next_mdo_date) if minutes.next_mdo_date else "Nog niet gepland"
    pairs.append(("Volgende MDO", next_date))
    story: list[Flowable] = [text(minutes.title, st.title),
                             key_values(pairs, label_width=30 * mm)]
    if minutes.attendance:
        rows = [["Naam", "Rol", "Organisatie", "Aanwezig"]]
        rows += [[a.name, a.role, a.organisation, a.attendance] for a in minutes.attendance]
        story += [text("Aanwezigheid", st.heading),
                  table(rows, [45 * mm, 52 * mm, 42 * mm, CONTENT_WIDTH - 139 * mm])]
    story += [_minutes_block(pupil) for pupil in minutes.pupils]
    if minutes.general_notes.strip():
        story += [text("Overige punten", st.heading), text(minutes.general_notes.strip())]
    if minutes.carried_over:
        story += [text("Door naar het volgende MDO", st.heading),
                  text(_bullets(tuple(p.name for p in minutes.carried_over)))]
    frame = PageFrame(organisation, f"Notulen MDO {long_date(minutes.on)}",
                      "Vertrouwelijk: alleen voor de deelnemers aan dit MDO.")
    return build_pdf(story, frame)
