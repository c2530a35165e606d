"""Counts of cases per characteristic (onderwijstype, age group, verzuim, ...) for policy.

Enum characteristics are listed in their declaration order; free-text ones (school, SWV,
gemeente) alphabetically. Missing values are counted as their own row, always last, so the
rows add up to the number of cases; except where a pupil can have several values (the
ondersteuningsvraag, seed 004 B4.1 "meerdere antwoorden mogelijk"): every value a pupil has
counts once, so the rows may add up to more (``CountTable.several_per_case``).
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from operator import attrgetter
from typing import Any

from thuiszitter_desktop.domain.definitions import CaseEntry, Definition
from thuiszitter_desktop.domain.model import age_on
from thuiszitter_desktop.domain.vocab import (
    HuidigeSituatie,
    Labelled,
    Ondersteuningsvraag,
    Onderwijstype,
    Regie,
    StagnatieOorzaak,
    VerzuimType,
    Wachtlijst,
)

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


# The characteristics counted are attribute columns of the pupils and the cases, each taken out
# in one pass (reading eleven attributes row by row over 50,000 cases was most of the counting).
_PUPIL_FIELDS = frozenset({"onderwijstype", "school", "swv", "gemeente", "birth_date"})


class _Columns:
    """The values of one field of every entry, each column taken out when first asked for."""

    def __init__(self, entries: Sequence[tuple[CaseEntry, date]]) -> None:
        self.pupils = [pupil for (pupil, _case), _day in entries]
        self.cases = [case for (_pupil, case), _day in entries]
        self._found: dict[str, Sequence[Any]] = {"day": [day for _entry, day in entries]}

    def __getitem__(self, name: str) -> Sequence[Any]:
        found = self._found.get(name)
        if found is None:
            items = self.pupils if name in _PUPIL_FIELDS else self.cases
            found = self._found[name] = list(map(attrgetter(name), items))
        return found


def _ages(columns: _Columns) -> list[AgeGroup]:
    # Birth dates and reference days repeat across a caseload: each pair is computed once.
    group = functools.lru_cache(maxsize=None)(age_group)
    return list(map(group, columns["birth_date"], columns["day"]))


# Per dimension: its column (or how to compute it), how one raw value becomes its _Key, and for
# enum characteristics every possible value. Counting tallies raw values in C (``Counter``) and
# converts each distinct value once. Enum members and None are singletons: they are tallied by
# identity, since hashing an Enum member runs Python code.
_Source = str | Callable[[_Columns], Sequence[Any]]
_Dimension = tuple[_Source, Callable[[Any], _Key], tuple[Labelled | None, ...] | None]


def _values(cls: type[Labelled]) -> tuple[Labelled | None, ...]:
    return (*cls, None)


def _all_causes(columns: _Columns) -> list[tuple[Ondersteuningsvraag | None, ...]]:
    """Every ondersteuningsvraag of each case, the main one first, each once; (None,) when
    none is known."""
    return [tuple(dict.fromkeys(v for v in (main, *extra) if v is not None)) or (None,)
            for main, extra in zip(columns["ondersteuningsvraag"],
                                   columns["extra_ondersteuningsvragen"], strict=True)]


# The dimensions whose source gives each case a tuple of values (seed 004 allows several).
SEVERAL_PER_CASE = frozenset({Dimension.ONDERSTEUNINGSVRAAG})


_DIMENSIONS: dict[Dimension, _Dimension] = {
    Dimension.ONDERWIJSTYPE: ("onderwijstype", _enum, _values(Onderwijstype)),
    Dimension.LEEFTIJD: (_ages, _enum, _values(AgeGroup)),
    Dimension.VERZUIM: ("verzuim_type", _enum, _values(VerzuimType)),
    Dimension.ONDERSTEUNINGSVRAAG: (_all_causes, _enum, _values(Ondersteuningsvraag)),
    Dimension.SITUATIE: ("huidige_situatie", _enum, _values(HuidigeSituatie)),
    Dimension.WACHTLIJST: ("wachtlijst", _enum, _values(Wachtlijst)),
    Dimension.SCHOOL: ("school", lambda v: _text(v, NIET_INGESCHREVEN), None),
    Dimension.SWV: ("swv", _text, None),
    Dimension.GEMEENTE: ("gemeente", _text, None),
    Dimension.REGIE: ("regie", _enum, _values(Regie)),
    Dimension.STAGNATIE: ("stagnatie_oorzaak", lambda v: _enum(v, GEEN_STAGNATIE),
                          _values(StagnatieOorzaak)),
}


def _column(columns: _Columns, source: _Source) -> Sequence[Any]:
    return columns[source] if isinstance(source, str) else source(columns)


@dataclass(frozen=True, slots=True, eq=False)
class CountRow:
    """One value of a dimension with its number of cases.

    The cases behind the number are looked up when asked for (``case_ids``, in caseload
    order): a user opens one row at a time, and collecting ids for every row of eleven
    dimensions cost more than the counting itself.
    """

    label: str
    count: int
    _find_ids: Callable[[], tuple[str, ...]] = field(repr=False)

    @property
    def case_ids(self) -> tuple[str, ...]:
        return self._find_ids()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CountRow):
            return NotImplemented
        return (self.label, self.count, self.case_ids) == (other.label, other.count,
                                                           other.case_ids)

    __hash__ = None  # type: ignore[assignment]  # equal by value, yet holds a function


@dataclass(frozen=True, slots=True)
class CountTable:
    dimension: Dimension
    definition: Definition
    rows: tuple[CountRow, ...]
    cases: int  # the number of cases counted: what each row's share is a share of

    @property
    def total(self) -> int:
        return self.cases

    @property
    def several_per_case(self) -> bool:
        """A case may count in more than one row: the rows may add up to more than total."""
        return self.dimension in SEVERAL_PER_CASE

    @property
    def several_note(self) -> str:
        """What a reader must know when a case may count in more than one row; else ''."""
        if not self.several_per_case:
            return ""
        what = self.dimension.label.lower()
        return (f"Een leerling kan meer dan één {what} hebben en telt bij elk daarvan mee. "
                "De aantallen tellen daarom samen op tot meer dan het totaal; het aandeel is "
                "het deel van alle leerlingen.")


class Counts:
    """The counts per characteristic of a set of entries, each table made when first asked
    for: the dashboard shows one characteristic at a time, the quarterly report all of them.
    Iterating gives every table in ``Dimension`` order."""

    def __init__(self, entries: Sequence[tuple[CaseEntry, date]],
                 definition: Definition) -> None:
        self.definition = definition
        self._columns = _Columns(entries)
        self._ids = [case.id for case in self._columns.cases]
        self._tables: dict[Dimension, CountTable] = {}

    def table(self, dimension: Dimension) -> CountTable:
        found = self._tables.get(dimension)
        if found is None:
            found = self._tables[dimension] = _count(dimension, self.definition,
                                                     self._columns, self._ids)
        return found

    def __iter__(self) -> Iterator[CountTable]:
        return (self.table(dimension) for dimension in Dimension)

    def __len__(self) -> int:
        return len(Dimension)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Counts):
            return NotImplemented
        return self.definition is other.definition and list(self) == list(other)

    __hash__ = None  # type: ignore[assignment]  # equal by content, which is made lazily


def _count(dimension: Dimension, definition: Definition, columns: _Columns,
           ids: list[str]) -> CountTable:
    source, key_of, possible = _DIMENSIONS[dimension]
    column = _column(columns, source)
    several = dimension in SEVERAL_PER_CASE
    if several:
        column = [value for values in column for value in values]
    if possible is None:
        tally = Counter(column)
        raw_of: dict[Hashable, Any] | None = None
    else:
        tally = Counter(map(id, column))
        raw_of = {id(value): value for value in possible}
    # Merge the values that share a sort key, so 'De Regenboog' and 'de regenboog' are one
    # school; the first spelling met is the one shown (Counter keeps first-met order).
    labels: dict[tuple[int, str], str] = {}
    counts: dict[tuple[int, str], int] = defaultdict(int)
    members: dict[tuple[int, str], set[Hashable]] = defaultdict(set)
    for value, number in tally.items():
        order, sort_text, label = key_of(value if raw_of is None else raw_of[value])
        group_key = (order, sort_text)
        labels.setdefault(group_key, label)
        counts[group_key] += number
        members[group_key].add(value)
    rows = tuple(
        CountRow(labels[key], counts[key],
                 functools.partial(_ids_with, source, possible is not None, several, columns,
                                   ids, frozenset(members[key])))
        for key in sorted(counts))
    return CountTable(dimension, definition, rows, len(ids))


def _ids_with(source: _Source, by_identity: bool, several: bool, columns: _Columns,
              ids: list[str], wanted: frozenset[Hashable]) -> tuple[str, ...]:
    """The ids of the cases with a value (with ``several``: any of their values) that is one
    of ``wanted``, in caseload order."""
    column = _column(columns, source)
    if several:
        return tuple(case_id for case_id, values in zip(ids, column, strict=True)
                     if any((id(v) if by_identity else v) in wanted for v in values))
    values = map(id, column) if by_identity else column
    return tuple(case_id for case_id, value in zip(ids, values, strict=True) if value in wanted)
