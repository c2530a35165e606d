"""Inzageverzoek (AVG art. 15): everything stored about one pupil, as a readable PDF.

Plain data in (table name → rows of column → value), PDF bytes out. Unknown tables and
columns (added by later features) are printed too, under their technical name.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from thuiszitter_desktop.domain.dutch_dates import dutch_date
from thuiszitter_desktop.reports.base import (
    PageFrame,
    build_pdf,
    key_values,
    spacer,
    styles,
    text,
)
from thuiszitter_desktop.reports.dossier_text import (
    COLUMN_LABELS,
    HIDDEN,
    TABLE_TITLES,
    DossierData,
    show_value,
)


def _row_block(row: dict[str, Any]) -> Flowable:
    pairs = [(COLUMN_LABELS.get(key, key.replace("_", " ")), show_value(value, key))
             for key, value in row.items() if key not in HIDDEN]
    return key_values(pairs, label_width=62 * mm)  # 'Casusverantwoordelijke' on one line


def dossier_pdf(data: DossierData) -> bytes:
    st = styles()
    pupil = (data.tables.get("pupils") or [{}])[0]
    name = f"{pupil.get('first_name', '')} {pupil.get('last_name', '')}".strip()
    story: list[Flowable] = [
        text(f"Uw gegevens: {name}", st.title),
        text("U vroeg welke gegevens wij over deze leerling bewaren. Hieronder staat alles wat "
             "in ons systeem staat, ook wie het dossier heeft bekeken of gewijzigd. Klopt er "
             "iets niet? Dan mag u vragen om het te verbeteren."),
        key_values([("Gemaakt op", dutch_date(data.made_on)), ("Gemaakt door", data.made_by)]),
    ]
    for table_name, rows in data.tables.items():
        story.append(text(TABLE_TITLES.get(table_name, table_name.replace("_", " ")),
                          st.heading))
        if not rows:
            story.append(text("Hierover is niets vastgelegd.", st.small))
            continue
        for row in rows:
            story.append(_row_block(row))
            story.append(spacer(3))
    frame = PageFrame(organisation=data.organisation.strip() or "Thuiszitter Desktop",
                      document_title="Inzageverzoek (AVG artikel 15)",
                      footer_note="Vertrouwelijk: alleen voor de leerling en ouders/verzorgers.")
    return build_pdf(story, frame)
