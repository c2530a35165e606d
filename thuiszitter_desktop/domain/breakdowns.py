"""Counts of cases per characteristic (onderwijstype, age group, verzuim, ...) for policy.

Enum characteristics are listed in their declaration order; free-text ones (school, SWV,
gemeente) alphabetically. Missing values are counted as their own row, always last, so the
rows always add up to the number of cases.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

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
    return (list(type(value)).index(value), "", value.label)


def _text(value: str, missing: str = ONBEKEND) -> _Key:
    cleaned = " ".join(value.split())
    if not cleaned:
        return (_LAST, "", missing)
    return (0, cleaned.casefold(), cleaned)


_Extractor = Callable[[Pupil, Case, date], _Key]

_EXTRACTORS: dict[Dimension, _Extractor] = {
    Dimension.ONDERWIJSTYPE: lambda p, c, d: _enum(p.onderwijstype),
    Dimension.LEEFTIJD: lambda p, c, d: _enum(age_group(p.birth_date, d)),
    Dimension.VERZUIM: lambda p, c, d: _enum(c.verzuim_type),
    Dimension.ONDERSTEUNINGSVRAAG: lambda p, c, d: _enum(c.ondersteuningsvraag),
    Dimension.SITUATIE: lambda p, c, d: _enum(c.huidige_situatie),
    Dimension.WACHTLIJST: lambda p, c, d: _enum(c.wachtlijst),
    Dimension.SCHOOL: lambda p, c, d: _text(p.school, NIET_INGESCHREVEN),
    Dimension.SWV: lambda p, c, d: _text(p.swv),
    Dimension.GEMEENTE: lambda p, c, d: _text(p.gemeente),
    Dimension.REGIE: lambda p, c, d: _enum(c.regie),
    Dimension.STAGNATIE: lambda p, c, d: _enum(c.stagnatie_oorzaak, GEEN_STAGNATIE),
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
    extract = _EXTRACTORS[dimension]
    # Group on the sort key only, so 'De Regenboog' and 'de regenboog' are one school; the
    # first spelling met is the one shown.
    labels: dict[tuple[int, str], str] = {}
    groups: dict[tuple[int, str], list[str]] = {}
    for (pupil, case), day in entries:
        order, sort_text, label = extract(pupil, case, day)
        labels.setdefault((order, sort_text), label)
        groups.setdefault((order, sort_text), []).append(case.id)
    rows = tuple(CountRow(labels[key], len(ids), tuple(ids)) for key, ids in sorted(groups.items()))
    return CountTable(dimension, definition, rows)
