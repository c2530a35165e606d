"""Dates written out the way Dutch letters and screens write them."""

from __future__ import annotations

from datetime import date

WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
          "september", "oktober", "november", "december")


def dutch_date(day: date | None) -> str:
    """'3 maart 2026' — the way a letter to parents writes a date."""
    if day is None:
        return "—"
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def long_date(day: date) -> str:
    """'dinsdag 1 december 2026'."""
    return f"{WEEKDAYS[day.weekday()]} {dutch_date(day)}"
