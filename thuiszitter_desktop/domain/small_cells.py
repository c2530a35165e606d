"""Small cells: figures for a team lead never show a number of fewer than five pupils.

A count of 1 to 4 (and 0: "none of the five schools" identifies too) is shown as "< 5"; a
percentage, average or median is shown only when the pupils behind it, and those on either
side of a percentage, number five or more. Masking happens before figures leave the server,
so the team lead's device never holds the small number (DOMAIN.md: "counts below 5 are shown
as '< 5'").
"""

from __future__ import annotations

from thuiszitter_desktop.domain.figures import format_number

SMALL_CELL = 5
MASK = "< 5"


def count(value: int) -> str:
    return MASK if value < SMALL_CELL else str(value)


def share(numerator: int, denominator: int) -> str:
    """A percentage, unless it would tell a small number (the part, the rest or the whole)."""
    if min(numerator, denominator - numerator, denominator) < SMALL_CELL:
        return MASK
    return f"{format_number(100 * numerator / denominator)}%"


def average(value: float | None, pupils: int) -> str:
    if pupils < SMALL_CELL:
        return MASK
    return format_number(value)

