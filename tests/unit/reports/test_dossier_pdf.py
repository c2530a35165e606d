"""The AVG dossier speaks Dutch: labels for columns and for stored vocabulary values."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from thuiszitter_desktop.reports.dossier import dossier_pdf
from thuiszitter_desktop.reports.dossier_text import COLUMN_LABELS, HIDDEN, DossierData
from thuiszitter_desktop.storage.repo_security import case_tables
from thuiszitter_desktop.storage.tables import audit_log, cases, pupils


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_stored_values_and_columns_are_shown_in_dutch() -> None:
    data = DossierData(
        case_id="c1", made_on=date(2026, 11, 23), made_by="Anouk Vermeer",
        tables={
            "pupils": [{"first_name": "Zoë", "last_name": "Çelik-d'Hondt",
                        "onderwijstype": "PO", "birth_date": "2014-03-02"}],
            "cases": [{"verzuim_type": "VRIJSTELLING_5A", "regie": "SCHOOL",
                       "stage": "AANMELDING_ONTVANGEN", "education_percentage": 40,
                       "created_at": "2026-11-23T04:35:12.624598"}],
        },
    )
    text = pdf_text(dossier_pdf(data))
    for expected in ("Soort verzuim", "Vrijstelling 5a", "Basisonderwijs", "Regie",
                     "Aanmelding ontvangen", "Percentage onderwijs", "2 maart 2014",
                     "23 november 2026 04:35", "Zoë", "Çelik-d'Hondt"):
        assert expected in text, expected
    for raw in ("VRIJSTELLING_5A", "verzuim type", "AANMELDING_ONTVANGEN", "2026-11-23T"):
        assert raw not in text, raw


def test_every_stored_column_of_a_case_has_a_dutch_label_or_is_a_technical_key() -> None:
    tables = [pupils, cases, *case_tables(), audit_log]
    unlabelled = [(table.name, column.name) for table in tables for column in table.columns
                  if column.name not in HIDDEN and column.name not in COLUMN_LABELS]
    assert unlabelled == []
