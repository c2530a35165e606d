"""Rows as JSON-ready dicts and back, per column type: the sync's wire and outbox format.

Dates and timestamps travel as ISO text; unknown columns (a newer schema on the other side)
are dropped when decoding, so a laptop never fails on a field it does not know.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, Column, Date, DateTime, Float, Integer, Numeric, Table, Time

JsonValue = str | int | float | bool | None


def encode_value(value: Any) -> JsonValue:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"cannot encode {type(value).__name__}")


def decode_value(column: Column[Any], value: JsonValue) -> Any:
    if value is None:
        return None
    kind = column.type
    if isinstance(kind, DateTime):
        return datetime.fromisoformat(str(value))
    if isinstance(kind, Date):
        return date.fromisoformat(str(value))
    if isinstance(kind, Time):
        return time.fromisoformat(str(value))
    if isinstance(kind, Boolean):
        return bool(value)
    if isinstance(kind, Integer):
        return int(value)
    if isinstance(kind, Float):
        return float(value)
    if isinstance(kind, Numeric):
        return Decimal(str(value))
    return value


def encode_row(table: Table, row: Mapping[Any, Any]) -> dict[str, JsonValue]:
    return {c.name: encode_value(row[c.name]) for c in table.columns if c.name in row}


def decode_row(table: Table, data: Mapping[str, JsonValue]) -> dict[str, Any]:
    return {name: decode_value(table.c[name], value) for name, value in data.items()
            if name in table.c}


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
