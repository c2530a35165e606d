"""The Conflicten page's use cases: what conflicts are open, and deciding one.

A decision is an ordinary local edit (through the outbox) plus the conflict marked
``opgelost``; both reach the server and every laptop with the next sync, offline too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from thuiszitter_desktop.domain.errors import ValidationError
from thuiszitter_desktop.domain.model import new_id
from thuiszitter_desktop.domain.plan_dict import plan_from_dict
from thuiszitter_desktop.domain.plan_text import plan_text
from thuiszitter_desktop.reports.dossier_text import COLUMN_LABELS, TABLE_TITLES, show_value
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.storage import repo_plan, repo_sync
from thuiszitter_desktop.storage.sync_codec import JsonValue, dumps
from thuiszitter_desktop.storage.sync_outbox import utc_now
from thuiszitter_desktop.storage.sync_scope import table_named
from thuiszitter_desktop.storage.tables import cases, pupils
from thuiszitter_desktop.storage.tables_plan import plan_versions
from thuiszitter_desktop.storage.tables_sync import sync_conflicts

KIND_TITLES = {"veld": "Twee keer gewijzigd", "verwijderd": "Verwijderd en gewijzigd",
               "plan": "Twee nieuwe planversies", "dubbel": "Mogelijk dubbel"}


@dataclass(frozen=True)
class FieldChoice:
    field: str
    label: str
    server: JsonValue
    client: JsonValue
    server_text: str
    client_text: str


@dataclass(frozen=True)
class ConflictItem:
    id: str
    kind: str
    title: str
    table_name: str
    row_id: str
    case_id: str | None
    other_id: str | None
    pupil_name: str
    what: str  # the part of the dossier, in Dutch
    fields: tuple[FieldChoice, ...]
    server_by: str
    server_at: datetime | None  # UTC
    client_by: str
    client_at: datetime | None  # the laptop's own clock, as it said
    server_deleted: bool = False
    client_deleted: bool = False


def _text(field: str, value: JsonValue) -> str:
    if field == "document" and isinstance(value, str) and value.startswith("{"):
        try:
            return plan_text(plan_from_dict(json.loads(value)))
        except (ValueError, KeyError, TypeError):
            return value
    return show_value(value, field)


def _pupil_name(conn: Connection, case_id: str | None, pupil_id: str | None = None) -> str:
    query = select(pupils.c.first_name, pupils.c.last_name)
    if pupil_id:
        query = query.where(pupils.c.id == pupil_id)
    elif case_id:
        query = query.join(cases, cases.c.pupil_id == pupils.c.id).where(cases.c.id == case_id)
    else:
        return ""
    row = conn.execute(query).first()
    return f"{row.first_name} {row.last_name}" if row else ""


def _item(conn: Connection, row: Any) -> ConflictItem:
    detail = json.loads(row.detail or "{}")
    fields: list[FieldChoice] = []
    server_deleted = client_deleted = False
    if row.kind == "veld":
        fields = [FieldChoice(f["field"], COLUMN_LABELS.get(f["field"], f["field"]),
                              f["server"], f["client"], _text(f["field"], f["server"]),
                              _text(f["field"], f["client"])) for f in detail.get("fields", [])]
    elif row.kind == "verwijderd":
        server, client = detail.get("server"), detail.get("client")
        server_deleted, client_deleted = server is None, client is None
        shown = server or client or {}
        for name in shown:
            if name in ("id", "case_id", "version", "created_at", "updated_at"):
                continue
            fields.append(FieldChoice(
                name, COLUMN_LABELS.get(name, name), (server or {}).get(name),
                (client or {}).get(name), "(verwijderd)" if server is None else
                _text(name, server.get(name)), "(verwijderd)" if client is None else
                _text(name, client.get(name))))
    pupil_id = detail.get("pupil") if row.kind == "dubbel" else None
    return ConflictItem(
        id=row.id, kind=row.kind, title=KIND_TITLES.get(row.kind, row.kind),
        table_name=row.table_name, row_id=row.row_id, case_id=row.case_id,
        other_id=row.other_id, pupil_name=_pupil_name(conn, row.case_id, pupil_id),
        what=TABLE_TITLES.get(row.table_name, row.table_name), fields=tuple(fields),
        server_by=row.server_by, server_at=row.server_at, client_by=row.client_by,
        client_at=row.client_at, server_deleted=server_deleted, client_deleted=client_deleted)


def open_items(ctx: AppContext, duplicates: bool = False) -> list[ConflictItem]:
    """Open conflicts (``duplicates``: the Mogelijk dubbel items instead), oldest first."""
    kind_filter = (sync_conflicts.c.kind == "dubbel") if duplicates else (
        sync_conflicts.c.kind != "dubbel")
    with ctx.vault.read() as conn:
        rows = conn.execute(select(sync_conflicts).where(
            sync_conflicts.c.status == "open", kind_filter)
            .order_by(sync_conflicts.c.created_at)).all()
        return [_item(conn, row) for row in rows]


def get_item(ctx: AppContext, conflict_id: str) -> ConflictItem:
    with ctx.vault.read() as conn:
        row = conn.execute(select(sync_conflicts).where(
            sync_conflicts.c.id == conflict_id)).first()
        if row is None or row.status != "open":
            raise ValidationError({"conflict": "Dit conflict is al opgelost."})
        return _item(conn, row)


def mark_resolved(ctx: AppContext, conn: Connection, conflict_id: str,
                  resolution: dict[str, Any]) -> None:
    repo_sync.save_record(conn, sync_conflicts, {
        "id": conflict_id, "status": "opgelost", "resolution": dumps(resolution),
        "resolved_by": ctx.actor, "resolved_at": utc_now().isoformat()}, ctx.now())


def resolve_fields(ctx: AppContext, conflict_id: str, chosen: dict[str, JsonValue]) -> None:
    """Keep one side, the other, or a combined value per field (Twee keer gewijzigd)."""
    item = get_item(ctx, conflict_id)
    table = table_named(item.table_name)
    if table is None:
        raise ValidationError({"conflict": "Dit onderdeel kent deze versie van de app niet."})
    with ctx.vault.transaction() as conn:
        current = repo_sync.get_record(conn, table, item.row_id)
        if current is not None:
            changed = {k: v for k, v in chosen.items() if k in current and current[k] != v}
            if changed:
                repo_sync.save_record(conn, table, {"id": item.row_id, **changed}, ctx.now())
        mark_resolved(ctx, conn, conflict_id, {"keuze": chosen})
        ctx.audit(conn, "conflict opgelost", item.table_name, item.row_id, item.case_id,
                  ",".join(sorted(chosen)))
    _publish(ctx, item)


def resolve_deletion(ctx: AppContext, conflict_id: str, keep: bool) -> None:
    """Verwijderd en gewijzigd: keep the record (restore it / leave it) or let it go."""
    item = get_item(ctx, conflict_id)
    table = table_named(item.table_name)
    if table is None:
        raise ValidationError({"conflict": "Dit onderdeel kent deze versie van de app niet."})
    with ctx.vault.transaction() as conn:
        row = conn.execute(select(sync_conflicts.c.detail, sync_conflicts.c.server_version)
                           .where(sync_conflicts.c.id == conflict_id)).one()
        detail = json.loads(row.detail)
        present = repo_sync.get_record(conn, table, item.row_id) is not None
        if keep and item.server_deleted and not present and detail.get("client"):
            # Restore on purpose: based on the tombstone's version, so the server accepts it.
            repo_sync.restore_record(conn, table, detail["client"], row.server_version,
                                     ctx.now())
        elif not keep and present:
            repo_sync.delete_record(conn, table, item.row_id)
        mark_resolved(ctx, conn, conflict_id, {"bewaren": keep})
        ctx.audit(conn, "conflict opgelost", item.table_name, item.row_id, item.case_id,
                  "bewaard" if keep else "verwijderd")
    _publish(ctx, item)


def keep_both_versions(ctx: AppContext, conflict_id: str) -> None:
    """A plan version saved on two laptops: the team's stays, this laptop's other one becomes
    the next version (to be combined in the plan editor)."""
    item = get_item(ctx, conflict_id)
    document = next((f.client for f in item.fields if f.field == "document"), None)
    if item.table_name != plan_versions.name or not isinstance(document, str):
        raise ValidationError({"conflict": "Dit conflict gaat niet over een plan van aanpak."})
    with ctx.vault.transaction() as conn:
        plan = plan_from_dict(json.loads(document))
        newest = repo_plan.latest_version(conn, plan.case_id)
        number = (newest.version if newest else 0) + 1
        repo_plan.save_version(conn, replace(plan, id=new_id(), version=number), ctx.now())
        mark_resolved(ctx, conn, conflict_id, {"beide": True})
        ctx.audit(conn, "conflict opgelost", item.table_name, item.row_id, item.case_id,
                  f"beide versies bewaard (versie {number})")
    _publish(ctx, item)


def dismiss(ctx: AppContext, conflict_id: str) -> None:
    """Gezien (two plan versions) or Geen dubbel: nothing to change but the conflict itself."""
    item = get_item(ctx, conflict_id)
    with ctx.vault.transaction() as conn:
        mark_resolved(ctx, conn, conflict_id, {"gezien": True})
        ctx.audit(conn, "conflict opgelost", item.table_name, item.row_id, item.case_id)
    _publish(ctx, item)


def _publish(ctx: AppContext, item: ConflictItem) -> None:
    if item.case_id:
        ctx.changes.publish(Change("case", (item.case_id,)))
    ctx.changes.publish(Change("sync"))
