"""Counts of cases per characteristic (onderwijstype, age group, verzuim, ...) for policy.

Enum characteristics are listed in their declaration order; free-text ones (school, SWV,
gemeente) alphabetically. Missing values are counted as their own row, always last, so the
rows always add up to the number of cases.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from thuiszitter_desktop.domain.definitions import CaseEntry, Definition
from thuiszitter_desktop.domain.model import Case, Pupil, age_on
from thuiszitter_desktop.domain.vocab import Labelled

ONBEKEND = "Onbekend"
NIET_INGESCHREVEN = "Niet ingeschreven"
GEEN_STAGNATIE = "Geen stagnatie vastgelegd"


class AgeGroup(Labelled):
    """Age on the reference day: po age, lower vo, upper vo/kwalificatieplicht, adult."""

    JONGER_DAN_4 = "Jonger dan 4 jaar"
    VIER_TOT_TWAALF = "4 t/m 11 jaar"
    TWAALF_TOT_ZESTIEN = "12 t/m 15 jaar"
    ZESTIEN_TOT_ACHTTIEN = "16 en 17 jaar"
    ACHTTIEN_PLUS = "18 jaar en ouder"

    @classmethod
    def for_age(cls, age: int) -> AgeGroup:
        if age < 4:
            return cls.JONGER_DAN_4
        if age < 12:
            return cls.VIER_TOT_TWAALF
        if age < 16:
            return cls.TWAALF_TOT_ZESTIEN
        if age < 18:
            return cls.ZESTIEN_TOT_ACHTTIEN
        return cls.ACHTTIEN_PLUS


def age_group(birth_date: date, day: date) -> AgeGroup:
    return AgeGroup.for_age(age_on(birth_date, day))


class Dimension(Labelled):
    ONDERWIJSTYPE = "Onderwijstype"
    LEEFTIJD = "Leeftijdsgroep"
    VERZUIM = "Type verzuim"
    ONDERSTEUNINGSVRAAG = "Ondersteuningsvraag"
    SITUATIE = "Huidige situatie"
    WACHTLIJST = "Wachtlijst"
    SCHOOL = "School"
    SWV = "Samenwerkingsverband"
    GEMEENTE = "Gemeente"
    REGIE = "Regie"
    STAGNATIE = "Oorzaak stagnatie"


# A value with its sort position: enums sort by declaration, text alphabetically, missing last.
_Key = tuple[int, str, str]
_LAST = 10_000


def _enum(value: Labelled | None, missing: str = ONBEKEND) -> _Key:
    if value is None:
        return (_LAST, "", missing)
    return _member_key(value)


@functools.cache
def _member_key(value: Labelled) -> _Key:
    # Cached: searching the member list for every row was most of the counting at 50,000.
    return (list(type(value)).index(value), "", value.label)


def _text(value: str, missing: str = ONBEKEND) -> _Key:
    cleaned = " ".join(value.split())
    if not cleaned:
        return (_LAST, "", missing)
    return (0, cleaned.casefold(), cleaned)


# Per dimension: the raw value of a case (hashable), and how a raw value becomes its _Key.
# Counting groups on raw values first and converts each distinct value once: converting every
# row (cleaning text, finding an enum's position) was most of the counting at 50,000 cases.
_Raw = Callable[[Pupil, Case, date], Hashable]

_DIMENSIONS: dict[Dimension, tuple[_Raw, Callable[[Any], _Key]]] = {
    Dimension.ONDERWIJSTYPE: (lambda p, c, d: p.onderwijstype, _enum),
    Dimension.LEEFTIJD: (lambda p, c, d: age_group(p.birth_date, d), _enum),
    Dimension.VERZUIM: (lambda p, c, d: c.verzuim_type, _enum),
    Dimension.ONDERSTEUNINGSVRAAG: (lambda p, c, d: c.ondersteuningsvraag, _enum),
    Dimension.SITUATIE: (lambda p, c, d: c.huidige_situatie, _enum),
    Dimension.WACHTLIJST: (lambda p, c, d: c.wachtlijst, _enum),
    Dimension.SCHOOL: (lambda p, c, d: p.school, lambda v: _text(v, NIET_INGESCHREVEN)),
    Dimension.SWV: (lambda p, c, d: p.swv, _text),
    Dimension.GEMEENTE: (lambda p, c, d: p.gemeente, _text),
    Dimension.REGIE: (lambda p, c, d: c.regie, _enum),
    Dimension.STAGNATIE: (lambda p, c, d: c.stagnatie_oorzaak,
                          lambda v: _enum(v, GEEN_STAGNATIE)),
}


@dataclass(frozen=True, slots=True)
class CountRow:
    label: str
    count: int
    case_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CountTable:
    dimension: Dimension
    definition: Definition
    rows: tuple[CountRow, ...]

    @property
    def total(self) -> int:
        return sum(row.count for row in self.rows)


def count_by(
    dimension: Dimension,
    entries: Sequence[tuple[CaseEntry, date]],
    definition: Definition,
) -> CountTable:
    """Count ``entries`` (each with the day its age is taken on) per value of ``dimension``."""
    raw_of, key_of = _DIMENSIONS[dimension]
    # Group on the sort key only, so 'De Regenboog' and 'de regenboog' are one school; the
    # first spelling met is the one shown.
    keys: dict[Hashable, tuple[tuple[int, str], str]] = {}
    labels: dict[tuple[int, str], str] = {}
    groups: dict[tuple[int, str], list[str]] = {}
    for (pupil, case), day in entries:
        raw = raw_of(pupil, case, day)
        found = keys.get(raw)
        if found is None:
            order, sort_text, label = key_of(raw)
            found = keys[raw] = ((order, sort_text), label)
        group_key, label = found
        ids = groups.get(group_key)
        if ids is None:
            groups[group_key] = [case.id]
            labels[group_key] = label
        else:
            ids.append(case.id)
    rows = tuple(CountRow(labels[key], len(ids), tuple(ids)) for key, ids in sorted(groups.items()))
    return CountTable(dimension, definition, rows)
