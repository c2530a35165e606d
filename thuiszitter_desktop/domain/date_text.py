"""Dates as people type them in Dutch: '31-3-2026', '31-03-2026', '31032026', '31/3/2026'.

One reading for every date field and every date cell of a table. A date that does not exist
(31-02-2011) is refused with a Dutch message that says why; it is never moved to a nearby day.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

from thuiszitter_desktop.domain.dutch_dates import MONTHS
from thuiszitter_desktop.domain.errors import UserError

EXAMPLE = "31-03-2026"
HOW_TO_WRITE = f"Schrijf de datum als dd-mm-jjjj, bijvoorbeeld {EXAMPLE}."
FIRST_YEAR = 1900
LAST_YEAR = 2199


_SEPARATED = re.compile(r"(\d{1,2})\s*[-./ ]\s*(\d{1,2})\s*[-./ ]\s*(\d{1,4})")
_DIGITS = re.compile(r"(\d{2})(\d{2})(\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


class DateTextError(UserError):
    """Typed text that is not a date, with a Dutch message saying what is wrong."""


def parse_date_text(text: str) -> date | None:
    """The date ``text`` means; None for empty text. Raises ``DateTextError`` otherwise.

    Accepted: day, month and year separated by '-', '/', '.' or a space (leading zeros
    optional), eight digits without separators (ddmmjjjj), and ISO 'jjjj-mm-dd' (pasted from
    an export). The year has four digits: '3-2-26' could be 1926 or 2026.
    """
    value = text.strip()
    if not value:
        return None
    if match := _ISO.fullmatch(value):
        year, month, day = (int(part) for part in match.groups())
        return _checked(value, day, month, year)
    match = _SEPARATED.fullmatch(value) or _DIGITS.fullmatch(value)
    if match is None:
        raise DateTextError(f"'{value}' is geen datum. {HOW_TO_WRITE}")
    day_text, month_text, year_text = match.groups()
    if len(year_text) != 4:
        raise DateTextError(f"Schrijf het jaar met vier cijfers, bijvoorbeeld {EXAMPLE}.")
    return _checked(value, int(day_text), int(month_text), int(year_text))


def _checked(value: str, day: int, month: int, year: int) -> date:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DateTextError(f"Het jaar {year} klopt niet. {HOW_TO_WRITE}")
    if not 1 <= month <= 12:
        raise DateTextError(f"'{value}' bestaat niet: een jaar heeft 12 maanden. {HOW_TO_WRITE}")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DateTextError(f"{day:02d}-{month:02d}-{year} bestaat niet: {MONTHS[month - 1]} "
                            f"{year} heeft {last} dagen.")
    return date(year, month, day)
