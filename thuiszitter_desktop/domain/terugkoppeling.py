"""The terugkoppeling: what was discussed and agreed, sent to pupil, parents and school.

Drafted from the intake record, edited by the consulent, then sent; who got it and when is kept.
Privacy rules (DOMAIN.md "Privacy rules"):
- From 16 the pupil decides who hears the reason for absence. Without the pupil's consent only
  the pupil's own version contains it; parents and school read the facts and the agreements.
  The background of the problems is left out of the draft summary for the same reason.
- Health details appear in no version unless the consulent marks them as needed.
The risk factors stay in the intake record: they are the consulent's analysis, not a message.

Each letter speaks to its reader: the pupil's own letter says "je" and speaks *about* the
parents ("Wat je ouders vertelden"), never to them as "u" ("praat mét ons, niet over ons",
seed 003); the school's copy speaks about the parents too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from thuiszitter_desktop.domain.consent import PUPIL_CONSENT_AGE
from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.intake import Agreement, IntakeRecord
from thuiszitter_desktop.domain.limits import SHORT_TEXT, add_length_errors, each, long_field
from thuiszitter_desktop.domain.model import age_on, new_id
from thuiszitter_desktop.domain.vocab import Labelled


class RecipientKind(Labelled):
    LEERLING = "Leerling"
    OUDERS = "Ouders / verzorgers"
    ONDERSTEUNINGSCOORDINATOR = "Ondersteuningscoördinator"


@dataclass(slots=True, kw_only=True)
class Recipient:
    kind: RecipientKind
    name: str
    sent_on: date | None = None


@dataclass(frozen=True, slots=True)
class SharedContent:
    """What one recipient's version contains after the privacy rules."""

    summary: str
    absence_reason: str
    reason_left_out: bool
    health_details: str
    agreements: tuple[Agreement, ...]


@dataclass(slots=True, kw_only=True)
class Terugkoppeling:
    id: str = field(default_factory=new_id)
    case_id: str
    intake_id: str = ""
    conversation_date: date
    written_on: date
    pupil_age: int  # on the conversation date; 16+ decides about the reason
    pupil_shares_reason: bool = False
    summary: str = ""
    absence_reason: str = ""
    health_details: str = ""
    health_needed: bool = False
    agreements: list[Agreement] = field(default_factory=list)
    recipients: list[Recipient] = field(default_factory=list)

    @property
    def reason_for_others(self) -> bool:
        """May parents and school read the reason for absence?"""
        return self.pupil_age < PUPIL_CONSENT_AGE or self.pupil_shares_reason

    def content_for(self, kind: RecipientKind) -> SharedContent:
        include_reason = kind is RecipientKind.LEERLING or self.reason_for_others
        reason = self.absence_reason.strip() if include_reason else ""
        return SharedContent(
            summary=addressed_summary(self.summary, kind),
            absence_reason=reason,
            reason_left_out=bool(self.absence_reason.strip()) and not include_reason,
            health_details=self.health_details.strip() if self.health_needed else "",
            agreements=tuple(self.agreements),
        )

    def mark_sent(self, index: int, on: date) -> None:
        self.recipients[index].sent_on = on

    @property
    def sent_to_all(self) -> bool:
        return bool(self.recipients) and all(r.sent_on is not None for r in self.recipients)

    def validate(self, today: date) -> None:
        errors: dict[str, str] = {}
        if self.written_on > today:
            errors["written_on"] = "De datum van de terugkoppeling ligt in de toekomst."
        elif self.written_on < self.conversation_date:
            errors["written_on"] = "De datum van de terugkoppeling ligt vóór het gesprek."
        if not self.summary.strip():
            errors["summary"] = "Schrijf een korte samenvatting van het gesprek."
        if self.health_needed and not self.health_details.strip():
            errors["health_details"] = ("U heeft aangegeven dat gezondheidsinformatie nodig is; "
                                        "vul die in of zet het vinkje uit.")
        for i, agreement in enumerate(self.agreements):
            errors.update(agreement.errors(f"agreements.{i}"))
        add_length_errors(errors, [
            long_field("summary", "De samenvatting", self.summary),
            long_field("absence_reason", "De reden van het verzuim", self.absence_reason),
            long_field("health_details", "De gezondheid", self.health_details),
            *each("recipients", "De naam van de ontvanger",
                  [r.name for r in self.recipients], SHORT_TEXT)])
        if not self.recipients:
            errors["recipients"] = "Kies minstens één ontvanger."
        for i, recipient in enumerate(self.recipients):
            if not recipient.name.strip():
                errors[f"recipients.{i}.name"] = "Vul de naam van de ontvanger in."
            if recipient.sent_on is not None and recipient.sent_on > today:
                errors[f"recipients.{i}.sent_on"] = "De verzenddatum ligt in de toekomst."
            elif recipient.sent_on is not None and recipient.sent_on < self.written_on:
                errors[f"recipients.{i}.sent_on"] = ("De verzenddatum ligt vóór de datum van "
                                                     "de terugkoppeling.")
        if errors:
            raise ValidationError(errors)


