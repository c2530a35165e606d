"""One fictitious demo pupil with their case: what the demo builders share."""

from __future__ import annotations

from dataclasses import dataclass

from thuiszitter_desktop.domain.model import Case, ContactMoment, InvolvedProfessional, Pupil


@dataclass(frozen=True)
class DemoCase:
    pupil: Pupil
    case: Case
    contacts: list[ContactMoment]
    professionals: list[InvolvedProfessional]
