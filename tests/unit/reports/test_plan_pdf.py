"""The printed plan van aanpak, read back as a parent would read it (text extraction)."""

from __future__ import annotations

import io
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError

from thuiszitter_desktop.domain.plan import (
    Action,
    ActionStatus,
    Goal,
    GoalProgress,
    Owner,
    OwnerKind,
    PlanVanAanpak,
    ProgressNote,
)
from thuiszitter_desktop.domain.vocab import Regie
from thuiszitter_desktop.reports.plan import PlanLetter, PlanPerson, plan_pdf

PRINTED_ON = date(2026, 3, 13)


def make_letter(**changes: object) -> PlanLetter:
    goal = Goal(
        description="Zoë gaat drie ochtenden per week naar school",
        indicator="3 van de 5 ochtenden aanwezig",
        agreed_by=("Zoë", "moeder", "mentor"),
        realistic=True,
        realistic_why="In januari lukte het al twee ochtenden.",
        deadline=date(2026, 3, 31),
        actions=(
            Action(what="Rooster aanpassen", owner=Owner(name="Sem de Vries"),
                   due=date(2026, 2, 20), status=ActionStatus.GEDAAN,
                   done_on=date(2026, 2, 18)),
            Action(what="Wekker zelf zetten",
                   owner=Owner(name="Zoë Çelik-d'Hondt", kind=OwnerKind.PUPIL),
                   due=date(2026, 3, 2)),
            Action(what="Taxi regelen", owner=Owner(name="Sem de Vries"),
                   status=ActionStatus.VERVALLEN),
        ),
        progress=(ProgressNote(on=date(2026, 3, 12), progress=GoalProgress.DEELS,
                               text="Twee ochtenden gelukt."),),
    )
    plan = PlanVanAanpak(
        case_id="case-1",
        version=2,
        created=date(2026, 3, 12),
        shared_goal="Zoë gaat vanaf 1 april elke ochtend naar school",
        risk_factors=("Paniekaanvallen in de bus",),
        pupil_voice="Ik schaam me voor de klas.",
        regie=Regie.SCHOOL,
        casusverantwoordelijke="Sem de Vries",
        evaluation_dates=(date(2026, 2, 1), date(2026, 4, 9)),
        goals=(goal,),
    )
    letter = PlanLetter(
        plan=plan,
        pupil_first_name="Zoë",
        pupil_full_name="Zoë Çelik-d'Hondt",
        pupil_birth_date=date(2012, 5, 1),
        organisation="Leerrecht Regio Oost",
        printed_on=PRINTED_ON,
        people=(
            PlanPerson("Sem de Vries", "Consulent leerrecht", "06-12345678", "sem@example.nl"),
            PlanPerson("Anouk Jansen", "Mentor", "0570-123456"),
        ),
        parent_names=("Fatma Çelik",),
    )
    return replace(letter, **changes)  # type: ignore[arg-type]


def read(pdf: bytes, password: str | None = None) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    if password is not None:
        reader.decrypt(password)
    words = " ".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), " ".join(words.split())


def test_the_plan_shows_goal_steps_people_and_version() -> None:
    _, content = read(plan_pdf(make_letter()))
    expected = [
        "Plan van aanpak voor Zoë",
        "Versie 2 van 12 maart 2026",
        "Zoë gaat vanaf 1 april elke ochtend naar school",
        "Doel 1: Zoë gaat drie ochtenden per week naar school",
        "3 van de 5 ochtenden aanwezig",
        "31 maart 2026",
        "Zoë, moeder, mentor",
        "Rooster aanpassen",
        "Ja, op 18 februari 2026",
        "Wekker zelf zetten",
        "2 maart 2026",
        "Nog niet",
        "Zoë Çelik-d'Hondt",
        "12 maart 2026: deels gehaald. Twee ochtenden gelukt.",
        "Sem de Vries",
        "06-12345678",
        "sem@example.nl",
        "Anouk Jansen",
        "Mentor",
        "De school heeft de regie",
        "Sem de Vries is de casusverantwoordelijke",
        "Op 9 april 2026 kijken we samen hoe het gaat",
        "Handtekeningen",
        "Ouder/verzorger: Fatma Çelik",
    ]
    missing = [piece for piece in expected if piece not in content]
    assert missing == []


def test_dropped_steps_and_sensitive_background_stay_out() -> None:
    _, content = read(plan_pdf(make_letter()))
    assert "Taxi regelen" not in content
    assert "Paniekaanvallen" not in content


def test_the_pupils_voice_and_independent_help_are_printed() -> None:
    """Seed 003: "praat mét ons in plaats van óver ons": what the pupil said in the plan is
    in the plan; parents read where they can find independent help (issue 18)."""
    _, content = read(plan_pdf(make_letter()))
    assert "Wat Zoë zelf zegt" in content
    assert "Ik schaam me voor de klas." in content
    for piece in ("Waar kunt u terecht?", "Ouders & Onderwijs", "088-6050101",
                  "Onderwijsconsulenten", "Geschillencommissie Passend Onderwijs",
                  "vertrouwenspersoon"):
        assert piece in content, piece


