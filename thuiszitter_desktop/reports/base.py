"""Shared building blocks for every PDF: embedded fonts, calm B1 styles, page frame.

A report takes plain data and returns PDF bytes; nothing is written to disk here, so no
unencrypted copy is left behind unless the user saves it.
"""

from __future__ import annotations

import importlib
import io
import pkgutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from thuiszitter_desktop.paths import resources_dir

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
ACCENT = colors.HexColor("#1F4E79")
MUTED = colors.HexColor("#555555")
GRID = colors.HexColor("#B7C4D1")
HEADER_FILL = colors.HexColor("#E8EEF4")


@cache
def register_fonts() -> None:
    """Embed DejaVu Sans so names like 'Zoë Çelik-d'Hondt' print right."""
    fonts = resources_dir() / "fonts"
    for name, file in ((FONT, "DejaVuSans.ttf"), (FONT_BOLD, "DejaVuSans-Bold.ttf"),
                       (FONT_ITALIC, "DejaVuSans-Oblique.ttf")):
        pdfmetrics.registerFont(TTFont(name, str(fonts / file)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC,
                                  boldItalic=FONT_BOLD)


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
                               leading=17, textColor=ACCENT, spaceBefore=10, spaceAfter=4),
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, textColor=MUTED),
        cell=ParagraphStyle("cell", parent=body, fontSize=9.5, leading=13, spaceAfter=0),
        cell_bold=ParagraphStyle("cell_bold", parent=body, fontName=FONT_BOLD, fontSize=9.5,
                                 leading=13, spaceAfter=0),
    )


def text(value: str, style: ParagraphStyle | None = None) -> Paragraph:
    """A paragraph of user text: escaped, line breaks kept, so it flows over pages."""
    escaped = (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
               .replace("\n", "<br/>"))
    return Paragraph(escaped, style or styles().body)


def dutch_date(day: date | None) -> str:
    """'3 maart 2026' — the way a letter to parents writes a date."""
    if day is None:
        return "—"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")


def table(rows: Sequence[Sequence[str]], col_widths: Sequence[float], header: bool = True,
          ) -> Table:
    """A calm grid table whose cells wrap (and split across pages) instead of clipping."""
    st = styles()
    data = [[text(cell, st.cell_bold if header and r == 0 else st.cell) for cell in row]
            for r, row in enumerate(rows)]
    tbl = Table(data, colWidths=list(col_widths), repeatRows=1 if header else 0,
                splitByRow=True)
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
    tbl.setStyle(TableStyle(commands))
    return tbl


def key_values(pairs: Sequence[tuple[str, str]], label_width: float = 45 * mm) -> Table:
    """Label/value lines without a grid, e.g. the pupil block at the top of a letter."""
    st = styles()
    data = [[text(label, st.cell_bold), text(value, st.cell)] for label, value in pairs]
    tbl = Table(data, colWidths=[label_width, CONTENT_WIDTH - label_width])
    tbl.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                             ("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    return tbl


MARGIN = 20 * mm
FRAME_PADDING = 6  # SimpleDocTemplate's frame pads 6 pt on each side
CONTENT_WIDTH = A4[0] - 2 * MARGIN - 2 * FRAME_PADDING


@dataclass(frozen=True)
class PageFrame:
    """What every page carries: organisation (letterhead), document title, page numbers."""

    organisation: str
    document_title: str
    footer_note: str = ""


def build_pdf(
    story: list[Flowable],
    frame: PageFrame,
    *,
    password: str | None = None,
    author: str = "",
) -> bytes:
    """Lay out ``story`` on A4 pages and return the PDF bytes (encrypted if a password is set)."""
    register_fonts()
    buffer = io.BytesIO()
    encrypt = None
    if password:
        encrypt = StandardEncryption(password, canPrint=1, canModify=0, canCopy=0,
                                     canAnnotate=0, strength=128)
    doc = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN + 10 * mm,
        bottomMargin=MARGIN, title=frame.document_title, author=author or frame.organisation,
        encrypt=encrypt,
    )

    def decorate(canvas: Any, document: Any) -> None:
        canvas.saveState()
        width, height = A4
        canvas.setFont(FONT_BOLD, 10)
        canvas.setFillColor(ACCENT)
        canvas.drawString(MARGIN, height - MARGIN, frame.organisation)
        canvas.setFont(FONT, 8.5)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(width - MARGIN, height - MARGIN, frame.document_title)
        canvas.setStrokeColor(GRID)
        canvas.line(MARGIN, height - MARGIN - 3 * mm, width - MARGIN, height - MARGIN - 3 * mm)
        footer = f"Pagina {document.page}"
        if frame.footer_note:
            lines = simpleSplit(frame.footer_note, FONT, 8, CONTENT_WIDTH - 30 * mm)
            top = MARGIN - 8 * mm + (len(lines) - 1) * 10  # grow upwards, never off the page
            for i, line in enumerate(lines):
                canvas.drawString(MARGIN, top - i * 10, line)
        canvas.drawRightString(width - MARGIN, MARGIN - 8 * mm, footer)
        canvas.restoreState()

    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue()


def spacer(height_mm: float = 4) -> Spacer:
    return Spacer(1, height_mm * mm)


@cache  # built on first use, not at start-up
def enum_labels() -> dict[str, str]:
    """Stored enum name → Dutch label, for names that mean the same in every vocabulary
    (documents that print raw stored values, such as the AVG dossier). A name with different
    labels in different enums ('SCHOOL') is left out: the caller knows its column's enum."""
    import thuiszitter_desktop.domain as domain_package
    from thuiszitter_desktop.domain.vocab import Labelled

    for module in pkgutil.iter_modules(domain_package.__path__):
        importlib.import_module(f"{domain_package.__name__}.{module.name}")
    seen: dict[str, set[str]] = {}
    pending: list[type[Labelled]] = list(Labelled.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        for member in cls:
            seen.setdefault(member.name, set()).add(str(member.value))
    return {name: labels.pop() for name, labels in seen.items() if len(labels) == 1}
