"""Shared building blocks for every PDF: embedded fonts, calm B1 styles, page frame.

A report takes plain data and returns PDF bytes; nothing is written to disk here, so no
unencrypted copy is left behind unless the user saves it.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepInFrame,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import FrameBreak

from thuiszitter_desktop.reports.encrypt import encrypted
from thuiszitter_desktop.reports.fonts import (
    FONT,
    FONT_BOLD,
    FONT_ITALIC,
    markup,
    register_fonts,
)

__all__ = ["FONT", "FONT_BOLD", "FONT_ITALIC", "register_fonts"]

ACCENT = colors.HexColor("#1F4E79")
MUTED = colors.HexColor("#555555")
GRID = colors.HexColor("#B7C4D1")
HEADER_FILL = colors.HexColor("#E8EEF4")
LANGUAGE = "nl-NL"
CREATOR = "Thuiszitter Desktop"


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle


@cache
def styles() -> Styles:
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=15, alignment=TA_LEFT,
                          spaceAfter=6)
    return Styles(
        title=ParagraphStyle("title", parent=body, fontName=FONT_BOLD, fontSize=17, leading=22,
                             textColor=ACCENT, spaceAfter=10),
        heading=ParagraphStyle("heading", parent=body, fontName=FONT_BOLD, fontSize=12.5,
                               leading=17, textColor=ACCENT, spaceBefore=10, spaceAfter=4,
                               keepWithNext=1),
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, textColor=MUTED),
        cell=ParagraphStyle("cell", parent=body, fontSize=9.5, leading=13, spaceAfter=0),
        cell_bold=ParagraphStyle("cell_bold", parent=body, fontName=FONT_BOLD, fontSize=9.5,
                                 leading=13, spaceAfter=0),
    )


def text(value: str, style: ParagraphStyle | None = None) -> Paragraph:
    """A paragraph of user text that flows over pages: escaped, line breaks kept, long
    words broken, every character from an embedded font (right-to-left words joined)."""
    return Paragraph(markup(value), style or styles().body)


MIN_FOLLOW = 45.0  # points: a heading needs about three lines of what follows under it


class KeepStart(KeepTogether):  # type: ignore[misc]
    """Keeps its first flowables (headings) with the *start* of its last one.

    reportlab's KeepTogether moves everything to the next page when the whole does not fit,
    which leaves most of a page empty before a long text. This moves on only when the
    headings and the first lines of what follows do not fit; otherwise the last flowable
    splits over the pages as usual.
    """

    def split(self, aW: float, aH: float) -> list[Flowable]:
        content = list(self._content)
        if not content:
            return content
        total, start = self.heights(aW)
        if total <= aH:
            return content
        frame = getattr(self, "_frame", None)
        at_top = bool(getattr(frame, "_atTop", False))
        if start > aH and not at_top:
            return [FrameBreak(), *content]
        # The layout places the first flowable whole; one taller than the room is split here.
        first_total, _ = _heights(content[0], aW, self.canv)
        if first_total <= aH:
            return content
        parts: list[Flowable] = content[0].splitOn(self.canv, aW, aH)
        if parts:
            return [*parts, *content[1:]]
        return content if at_top else [FrameBreak(), *content]

    def heights(self, aW: float) -> tuple[float, float]:
        """(height of the whole, height needed to start on a page: the first flowables and
        the start of the last, also when that is a KeepStart itself)."""
        measured = [_heights(f, aW, self.canv) for f in self._content]
        before = sum(total for total, _ in measured[:-1])
        last_total, last_start = measured[-1]
        return before + last_total, before + last_start


def _heights(flowable: Flowable, aW: float, canvas: Any) -> tuple[float, float]:
    if isinstance(flowable, KeepStart):
        flowable.canv = canvas
        return flowable.heights(aW)
    if isinstance(flowable, KeepTogether):
        flowable.wrapOn(canvas, aW, 0xFFFFFFF)
        total = float(flowable._H)
    else:
        total = float(flowable.wrapOn(canvas, aW, 0xFFFFFFF)[1])
    total += flowable.getSpaceBefore() + flowable.getSpaceAfter()
    if total > MIN_FOLLOW and not flowable.splitOn(canvas, aW, MIN_FOLLOW):
        return total, total  # it cannot start in a few lines (a one-row table): it goes whole
    return total, min(total, MIN_FOLLOW)


class _Document(SimpleDocTemplate):  # type: ignore[misc]
    def handle_keepWithNext(self, flowables: list[Flowable]) -> None:
        """A heading (keepWithNext) stays with the start of what follows, also when that is
        a group itself (reportlab leaves groups out and so left headings alone)."""
        count = 0
        while count < len(flowables) and flowables[count].getKeepWithNext():
            count += 1
        if not count:
            return
        if count < len(flowables):
            count += 1
        group = KeepStart(flowables[:count])
        for flowable in group._content[:-1]:
            flowable.__dict__["keepWithNext"] = 0
        del flowables[:count]
        flowables.insert(0, group)


def table_style(commands: Sequence[tuple[Any, ...]]) -> TableStyle:
    """A table style in the embedded font: reportlab would otherwise set Helvetica (a font
    that is not embedded) for every cell, even one that holds a paragraph."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT), *commands])


def grid(data: Sequence[Sequence[Any]], col_widths: Sequence[float],
         commands: Sequence[tuple[Any, ...]], *, repeat_rows: int = 0,
         row_heights: Sequence[float | None] | None = None) -> Table:
    """A table whose rows split across pages, also within a row that is taller than a page."""
    tbl = Table([list(row) for row in data], colWidths=list(col_widths),
                rowHeights=list(row_heights) if row_heights is not None else None,
                repeatRows=repeat_rows, splitByRow=True, splitInRow=True)
    tbl.setStyle(table_style(commands))
    return tbl


