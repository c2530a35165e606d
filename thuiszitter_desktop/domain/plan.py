"""The SMART plan van aanpak: shared goal, analysis, goals with actions, evaluations, versions.

A plan version is an immutable snapshot (frozen dataclasses, tuples for lists), so an earlier
version can never change by accident once a newer one exists. Editing returns new objects
(see ``plan_edit``); a revision is a new version (``revise``). Goal and action ids stay the same
across versions so progress can be followed from one version to the next.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from thuiszitter_desktop.domain.dutch_dates import dutch_date
from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.model import new_id
from thuiszitter_desktop.domain.vocab import Labelled, Regie


class OwnerKind(Labelled):
    PROFESSIONAL = "Professional"
    PUPIL = "Leerling"
    PARENT = "Ouder"


class ActionStatus(Labelled):
    OPEN = "Open"
    GEDAAN = "Gedaan"
    VERVALLEN = "Vervallen"


class GoalProgress(Labelled):
    """How a goal stands at an evaluation."""

    LOOPT = "Loopt nog"
    DEELS = "Deels gehaald"
    GEHAALD = "Gehaald"
    NIET_GEHAALD = "Niet gehaald"


@dataclass(frozen=True, slots=True, kw_only=True)
class Owner:
    """Who carries out an action: a professional, the pupil or a parent."""

    name: str
    kind: OwnerKind = OwnerKind.PROFESSIONAL
    # Optional link to an InvolvedProfessional (empty for pupil and parents).
    person_id: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Action:
    id: str = field(default_factory=new_id)
    what: str = ""
    owner: Owner | None = None
    due: date | None = None
    status: ActionStatus = ActionStatus.OPEN
    done_on: date | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ProgressNote:
    """What was seen of one goal at one evaluation."""

    on: date
    progress: GoalProgress = GoalProgress.LOOPT
    text: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Goal:
    id: str = field(default_factory=new_id)
    description: str = ""
    indicator: str = ""
    agreed_by: tuple[str, ...] = ()
    # None: not discussed yet; the reason matters most when the answer is "no".
    realistic: bool | None = None
    realistic_why: str = ""
    deadline: date | None = None
    actions: tuple[Action, ...] = ()
    progress: tuple[ProgressNote, ...] = ()

    @property
    def is_smart(self) -> bool:
        """Enough for the deadline clock: a description, a measurable indicator and a date."""
        return bool(self.description.strip() and self.indicator.strip()) and (
            self.deadline is not None
        )

    @property
    def latest_progress(self) -> ProgressNote | None:
        return max(self.progress, key=lambda note: note.on) if self.progress else None


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanVanAanpak:
    """One version of the plan of a case."""

    # Each version is its own record; ``case_id`` + ``version`` identify it for people.
    id: str = field(default_factory=new_id)
    case_id: str
    version: int = 1
    created: date
    shared_goal: str = ""
    risk_factors: tuple[str, ...] = ()
    protective_factors: tuple[str, ...] = ()
    pupil_voice: str = ""
    regie: Regie = Regie.SCHOOL
    # Who exactly holds the regie, e.g. the school's name; needed when ``regie`` is ANDERS.
    regie_holder: str = ""
    casusverantwoordelijke: str = ""
    evaluation_dates: tuple[date, ...] = ()
    goals: tuple[Goal, ...] = ()

    @property
    def has_smart_goal(self) -> bool:
        return any(goal.is_smart for goal in self.goals)

    def goal(self, goal_id: str) -> Goal:
        for goal in self.goals:
            if goal.id == goal_id:
                return goal
        raise KeyError(goal_id)

    def find_action(self, action_id: str) -> tuple[Goal, Action]:
        """The action with its goal."""
        for goal in self.goals:
            for action in goal.actions:
                if action.id == action_id:
                    return goal, action
        raise KeyError(action_id)

    def next_evaluation(self, today: date) -> date | None:
        """The first planned evaluation on or after ``today``."""
        upcoming = [day for day in self.evaluation_dates if day >= today]
        return min(upcoming) if upcoming else None


def revise(plan: PlanVanAanpak, on: date) -> PlanVanAanpak:
    """A new version of ``plan`` dated ``on``; ``plan`` itself stays as it was."""
    if on < plan.created:
        raise ValidationError(
            {"created": "De nieuwe versie kan niet eerder zijn dan de vorige versie."}
        )
    return replace(plan, id=new_id(), version=plan.version + 1, created=on)


def record_progress(
    plan: PlanVanAanpak, on: date, notes: Mapping[str, tuple[GoalProgress, str]]
) -> PlanVanAanpak:
    """Record an evaluation held ``on``: per goal id how it stands and a short note.

    A second note for the same goal on the same day replaces the first, so correcting a typo
    does not leave two notes behind.
    """
    unknown = set(notes) - {goal.id for goal in plan.goals}
    if unknown:
        raise KeyError(", ".join(sorted(unknown)))
    goals = []
    for goal in plan.goals:
        if goal.id in notes:
            progress, text = notes[goal.id]
            kept = tuple(note for note in goal.progress if note.on != on)
            note = ProgressNote(on=on, progress=progress, text=text.strip())
            goal = replace(goal, progress=(*kept, note))
        goals.append(goal)
    return replace(plan, goals=tuple(goals))


def version_text(plan: PlanVanAanpak) -> str:
    """'Versie 2 van 12 maart 2026'."""
    return f"Versie {plan.version} van {dutch_date(plan.created)}"


def latest_version(versions: Iterable[PlanVanAanpak]) -> PlanVanAanpak | None:
    return max(versions, key=lambda plan: plan.version, default=None)


def goals_set_date(versions: Iterable[PlanVanAanpak]) -> date | None:
    """'Doelen gesteld' for the deadline clock: the first version date with a SMART goal."""
    dates = [plan.created for plan in versions if plan.has_smart_goal]
    return min(dates) if dates else None


def goals_set_after_save(
    current: date | None, plan: PlanVanAanpak, saved_on: date,
    episode_start: date | None = None,
) -> date | None:
    """The case's 'doelen gesteld' date after saving ``plan`` on ``saved_on``.

    Once set in the current episode it never moves: later versions without a SMART goal do
    not undo it. A date from before ``episode_start`` (the case was reopened since) belonged
    to the earlier episode: a plan with a SMART goal saved now sets the new episode's date.
    """
    if current is not None and (episode_start is None or current >= episode_start):
        return current
    return saved_on if plan.has_smart_goal else current
