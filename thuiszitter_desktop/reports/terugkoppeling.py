"""The terugkoppelingsformulier: a letter in plain Dutch (B1) after the intake conversation.

One letter per recipient. The letter asks the domain what this recipient may read
(``Terugkoppeling.content_for``), so the privacy rules cannot be bypassed by the layout:
no reason for absence for parents or school when a pupil of 16+ did not agree, no health
details unless marked as needed. The pupil gets a letter that says "je", others "u".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from thuiszitter_desktop.domain.consent import PUPIL_CONSENT_AGE
from thuiszitter_desktop.domain.dutch_dates import dutch_date
from thuiszitter_desktop.domain.intake import Agreement
from thuiszitter_desktop.domain.terugkoppeling import RecipientKind, Terugkoppeling
from thuiszitter_desktop.reports.base import (
    CONTENT_WIDTH,
    KeepStart,
    PageFrame,
    build_pdf,
    key_values,
    spacer,
    styles,
    table,
    text,
)
from thuiszitter_desktop.reports.independent_help import independent_help

TITLE = "Terugkoppeling gesprek"
RECIPIENT_WORDS: dict[RecipientKind, str] = {
    RecipientKind.LEERLING: "leerling",
    RecipientKind.OUDERS: "ouder / verzorger",
    RecipientKind.ONDERSTEUNINGSCOORDINATOR: "ondersteuningscoördinator",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class ConsulentContact:
    name: str
    role: str = "Thuiszittersconsulent"
    phone: str = ""
    email: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class TerugkoppelingLetter:
    terugkoppeling: Terugkoppeling
    recipient: RecipientKind
    addressee: str  # the name on this copy
    pupil_first_name: str
    pupil_full_name: str
    pupil_birth_date: date | None = None
    school: str = ""
    organisation: str
    consulent: ConsulentContact
    # Who has the regie and what that means (``domain/regie.regie_meaning``); empty: left out.
    regie: str = ""


def terugkoppeling_pdf(letter: TerugkoppelingLetter, *, password: str | None = None) -> bytes:
    """The letter for one recipient as PDF bytes."""
    t, st = letter.terugkoppeling, styles()
    content = t.content_for(letter.recipient)
    first = letter.pupil_first_name.strip() or "de leerling"
    you = letter.recipient is RecipientKind.LEERLING
    story: list[Flowable] = [
        text(f"Terugkoppeling van ons gesprek over {first}" if not you
             else "Terugkoppeling van ons gesprek", st.title),
        key_values(_header_pairs(letter), label_width=40 * mm),
        spacer(3),
        text(f"Beste {letter.addressee.strip() or RECIPIENT_WORDS[letter.recipient]},"),
        text(_intro(you, t)),
        text("Wat we hebben besproken", st.heading),
        *[text(part) for part in content.summary.split("\n\n") if part.strip()],
    ]
    if content.absence_reason:
        who = "je" if you else first
        story += [text(f"Waarom {who} niet (altijd) naar school gaat", st.heading),
                  text(content.absence_reason)]
    elif content.reason_left_out:
        story += [text("Over de reden van het verzuim", st.heading),
                  text(f"{first} is {PUPIL_CONSENT_AGE} jaar of ouder en beslist zelf wie de "
                       "reden van het verzuim mag weten. Daarom staat die reden niet in deze "
                       "brief.")]
    if content.health_details:
        story += [text("Gezondheid", st.heading), text(content.health_details)]
    story += [
        text("Wat we hebben afgesproken", st.heading),
        _agreements(content.agreements),
    ]
    if letter.regie.strip():
        story += [text("Wie houdt het overzicht?", st.heading), text(letter.regie)]
    story += [
        *_recipients(t),
        KeepStart([text("Vragen?", st.heading), text(_questions(letter, you)),
                      key_values(_contact_pairs(letter.consulent), label_width=40 * mm)]),
    ]
    if letter.recipient is not RecipientKind.ONDERSTEUNINGSCOORDINATOR:
        story += independent_help(to_pupil=you)
    frame = PageFrame(
        organisation=letter.organisation,
        document_title=f"{TITLE} · {letter.pupil_full_name}",
        footer_note=f"Vertrouwelijk. Deze brief is alleen bedoeld voor "
                    f"{letter.addressee.strip() or 'de ontvanger'}.",
    )
    return build_pdf(story, frame, password=password)


def _header_pairs(letter: TerugkoppelingLetter) -> list[tuple[str, str]]:
    t = letter.terugkoppeling
    born = (f" (geboren {dutch_date(letter.pupil_birth_date)})"
            if letter.pupil_birth_date else "")
    pairs = [("Datum", dutch_date(t.written_on)),
             ("Leerling", f"{letter.pupil_full_name}{born}")]
    if letter.school.strip():
        pairs.append(("School", letter.school.strip()))
    pairs.append(("Gesprek op", dutch_date(t.conversation_date)))
    return pairs


def _intro(you: bool, t: Terugkoppeling) -> str:
    day = dutch_date(t.conversation_date)
    if you:
        return (f"Op {day} hebben we met elkaar gepraat. In deze brief lees je wat we hebben "
                "besproken en wat we hebben afgesproken. Klopt er iets niet? Laat het ons "
                "weten.")
    return (f"Op {day} hebben we een gesprek gehad. In deze brief leest u wat we hebben "
            "besproken en wat we hebben afgesproken. Klopt er iets niet? Laat het ons weten.")


def _agreements(agreements: tuple[Agreement, ...]) -> Flowable:
    if not agreements:
        return text("We hebben nog geen afspraken gemaakt. Die maken we samen in het plan van "
                    "aanpak.")
    rows = [["Wie", "Wat", "Wanneer"]]
    rows += [[a.who, a.what, dutch_date(a.by_when) if a.by_when else "Nog afspreken"]
             for a in agreements]
    return table(rows, [42 * mm, CONTENT_WIDTH - 82 * mm, 40 * mm])


def _recipients(t: Terugkoppeling) -> list[Flowable]:
    names = [f"{r.name} ({RECIPIENT_WORDS[r.kind]})" for r in t.recipients if r.name.strip()]
    if not names:
        return []
    return [spacer(2), text(f"Deze terugkoppeling gaat naar: {', '.join(names)}.",
                            styles().small)]


def _questions(letter: TerugkoppelingLetter, you: bool) -> str:
    name = letter.consulent.name.strip() or "de consulent"
    if you:
        return f"Heb je een vraag, of wil je iets veranderen? Neem dan contact op met {name}."
    return f"Heeft u een vraag, of wilt u iets veranderen? Neem dan contact op met {name}."


def _contact_pairs(consulent: ConsulentContact) -> list[tuple[str, str]]:
    pairs = [("Naam", consulent.name), ("Functie", consulent.role)]
    if consulent.phone.strip():
        pairs.append(("Telefoon", consulent.phone.strip()))
    if consulent.email.strip():
        pairs.append(("E-mail", consulent.email.strip()))
    return pairs