def draft_terugkoppeling(
    intake: IntakeRecord,
    *,
    pupil_first_name: str,
    pupil_birth_date: date,
    written_on: date,
    recipients: Sequence[Recipient] = (),
) -> Terugkoppeling:
    """A first version from the intake record, in plain Dutch, for the consulent to edit."""
    draft = Terugkoppeling(
        case_id=intake.case_id,
        intake_id=intake.id,
        conversation_date=intake.held_on,
        written_on=written_on,
        pupil_age=age_on(pupil_birth_date, intake.held_on),
        pupil_shares_reason=intake.pupil_shares_reason,
        absence_reason=intake.absence_reason,
        health_details=intake.health_details,
        health_needed=intake.health_needed,
        agreements=[Agreement(who=a.who, what=a.what, by_when=a.by_when)
                    for a in intake.agreements],
        recipients=[Recipient(kind=r.kind, name=r.name) for r in recipients],
    )
    draft.summary = _summary(intake, pupil_first_name.strip() or "de leerling",
                             draft.reason_for_others)
    return draft


def _summary(intake: IntakeRecord, name: str, with_background: bool) -> str:
    # The letter itself names the date of the conversation; the summary starts with who came.
    paragraphs = []
    if intake.participants.strip():
        paragraphs.append(f"Bij het gesprek waren: {intake.participants.strip()}.")
    sections = [
        ("Wat er speelt", intake.background if with_background else ""),
        (f"Wat {name} zelf wil", intake.pupil_own_words),
        ("Wat nodig is om weer naar school te gaan", intake.needed_to_resume),
        ("Wat school doet", intake.school_role),
        ("Welke hulp er al is", intake.involved_help),
        ("Wat goed gaat", "; ".join(p.strip() for p in intake.protective_factors if p.strip())),
    ]
    paragraphs += [f"{title}: {body.strip()}" for title, body in sections if body.strip()]
    answers = intake.parent_answers
    if answers.filled():
        lines = [PARENTS_TOLD]
        words = [w.strip() for w in answers.three_words if w.strip()]
        things = [t.strip() for t in answers.two_things if t.strip()]
        if words:
            lines.append(f"- {name} in drie woorden: {', '.join(words)}")
        if things:
            lines.append(f"- Wat wij moeten weten: {'; '.join(things)}")
        if answers.one_wish.strip():
            lines.append(f"{PARENTS_WISH}{answers.one_wish.strip()}")
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


# The draft speaks to the parents in their own letter; the other letters speak about them.
PARENTS_TOLD = "Wat u als ouders vertelde:"
PARENTS_WISH = "- Uw wens: "
_ABOUT_PARENTS: dict[RecipientKind, tuple[str, str]] = {
    RecipientKind.LEERLING: ("Wat je ouders vertelden:", "- De wens van je ouders: "),
    RecipientKind.ONDERSTEUNINGSCOORDINATOR: ("Wat de ouders vertelden:",
                                              "- De wens van de ouders: "),
}


def addressed_summary(summary: str, kind: RecipientKind) -> str:
    """The summary as ``kind`` reads it: the parents' answers are told about, not to them,
    in the pupil's and the school's letters (lines of the draft only; typed text is kept)."""
    about = _ABOUT_PARENTS.get(kind)
    if about is None:
        return summary
    told, wish = about
    lines = [told if line.strip() == PARENTS_TOLD else
             wish + line[len(PARENTS_WISH):] if line.startswith(PARENTS_WISH) else line
             for line in summary.split("\n")]
    return "\n".join(lines)
