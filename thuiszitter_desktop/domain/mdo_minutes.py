"""The minutes (notulen) of an MDO as plain data: attendance and the outcome per pupil."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time

from thuiszitter_desktop.domain.mdo import Mdo, MdoAction, MdoCaseSnapshot
from thuiszitter_desktop.domain.mdo_agenda import (
    AgendaSettings,
    meeting_heading,
    ordered_items,
    pupil_block,
    require_snapshots,
    school_group,
)


@dataclass(frozen=True, slots=True)
class AttendanceLine:
    name: str
    role: str
    organisation: str
    attendance: str  # "Aanwezig", "Afwezig" or "Niet vastgelegd"


@dataclass(frozen=True, slots=True)
class PupilMinutes:
    case_id: str
    name: str
    school_group: str
    discussed: bool
    question: str
    decisions: tuple[str, ...]
    actions: tuple[MdoAction, ...]
    escalation: str  # Dutch label plus note, or "" when none was decided
    next_date: date | None
    pupil_voice: str = ""  # what the pupil said they want (plan or intake); "" not asked


@dataclass(frozen=True, slots=True)
class Minutes:
    title: str
    on: date
    start_time: time
    location: str
    video_link: str
    chair: str
    attendance: tuple[AttendanceLine, ...]
    pupils: tuple[PupilMinutes, ...]
    general_notes: str
    next_mdo_date: date | None

    @property
    def carried_over(self) -> list[PupilMinutes]:
        return [p for p in self.pupils if not p.discussed]


def _attendance(attended: bool | None) -> str:
    if attended is None:
        return "Niet vastgelegd"
    return "Aanwezig" if attended else "Afwezig"


def build_minutes(
    meeting: Mdo,
    snapshots: Mapping[str, MdoCaseSnapshot],
    settings: AgendaSettings | None = None,
) -> Minutes:
    """Minutes in agenda order; a pupil's next date falls back to the meeting's next date."""
    cfg = settings or AgendaSettings()
    require_snapshots(meeting, snapshots)
    pupils = []
    for item in ordered_items(meeting, snapshots):
        snap = snapshots[item.case_id]
        outcome = item.outcome
        escalation = ""
        if outcome.escalation is not None:
            note = outcome.escalation_note.strip()
            escalation = outcome.escalation.label + (f": {note}" if note else "")
            if outcome.escalation_follow_up is not None:
                escalation += f" (opvolging {outcome.escalation_follow_up:%d-%m-%Y})"
        pupils.append(PupilMinutes(
            case_id=item.case_id,
            name=snap.display_name(cfg.full_names),
            school_group=school_group(snap),
            discussed=item.discussed,
            question=pupil_block(item, snap, cfg).question,
            decisions=tuple(d.strip() for d in outcome.decisions if d.strip()),
            actions=tuple(outcome.new_actions),
            escalation=escalation,
            next_date=outcome.next_mdo_date or meeting.next_mdo_date,
            pupil_voice=snap.pupil_voice.strip(),
        ))
    attendance = tuple(
        AttendanceLine(p.name, p.role_label, p.organisation, _attendance(p.attended))
        for p in meeting.participants
    )
    return Minutes(
        title=f"Notulen MDO {meeting.school}".strip(),
        **meeting_heading(meeting),
        attendance=attendance,
        pupils=tuple(pupils),
        general_notes=meeting.general_notes,
        next_mdo_date=meeting.next_mdo_date,
    )
