"""Building blocks for forms: checkboxes, lines to write on, boxes for longer answers."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Table

from thuiszitter_desktop.reports.base import CONTENT_WIDTH, GRID, HEADER_FILL, grid, styles, text

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
    return grid(data, [7 * mm, CONTENT_WIDTH - 7 * mm],
                [("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                 ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)])


def checkbox_row(labels: Sequence[str], lead: str = "") -> Table:
    """Empty checkboxes side by side on one line, e.g. 'Hoe gegeven: ☐ Mondeling ☐ …'."""
    st = styles()
    cells = [text(lead, st.cell)] + [text(checkbox(False, label), st.cell) for label in labels]
    lead_width = 30 * mm if lead else 0.0
    each = (CONTENT_WIDTH - lead_width) / max(1, len(labels))
    return grid([cells], [lead_width] + [each] * len(labels),
                [("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 1),
                 ("BOTTOMPADDING", (0, 0), (-1, -1), 3)])


def write_lines(labels: Sequence[str], label_width: float = 50 * mm) -> Table:
    """Label on the left, an empty underlined space on the right to fill in by hand."""
    st = styles()
    data = [[text(label, st.cell_bold), ""] for label in labels]
    return grid(data, [label_width, CONTENT_WIDTH - label_width],
                [("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                 ("LINEBELOW", (1, 0), (1, -1), 0.5, GRID)],
                row_heights=[WRITE_ROW_HEIGHT] * len(labels))


def write_box(height_mm: float) -> Table:
    """An empty framed box for a longer handwritten answer."""
    return grid([[""]], [CONTENT_WIDTH], [("BOX", (0, 0), (-1, -1), 0.5, GRID)],
                row_heights=[height_mm * mm])


def empty_grid(header: Sequence[str], col_widths: Sequence[float], rows: int) -> Table:
    """A table with a header and empty rows to fill in by hand."""
    st = styles()
    data: list[list[object]] = [[text(h, st.cell_bold) for h in header]]
    data += [["" for _ in header] for _ in range(rows)]
    return grid(data, col_widths, [("GRID", (0, 0), (-1, -1), 0.5, GRID),
                                   ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP")],
                repeat_rows=1, row_heights=[None] + [WRITE_ROW_HEIGHT] * rows)


def note_box(lines: Sequence[str]) -> Table:
    """A shaded box for something the reader must not miss."""
    st = styles()
    return grid([[text(line, st.cell)] for line in lines], [CONTENT_WIDTH],
                [("BACKGROUND", (0, 0), (-1, -1), HEADER_FILL),
                 ("BOX", (0, 0), (-1, -1), 0.5, GRID),
                 ("LEFTPADDING", (0, 0), (-1, -1), 6), ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                 ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                 ("TOPPADDING", (0, 0), (-1, 0), 5), ("BOTTOMPADDING", (0, -1), (-1, -1), 5)])
