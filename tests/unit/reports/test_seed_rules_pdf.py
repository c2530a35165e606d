"""The documents of issue 18 read back with pypdf: the pupil's voice on the MDO agenda and in
the minutes, the pupil's own letter written to the pupil, and independent help on every letter
to parents and pupil (but not on the school's copy); the story beside the quarterly figures."""

from __future__ import annotations

import io
from datetime import date, time

from pypdf import PdfReader

from thuiszitter_desktop.domain.definitions import Definition
from thuiszitter_desktop.domain.figures import quarter_figures
from thuiszitter_desktop.domain.intake import IntakeRecord, ParentAnswers
from thuiszitter_desktop.domain.mdo import (
    Escalation,
    Mdo,
    MdoCaseSnapshot,
    MdoOutcome,
    MdoParticipant,
    MdoRole,
)
from thuiszitter_desktop.domain.mdo_agenda import build_agenda
from thuiszitter_desktop.domain.mdo_minutes import build_minutes
from thuiszitter_desktop.domain.quarters import Quarter
from thuiszitter_desktop.domain.regie import regie_meaning
from thuiszitter_desktop.domain.terugkoppeling import (
    Recipient,
    RecipientKind,
    draft_terugkoppeling,
)
from thuiszitter_desktop.domain.vocab import Regie
from thuiszitter_desktop.reports.mdo import agenda_pdf, minutes_pdf, parent_agenda_pdf
from thuiszitter_desktop.reports.quarterly import BesideTheFigures, quarterly_report_pdf
from thuiszitter_desktop.reports.terugkoppeling import (
    ConsulentContact,
    TerugkoppelingLetter,
    terugkoppeling_pdf,
)

ORG = "Leerrecht Regio Voorbeeld (fictief)"
HELP = ("Ouders & Onderwijs", "088-6050101", "Onderwijsconsulenten",
        "Geschillencommissie Passend Onderwijs", "vertrouwenspersoon")


