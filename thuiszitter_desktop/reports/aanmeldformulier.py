"""The aanmeldformulier as PDF: filled in (for the file) or blank (for a school to fill in).

Both versions follow the same sections in the same order, so a school that knows the paper
form recognises the printed one.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from thuiszitter_desktop.domain.aanmelding import Aanmelding, AanmeldRoute
from thuiszitter_desktop.domain.consent import PUPIL_CONSENT_AGE, Consent, ConsentMethod
from thuiszitter_desktop.domain.dutch_dates import dutch_date
from thuiszitter_desktop.domain.ziekteverzuim import SickCriterion, school_days_between
from thuiszitter_desktop.reports.base import (
    CONTENT_WIDTH,
    PageFrame,
    build_pdf,
    key_values,
    spacer,
    styles,
    table,
    text,
)
from thuiszitter_desktop.reports.form_parts import (
    checkbox,
    checkbox_row,
    checklist,
    empty_grid,
    note_box,
    write_box,
    write_lines,
)

TITLE = "Aanmeldformulier verzuim"
FOOTER = ("Vertrouwelijk. Dit formulier bevat persoonsgegevens van een leerling; bewaar en "
          "verstuur het alleen beveiligd.")
PARENT_COLS = [50 * mm, 28 * mm, 35 * mm, CONTENT_WIDTH - 113 * mm]
LABEL_WIDTH = 50 * mm
SICK_COLS = [12 * mm, 50 * mm, 50 * mm, CONTENT_WIDTH - 112 * mm]
FILLED_SICK_COLS = [10 * mm, 40 * mm, 40 * mm, 24 * mm, CONTENT_WIDTH - 114 * mm]


def aanmeldformulier_pdf(aanmelding: Aanmelding, *, organisation: str,
                         password: str | None = None) -> bytes:
    """A filled-in aanmeldformulier with the criteria as computed and confirmed."""
    a, st = aanmelding, styles()
    story: list[Flowable] = [
        text(TITLE, st.title),
        text(f"Aanmelding van {a.reporter.school} op {dutch_date(a.report_date)}.", st.small),
        text("1. School en contactpersoon", st.heading),
        key_values(_reporter_pairs(a), label_width=LABEL_WIDTH),
        text("2. Leerling", st.heading),
        key_values(_pupil_pairs(a), label_width=LABEL_WIDTH),
        text("3. Ouders of verzorgers", st.heading),
        _parents(a),
        text("4. Reden van aanmelding", st.heading),
        checklist([(a.route is route, route.label) for route in AanmeldRoute]),
        *_criteria(a),
        text("5. Onderwijs nu", st.heading),
        key_values([("Volgt nu", "—" if a.education_percentage is None
                     else f"{a.education_percentage}% van het onderwijs"),
                    ("Sinds", dutch_date(a.education_since)),
                    ("Reden van afwezigheid volgens school",
                     _or_dash(a.school_absence_reason))], label_width=LABEL_WIDTH),
        text("6. Wat heeft school al gedaan?", st.heading),
        text(_or_dash(a.school_actions)),
        text("7. Welke hulp is er al betrokken?", st.heading),
        text(_or_dash(a.involved_help)),
        text("8. Toestemming", st.heading),
        *_consent(a),
    ]
    if a.notes.strip():
        story += [text("Opmerkingen", st.heading), text(a.notes)]
    frame = PageFrame(organisation=organisation,
                      document_title=f"{TITLE} · {a.pupil.full_name}", footer_note=FOOTER)
    return build_pdf(story, frame, password=password)


def blank_aanmeldformulier_pdf(*, organisation: str) -> bytes:
    """An empty form with lines, boxes and checkboxes, for a school to fill in by hand."""
    st = styles()
    story: list[Flowable] = [
        text(TITLE, st.title),
        text("Vul dit formulier in en stuur het beveiligd naar leerplicht. Vraag eerst "
             "toestemming aan de ouders (en aan de leerling als die 16 jaar of ouder is).",
             st.small),
        text("1. School en contactpersoon", st.heading),
        write_lines(["School", "Contactpersoon", "Functie", "Telefoon", "E-mail",
                     "Datum van aanmelding"]),
        text("2. Leerling", st.heading),
        write_lines(["Naam", "Geboortedatum", "Adres", "School", "Klas / leerjaar",
                     "Type onderwijs"]),
        text("3. Ouders of verzorgers", st.heading),
        empty_grid(["Naam", "Relatie", "Telefoon", "E-mail"], PARENT_COLS, 2),
        text("4. Reden van aanmelding", st.heading),
        checklist([(False, route.label) for route in AanmeldRoute]),
        KeepTogether([
            spacer(2),
            text("Bij zorgwekkend ziekteverzuim: welke criteria gelden?", st.cell_bold),
            spacer(1),
            checklist([(False, f"{c.number}. {c.label}") for c in SickCriterion]),
            text("Toelichting bij criterium 4:", st.small),
            write_box(14),
        ]),
        spacer(3),
        KeepTogether([text("Ziekmeldingen", st.cell_bold), spacer(1), empty_grid(
            ["Nr.", "Eerste ziektedag", "Laatste ziektedag", "Opmerking"], SICK_COLS, 6)]),
        text("5. Onderwijs nu", st.heading),
        write_lines(["Percentage onderwijs", "Sinds (datum)",
                     "Reden van afwezigheid volgens school"]),
        KeepTogether([text("6. Wat heeft school al gedaan?", st.heading), write_box(30)]),
        KeepTogether([text("7. Welke hulp is er al betrokken?", st.heading), write_box(25)]),
        KeepTogether([
            text("8. Toestemming", st.heading),
            text("Toestemming van de ouders", st.cell_bold),
            checklist([(False, "Ja"), (False, "Nee")]),
            write_lines(["Datum", "Gegeven door"]),
            spacer(3),
            checkbox_row([way.label for way in ConsentMethod], lead="Hoe gegeven:"),
            spacer(2),
            text(f"Toestemming van de leerling (vanaf {PUPIL_CONSENT_AGE} jaar)",
                 st.cell_bold),
            checklist([(False, "Ja"), (False, "Nee"), (False, "Niet nodig: jonger dan 16")]),
            write_lines(["Datum"]),
        ]),
        KeepTogether([text("Ondertekening school", st.heading),
                      write_lines(["Naam", "Functie", "Datum", "Handtekening"])]),
    ]
    frame = PageFrame(organisation=organisation, document_title=f"{TITLE} (blanco)",
                      footer_note=FOOTER)
    return build_pdf(story, frame)


def _or_dash(value: str) -> str:
    return value.strip() or "—"


def _reporter_pairs(a: Aanmelding) -> list[tuple[str, str]]:
    r = a.reporter
    return [
        ("School", r.school),
        ("Contactpersoon", _or_dash(r.contact_name)),
        ("Functie", _or_dash(r.contact_role)),
        ("Telefoon", _or_dash(r.phone)),
        ("E-mail", _or_dash(r.email)),
        ("Datum van aanmelding", dutch_date(a.report_date)),
    ]


def _pupil_pairs(a: Aanmelding) -> list[tuple[str, str]]:
    p = a.pupil
    return [
        ("Naam", p.full_name),
        ("Geboortedatum", f"{dutch_date(p.birth_date)} ({a.pupil_age} jaar)"),
        ("Adres", _or_dash(p.address)),
        ("School", _or_dash(p.school) if p.school.strip() else "Niet ingeschreven"),
        ("Klas / leerjaar", _or_dash(p.leerjaar)),
        ("Type onderwijs", p.onderwijstype.label),
    ]


def _parents(a: Aanmelding) -> Flowable:
    if not a.parents:
        return text("Geen ouders of verzorgers ingevuld.")
    rows = [["Naam", "Relatie", "Telefoon", "E-mail"]]
    rows += [[p.name, p.relation.label, _or_dash(p.phone), _or_dash(p.email)]
             for p in a.parents]
    return table(rows, PARENT_COLS)


def _criteria(a: Aanmelding) -> list[Flowable]:
    if a.route is not AanmeldRoute.ZIEKTEVERZUIM and not a.sick_reports:
        return []
    st = styles()
    computed = {r.criterion: r for r in a.computed_criteria()}
    rows = [["Criterium", "Volgens de ziekmeldingen", "Bevestigd"]]
    for criterion in SickCriterion:
        result = computed.get(criterion)
        if result is None:
            found = a.criterion_4_note.strip() or "Oordeel van de consulent."
        else:
            found = ("Ja. " if result.holds else "") + result.explanation
        rows.append([f"{criterion.number}. {criterion.label}", found,
                     checkbox(criterion in a.confirmed_criteria,
                              "ja" if criterion in a.confirmed_criteria else "nee")])
    flowables: list[Flowable] = [
        spacer(2), text("Criteria zorgwekkend ziekteverzuim", st.cell_bold), spacer(1),
        table(rows, [62 * mm, CONTENT_WIDTH - 87 * mm, 25 * mm]),
    ]
    if a.sick_reports:
        sick = [["Nr.", "Eerste ziektedag", "Laatste ziektedag", "Schooldagen", "Opmerking"]]
        for number, report in enumerate(sorted(a.sick_reports, key=lambda r: r.start), 1):
            end = report.end or a.report_date
            sick.append([str(number), dutch_date(report.start),
                         dutch_date(report.end) if report.end else "nog ziek",
                         str(school_days_between(report.start, end)), report.note])
        flowables += [spacer(3), text("Ziekmeldingen", st.cell_bold), spacer(1),
                      table(sick, FILLED_SICK_COLS)]
    return flowables


def _consent_text(consent: Consent) -> str:
    if not consent.given:
        return "Nee, (nog) niet gegeven"
    how = consent.method.label.lower() if consent.method else "onbekend hoe"
    by = f", door {consent.given_by.strip()}" if consent.given_by.strip() else ""
    return f"Ja, op {dutch_date(consent.on)} ({how}){by}"


def _consent(a: Aanmelding) -> list[Flowable]:
    pupil = (_consent_text(a.pupil_consent) if a.pupil_age >= PUPIL_CONSENT_AGE
             else f"Niet nodig: {a.pupil.first_name} is jonger dan {PUPIL_CONSENT_AGE}")
    flowables: list[Flowable] = [key_values([("Ouders", _consent_text(a.parental_consent)),
                                             ("Leerling", pupil)], LABEL_WIDTH)]
    reasons = a.blocking_reasons()
    if reasons:
        flowables += [spacer(2), note_box(["Let op: volgende stappen wachten op toestemming.",
                                           *reasons])]
    return flowables

