"""The quarterly policy report: SMART targets, doorloopsnelheid, in/outflow, counts.

Takes the domain's ``QuarterFigures`` and returns PDF bytes. Every section names the
definition its figures use; the page footer repeats it. The report holds no personal data
(counts only), but school names appear in the counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from thuiszitter_desktop.domain.breakdowns import CountTable
from thuiszitter_desktop.domain.dutch_dates import dutch_date
from thuiszitter_desktop.domain.figures import (
    DurationFigure,
    QuarterFigures,
    TargetResult,
    format_number,
)
from thuiszitter_desktop.reports.base import (
    CONTENT_WIDTH,
    KeepStart,
    PageFrame,
    build_pdf,
    grid,
    key_values,
    spacer,
    styles,
    table,
    text,
)
from thuiszitter_desktop.reports.charts import bar_chart

TITLE = "Kwartaalrapportage thuiszitters"
MAX_CHART_ROWS = 12

TARGETS_EXPLAINED = (
    "Per doel tellen de casussen waarvan de termijn in dit kwartaal afliep. Eerste gesprek: 7 "
    "of 14 dagen na de aanmelding; alleen een gesprek met leerling of ouders (face to face of "
    "video) telt, geen telefoon, e-mail of bericht. Doelen: een maand na de aanmelding. "
    "Passend aanbod: drie maanden nadat de leerling thuis kwam te zitten; alleen een aanbod "
    "dat aan de vijf criteria voldoet en waarmee de ouders instemden telt, een voorlopig aanbod "
    "niet; een leerling die binnen die tijd weer naar school ging, telt als gehaald. Een casus "
    "die vóór de termijn werd afgesloten om een andere reden (bijvoorbeeld verhuizing) telt "
    "niet mee.")
DURATIONS_EXPLAINED = (
    "Dagen thuis tellen vanaf de eerste dag thuis (of onder 50% onderwijs). Afgesloten: "
    "casussen die in dit kwartaal zijn afgesloten. Lopend: casussen die op de einddatum nog "
    "liepen, tot die dag. Passend aanbod: casussen waarvan het aanbod in dit kwartaal startte.")
FLOW_EXPLAINED = (
    "Nieuw: begon in dit kwartaal mee te tellen. Gestopt: telde in dit kwartaal voor het laatst "
    "mee (afgesloten, of niet meer binnen de definitie, bijvoorbeeld 18 geworden). Lopend: telde "
    "minstens één dag mee. De aantallen per kenmerk gaan over de lopende casussen.")


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{format_number(value)}%"


def _caption(figures: QuarterFigures) -> Flowable:
    return text(f"Definitie: {figures.definition.label}.", styles().small)


def _targets(figures: QuarterFigures) -> list[Flowable]:
    st = styles()
    rows = [["Doel", "Norm", "Behaald", "Aantal", "Oordeel"]]
    for result in figures.targets:
        rows.append([result.target.label, f"{result.target.norm}%", _pct(result.percentage),
                     _count_text(result), result.verdict])
    widths = [62 * mm, 16 * mm, 20 * mm, 22 * mm, CONTENT_WIDTH - 120 * mm]
    flow: list[Flowable] = [text("Doelen", st.heading), _caption(figures), table(rows, widths)]
    measured = [r for r in figures.targets if r.percentage is not None]
    if measured:
        flow += [spacer(3), bar_chart([r.target.label for r in measured],
                                      [r.percentage or 0.0 for r in measured], CONTENT_WIDTH,
                                      value_format=_pct, label_share=0.5, label_chars=60,
                                      norms=[float(r.target.norm) for r in measured],
                                      max_value=100.0)]
    flow.append(text(TARGETS_EXPLAINED, st.small))
    return flow


def _count_text(result: TargetResult) -> str:
    if not result.denominator_ids:
        return "0 casussen"
    return f"{len(result.numerator_ids)} van {len(result.denominator_ids)}"


def _durations(figures: QuarterFigures) -> list[Flowable]:
    st = styles()
    rows = [["Meting", "Aantal", "Gemiddeld", "Mediaan", "Vorig kwartaal", "Verschil"]]
    for figure in figures.durations:
        rows.append([figure.measure.label, str(figure.count), _days(figure.mean),
                     _days(figure.median), _days(figure.previous_mean), _trend(figure)])
    widths = [44 * mm, 16 * mm, 24 * mm, 22 * mm, 24 * mm, CONTENT_WIDTH - 130 * mm]
    return [text("Doorloopsnelheid", st.heading), _caption(figures), table(rows, widths),
            text(DURATIONS_EXPLAINED, st.small)]


def _days(value: float | None) -> str:
    return "—" if value is None else f"{format_number(value)} dagen"


def _trend(figure: DurationFigure) -> str:
    return figure.trend_text


def _flow(figures: QuarterFigures) -> list[Flowable]:
    st = styles()
    flow = figures.flow
    rows = [["Nieuw", "Gestopt", "Lopend in het kwartaal", "Lopend op de einddatum"],
            [str(len(flow.new_ids)), str(len(flow.ended_ids)), str(len(flow.running_ids)),
             str(len(flow.at_end_ids))]]
    return [text("Instroom en uitstroom", st.heading), _caption(figures),
            table(rows, [CONTENT_WIDTH / 4] * 4), text(FLOW_EXPLAINED, st.small)]


def _count_block(count_table: CountTable) -> Flowable:
    st = styles()
    total = count_table.total
    heading = text(f"{count_table.dimension.label} (definitie: "
                   f"{count_table.definition.short_label}, {total} casussen)", st.cell_bold)
    if not count_table.rows:
        return KeepStart([heading, text("Geen casussen in dit kwartaal.", st.small)])
    rows = [[count_table.dimension.label, "Aantal", "Aandeel"]]
    for row in count_table.rows:
        rows.append([row.label, str(row.count), _pct(100 * row.count / total)])
    table_width = CONTENT_WIDTH * 0.55
    counts = table(rows, [table_width - 38 * mm, 16 * mm, 22 * mm])
    counts.hAlign = "LEFT"
    # Several causes per pupil: the rows add up to more than the total, said under the heading.
    head = [heading, text(count_table.several_note, st.small)] if count_table.several_note \
        else [heading]
    if not 2 <= len(count_table.rows) <= MAX_CHART_ROWS:
        return KeepStart([*head, spacer(1), counts])
    chart = bar_chart([r.label for r in count_table.rows],
                      [float(r.count) for r in count_table.rows],
                      CONTENT_WIDTH - table_width - 4 * mm)
    side_by_side = grid([[counts, chart]],
                        [table_width + 4 * mm, CONTENT_WIDTH - table_width - 4 * mm],
                        [("VALIGN", (0, 0), (-1, -1), "TOP"),
                         ("LEFTPADDING", (0, 0), (-1, -1), 0),
                         ("RIGHTPADDING", (0, 0), (-1, -1), 0)])
    return KeepStart([*head, spacer(1), side_by_side])


def _period(figures: QuarterFigures) -> str:
    period = f"{dutch_date(figures.quarter.start)} t/m {dutch_date(figures.period_end)}"
    if figures.is_partial:
        period += " (het kwartaal loopt nog; gemeten tot en met vandaag)"
    return period


@dataclass(frozen=True, slots=True)
class BesideTheFigures:
    """What goes with the numbers: "Deze kwartaalcijfers plus het verhaal" (seed 000)."""

    story: str = ""
    follow_ups: str = ""  # one sentence on the follow-up after closing
    notes: tuple[str, ...] = ()  # what the figures count on an update's assumption


def _beside(beside: BesideTheFigures) -> list[Flowable]:
    st = styles()
    story: list[Flowable] = []
    if beside.story.strip():
        story += [KeepStart([text("Het verhaal bij de cijfers", st.heading),
                             text(beside.story.strip())])]
    if beside.follow_ups:
        story += [text("Nazorg na afsluiten", st.heading), text(beside.follow_ups)]
    if beside.notes:
        story += [text("Let op bij deze cijfers", st.heading),
                  *[text(note, st.small) for note in beside.notes]]
    return story


def quarterly_report_pdf(figures: QuarterFigures, *, organisation: str, made_on: date,
                         beside: BesideTheFigures | None = None) -> bytes:
    """The quarterly report of one definition as PDF bytes."""
    st = styles()
    story: list[Flowable] = [
        text(TITLE, st.title),
        text(figures.quarter.label.capitalize(), st.heading),
        key_values([("Periode", _period(figures)),
                    ("Definitie", figures.definition.label),
                    ("Gemaakt op", dutch_date(made_on))]),
        spacer(2),
        *_beside(beside or BesideTheFigures()),
        *_targets(figures),
        *_durations(figures),
        *_flow(figures),
        text("Aantallen per kenmerk", st.heading),
        _caption(figures),
    ]
    for count_table in figures.counts:
        story += [_count_block(count_table), spacer(4)]
    frame = PageFrame(organisation=organisation,
                      document_title=f"{TITLE} {figures.quarter.short_label}",
                      footer_note=f"Definitie: {figures.definition.label}.")
    return build_pdf(story, frame)