def read(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def letter_for(kind: RecipientKind) -> str:
    intake = IntakeRecord(
        case_id="c1", held_on=date(2026, 11, 10), participants="Sarah, moeder, consulent",
        pupil_own_words="Ik wil eerst twee ochtenden proberen.",
        parent_answers=ParentAnswers(three_words=["lief", "slim"],
                                     one_wish="Dat Sarah weer plezier heeft in school."))
    t = draft_terugkoppeling(intake, pupil_first_name="Sarah", pupil_birth_date=date(2012, 3, 4),
                             written_on=date(2026, 11, 12),
                             recipients=[Recipient(kind=k, name="X") for k in RecipientKind])
    addressee = {RecipientKind.LEERLING: "Sarah", RecipientKind.OUDERS: "Fatma de Vries",
                 RecipientKind.ONDERSTEUNINGSCOORDINATOR: "Marloes Jacobs"}[kind]
    return read(terugkoppeling_pdf(TerugkoppelingLetter(
        terugkoppeling=t, recipient=kind, addressee=addressee, pupil_first_name="Sarah",
        pupil_full_name="Sarah de Vries", organisation=ORG,
        consulent=ConsulentContact(name="Anouk Vermeer"),
        regie=regie_meaning(Regie.LEERPLICHT))))


def test_the_pupils_letter_is_written_to_the_pupil() -> None:
    """Seed 003: "praat mét ons in plaats van óver ons"."""
    pupil = letter_for(RecipientKind.LEERLING)
    assert "Waar kun je terecht?" in pupil and "Waar kunt u terecht?" not in pupil
    assert "Wat je ouders vertelden:" in pupil and "De wens van je ouders:" in pupil
    words = pupil.replace(",", " ").replace(".", " ").replace("?", " ").split()
    assert "u" not in words and "uw" not in words and "Uw" not in words
    for piece in HELP:
        assert piece in pupil, piece


def test_the_parents_letter_says_where_they_can_find_independent_help() -> None:
    parents = letter_for(RecipientKind.OUDERS)
    assert "Waar kunt u terecht?" in parents
    for piece in HELP:
        assert piece in parents, piece
    assert "Leerplicht van de gemeente heeft de regie" in parents  # explicit on documents


def test_the_schools_copy_has_no_help_block_for_parents() -> None:
    school = letter_for(RecipientKind.ONDERSTEUNINGSCOORDINATOR)
    assert "terecht?" not in school
    assert "Wat de ouders vertelden:" in school


def meeting() -> tuple[Mdo, dict[str, MdoCaseSnapshot]]:
    mdo = Mdo(on=date(2026, 12, 1), start_time=time(13, 30), location="Teamkamer",
              chair="Marloes Jacobs", school="OBS De Regenboog")
    snaps = {
        "c1": MdoCaseSnapshot(case_id="c1", first_name="Sarah", last_name="de Vries",
                              aanmelding_date=date(2026, 9, 1),
                              pupil_voice="Ik wil niet meer in de grote klas zitten."),
        "c2": MdoCaseSnapshot(case_id="c2", first_name="Daan", last_name="Bakker",
                              aanmelding_date=date(2026, 9, 1), consent_given=False),
    }
    for case_id in snaps:
        mdo.add_pupil(case_id)
    mdo.participants.append(MdoParticipant(name="Ouders van Sarah", role=MdoRole.OUDERS,
                                           case_id="c1"))
    return mdo, snaps


def test_the_mdo_agenda_and_minutes_give_the_pupil_a_voice() -> None:
    mdo, snaps = meeting()
    agenda = read(agenda_pdf(build_agenda(mdo, snaps), ORG))
    assert "Wat Sarah zelf zegt Ik wil niet meer in de grote klas zitten." in agenda
    assert "Wat Daan zelf zegt Nog niet gevraagd." in agenda
    assert "toestemming van de ouders voor deze bespreking is niet vastgelegd" in agenda
    mdo.record_outcome("c1", MdoOutcome(
        decisions=["Start in een kleine groep."], escalation=Escalation.GESCHILLENCOMMISSIE,
        escalation_follow_up=date(2027, 1, 12)))
    minutes = read(minutes_pdf(build_minutes(mdo, snaps), ORG))
    assert "Wat de leerling zelf zegt Ik wil niet meer in de grote klas zitten." in minutes
    assert "Geschillencommissie Passend Onderwijs (opvolging 12-01-2027)" in minutes


def test_the_parents_invitation_has_the_voice_and_the_help() -> None:
    mdo, snaps = meeting()
    invitation = read(parent_agenda_pdf(build_agenda(mdo, snaps), "c1", ORG))
    assert "Wat Sarah zelf zegt Ik wil niet meer in de grote klas zitten." in invitation
    for piece in HELP:
        assert piece in invitation, piece
    assert "Daan" not in invitation  # their own child only


def test_the_quarterly_report_tells_the_story_beside_the_figures() -> None:
    """Seed 000, casus 2: "Deze kwartaalcijfers plus het verhaal zijn van belang"."""
    found = quarter_figures([], Quarter(2026, 3), Definition.CASUS2, date(2026, 11, 23))
    report = read(quarterly_report_pdf(found, organisation=ORG, made_on=date(2026, 11, 23),
                                       beside=BesideTheFigures(
                                           story="De wachtlijst voor jeugdhulp liep op.",
                                           follow_ups="3 nazorgmomenten gepland, 2 gedaan.",
                                           notes=("2 passend aanbod vastgelegd vóór de controle "
                                                  "op de criteria telt mee zoals eerder.",))))
    assert "Het verhaal bij de cijfers De wachtlijst voor jeugdhulp liep op." in report
    assert "Nazorg na afsluiten 3 nazorgmomenten gepland, 2 gedaan." in report
    assert "Let op bij deze cijfers 2 passend aanbod vastgelegd" in report
    assert Definition.CASUS2.label in report
