"""Agenda generation for an MDO: per pupil a short factual block, ordered and timed.

The agenda is plain data (``Agenda``) that the PDF report and the e-mail text both render, so
the two never disagree. ``Agenda.for_case`` cuts out the version for one pupil's parents.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import TypedDict

from thuiszitter_desktop.domain.deadlines import DeadlineState
from thuiszitter_desktop.domain.dutch_dates import long_date
from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.mdo import Mdo, MdoAgendaItem, MdoCaseSnapshot, SuggestionReason

URGENT = frozenset({SuggestionReason.TERMIJN_VERLOPEN, SuggestionReason.ACTIES_VERLOPEN})


@dataclass(frozen=True, slots=True)
class AgendaSettings:
    full_names: bool = False
    opening_minutes: int = 5
    previous_minutes_minutes: int = 5
    base_minutes: int = 10
    # Added once when the three-month deadline has passed or actions are overdue.
    urgent_extra_minutes: int = 5
    rondvraag_minutes: int = 5
    next_mdo_minutes: int = 5


@dataclass(frozen=True, slots=True)
class PupilBlock:
    """The facts about one pupil, as the agenda shows them."""

    case_id: str
    name: str
    first_name: str
    school_group: str
    days_at_home: int | None  # None: 'thuis sinds' not known
    education_percentage: int
    situation: str
    regie: str
    reasons: tuple[str, ...]
    open_actions: tuple[str, ...]
    overdue_actions: tuple[str, ...]
    stalls: str
    stagnation_cause: str
    question: str
    pupil_voice: str = ""  # empty: not asked yet
    consent_given: bool = True

    @property
    def pupil_voice_text(self) -> str:
        return self.pupil_voice.strip() or (f"Nog niet gevraagd. Vraag {self.first_name} vóór "
                                            "het MDO wat hij of zij nodig heeft.")


@dataclass(frozen=True, slots=True)
class AgendaSlot:
    number: int
    start: time
    minutes: int
    title: str
    pupil: PupilBlock | None = None

    @property
    def end(self) -> time:
        return _plus(self.start, self.minutes)


@dataclass(frozen=True, slots=True)
class ParticipantLine:
    name: str
    role: str
    organisation: str
    case_id: str | None


@dataclass(frozen=True, slots=True)
class Agenda:
    title: str
    on: date
    start_time: time
    location: str
    video_link: str
    chair: str
    school: str
    participants: tuple[ParticipantLine, ...]
    slots: tuple[AgendaSlot, ...]

    @property
    def pupil_slots(self) -> list[AgendaSlot]:
        return [slot for slot in self.slots if slot.pupil is not None]

    @property
    def total_minutes(self) -> int:
        return sum(slot.minutes for slot in self.slots)

    @property
    def end_time(self) -> time:
        return _plus(self.start_time, self.total_minutes)

    def for_case(self, case_id: str) -> Agenda:
        """The parents' version: only this pupil's item and only people who may meet them.

        Times stay as in the full agenda so parents know when their part starts.
        """
        slots = tuple(s for s in self.slots if s.pupil is not None and s.pupil.case_id == case_id)
        if not slots:
            raise ValidationError({"case_id": "Deze leerling staat niet op de agenda."})
        people = tuple(p for p in self.participants if p.case_id in (None, case_id))
        return replace(self, participants=people, slots=slots)


class MeetingHeading(TypedDict):
    """When and where a meeting is, as the agenda and the minutes both head it."""

    on: date
    start_time: time
    location: str
    video_link: str
    chair: str


def meeting_heading(meeting: Mdo) -> MeetingHeading:
    return MeetingHeading(on=meeting.on, start_time=meeting.start_time,
                          location=meeting.location, video_link=meeting.video_link,
                          chair=meeting.chair)


def require_snapshots(meeting: Mdo, snapshots: Mapping[str, MdoCaseSnapshot]) -> None:
    """Every pupil on the agenda needs their facts (the caller loads them per case)."""
    if any(item.case_id not in snapshots for item in meeting.items):
        raise ValidationError({"items": "Van een of meer leerlingen ontbreken de gegevens."})


def school_group(snap: MdoCaseSnapshot) -> str:
    """'Stedelijk Lyceum Zuid, 2b'; empty when neither is known."""
    return ", ".join(p for p in (snap.school, snap.group) if p.strip())


def _plus(start: time, minutes: int) -> time:
    return (datetime.combine(date(2000, 1, 1), start) + timedelta(minutes=minutes)).time()


def item_reasons(item: MdoAgendaItem) -> list[SuggestionReason]:
    return sorted(set(item.reasons), key=lambda r: r.urgency)


def item_minutes(item: MdoAgendaItem, settings: AgendaSettings) -> int:
    extra = settings.urgent_extra_minutes if URGENT & set(item.reasons) else 0
    return settings.base_minutes + extra


def default_question(snap: MdoCaseSnapshot, reasons: list[SuggestionReason]) -> str:
    """A sensible starting question for the meeting, from the most urgent reason."""
    name = snap.first_name.strip() or "deze leerling"
    first = reasons[0] if reasons else None
    if first is SuggestionReason.TERMIJN_VERLOPEN:
        return (f"{name} is langer dan drie maanden thuis zonder passend aanbod. Welk aanbod kan "
                "direct starten, wie regelt dat, en is opschalen nodig?")
    if first is SuggestionReason.ACTIES_VERLOPEN:
        return ("Afspraken zijn niet op tijd uitgevoerd. Wat is er nodig om ze af te ronden, en "
                "wie pakt dat op vóór welke datum?")
    if first is SuggestionReason.STAGNATIE:
        cause = f" ({snap.stagnation_cause_label})" if snap.stagnation_cause_label else ""
        return (f"Het plan voor {name} staat stil{cause}. Wat is er nodig om verder te komen, "
                "en is opschalen nodig?")
    if first is SuggestionReason.TERMIJN_NADERT:
        due = f" op {snap.deadline_due:%d-%m-%Y}" if snap.deadline_due else ""
        return (f"De termijn van drie maanden verloopt{due}. Wat is er nodig om vóór die datum "
                "een passend aanbod te hebben?")
    if first is SuggestionReason.NIEUWE_AANMELDING:
        return (f"Nieuwe aanmelding. Wat heeft {name} nodig om weer naar school te gaan, en wie "
                "heeft de regie?")
    return "Hoe gaat het nu, en welke afspraken maken we voor de komende periode?"


def days_text(days: int | None) -> str | None:
    """'1 dag', '12 dagen'; None when the number is not known."""
    if days is None:
        return None
    return "1 dag" if days == 1 else f"{days} dagen"


def _situation(snap: MdoCaseSnapshot) -> str:
    days = days_text(snap.days_at_home)
    parts = [f"{days} thuis" if days else "sinds wanneer thuis is onbekend",
             f"{snap.education_percentage}% onderwijs"]
    if snap.deadline_due is not None and snap.deadline_state is not None:
        if snap.deadline_state is DeadlineState.GEHAALD:
            parts.append("passend aanbod gestart")
        elif snap.deadline_state is DeadlineState.VERLOPEN:
            parts.append(f"3-maandentermijn: {snap.deadline_due:%d-%m-%Y} (verlopen)")
        else:
            parts.append(f"3-maandentermijn: {snap.deadline_due:%d-%m-%Y}")
    return ", ".join(parts)


def _stalls(snap: MdoCaseSnapshot) -> str:
    parts = []
    if snap.stagnation_cause_label:
        parts.append(f"{snap.stagnation_cause_label}.")
    if snap.last_progress:
        parts.append(f"Laatste voortgang {snap.last_progress:%d-%m-%Y}.")
    if snap.last_contact:
        parts.append(f"Laatste contact {snap.last_contact:%d-%m-%Y}.")
    return " ".join(parts) or "Niets vastgelegd."


def pupil_block(
    item: MdoAgendaItem, snap: MdoCaseSnapshot, settings: AgendaSettings
) -> PupilBlock:
    reasons = item_reasons(item)
    return PupilBlock(
        case_id=snap.case_id,
        name=snap.display_name(settings.full_names),
        first_name=snap.first_name.strip() or snap.display_name(settings.full_names),
        school_group=school_group(snap) or "Geen school",
        days_at_home=snap.days_at_home,
        education_percentage=snap.education_percentage,
        situation=_situation(snap),
        regie=snap.regie_label or "Niet vastgelegd",
        reasons=tuple(r.label for r in reasons),
        open_actions=tuple(a.describe() for a in snap.open_actions),
        overdue_actions=tuple(a.describe() for a in snap.overdue_actions),
        stalls=_stalls(snap),
        stagnation_cause=snap.stagnation_cause_label,
        question=item.question.strip() or default_question(snap, reasons),
        pupil_voice=snap.pupil_voice,
        consent_given=snap.consent_given,
    )


def ordered_items(
    meeting: Mdo, snapshots: Mapping[str, MdoCaseSnapshot]
) -> list[MdoAgendaItem]:
    """Most urgent first; items without a reason last, in the order they were added."""
    no_reason = len(SuggestionReason)

    def key(pair: tuple[int, MdoAgendaItem]) -> tuple[int, int, int, int]:
        index, item = pair
        reasons = item_reasons(item)
        urgency = reasons[0].urgency if reasons else no_reason
        return (urgency, -len(reasons), -(snapshots[item.case_id].days_at_home or 0), index)

    return [item for _, item in sorted(enumerate(meeting.items), key=key)]


def build_agenda(
    meeting: Mdo,
    snapshots: Mapping[str, MdoCaseSnapshot],
    settings: AgendaSettings | None = None,
) -> Agenda:
    """The timed agenda: opening, vorige notulen, pupils by urgency, rondvraag, volgende MDO."""
    cfg = settings or AgendaSettings()
    require_snapshots(meeting, snapshots)
    plan: list[tuple[str, int, PupilBlock | None]] = [
        ("Opening en kennismaking", cfg.opening_minutes, None),
        ("Vorige notulen en actiepunten", cfg.previous_minutes_minutes, None),
    ]
    for item in ordered_items(meeting, snapshots):
        pupil = pupil_block(item, snapshots[item.case_id], cfg)
        plan.append((f"Bespreking {pupil.name}", item_minutes(item, cfg), pupil))
    plan += [("Rondvraag", cfg.rondvraag_minutes, None),
             ("Volgende MDO en afsluiting", cfg.next_mdo_minutes, None)]
    slots: list[AgendaSlot] = []
    start = meeting.start_time
    for number, (title, minutes, block) in enumerate(plan, start=1):
        slots.append(AgendaSlot(number, start, minutes, title, block))
        start = _plus(start, minutes)
    people = tuple(ParticipantLine(p.name, p.role_label, p.organisation, p.case_id)
                   for p in meeting.participants)
    return Agenda(
        title=f"MDO {meeting.school}".strip(),
        **meeting_heading(meeting),
        school=meeting.school,
        participants=people,
        slots=tuple(slots),
    )


def agenda_text(agenda: Agenda) -> str:
    """Plain text of the agenda, to paste into an e-mail."""
    lines = [
        f"{agenda.title} — {long_date(agenda.on)}, "
        f"{agenda.start_time:%H:%M}–{agenda.end_time:%H:%M} uur",
    ]
    if agenda.location:
        lines.append(f"Plaats: {agenda.location}")
    if agenda.video_link:
        lines.append(f"Videolink: {agenda.video_link}")
    if agenda.chair:
        lines.append(f"Voorzitter: {agenda.chair}")
    whole = [p for p in agenda.participants if p.case_id is None]
    if whole:
        lines += ["", "Deelnemers:"]
        lines += [f"- {_person(p)}" for p in whole]
    lines += ["", "Agenda:"]
    for slot in agenda.slots:
        lines.append(f"{slot.start:%H:%M}  {slot.number}. {slot.title} ({slot.minutes} min)")
        if slot.pupil is not None:
            # Parents and pupil join for their own item, so they are named there.
            family = [p for p in agenda.participants if p.case_id == slot.pupil.case_id]
            lines += ["       " + line for line in _block_lines(slot.pupil, family)]
    return "\n".join(lines) + "\n"


def _person(p: ParticipantLine) -> str:
    return f"{p.name} ({', '.join(x for x in (p.role, p.organisation) if x)})"


def _block_lines(block: PupilBlock, family: list[ParticipantLine]) -> list[str]:
    lines = [f"School en groep: {block.school_group}",
             f"Situatie: {block.situation}",
             f"Regie: {block.regie}"]
    if family:
        lines.append(f"Schuiven aan: {', '.join(_person(p) for p in family)}")
    if not block.consent_given:
        lines.append("Let op: toestemming van de ouders voor deze bespreking is niet "
                     "vastgelegd.")
    lines.append(f"Wat {block.first_name} zelf zegt: {block.pupil_voice_text}")
    if block.reasons:
        lines.append(f"Aanleiding: {'; '.join(block.reasons)}")
    if block.open_actions:
        lines.append("Lopende afspraken:")
        lines += [f"  - {a}" for a in block.open_actions]
    if block.overdue_actions:
        lines.append("Over de datum:")
        lines += [f"  - {a}" for a in block.overdue_actions]
    lines += [f"Waar het vastloopt: {block.stalls}", f"Vraag: {block.question}"]
    return lines
