"""Which pupils to discuss at an MDO, and why (pure rules on ``MdoCaseSnapshot``).

Rules, each giving one ``SuggestionReason``:
- proposed by the school: a zorgcoördinator's open proposal with its question;
- three-month deadline past: the passend-aanbod clock is ``VERLOPEN``;
- overdue actions: at least one plan action is past its due date and not done;
- stagnating: no progress or no contact for ``stagnation_weeks`` (default 4) before ``today``;
  without a recorded progress or contact date the aanmelding date counts;
- deadline near: the clock is ``BINNENKORT``, or it is still running and falls due within
  ``near_deadline_days`` after the meeting (so a meeting planned weeks ahead still sees it);
- new aanmelding: registered after the previous MDO (without a previous MDO: within
  ``new_without_previous_days`` before the meeting);
- carried over: on the previous agenda but not discussed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from thuiszitter_desktop.domain.deadlines import DeadlineState
from thuiszitter_desktop.domain.mdo import MdoCaseSnapshot, SuggestionReason
from thuiszitter_desktop.domain.text_fold import fold


@dataclass(frozen=True, slots=True)
class SuggestionSettings:
    stagnation_weeks: int = 4
    near_deadline_days: int = 14
    new_without_previous_days: int = 42


@dataclass(frozen=True, slots=True)
class Suggestion:
    snapshot: MdoCaseSnapshot
    reasons: tuple[SuggestionReason, ...]
    # One factual Dutch line per reason, e.g. "Geen contact sinds 12-10-2026 (6 weken)."
    details: tuple[str, ...]

    @property
    def urgency(self) -> int:
        return min(reason.urgency for reason in self.reasons)

    @property
    def reason_labels(self) -> list[str]:
        return [reason.label for reason in self.reasons]


def suggestion_labels(suggestions: Sequence[Suggestion]) -> list[str]:
    """One line per suggestion ('Nina Yılmaz — Nieuwe aanmelding'), never two the same: where
    two would read alike (a pupil registered twice), school, class and aanmelding date are
    added, and a number when even those agree."""
    def label(s: Suggestion, detail: bool) -> str:
        snap = s.snapshot
        name = snap.full_name
        if detail:
            parts = [p for p in (snap.school.strip(), snap.group.strip()) if p]
            parts.append(f"aangemeld {snap.aanmelding_date:%d-%m-%Y}")
            name += f" ({', '.join(parts)})"
        return f"{name} — {'; '.join(s.reason_labels)}"

    plain = [label(s, False) for s in suggestions]
    lines = [label(s, plain.count(text) > 1) for s, text in zip(suggestions, plain, strict=True)]
    seen: Counter[str] = Counter()
    result = []
    for text in lines:
        seen[text] += 1
        result.append(text if lines.count(text) == 1 else f"{text} [{seen[text]}]")
    return result


def _weeks(days: int) -> str:
    weeks = days // 7
    return "1 week" if weeks == 1 else f"{weeks} weken"


def _stagnation_details(snap: MdoCaseSnapshot, today: date, weeks: int) -> list[str]:
    limit = timedelta(weeks=weeks)
    details: list[str] = []
    for what, last in (("voortgang", snap.last_progress), ("contact", snap.last_contact)):
        since = last or snap.aanmelding_date
        if today - since >= limit:
            details.append(f"Geen {what} sinds {since:%d-%m-%Y} ({_weeks((today - since).days)}).")
    return details


def reasons_for(
    snap: MdoCaseSnapshot,
    *,
    today: date,
    meeting_date: date,
    previous_mdo_date: date | None,
    settings: SuggestionSettings | None = None,
) -> Suggestion | None:
    """The reasons to discuss this case, or None when there is none."""
    cfg = settings or SuggestionSettings()
    found: list[tuple[SuggestionReason, str]] = []
    running = snap.deadline_state not in (None, DeadlineState.GEHAALD)
    due = f"{snap.deadline_due:%d-%m-%Y}" if snap.deadline_due else "onbekend"
    if snap.school_questions:
        found.append((SuggestionReason.VOORGESTELD_DOOR_SCHOOL, " ".join(snap.school_questions)))
    if snap.deadline_state is DeadlineState.VERLOPEN:
        found.append((SuggestionReason.TERMIJN_VERLOPEN,
                      f"Termijn passend aanbod verlopen op {due}."))
    if snap.overdue_actions:
        count = len(snap.overdue_actions)
        found.append((SuggestionReason.ACTIES_VERLOPEN,
                      f"{count} {'actie' if count == 1 else 'acties'} over de datum."))
    stalled = _stagnation_details(snap, today, cfg.stagnation_weeks)
    if stalled:
        found.append((SuggestionReason.STAGNATIE, " ".join(stalled)))
    near = snap.deadline_state is DeadlineState.BINNENKORT or (
        running
        and snap.deadline_state is not DeadlineState.VERLOPEN
        and snap.deadline_due is not None
        and snap.deadline_due <= meeting_date + timedelta(days=cfg.near_deadline_days)
    )
    if near:
        found.append((SuggestionReason.TERMIJN_NADERT, f"Termijn passend aanbod: {due}."))
    new_since = previous_mdo_date or meeting_date - timedelta(days=cfg.new_without_previous_days)
    if snap.aanmelding_date > new_since:
        found.append((SuggestionReason.NIEUWE_AANMELDING,
                      f"Aangemeld op {snap.aanmelding_date:%d-%m-%Y}."))
    if snap.on_previous_agenda and not snap.discussed_at_previous:
        found.append((SuggestionReason.DOORGESCHOVEN, "Stond op de vorige agenda, niet besproken."))
    if not found:
        return None
    return Suggestion(snap, tuple(r for r, _ in found), tuple(d for _, d in found))


def suggest(
    snapshots: Iterable[MdoCaseSnapshot],
    *,
    today: date,
    meeting_date: date,
    previous_mdo_date: date | None,
    settings: SuggestionSettings | None = None,
) -> list[Suggestion]:
    """Suggested pupils, most urgent first; ties: more reasons, longer at home, then name."""
    found = [
        s
        for snap in snapshots
        if (s := reasons_for(snap, today=today, meeting_date=meeting_date,
                             previous_mdo_date=previous_mdo_date, settings=settings))
    ]
    return sorted(found, key=lambda s: (s.urgency, -len(s.reasons), -(s.snapshot.days_at_home or 0),
                                        fold(s.snapshot.first_name),
                                        fold(s.snapshot.last_name)))
