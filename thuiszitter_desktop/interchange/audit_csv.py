"""The audit log as CSV bytes (UTF-8 with BOM and ';', so Dutch Excel opens it directly)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import datetime
from typing import Protocol


class AuditRow(Protocol):
    @property
    def at(self) -> datetime: ...
    @property
    def actor(self) -> str: ...
    @property
    def action(self) -> str: ...
    @property
    def entity(self) -> str: ...
    @property
    def entity_id(self) -> str | None: ...
    @property
    def case_id(self) -> str | None: ...
    @property
    def detail(self) -> str: ...


HEADER = ("Datum en tijd", "Gebruiker", "Actie", "Onderdeel", "Kenmerk", "Casus", "Toelichting")


def _cell(value: str) -> str:
    # Neutralise spreadsheet formulas (CSV injection) without changing what a reader sees.
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def audit_csv(rows: Iterable[AuditRow]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow([row.at.strftime("%d-%m-%Y %H:%M:%S"), _cell(row.actor), row.action,
                         row.entity, row.entity_id or "", row.case_id or "",
                         _cell(row.detail)])
    return buffer.getvalue().encode("utf-8-sig")
