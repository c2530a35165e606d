"""Domain records built straight from plain SQL rows, converted by the record's own types.

SQLAlchemy's row objects and its per-column result processing (dates parsed in Python) were
most of the cost of reading a caseload (see bench/): here a query returns plain tuples with
dates as their stored ISO text, and each column is converted by what the dataclass declares:
a date is parsed in C (each distinct day once), a vocabulary member looked up by name, a flag
made a bool. A field added to the record and the table is read without further code.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TypeVar, get_type_hints

from sqlalchemy import Column, ColumnElement, Date, String, type_coerce

from thuiszitter_desktop.domain.vocab import Labelled

T = TypeVar("T")
Converter = Callable[[Any], Any] | None


class SharedDates(dict[str, date]):
    """ISO text to date, parsing each distinct text once (a C-level look-up after that)."""

    def __missing__(self, text: str) -> date:
        day = self[text] = date.fromisoformat(text)
        return day


def plain_column(column: Column[Any]) -> ColumnElement[Any]:
    """The column as the database stores it: a date as its ISO text, not parsed in Python."""
    return type_coerce(column, String) if isinstance(column.type, Date) else column


def _base(hint: Any) -> Any:
    """``X`` of ``X | None``."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        rest = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        return rest[0] if len(rest) == 1 else hint
    return hint


def converter(hint: Any, dates: SharedDates) -> Converter:
    base = _base(hint)
    if base is date:
        return dates.__getitem__
    if isinstance(base, type) and issubclass(base, Labelled):
        return {member.name: member for member in base}.__getitem__
    if base is bool:
        return bool
    return None


def record_reader(cls: type[T], names: Sequence[str],
                  dates: SharedDates | None = None) -> Callable[[Sequence[Any]], T]:
    """A function making a ``cls`` from a row whose columns are the fields ``names``."""
    shared = dates if dates is not None else SharedDates()
    hints = get_type_hints(cls)
    convert = [(name, converter(hints[name], shared)) for name in names]

    def read(row: Sequence[Any]) -> T:
        return cls(**{name: value if to is None or value is None else to(value)
                      for (name, to), value in zip(convert, row, strict=True)})

    return read
