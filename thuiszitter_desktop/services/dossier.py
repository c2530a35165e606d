"""AVG art. 15 (inzageverzoek): one pupil's complete dossier as JSON and as a PDF.

The content is the generic dump of every table with a ``case_id`` column, so data stored by
later features is included automatically.
"""

from __future__ import annotations

import json
from typing import Any

from thuiszitter_desktop.reports.dossier_text import DossierData
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.services.figures import organisation
from thuiszitter_desktop.storage import repo_security
from thuiszitter_desktop.version import __version__


def collect(ctx: AppContext, case_id: str) -> DossierData:
    with ctx.vault.read() as conn:
        tables = repo_security.case_dump(conn, case_id)
    return DossierData(case_id=case_id, made_on=ctx.today(), made_by=ctx.actor, tables=tables,
                       organisation=organisation(ctx))


def record_export(ctx: AppContext, case_id: str, kind: str) -> None:
    """Log the export once its file (``kind``: 'PDF' or 'JSON') was written."""
    if ctx.vault.read_only:
        return
    with ctx.vault.transaction() as conn:
        ctx.audit(conn, "geëxporteerd", "dossier", case_id, case_id, f"inzageverzoek {kind}")


def export_json(ctx: AppContext, case_id: str) -> bytes:
    data = collect(ctx, case_id)
    body: dict[str, Any] = {
        "soort": "Inzageverzoek AVG artikel 15 — volledig dossier",
        "gemaakt_op": data.made_on.isoformat(),
        "gemaakt_door": data.made_by,
        "programma": f"Thuiszitter Desktop {__version__}",
        "casus_id": case_id,
        "tabellen": data.tables,
    }
    return json.dumps(body, ensure_ascii=False, indent=2).encode("utf-8")


def export_pdf(ctx: AppContext, case_id: str) -> bytes:
    # Imported when a document is made: reportlab costs a noticeable part of start-up.
    from thuiszitter_desktop.reports.dossier import dossier_pdf

    return dossier_pdf(collect(ctx, case_id))
