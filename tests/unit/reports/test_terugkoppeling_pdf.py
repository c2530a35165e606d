"""The terugkoppeling letter, read back as parents, pupil and school would read it."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError

from thuiszitter_desktop.domain.intake import Agreement
from thuiszitter_desktop.domain.terugkoppeling import (
    Recipient,
    RecipientKind,
    Terugkoppeling,
)
from thuiszitter_desktop.reports.terugkoppeling import (
    ConsulentContact,
    TerugkoppelingLetter,
    terugkoppeling_pdf,
)

ORGANISATION = "Leerrecht Regio Voorbeeld"


def make_terugkoppeling(**changes: object) -> Terugkoppeling:
    t = Terugkoppeling(
        case_id="c1",
        conversation_date=date(2026, 11, 12),
        written_on=date(2026, 11, 13),
        pupil_age=15,
        summary="Bij het gesprek waren: Zoë, haar moeder en de consulent.\n\n"
                "Wat nodig is om weer naar school te gaan: een rustige werkplek.",
        absence_reason="Zoë wordt gepest door klasgenoten.",
        health_details="Gebruikt medicijnen voor migraine.",
        agreements=[
            Agreement(who="Mentor", what="Belt Zoë elke maandag.", by_when=date(2026, 12, 1)),
            Agreement(who="Fatma Çelik", what="Maakt een afspraak met de huisarts.",
                      by_when=date(2026, 11, 27)),
        ],
        recipients=[Recipient(kind=RecipientKind.LEERLING, name="Zoë Çelik-d'Hondt"),
                    Recipient(kind=RecipientKind.OUDERS, name="Fatma Çelik"),
                    Recipient(kind=RecipientKind.ONDERSTEUNINGSCOORDINATOR,
                              name="Sem de Vries")],
    )
    for name, value in changes.items():
        setattr(t, name, value)
    return t


def make_letter(t: Terugkoppeling | None = None,
                recipient: RecipientKind = RecipientKind.OUDERS) -> TerugkoppelingLetter:
    addressee = {RecipientKind.LEERLING: "Zoë", RecipientKind.OUDERS: "Fatma Çelik",
                 RecipientKind.ONDERSTEUNINGSCOORDINATOR: "Sem de Vries"}[recipient]
    return TerugkoppelingLetter(
        terugkoppeling=t or make_terugkoppeling(), recipient=recipient, addressee=addressee,
        pupil_first_name="Zoë", pupil_full_name="Zoë Çelik-d'Hondt",
        pupil_birth_date=date(2011, 6, 1), school="Het Baken", organisation=ORGANISATION,
        consulent=ConsulentContact(name="Noor Bakker", phone="010-7654321",
                                   email="n.bakker@leerrecht.example"),
    )


def read(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def test_letter_to_parents_shows_who_what_and_when() -> None:
    _, content = read(terugkoppeling_pdf(make_letter()))
    for expected in (ORGANISATION, "Terugkoppeling van ons gesprek over Zoë",
                     "Zoë Çelik-d'Hondt (geboren 1 juni 2011)", "Het Baken",
                     "13 november 2026", "12 november 2026", "Beste Fatma Çelik,",
                     "een rustige werkplek", "Wie", "Wat", "Wanneer", "Mentor",
                     "Belt Zoë elke maandag.", "1 december 2026",
                     "Maakt een afspraak met de huisarts.", "27 november 2026",
                     "Noor Bakker", "010-7654321", "n.bakker@leerrecht.example",
                     "leest u", "Vertrouwelijk. Deze brief is alleen bedoeld voor Fatma Çelik."):
        assert expected in content


def test_pupil_letter_says_je() -> None:
    _, content = read(terugkoppeling_pdf(make_letter(recipient=RecipientKind.LEERLING)))
    assert "Beste Zoë," in content
    assert "lees je" in content
    assert "Heb je een vraag" in content


@pytest.mark.parametrize(
    ("age", "shares", "recipient", "reason_shown"),
    [
        (15, False, RecipientKind.OUDERS, True),
        (16, False, RecipientKind.OUDERS, False),
        (16, False, RecipientKind.ONDERSTEUNINGSCOORDINATOR, False),
        (16, False, RecipientKind.LEERLING, True),
        (16, True, RecipientKind.OUDERS, True),
    ],
)
def test_reason_for_absence_respects_the_pupil_from_16(
    age: int, shares: bool, recipient: RecipientKind, reason_shown: bool
) -> None:
    t = make_terugkoppeling(pupil_age=age, pupil_shares_reason=shares)
    _, content = read(terugkoppeling_pdf(make_letter(t, recipient)))
    assert ("gepest" in content) is reason_shown
    assert ("beslist zelf wie de" in content) is not reason_shown


@pytest.mark.parametrize(("needed", "shown"), [(False, False), (True, True)])
def test_health_details_only_when_needed(needed: bool, shown: bool) -> None:
    t = make_terugkoppeling(health_needed=needed)
    _, content = read(terugkoppeling_pdf(make_letter(t)))
    assert ("migraine" in content) is shown


def test_letter_without_agreements_says_so() -> None:
    _, content = read(terugkoppeling_pdf(make_letter(make_terugkoppeling(agreements=[]))))
    assert "We hebben nog geen afspraken gemaakt." in content


def test_long_summary_and_many_agreements_flow_over_pages() -> None:
    summary = "\n\n".join(f"Punt {n}: we spraken over het rooster, de reis naar school en "
                          "wat Zoë daarbij nodig heeft." for n in range(60))
    agreements = [Agreement(who=f"Persoon {n}", what="Belt school over het rooster.",
                            by_when=date(2026, 12, 1)) for n in range(40)]
    t = make_terugkoppeling(summary=summary + "\n\nLaatste zin van de samenvatting.",
                            agreements=[*agreements, Agreement(
                                who="Zoë Çelik-d'Hondt", what="Laatste afspraak.",
                                by_when=date(2027, 1, 8))])
    pages, content = read(terugkoppeling_pdf(make_letter(t)))
    assert pages > 2
    assert "Laatste zin van de samenvatting." in content
    assert "Laatste afspraak." in content
    assert "8 januari 2027" in content
    assert "Noor Bakker" in content.split("Laatste afspraak.")[1]


def test_password_protects_the_letter() -> None:
    pdf = terugkoppeling_pdf(make_letter(), password="geheim")
    reader = PdfReader(io.BytesIO(pdf))
    with pytest.raises(FileNotDecryptedError):
        _ = reader.pages[0].extract_text()
    reader.decrypt("geheim")
    assert "Fatma Çelik" in reader.pages[0].extract_text()


def test_recipients_are_listed() -> None:
    letter = make_letter()
    _, content = read(terugkoppeling_pdf(replace(letter, addressee="")))
    assert "Beste ouder / verzorger," in content
    assert "Deze terugkoppeling gaat naar: Zoë Çelik-d'Hondt (leerling), Fatma Çelik" in content