@pytest.mark.parametrize(
    ("birth_date", "pupil_signs"),
    [
        (date(2014, 3, 13), True),  # turns 12 on the print date
        (date(2014, 3, 14), False),  # turns 12 the day after
        (date(2009, 1, 1), True),
        (date(2019, 1, 1), False),
    ],
)
def test_pupil_signs_from_twelve(birth_date: date, pupil_signs: bool) -> None:
    _, content = read(plan_pdf(make_letter(pupil_birth_date=birth_date)))
    assert ("Leerling: Zoë Çelik-d'Hondt" in content) is pupil_signs
    assert "Ouder/verzorger: Fatma Çelik" in content


def test_blank_parent_lines_when_no_names_are_known() -> None:
    _, content = read(plan_pdf(make_letter(parent_names=())))
    assert content.count("Ouder/verzorger:") == 2


@pytest.mark.parametrize(
    ("regie", "holder", "sentence"),
    [
        (Regie.LEERPLICHT, "", "Leerplicht van de gemeente heeft de regie"),
        (Regie.JEUGDHULP, "", "Het jeugdteam of wijkteam heeft de regie"),
        (Regie.ANDERS, "de kinderarts", "De kinderarts heeft de regie"),
    ],
)
def test_regie_in_plain_words(regie: Regie, holder: str, sentence: str) -> None:
    letter = make_letter()
    plan = replace(letter.plan, regie=regie, regie_holder=holder)
    _, content = read(plan_pdf(replace(letter, plan=plan)))
    assert sentence in content


def test_an_empty_plan_says_what_is_still_to_be_agreed() -> None:
    letter = make_letter(people=())
    plan = replace(letter.plan, goals=(), evaluation_dates=(), casusverantwoordelijke="")
    _, content = read(plan_pdf(replace(letter, plan=plan)))
    for piece in ("De stappen spreken we nog samen af",
                  "Wanneer we samen kijken hoe het gaat, spreken we nog af",
                  "Wie uw vaste contactpersoon is, spreken we nog samen af",
                  "De namen en telefoonnummers krijgt u nog van ons"):
        assert piece in content


def test_a_long_plan_flows_over_pages() -> None:
    letter = make_letter()
    base = letter.plan.goals[0]
    goals = tuple(
        replace(base, id=f"g{n}", description=f"Doel nummer {n} " + "met uitleg " * 30)
        for n in range(1, 13)
    )
    plan = replace(letter.plan, goals=goals)
    pages, content = read(plan_pdf(replace(letter, plan=plan)))
    assert pages > 2
    assert "Doel 12: Doel nummer 12" in content
    assert "Op 9 april 2026 kijken we samen hoe het gaat" in content
    assert "Ouder/verzorger: Fatma Çelik" in content


def test_password_protected_plan_opens_only_with_its_password() -> None:
    pdf = plan_pdf(make_letter(), password="Geheim-2026")
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.is_encrypted
    with pytest.raises(FileNotDecryptedError):
        reader.pages[0].extract_text()
    wrong = PdfReader(io.BytesIO(pdf))
    assert not wrong.decrypt("verkeerd")
    _, content = read(pdf, password="Geheim-2026")
    assert "Zoë gaat vanaf 1 april elke ochtend naar school" in content
    assert b"Zo\xc3\xab" not in pdf and b"Rooster aanpassen" not in pdf


def test_without_password_the_plan_is_not_encrypted() -> None:
    assert not PdfReader(io.BytesIO(plan_pdf(make_letter()))).is_encrypted


HEADINGS = ("Ons doel", "Wie houdt het overzicht?", "Wie doen er mee?", "Wat gaan we doen?",
            "Wanneer kijken we hoe het gaat?", "Handtekeningen")


def page_ends(pdf: bytes) -> list[str]:
    """The last line of each page's text (the page frame is drawn before the content)."""
    reader = PdfReader(io.BytesIO(pdf))
    return [page.extract_text().strip().splitlines()[-1].strip() for page in reader.pages]


@pytest.mark.parametrize("people", range(0, 24, 2))
def test_no_heading_is_left_alone_at_the_foot_of_a_page(people: int) -> None:
    """However many people push it down, a heading stays with the start of its text."""
    team = tuple(PlanPerson(f"Medewerker {n}", "Jeugdteam", "06-1234567") for n in range(people))
    letter = make_letter(people=team)
    plan = replace(letter.plan, shared_goal="Zoë gaat weer naar school. " * 12)
    ends = page_ends(plan_pdf(replace(letter, plan=plan)))
    assert not [end for end in ends if end in HEADINGS]


def test_password_protection_is_aes_256(tmp_path: Path) -> None:
    """R6 of the standard security handler, AES-256 for streams, strings and files."""
    target = tmp_path / "plan.pdf"
    target.write_bytes(plan_pdf(make_letter(), password="Geheim-2026"))
    shown = subprocess.run(["qpdf", "--show-encryption", "--password=Geheim-2026",
                            str(target)], capture_output=True, text=True, check=True).stdout
    assert "R = 6" in shown
    for kind in ("stream", "string", "file"):
        assert f"{kind} encryption method: AESv3" in shown
    assert "print high resolution: allowed" in shown
    assert "modify anything: not allowed" in shown
