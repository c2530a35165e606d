"""The aanmeldformulier PDF, filled in and blank, read back as text."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from thuiszitter_desktop.domain.aanmelding import (
    Aanmelding,
    AanmeldRoute,
    ParentContact,
    Relation,
    Reporter,
)
from thuiszitter_desktop.domain.consent import Consent, ConsentMethod
from thuiszitter_desktop.domain.model import Pupil
from thuiszitter_desktop.domain.vocab import Onderwijstype
from thuiszitter_desktop.domain.ziekteverzuim import SickCriterion, SickReport
from thuiszitter_desktop.reports.aanmeldformulier import (
    aanmeldformulier_pdf,
    blank_aanmeldformulier_pdf,
)

ORGANISATION = "Leerrecht Regio Voorbeeld"


def make(**changes: object) -> Aanmelding:
    aanmelding = Aanmelding(
        report_date=date(2026, 11, 16),
        reporter=Reporter(school="Het Baken", contact_name="Sem de Vries",
                          phone="010-1234567"),
        pupil=Pupil(first_name="Zoë", last_name="Çelik-d'Hondt", birth_date=date(2012, 4, 3),
                    school="Het Baken", leerjaar="2 havo", onderwijstype=Onderwijstype.VO),
        parents=[ParentContact(name="Fatma Çelik", relation=Relation.MOEDER,
                               phone="06-12345678", email="fatma@example.nl")],
        sick_reports=[SickReport(date(2026, 9, 3), date(2026, 9, 3)),
                      SickReport(date(2026, 9, 16), date(2026, 9, 17)),
                      SickReport(date(2026, 10, 5), date(2026, 10, 5))],
        confirmed_criteria={SickCriterion.KORT_HERHAALD},
        education_percentage=40,
        education_since=date(2026, 10, 5),
        school_actions="Mentor belde twee keer met moeder.",
        involved_help="Jeugdteam Noord",
        parental_consent=Consent(given=True, on=date(2026, 11, 12),
                                 method=ConsentMethod.SCHRIFTELIJK, given_by="Fatma Çelik"),
    )
    for name, value in changes.items():
        setattr(aanmelding, name, value)
    return aanmelding


def read(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def checked(content: str) -> list[str]:
    """The labels printed right after a ticked box."""
    lines = content.splitlines()
    return [lines[i + 1] for i, line in enumerate(lines[:-1]) if line.strip() == "☒"]


def test_filled_form_shows_school_pupil_and_parents() -> None:
    pages, content = read(aanmeldformulier_pdf(make(), organisation=ORGANISATION))
    assert pages >= 1
    for expected in (ORGANISATION, "Het Baken", "Sem de Vries", "16 november 2026",
                     "Zoë Çelik-d'Hondt", "3 april 2012 (14 jaar)", "2 havo", "Fatma Çelik",
                     "Moeder", "06-12345678", "fatma@example.nl", "40% van het onderwijs",
                     "5 oktober 2026", "Mentor belde twee keer met moeder.",
                     "Jeugdteam Noord"):
        assert expected in content


def test_filled_form_ticks_route_and_shows_criteria_with_evidence() -> None:
    _, content = read(aanmeldformulier_pdf(make(), organisation=ORGANISATION))
    assert checked(content) == ["Zorgwekkend ziekteverzuim (criteria 1 tot en met 4)"]
    assert "03-09-2026, 16-09-2026, 05-10-2026" in content
    for day in ("3 september 2026", "16 september 2026", "17 september 2026"):
        assert day in content
    assert "☒ ja" in content  # criterion 1 confirmed by the consulent
    assert content.count("☐ nee") == 3


def test_consent_and_block_note() -> None:
    _, given = read(aanmeldformulier_pdf(make(), organisation=ORGANISATION))
    assert "Ja, op 12 november 2026 (schriftelijk), door Fatma Çelik" in given
    assert "Niet nodig: Zoë is jonger dan 16" in given
    assert "wachten op toestemming" not in given
    _, missing = read(aanmeldformulier_pdf(make(parental_consent=Consent()),
                                           organisation=ORGANISATION))
    assert "Nee, (nog) niet gegeven" in missing
    assert "Let op: volgende stappen wachten op toestemming." in missing
    assert "nog geen toestemming gegeven" in missing


def test_not_enrolled_pupil_without_sick_reports_has_no_criteria_table() -> None:
    aanmelding = make(route=AanmeldRoute.ABSOLUUT_VERZUIM, sick_reports=[],
                      confirmed_criteria=set())
    aanmelding.pupil.school = ""
    _, content = read(aanmeldformulier_pdf(aanmelding, organisation=ORGANISATION))
    assert checked(content) == ["Absoluut verzuim (niet ingeschreven)"]
    assert "Niet ingeschreven" in content
    assert "Criteria zorgwekkend ziekteverzuim" not in content


def test_long_text_flows_over_pages() -> None:
    story = " ".join(f"Gesprek {n} met moeder en mentor over het rooster." for n in range(300))
    pages, content = read(aanmeldformulier_pdf(make(school_actions=story + " Einde verslag."),
                                               organisation=ORGANISATION))
    assert pages > 2
    assert "Einde verslag." in content


def test_blank_form_has_empty_boxes_for_every_choice() -> None:
    pages, content = read(blank_aanmeldformulier_pdf(organisation=ORGANISATION))
    assert pages >= 2
    assert ORGANISATION in content
    assert checked(content) == []
    for criterion in SickCriterion:
        assert f"{criterion.number}. {criterion.label}" in content
    for route in AanmeldRoute:
        assert route.label in content
    for heading in ("1. School en contactpersoon", "2. Leerling", "3. Ouders of verzorgers",
                    "8. Toestemming", "Ziekmeldingen", "Ondertekening school"):
        assert heading in content
    # routes, criteria, consent yes/no for parents and pupil, the three ways of consent
    boxes = len(AanmeldRoute) + len(SickCriterion) + 2 + 3 + 3
    assert content.count("☐") == boxes


def test_the_schools_reason_and_a_note_per_sick_report() -> None:
    """Issue 18: the printed form asks the school's reason for absence and has an
    'Opmerking' per sick report; the filled form shows both."""
    filled = make(school_absence_reason="Klaagt over hoofdpijn in de les.",
                  sick_reports=[SickReport(date(2026, 9, 3), date(2026, 9, 3),
                                           note="Ziek naar huis gestuurd")])
    _, content = read(aanmeldformulier_pdf(filled, organisation=ORGANISATION))
    flat = " ".join(content.split())
    assert "Reden van afwezigheid volgens school Klaagt over hoofdpijn in de les." in flat
    assert "Ziek naar huis gestuurd" in flat
    _, blank = read(blank_aanmeldformulier_pdf(organisation=ORGANISATION))
    assert "Reden van afwezigheid volgens school" in " ".join(blank.split())
