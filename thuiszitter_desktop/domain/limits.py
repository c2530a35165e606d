"""How long a text may be: a short fact (a name, a school, a phone number) or a free text.

The forms show these limits with a counter and the domain refuses longer texts with a Dutch
message, so nothing unreasonable (a pasted megabyte) reaches the vault or a document. Every
document prints texts of these lengths whole (tests/unit/reports/test_any_text_pdf.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

SHORT_TEXT = 200  # a name, school, role, phone number, e-mail address, place, link
LONG_TEXT = 20_000  # a free text: notes, goals, agreements, questions (about eight pages)


def count_text(count: int) -> str:
    """A count the Dutch way: 20.000."""
    return f"{count:,}".replace(",", ".")


def too_long(value: str, limit: int) -> str | None:
    """The Dutch message when ``value`` is longer than ``limit``; None when it fits."""
    if len(value) <= limit:
        return None
    return (f"Deze tekst is te lang: {count_text(len(value))} tekens, er passen er "
            f"{count_text(limit)}. Maak hem korter.")


def length_errors(fields: Mapping[str, tuple[str, int]]) -> dict[str, str]:
    """Field key → message for each (value, limit) that is too long."""
    errors: dict[str, str] = {}
    for key, (value, limit) in fields.items():
        message = too_long(value, limit)
        if message is not None:
            errors[key] = message
    return errors


def short_fields(prefix: str, values: Mapping[str, str]) -> dict[str, tuple[str, int]]:
    """``values`` as short-text fields under ``prefix`` ('' for none), for length_errors."""
    return {_key(prefix, name): (value, SHORT_TEXT) for name, value in values.items()}


def long_fields(prefix: str, values: Mapping[str, str]) -> dict[str, tuple[str, int]]:
    return {_key(prefix, name): (value, LONG_TEXT) for name, value in values.items()}


def line_fields(prefix: str, lines: Iterable[str], limit: int) -> dict[str, tuple[str, int]]:
    """Items of a list field ('agreed_by.0', …) each with the same limit."""
    return {_key(prefix, str(i)): (line, limit) for i, line in enumerate(lines)}


def _key(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix else name
