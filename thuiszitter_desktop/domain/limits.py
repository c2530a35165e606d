"""How long a text may be: a short fact (a name, a school, a phone number) or a free text.

The forms show these limits with a counter and the domain refuses longer texts with a Dutch
message naming the field, so nothing unreasonable (a pasted megabyte) reaches the vault or a
document. Every document prints texts of these lengths whole
(tests/unit/reports/test_any_text_pdf.py).
"""

from __future__ import annotations

from collections.abc import Iterable

SHORT_TEXT = 200  # a name, school, role, phone number, e-mail address, place, link
LONG_TEXT = 20_000  # a free text: notes, goals, agreements, questions (about eight pages)

Field = tuple[str, str, str, int]
"""(error key, Dutch label, value, limit)."""


def count_text(count: int) -> str:
    """A count the Dutch way: 20.000."""
    return f"{count:,}".replace(",", ".")


def too_long(value: str, limit: int, label: str) -> str | None:
    """The Dutch message when ``value`` is longer than ``limit``; None when it fits."""
    if len(value) <= limit:
        return None
    return (f"{label} is te lang: {count_text(len(value))} tekens, er passen er "
            f"{count_text(limit)}. Maak de tekst korter.")


def short_field(key: str, label: str, value: str) -> Field:
    return (key, label, value, SHORT_TEXT)


def long_field(key: str, label: str, value: str) -> Field:
    return (key, label, value, LONG_TEXT)


def each(key: str, label: str, values: Iterable[str], limit: int) -> list[Field]:
    """The items of a list field ('agreed_by.0', …), each with the same limit."""
    return [(f"{key}.{i}", label, value, limit) for i, value in enumerate(values)]


def add_length_errors(errors: dict[str, str], fields: Iterable[Field]) -> None:
    """Add a message for every field that is too long, unless its key already has one."""
    for key, label, value, limit in fields:
        message = too_long(value, limit, label)
        if message is not None:
            errors.setdefault(key, message)
