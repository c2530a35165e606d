"""The MDO (multidisciplinair overleg): the meeting, its participants and its outcome per pupil.

A meeting knows pupils only by case id. What the agenda says about a pupil comes from a
``MdoCaseSnapshot``: plain facts the service layer gathers from the case, its plan and its
deadline clock, so this module stays independent of how plans are stored.
Suggestion rules live in ``mdo_suggest``, agenda generation in ``mdo_agenda``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from thuiszitter_desktop.domain.deadlines import DeadlineState
from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.limits import (
    LONG_TEXT,
    add_length_errors,
    each,
    long_field,
    short_field,
)
from thuiszitter_desktop.domain.model import new_id
from thuiszitter_desktop.domain.vocab import Labelled


class MdoRole(Labelled):
    """Roles of people at an MDO (DOMAIN.md "The MDO and its participants")."""

    MENTOR = "Mentor"
    ONDERSTEUNINGSCOORDINATOR = "Ondersteuningscoördinator"
    OUDERS = "Ouders"
    LEERLING = "Leerling"
    SWV = "Samenwerkingsverband"
    JEUGDARTS = "Jeugdarts / JGZ"
    SCHOOLMAATSCHAPPELIJK_WERK = "Schoolmaatschappelijk werk"
    JEUGDTEAM = "Jeugdteam / wijkteam"
    LEERPLICHT = "Leerplicht"
    ANDERS = "Anders"

    @property
    def is_family(self) -> bool:
        """Parents and pupil come for their own child only."""
        return self in (MdoRole.OUDERS, MdoRole.LEERLING)


class SuggestionReason(Labelled):
    """Why a pupil belongs on the agenda, most urgent first (declaration order is urgency)."""

    # The school asked (a zorgcoördinator's proposal, issue 21): first, it is a direct question.
    VOORGESTELD_DOOR_SCHOOL = "Voorgesteld door school"
    TERMIJN_VERLOPEN = "Langer dan drie maanden thuis zonder passend aanbod"
    ACTIES_VERLOPEN = "Afspraken niet op tijd uitgevoerd"
    STAGNATIE = "Geen voortgang of geen contact"
    TERMIJN_NADERT = "Drie-maandentermijn nadert"
    NIEUWE_AANMELDING = "Nieuwe aanmelding"
    DOORGESCHOVEN = "Niet besproken in het vorige MDO"

    @property
    def urgency(self) -> int:
        """Lower is more urgent."""
        return list(SuggestionReason).index(self)


class Escalation(Labelled):
    """Steps up the escalation ladder an MDO can decide on (DOMAIN.md "From stagnation...";
    seed 000, casus 2, bouwsteen 5: "bij uitblijven van goede samenwerking schaalt de
    ondersteuningscoördinator op naar een leidinggevende"; casus 1: "Verwijst indien nodig naar
    onderwijsconsulent of geschillencommissie")."""

    CASUISTIEKOVERLEG_SWV = "Casuïstiekoverleg SWV"
    DOORBRAAKOVERLEG = "Doorbraakoverleg"
    ONDERWIJSCONSULENT = "Onderwijsconsulent"
    VEILIG_THUIS = "Veilig Thuis"
    LEIDINGGEVENDE = "Leidinggevende van de partner"
    GESCHILLENCOMMISSIE = "Geschillencommissie Passend Onderwijs"


@dataclass(frozen=True, slots=True)
class MdoAction:
    """An agreement: who does what, by when. Used for existing plan actions and new ones.

    A new action keeps its id when it goes into the case's plan, so recording the outcome
    again updates that plan action instead of adding a second one.
    """

    who: str
    what: str
    due: date | None = None
    id: str = field(default_factory=new_id)

    def describe(self) -> str:
        """'Mentor: belt ouders (vóór 01-12-2026)' — one line for agendas and e-mails."""
        when = f" (vóór {self.due:%d-%m-%Y})" if self.due else ""
        who = f"{self.who}: " if self.who.strip() else ""
        return f"{who}{self.what}{when}"


@dataclass(frozen=True, slots=True, kw_only=True)
class MdoCaseSnapshot:
    """What the MDO needs to know about one case, gathered by the service layer.

    ``open_actions`` are not done and not yet due; ``overdue_actions`` are not done and past
    their due date (the two lists do not overlap). Labels are already Dutch display text.
    """

    case_id: str
    first_name: str
    last_name: str
    school: str = ""
    group: str = ""
    days_at_home: int | None = None  # None: 'thuis sinds' not known
    education_percentage: int = 0
    regie_label: str = ""
    open_actions: tuple[MdoAction, ...] = ()
    overdue_actions: tuple[MdoAction, ...] = ()
    last_progress: date | None = None
    last_contact: date | None = None
    stagnation_cause_label: str = ""
    aanmelding_date: date
    # The three-month passend-aanbod clock; state None means no running clock (closed case).
    deadline_state: DeadlineState | None = None
    deadline_due: date | None = None
    on_previous_agenda: bool = False
    discussed_at_previous: bool = False
    # Open proposals of the school, one Dutch line each ("Vraag van … (datum): …").
    school_questions: tuple[str, ...] = ()
    # "Praat mét ons, niet over ons" (seed 003): what the pupil says they want and need.
    pupil_voice: str = ""
    # The parents' (and from 16 the pupil's) consent to discuss this pupil in the MDO.
    consent_given: bool = True

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def short_name(self) -> str:
        """First name and initial, keeping a tussenvoegsel: 'Sem de V.', 'Zoë Ç.'."""
        return short_name(self.first_name, self.last_name)

    def display_name(self, full: bool) -> str:
        return self.full_name if full else self.short_name


TUSSENVOEGSELS = frozenset({"van", "de", "der", "den", "het", "ter", "ten", "te", "in", "'t",
                            "op", "la", "le", "du", "da", "di", "von", "zu", "el", "al"})


def short_name(first_name: str, last_name: str) -> str:
    """First name plus the initial of the last name, the way Dutch minutes anonymise."""
    words = last_name.split()
    prefix = []
    while len(words) > 1 and words[0].lower() in TUSSENVOEGSELS:
        prefix.append(words.pop(0))
    if not words:
        return first_name.strip()
    initial = f"{words[0][0].upper()}."
    return " ".join([first_name.strip(), *prefix, initial]).strip()


@dataclass(slots=True, kw_only=True)
class MdoParticipant:
    """Someone invited to the MDO.

    ``case_id`` ties parents, pupil or a pupil's own mentor to one pupil: they join for that
    item only and must never see other pupils. ``attended`` stays None until recorded.
    """

    id: str = field(default_factory=new_id)
    name: str
    role: MdoRole
    organisation: str = ""
    role_other: str = ""
    case_id: str | None = None
    consent_covers_attendance: bool = False
    attended: bool | None = None

    @property
    def role_label(self) -> str:
        if self.role is MdoRole.ANDERS and self.role_other.strip():
            return self.role_other.strip()
        return self.role.label

    def validate(self) -> None:
        errors: dict[str, str] = {}
        if not self.name.strip():
            errors["name"] = "Vul de naam van de deelnemer in."
        if self.role is MdoRole.ANDERS and not self.role_other.strip():
            errors["role_other"] = "Geef bij 'Anders' aan welke rol deze deelnemer heeft."
        if self.role.is_family and self.case_id is None:
            errors["case_id"] = "Kies bij ouders of leerling over welke leerling het gaat."
        add_length_errors(errors, [
            short_field("name", "De naam", self.name),
            short_field("organisation", "De organisatie", self.organisation),
            short_field("role_other", "De rol", self.role_other)])
        if errors:
            raise ValidationError(errors)


@dataclass(slots=True, kw_only=True)
class MdoOutcome:
    """What the meeting decided about one pupil."""

    decisions: list[str] = field(default_factory=list)
    new_actions: list[MdoAction] = field(default_factory=list)
    escalation: Escalation | None = None
    escalation_note: str = ""
    # When to check what the escalation brought; it becomes an action in the plan.
    escalation_follow_up: date | None = None
    # When this pupil is discussed again; None means the meeting's next date.
    next_mdo_date: date | None = None

    def validate(self, meeting_date: date) -> None:
        errors: dict[str, str] = {}
        for i, action in enumerate(self.new_actions):
            if not action.who.strip():
                errors[f"new_actions.{i}.who"] = "Vul in wie deze actie uitvoert."
            if not action.what.strip():
                errors[f"new_actions.{i}.what"] = "Vul in wat er moet gebeuren."
            if action.due is None:
                errors[f"new_actions.{i}.due"] = "Vul in wanneer de actie klaar moet zijn."
            elif action.due < meeting_date:
                errors[f"new_actions.{i}.due"] = "De datum van de actie ligt vóór het MDO."
        if self.next_mdo_date is not None and self.next_mdo_date <= meeting_date:
            errors["next_mdo_date"] = "De volgende bespreking moet na dit MDO liggen."
        add_length_errors(errors, [
            *each("decisions", "Een besluit", self.decisions, LONG_TEXT),
            long_field("escalation_note", "De toelichting bij de opschaling",
                       self.escalation_note)])
        for i, action in enumerate(self.new_actions):
            add_length_errors(errors, [
                short_field(f"new_actions.{i}.who", "Wie de actie uitvoert", action.who),
                long_field(f"new_actions.{i}.what", "De actie", action.what)])
        if self.escalation_follow_up is not None:
            if self.escalation is None:
                errors["escalation_follow_up"] = "Kies eerst naar wie wordt opgeschaald."
            elif self.escalation_follow_up <= meeting_date:
                errors["escalation_follow_up"] = "De opvolging moet na dit MDO liggen."
        if errors:
            raise ValidationError(errors)

    def follow_up_action(self, who: str, action_id: str) -> MdoAction | None:
        """The plan action that checks what the escalation brought, when a date is set.

        ``action_id`` is the same each time the outcome is recorded (the plan then updates
        the action instead of adding it again)."""
        if self.escalation is None or self.escalation_follow_up is None:
            return None
        return MdoAction(who, f"Nagaan wat de opschaling ({self.escalation.label}) heeft "
                         "opgeleverd", self.escalation_follow_up, action_id)


@dataclass(slots=True, kw_only=True)
class MdoAgendaItem:
    """One pupil on the agenda: why, the question (editable), and later the outcome."""

    id: str = field(default_factory=new_id)
    case_id: str
    # Empty means: use the default question derived from the reasons.
    question: str = ""
    reasons: tuple[SuggestionReason, ...] = ()
    discussed: bool = False
    outcome: MdoOutcome = field(default_factory=MdoOutcome)


@dataclass(slots=True, kw_only=True)
class Mdo:
    """One meeting. Place, video link or both; participants and pupils are added while planning."""

    id: str = field(default_factory=new_id)
    on: date
    start_time: time
    location: str = ""
    video_link: str = ""
    chair: str = ""
    school: str = ""
    participants: list[MdoParticipant] = field(default_factory=list)
    items: list[MdoAgendaItem] = field(default_factory=list)
    next_mdo_date: date | None = None
    general_notes: str = ""

    @property
    def case_ids(self) -> list[str]:
        return [item.case_id for item in self.items]

    def item(self, case_id: str) -> MdoAgendaItem:
        for item in self.items:
            if item.case_id == case_id:
                return item
        raise ValidationError({"case_id": "Deze leerling staat niet op de agenda van dit MDO."})

    def add_pupil(
        self, case_id: str, reasons: tuple[SuggestionReason, ...] = (), question: str = ""
    ) -> None:
        if case_id in self.case_ids:
            raise ValidationError({"case_id": "Deze leerling staat al op de agenda."})
        self.items.append(MdoAgendaItem(case_id=case_id, reasons=reasons, question=question))

    def remove_pupil(self, case_id: str) -> None:
        self.items.remove(self.item(case_id))
        # Parents and pupil of a removed item have nothing left to attend.
        self.participants = [p for p in self.participants if p.case_id != case_id]

    def participants_for(self, case_id: str | None) -> list[MdoParticipant]:
        """Professionals for the whole meeting plus those who come for ``case_id`` only."""
        return [p for p in self.participants if p.case_id is None or p.case_id == case_id]

    def consent_missing(self) -> list[MdoParticipant]:
        """Participants whose attendance is not covered by the parents' consent yet."""
        return [p for p in self.participants
                if not p.consent_covers_attendance and not p.role.is_family]

    def pupils_without_consent(self, consented: set[str]) -> list[MdoAgendaItem]:
        """Agenda items whose pupil may not be discussed: no consent for the MDO recorded
        (seed 000, casus 2: "Er is altijd toestemming van ouders bij een kindbespreking")."""
        return [item for item in self.items if item.case_id not in consented]

    def record_attendance(self, participant_id: str, attended: bool) -> None:
        for participant in self.participants:
            if participant.id == participant_id:
                participant.attended = attended
                return
        raise ValidationError({"participant_id": "Deze deelnemer hoort niet bij dit MDO."})

    def record_outcome(self, case_id: str, outcome: MdoOutcome) -> None:
        """Store what was decided; recording an outcome marks the pupil as discussed."""
        outcome.validate(self.on)
        item = self.item(case_id)
        item.outcome = outcome
        item.discussed = True

    def not_discussed(self) -> list[MdoAgendaItem]:
        return [item for item in self.items if not item.discussed]

    def validate(self) -> None:
        errors: dict[str, str] = {}
        if not self.location.strip() and not self.video_link.strip():
            errors["location"] = "Vul een plaats of een videolink in."
        if not self.chair.strip():
            errors["chair"] = "Vul in wie het MDO voorzit."
        if not self.school.strip():
            errors["school"] = "Vul de school in."
        if self.next_mdo_date is not None and self.next_mdo_date <= self.on:
            errors["next_mdo_date"] = "Het volgende MDO moet na dit MDO liggen."
        known = set(self.case_ids)
        for i, participant in enumerate(self.participants):
            try:
                participant.validate()
            except ValidationError as error:
                errors.update({f"participants.{i}.{k}": v for k, v in error.errors.items()})
            if participant.case_id is not None and participant.case_id not in known:
                errors[f"participants.{i}.case_id"] = (
                    "Deze deelnemer komt voor een leerling die niet op de agenda staat."
                )
        add_length_errors(errors, [
            short_field("location", "De plaats", self.location),
            short_field("video_link", "De videolink", self.video_link),
            short_field("chair", "De voorzitter", self.chair),
            short_field("school", "De school", self.school),
            long_field("general_notes", "De overige punten", self.general_notes),
            *each("questions", "De vraag", [item.question for item in self.items], LONG_TEXT)])
        if errors:
            raise ValidationError(errors)


def carry_over(previous: Mdo, next_meeting: Mdo) -> list[str]:
    """Put pupils not discussed at ``previous`` on ``next_meeting``; returns the added case ids.

    The question travels along, so nobody has to type it again; pupils already on the new
    agenda get the carried-over reason added.
    """
    added: list[str] = []
    reason = SuggestionReason.DOORGESCHOVEN
    for old in previous.not_discussed():
        if old.case_id in next_meeting.case_ids:
            item = next_meeting.item(old.case_id)
            if reason not in item.reasons:
                item.reasons = (*item.reasons, reason)
            continue
        next_meeting.add_pupil(old.case_id, (reason,), old.question)
        added.append(old.case_id)
    return added