def table(rows: Sequence[Sequence[str]], col_widths: Sequence[float], header: bool = True,
          ) -> Table:
    """A calm grid table whose cells wrap (and split across pages) instead of clipping."""
    st = styles()
    data = [[text(cell, st.cell_bold if header and r == 0 else st.cell) for cell in row]
            for r, row in enumerate(rows)]
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL))
    return grid(data, col_widths, commands, repeat_rows=1 if header else 0)


def key_values(pairs: Sequence[tuple[str, str]], label_width: float = 45 * mm) -> Table:
    """Label/value lines without a grid, e.g. the pupil block at the top of a letter."""
    st = styles()
    data = [[text(label, st.cell_bold), text(value, st.cell)] for label, value in pairs]
    return grid(data, [label_width, CONTENT_WIDTH - label_width],
                [("VALIGN", (0, 0), (-1, -1), "TOP"),
                 ("LEFTPADDING", (0, 0), (-1, -1), 0),
                 ("BOTTOMPADDING", (0, 0), (-1, -1), 3)])


MARGIN = 20 * mm
FRAME_PADDING = 6  # SimpleDocTemplate's frame pads 6 pt on each side
CONTENT_WIDTH = A4[0] - 2 * MARGIN - 2 * FRAME_PADDING


@dataclass(frozen=True)
class PageFrame:
    """What every page carries: organisation (letterhead), document title, page numbers."""

    organisation: str
    document_title: str
    footer_note: str = ""


def build_pdf(story: list[Flowable], frame: PageFrame, *, password: str | None = None,
              subject: str = "") -> bytes:
    """Lay out ``story`` on A4 pages and return the PDF bytes (AES-256 encrypted with a
    password). Every glyph comes from an embedded font; title, author (the organisation)
    and language (nl-NL) are in the metadata."""
    register_fonts()
    buffer = io.BytesIO()
    doc = _Document(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN + 10 * mm,
        bottomMargin=MARGIN, title=frame.document_title, author=frame.organisation,
        subject=subject, creator=CREATOR, lang=LANGUAGE, initialFontName=FONT,
    )
    furniture = _Furniture(frame)

    def decorate(canvas: Any, document: Any) -> None:
        furniture.draw(canvas, document.page)

    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    data = buffer.getvalue()
    return encrypted(data, password) if password else data


@dataclass(frozen=True)
class _PageStyles:
    organisation: ParagraphStyle
    title: ParagraphStyle
    footer: ParagraphStyle
    page_number: ParagraphStyle


@cache
def _page_styles() -> _PageStyles:
    base = styles().small
    return _PageStyles(
        organisation=ParagraphStyle("page_org", parent=base, fontName=FONT_BOLD, fontSize=10,
                                    leading=12, textColor=ACCENT, spaceAfter=0),
        title=ParagraphStyle("page_title", parent=base, fontSize=8.5, leading=10.5,
                             alignment=TA_RIGHT, spaceAfter=0),
        footer=ParagraphStyle("page_footer", parent=base, fontSize=8, leading=10, spaceAfter=0),
        page_number=ParagraphStyle("page_number", parent=base, fontSize=8, leading=10,
                                   alignment=TA_RIGHT, spaceAfter=0),
    )


class _Furniture:
    """The letterhead and footer of every page, laid out once per document. They never run
    off their bands: a long organisation name or document title is set smaller instead."""

    HEADER_HEIGHT = 10 * mm
    FOOTER_HEIGHT = 11 * mm

    def __init__(self, frame: PageFrame) -> None:
        st = _page_styles()
        width = A4[0] - 2 * MARGIN
        self._header = [
            (0.0, _fitted(text(frame.organisation, st.organisation), width * 0.42,
                          self.HEADER_HEIGHT)),
            (width * 0.42, _fitted(text(frame.document_title, st.title), width * 0.58,
                                   self.HEADER_HEIGHT)),
        ]
        self._footer = _fitted(text(frame.footer_note, st.footer), width * 0.82,
                               self.FOOTER_HEIGHT)
        self._number_x = width * 0.82
        self._number_width = width * 0.18
        self._wrapped = False

    def draw(self, canvas: Any, page: int) -> None:
        if not self._wrapped:
            for _, band in [*self._header, (0.0, self._footer)]:
                band.wrapOn(canvas, band.maxWidth, band.maxHeight)
            self._wrapped = True
        canvas.saveState()
        width, height = A4
        for x, band in self._header:
            band.drawOn(canvas, MARGIN + x, height - MARGIN - 1.5 * mm)
        canvas.setStrokeColor(GRID)
        canvas.line(MARGIN, height - MARGIN - 3 * mm, width - MARGIN, height - MARGIN - 3 * mm)
        bottom = MARGIN - 13 * mm
        self._footer.drawOn(canvas, MARGIN, bottom)
        number = Paragraph(f"Pagina {page}", _page_styles().page_number)
        number.wrapOn(canvas, self._number_width, self.FOOTER_HEIGHT)
        number.drawOn(canvas, MARGIN + self._number_x, bottom)
        canvas.restoreState()


def _fitted(paragraph: Paragraph, width: float, height: float) -> KeepInFrame:
    right = paragraph.style.alignment == TA_RIGHT
    return KeepInFrame(width, height, [paragraph], mode="shrink", vAlign="BOTTOM",
                       hAlign="RIGHT" if right else "LEFT")


def spacer(height_mm: float = 4) -> Spacer:
    return Spacer(1, height_mm * mm)


