"""Building blocks for forms: checkboxes, lines to write on, boxes for longer answers."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Table, TableStyle

from thuiszitter_desktop.reports.base import CONTENT_WIDTH, GRID, HEADER_FILL, styles, text

CHECKED = "☒"
UNCHECKED = "☐"
WRITE_ROW_HEIGHT = 9 * mm


def checkbox(checked: bool, label: str) -> str:
    return f"{CHECKED if checked else UNCHECKED}  {label}"


def checklist(items: Sequence[tuple[bool, str]]) -> Table:
    """Checkbox lines; the box stays in its own column so wrapped labels line up."""
    st = styles()
    data = [[text(CHECKED if checked else UNCHECKED, st.cell), text(label, st.cell)]
            for checked, label in items]
    tbl = Table(data, colWidths=[7 * mm, CONTENT_WIDTH - 7 * mm])
    tbl.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                             ("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("TOPPADDING", (0, 0), (-1, -1), 1),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    return tbl


def checkbox_row(labels: Sequence[str], lead: str = "") -> Table:
    """Empty checkboxes side by side on one line, e.g. 'Hoe gegeven: ☐ Mondeling ☐ …'."""
    st = styles()
    cells = [text(lead, st.cell)] + [text(checkbox(False, label), st.cell) for label in labels]
    lead_width = 30 * mm if lead else 0.0
    each = (CONTENT_WIDTH - lead_width) / max(1, len(labels))
    tbl = Table([cells], colWidths=[lead_width] + [each] * len(labels))
    tbl.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("TOPPADDING", (0, 0), (-1, -1), 1),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    return tbl


def write_lines(labels: Sequence[str], label_width: float = 50 * mm) -> Table:
    """Label on the left, an empty underlined space on the right to fill in by hand."""
    st = styles()
    data = [[text(label, st.cell_bold), ""] for label in labels]
    tbl = Table(data, colWidths=[label_width, CONTENT_WIDTH - label_width],
                rowHeights=[WRITE_ROW_HEIGHT] * len(labels))
    tbl.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                             ("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("LINEBELOW", (1, 0), (1, -1), 0.5, GRID)]))
    return tbl


def write_box(height_mm: float) -> Table:
    """An empty framed box for a longer handwritten answer."""
    tbl = Table([[""]], colWidths=[CONTENT_WIDTH], rowHeights=[height_mm * mm])
    tbl.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 0.5, GRID)]))
    return tbl


def empty_grid(header: Sequence[str], col_widths: Sequence[float], rows: int) -> Table:
    """A table with a header and empty rows to fill in by hand."""
    st = styles()
    data: list[list[object]] = [[text(h, st.cell_bold) for h in header]]
    data += [["" for _ in header] for _ in range(rows)]
    tbl = Table(data, colWidths=list(col_widths),
                rowHeights=[None] + [WRITE_ROW_HEIGHT] * rows)
    tbl.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, GRID),
                             ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                             ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return tbl


def note_box(lines: Sequence[str]) -> Table:
    """A shaded box for something the reader must not miss."""
    st = styles()
    tbl = Table([[[text(line, st.cell) for line in lines]]], colWidths=[CONTENT_WIDTH])
    tbl.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), HEADER_FILL),
                             ("BOX", (0, 0), (-1, -1), 0.5, GRID),
                             ("LEFTPADDING", (0, 0), (-1, -1), 6),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                             ("TOPPADDING", (0, 0), (-1, -1), 5),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
    return tbl
