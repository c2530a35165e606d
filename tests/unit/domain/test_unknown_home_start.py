"""An unknown 'thuis sinds' reads as unknown, never as '0 dagen thuis'."""

from __future__ import annotations

import io
from datetime import date, time

from pypdf import PdfReader

from thuiszitter_desktop.domain.mdo import Mdo, MdoCaseSnapshot
from thuiszitter_desktop.domain.mdo_agenda import agenda_text, build_agenda
from thuiszitter_desktop.domain.mdo_plan import snapshot_for
from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.reports.mdo import parent_agenda_pdf

TODAY = date(2026, 11, 23)


def snapshot(home_since: date | None) -> MdoCaseSnapshot:
    pupil = Pupil(first_name="Sem", last_name="de Vries", birth_date=date(2014, 1, 1))
    case = Case(pupil_id=pupil.id, aanmelding_date=TODAY, home_since=home_since,
                education_percentage=20)
    return snapshot_for(case, pupil, today=TODAY)


def agenda_for(snap: MdoCaseSnapshot) -> tuple[Mdo, str]:
    meeting = Mdo(on=date(2026, 11, 30), start_time=time(9), school="Het Baken")
    meeting.add_pupil(snap.case_id)
    return meeting, agenda_text(build_agenda(meeting, {snap.case_id: snap}))


def test_the_agenda_says_unknown_instead_of_zero_days() -> None:
    unknown = snapshot(None)
    assert unknown.days_at_home is None
    _, text = agenda_for(unknown)
    assert "sinds wanneer thuis is onbekend, 20% onderwijs" in text
    assert "0 dagen thuis" not in text
    _, known = agenda_for(snapshot(date(2026, 11, 2)))
    assert "21 dagen thuis, 20% onderwijs" in known


def test_the_parents_letter_leaves_the_days_out_when_unknown() -> None:
    snap = snapshot(None)
    meeting, _ = agenda_for(snap)
    data = parent_agenda_pdf(build_agenda(meeting, {snap.case_id: snap}), snap.case_id,
                             "Leerplicht Rivierland")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert "dagen thuis" not in text and "0 dag" not in text
    assert "Sem volgt nu 20% van de lessen." in " ".join(text.split())
