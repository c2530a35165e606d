"""Counts of cases per characteristic (onderwijstype, age group, verzuim, ...) for policy.

Enum characteristics are listed in their declaration order; free-text ones (school, SWV,
gemeente) alphabetically. Missing values are counted as their own row, always last, so the
rows always add up to the number of cases.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from operator import attrgetter
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


# Per dimension: the raw values of the cases (hashable), taken from the lists of pupils, cases
# and reference days at once, and how one raw value becomes its _Key. Counting groups on raw
# values and converts each distinct value once: converting every row (cleaning text, finding
# an enum's position) was most of the counting at 50,000 cases.
_Columns = tuple[list[Pupil], list[Case], list[date]]
_Raws = Callable[[_Columns], Iterable[Hashable]]


def _of_pupil(name: str) -> _Raws:
    get = attrgetter(name)
    return lambda columns: map(get, columns[0])


def _of_case(name: str) -> _Raws:
    get = attrgetter(name)
    return lambda columns: map(get, columns[1])


def _ages(columns: _Columns) -> Iterable[Hashable]:
    return map(lambda p, d: age_group(p.birth_date, d), columns[0], columns[2])


_ENUM, _TEXT = True, False  # enum values are singletons: looked up by identity, see _count

_DIMENSIONS: dict[Dimension, tuple[_Raws, Callable[[Any], _Key], bool]] = {
    Dimension.ONDERWIJSTYPE: (_of_pupil("onderwijstype"), _enum, _ENUM),
    Dimension.LEEFTIJD: (_ages, _enum, _ENUM),
    Dimension.VERZUIM: (_of_case("verzuim_type"), _enum, _ENUM),
    Dimension.ONDERSTEUNINGSVRAAG: (_of_case("ondersteuningsvraag"), _enum, _ENUM),
    Dimension.SITUATIE: (_of_case("huidige_situatie"), _enum, _ENUM),
    Dimension.WACHTLIJST: (_of_case("wachtlijst"), _enum, _ENUM),
    Dimension.SCHOOL: (_of_pupil("school"), lambda v: _text(v, NIET_INGESCHREVEN), _TEXT),
    Dimension.SWV: (_of_pupil("swv"), _text, _TEXT),
    Dimension.GEMEENTE: (_of_pupil("gemeente"), _text, _TEXT),
    Dimension.REGIE: (_of_case("regie"), _enum, _ENUM),
    Dimension.STAGNATIE: (_of_case("stagnatie_oorzaak"), lambda v: _enum(v, GEEN_STAGNATIE),
                          _ENUM),
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
    return count_all(entries, definition, (dimension,))[0]


def count_all(
    entries: Sequence[tuple[CaseEntry, date]],
    definition: Definition,
    dimensions: Iterable[Dimension] = tuple(Dimension),
) -> tuple[CountTable, ...]:
    """``count_by`` for several dimensions, taking the entries apart once."""
    columns: _Columns = ([p for (p, _c), _d in entries], [c for (_p, c), _d in entries],
                         [d for _e, d in entries])
    ids = [case.id for case in columns[1]]
    return tuple(_count(dimension, definition, columns, ids) for dimension in dimensions)


def _count(dimension: Dimension, definition: Definition, columns: _Columns,
           ids: list[str]) -> CountTable:
    raws_of, key_of, by_identity = _DIMENSIONS[dimension]
    raws = list(raws_of(columns))
    # Enum members (and None) are singletons, alive while counting: look their keys up by
    # identity, since hashing an Enum member runs Python code. Text is looked up by value.
    lookups: list[Hashable] = list(map(id, raws)) if by_identity else raws
    # Group on the sort key only, so 'De Regenboog' and 'de regenboog' are one school. First
    # one bucket per distinct value (a C-level look-up and append per row), then merge the
    # values that share a key; buckets keep the order values were first met, so the first
    # spelling met is the one shown.
    buckets: defaultdict[Hashable, list[str]] = defaultdict(list)
    for lookup, case_id in zip(lookups, ids, strict=True):
        buckets[lookup].append(case_id)
    raw_of = dict(zip(lookups, raws, strict=True)) if by_identity else None
    labels: dict[tuple[int, str], str] = {}
    groups: dict[tuple[int, str], list[str]] = {}
    merged: set[tuple[int, str]] = set()
    for lookup, bucket_ids in buckets.items():
        order, sort_text, label = key_of(lookup if raw_of is None else raw_of[lookup])
        group_key = (order, sort_text)
        if group_key in groups:
            groups[group_key] = groups[group_key] + bucket_ids
            merged.add(group_key)
        else:
            groups[group_key] = bucket_ids
            labels[group_key] = label
    if merged:  # keep the caseload's order within a merged group
        position = {case_id: index for index, case_id in enumerate(ids)}
        for group_key in merged:
            groups[group_key].sort(key=position.__getitem__)
    rows = tuple(CountRow(labels[key], len(ids), tuple(ids)) for key, ids in sorted(groups.items()))
    return CountTable(dimension, definition, rows)
