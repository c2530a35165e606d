"""What the user saw and what left the vault: one audit line per view opened and per file.

Kept cheap on purpose: a view is recorded when it is opened (a page shown, an MDO agenda or a
plan version chosen), never per refresh, filter or keystroke; a document when it was written
to a file the user chose. Nothing is recorded in a read-only vault (it cannot be written).
"""

from __future__ import annotations

from pathlib import Path

from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.storage.errors import VaultError

VIEWED = "bekeken"
SAVED = "opgeslagen"
COPIED = "gekopieerd"


def record_view(ctx: AppContext, view: str, entity_id: str | None = None,
                case_id: str | None = None, detail: str = "") -> None:
    """``view``: what was opened ("caseload", "vandaag", "mdo-agenda", "logboek", …)."""
    _record(ctx, VIEWED, view, entity_id, case_id, detail)


def record_document(ctx: AppContext, document: str, file_format: str,
                    entity_id: str | None = None, case_id: str | None = None,
                    how: str = SAVED) -> None:
    """A document or export written to a file (``how``: "opgeslagen", "gekopieerd", …). The
    detail is the format only ("PDF", "ICS"): a file name may hold a pupil's name, and the
    log outlives anonymisation."""
    _record(ctx, how, document, entity_id, case_id, file_format)


def record_saved(ctx: AppContext, document: str, path: Path, entity_id: str | None = None,
                 case_id: str | None = None) -> None:
    """A document or export the user saved to ``path`` (recorded once it was written)."""
    record_document(ctx, document, path.suffix.lstrip(".").upper() or "bestand", entity_id,
                    case_id)


def _record(ctx: AppContext, action: str, entity: str, entity_id: str | None,
            case_id: str | None, detail: str) -> None:
    if ctx.vault.read_only or ctx.vault.is_locked:
        return
    try:
        with ctx.vault.transaction() as conn:
            ctx.audit(conn, action, entity, entity_id, case_id, detail)
    except VaultError:
        # A view is never refused because its log line could not be written (a full disk);
        # the save paths report that themselves.
        return
