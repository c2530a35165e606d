"""Qt model of the caseload overview, and the proxy that sorts, filters and searches it."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from thuiszitter_desktop.domain.text_fold import fold
from thuiszitter_desktop.services.caseload_row import CaseloadRow
from thuiszitter_desktop.ui.deadline_style import look, state_icon
from thuiszitter_desktop.ui.row_table_model import (
    CASE_ID_ROLE,
    RIGHT_ALIGNED,
    SORT_ROLE,
    AnyIndex,
    RowListModel,
)


def days_text(days: int | None) -> str:
    """A count of days, or 'onbekend' when the start date is not known (never '0')."""
    return "onbekend" if days is None else str(days)


def search_key(text: str) -> str:
    """Folded (``domain.text_fold``), so 'zoe celik' finds 'Zoë Çelik' and 'yilm' 'Yılmaz'."""
    return fold(text)


@dataclass(frozen=True)
class Column:
    title: str
    display: Callable[[CaseloadRow, date], str]
    sort: Callable[[CaseloadRow], Any]
    numeric: bool = False


def _deadline_text(row: CaseloadRow, today: date) -> str:
    return row.deadline.describe(today) if row.deadline else "Geen open termijn"


def _deadline_sort(row: CaseloadRow) -> tuple[int, int]:
    if row.deadline is None:
        return (9, 0)
    return (row.deadline.state.urgency, row.deadline.due.toordinal())


COLUMNS: tuple[Column, ...] = (
    Column("Leerling", lambda r, _: r.pupil_name, lambda r: r.sort_name),
    Column("Volgende termijn", _deadline_text, _deadline_sort),
    Column("Leeftijd", lambda r, _: str(r.age), lambda r: r.age, numeric=True),
    Column("School", lambda r, _: r.school, lambda r: search_key(r.school)),
    Column("Onderwijstype", lambda r, _: r.onderwijstype, lambda r: r.onderwijstype),
    Column("Verzuim", lambda r, _: r.verzuim_type, lambda r: r.verzuim_type),
    Column("% onderwijs", lambda r, _: f"{r.education_percentage}%",
           lambda r: r.education_percentage, numeric=True),
    Column("Dagen thuis", lambda r, _: days_text(r.days_at_home),
           lambda r: -1 if r.days_at_home is None else r.days_at_home, numeric=True),
    Column("Dagen zonder aanbod", lambda r, _: str(r.days_without_aanbod),
           lambda r: r.days_without_aanbod, numeric=True),
    Column("Regie", lambda r, _: r.regie, lambda r: r.regie),
    Column("Casusverantwoordelijke", lambda r, _: r.casusverantwoordelijke,
           lambda r: search_key(r.casusverantwoordelijke)),
    Column("Consulent", lambda r, _: r.consulent, lambda r: search_key(r.consulent)),
    Column("Fase", lambda r, _: r.stage, lambda r: r.stage_order),
)
DEADLINE_COLUMN = 1


@dataclass(frozen=True)
class Filters:
    school: str | None = None
    consulent: str | None = None
    stage: str | None = None
    verzuim_type: str | None = None
    text: str = ""

    @property
    def words(self) -> list[str]:
        return search_key(self.text.strip()).split()

    def same_choices(self, other: Filters) -> bool:
        return (self.school, self.consulent, self.stage, self.verzuim_type) == (
            other.school, other.consulent, other.stage, other.verzuim_type)

    def narrows(self, before: Filters) -> bool:
        """Whether every row these filters accept was accepted ``before`` (typing on)."""
        return self.same_choices(before) and search_key(self.text.strip()).startswith(
            search_key(before.text.strip()))

    def accepts(self, row: CaseloadRow) -> bool:
        """One row: the same test ``filtered`` applies to many rows at once."""
        return ((self.school is None or row.school == self.school)
                and (self.consulent is None or row.consulent == self.consulent)
                and (self.stage is None or row.stage == self.stage)
                and (self.verzuim_type is None or row.verzuim_type == self.verzuim_type)
                and all(word in row.search_text for word in self.words))

    def filtered(self, rows: list[CaseloadRow]) -> list[CaseloadRow]:
        """The rows ``accepts``, in their order: one comprehension per condition, no Python
        call per row (a search keystroke filters every row of a 50,000-case region). Always a
        new list: the model keeps the shown rows apart from all rows."""
        rows = list(rows)
        if self.school is not None:
            rows = [r for r in rows if r.school == self.school]
        if self.consulent is not None:
            rows = [r for r in rows if r.consulent == self.consulent]
        if self.stage is not None:
            rows = [r for r in rows if r.stage == self.stage]
        if self.verzuim_type is not None:
            rows = [r for r in rows if r.verzuim_type == self.verzuim_type]
        for word in self.words:
            rows = [r for r in rows if word in r.search_text]
        return rows


def ordered_rows(rows: list[CaseloadRow], column: int,
                 order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> list[CaseloadRow]:
    """``rows`` in the order of a column (as ``CaseloadModel`` sorts); plain Python, so a
    worker thread can sort before the rows reach the model."""
    if not 0 <= column < len(COLUMNS):
        return list(rows)
    # Python's sort is stable: equal keys keep their order, also in descending order.
    return sorted(rows, key=COLUMNS[column].sort,
                  reverse=order == Qt.SortOrder.DescendingOrder)


@dataclass(frozen=True, slots=True)
class SortedRows:
    """Rows in a column's order with the indexes the model keeps of them; plain Python, so a
    worker thread makes it (at 50,000 cases the indexes took 0.1 s of the window's time)."""

    rows: list[CaseloadRow]
    column: int
    order: Qt.SortOrder
    by_id: dict[str, CaseloadRow]
    rank: dict[str, int]  # each row's place after this sort (ties keep it)
    values: tuple[Counter[str], Counter[str]]  # schools and consulenten, with their counts


def sorted_rows(rows: list[CaseloadRow], column: int,
                order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> SortedRows:
    ordered = ordered_rows(rows, column, order)
    return SortedRows(ordered, column, order, {r.case_id: r for r in ordered},
                      {r.case_id: i for i, r in enumerate(ordered)},
                      (Counter(r.school for r in ordered), Counter(r.consulent for r in ordered)))


class _Descending:
    """A sort key in reverse, so one binary search serves both orders."""

    __slots__ = ("key",)

    def __init__(self, key: Any) -> None:
        self.key = key

    def __lt__(self, other: _Descending) -> bool:
        return bool(other.key < self.key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Descending) and bool(self.key == other.key)

    __hash__ = None  # type: ignore[assignment]


class CaseloadModel(RowListModel[CaseloadRow]):
    """The overview's rows, sorted, filtered and searched by the model itself.

    Presentation (colour, icon) goes through roles, not into the data. The model keeps every
    row in the chosen order (``all_rows``) and shows those the filters accept. A sort is one
    Python ``sorted`` (stable, so an earlier sort decides ties); a filter or search keystroke
    is a few list comprehensions over rows that carry a prepared search text, and narrowing a
    search looks only at the rows shown. After a save one row moves to its place by binary
    search. (A ``QSortFilterProxyModel`` calls Python once per row for every keystroke: a
    tenth of a second at 50,000 cases, see bench/.)
    """

    def __init__(self, today: date, parent: Any = None) -> None:
        super().__init__([c.title for c in COLUMNS], parent)
        self._today = today
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._filters = Filters()
        self._all: list[CaseloadRow] = []
        self._by_id: dict[str, CaseloadRow] = {}
        # Each row's place among equal sort keys: its position after the last full sort, so
        # a row that moves by binary search lands where a stable sort would put it.
        self._rank: dict[str, int] = {}
        self._next_rank = 0
        self._values: tuple[Counter[str], Counter[str]] = (Counter(), Counter())
        # Bumped when the set of schools or consulenten changed: the filter combos follow it.
        self.values_generation = 0

    # -- rows -----------------------------------------------------------------------------
    def set_rows(self, rows: list[CaseloadRow], today: date | None = None) -> None:
        """All rows anew, sorted here (``set_sorted`` for rows sorted in a worker thread)."""
        self.set_sorted(sorted_rows(rows, self._sort_column, self._sort_order), today)

    def set_sorted(self, prepared: SortedRows, today: date | None = None) -> None:
        """All rows anew, as ``sorted_rows`` made them for the model's current sort."""
        if (prepared.column, prepared.order) != (self._sort_column, self._sort_order):
            prepared = sorted_rows(prepared.rows, self._sort_column, self._sort_order)
        self.beginResetModel()
        if today is not None:
            self._today = today
        self._all = list(prepared.rows)  # the model moves rows in it; the caller keeps its own
        self._by_id = dict(prepared.by_id)
        self._rank = dict(prepared.rank)
        self._next_rank = len(self._all)
        self._rows = self._filters.filtered(self._all)
        self._values = (Counter(prepared.values[0]), Counter(prepared.values[1]))
        self.values_generation += 1
        self.endResetModel()

    def update_row(self, row: CaseloadRow | None, case_id: str) -> None:
        """Replace, add or drop one case's row, moving it to its place in the order by binary
        search; views keep their selection."""
        old = self._by_id.pop(case_id, None)
        shown_at = self._position(self._rows, old) if old is not None else None
        if old is not None:
            at = self._position(self._all, old)
            assert at is not None, "a known row is among all rows"
            del self._all[at]
            self._count(old, -1)
        if row is None:
            self._rank.pop(case_id, None)
        else:
            if old is None:
                self._rank[case_id] = self._next_rank
                self._next_rank += 1
            self._by_id[case_id] = row
            self._all.insert(self._insertion_point(self._all, row), row)
            self._count(row, +1)
        # Where the row goes among the shown rows, counted with the old row still there, as
        # Qt counts a move's destination.
        target = (self._insertion_point(self._rows, row)
                  if row is not None and self._filters.accepts(row) else None)
        if row is None or target is None:
            if shown_at is not None:
                self.beginRemoveRows(QModelIndex(), shown_at, shown_at)
                del self._rows[shown_at]
                self.endRemoveRows()
        elif shown_at is None:
            self.beginInsertRows(QModelIndex(), target, target)
            self._rows.insert(target, row)
            self.endInsertRows()
        else:
            self._move(shown_at, target, row)

    def _move(self, shown_at: int, target: int, row: CaseloadRow) -> None:
        stays = target in (shown_at, shown_at + 1)
        if not stays:
            self.beginMoveRows(QModelIndex(), shown_at, shown_at, QModelIndex(), target)
        del self._rows[shown_at]
        final = target - 1 if target > shown_at else target
        self._rows.insert(final, row)
        if not stays:
            self.endMoveRows()
        self.dataChanged.emit(self.index(final, 0), self.index(final, len(COLUMNS) - 1))

    def all_rows(self) -> list[CaseloadRow]:
        """Every row in the chosen order, shown or filtered out (read only)."""
        return self._all

    def total_count(self) -> int:
        return len(self._all)

    def filter_values(self) -> tuple[list[str], list[str]]:
        """The schools and consulenten of all rows, for the filter combos."""
        schools, consulenten = self._values
        return sorted(schools), sorted(c for c in consulenten if c)

    # -- sorting and searching ------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort on the column's typed key (numbers as numbers), keeping the selection."""
        self._sort_column, self._sort_order = column, order
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        old_ids = [r.case_id for r in self._rows]
        self._all = self._ordered(self._all)
        self._renumber()
        # A stable sort of the shown rows gives the order they have among all rows.
        rows = self._ordered(self._rows)
        new_position = {r.case_id: i for i, r in enumerate(rows)}
        old = self.persistentIndexList()
        new = [self.index(new_position[old_ids[i.row()]], i.column()) if i.isValid()
               else QModelIndex() for i in old]
        self._rows = rows
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def sort_column(self) -> int:
        return self._sort_column

    def sort_order(self) -> Qt.SortOrder:
        return self._sort_order

    @property
    def filters(self) -> Filters:
        return self._filters

    def set_filters(self, filters: Filters) -> None:
        # Typing on at the end of the search text only narrows: look at the rows shown.
        candidates = self._rows if filters.narrows(self._filters) else self._all
        self._filters = filters
        self.beginResetModel()
        self._rows = filters.filtered(candidates)
        self.endResetModel()

    def _ordered(self, rows: list[CaseloadRow]) -> list[CaseloadRow]:
        return ordered_rows(rows, self._sort_column, self._sort_order)

    def _renumber(self) -> None:
        self._rank = {r.case_id: i for i, r in enumerate(self._all)}
        self._next_rank = len(self._all)

    def _order_key(self, row: CaseloadRow) -> tuple[Any, int]:
        rank = self._rank[row.case_id]
        if self._sort_column < 0:
            return (0, rank)
        key = COLUMNS[self._sort_column].sort(row)
        if self._sort_order == Qt.SortOrder.DescendingOrder:
            return (_Descending(key), rank)
        return (key, rank)

    def _insertion_point(self, rows: list[CaseloadRow], row: CaseloadRow) -> int:
        return bisect.bisect_left(rows, self._order_key(row), key=self._order_key)

    def _position(self, rows: list[CaseloadRow], row: CaseloadRow) -> int | None:
        at = self._insertion_point(rows, row)
        return at if at < len(rows) and rows[at] is row else None

    def _count(self, row: CaseloadRow, step: int) -> None:
        schools, consulenten = self._values
        for counter, value in ((schools, row.school), (consulenten, row.consulent)):
            counter[value] += step
            if counter[value] <= 0:
                del counter[value]
                self.values_generation += 1
            elif step > 0 and counter[value] == 1:
                self.values_generation += 1

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(row, self._today)
        if role == SORT_ROLE:
            return column.sort(row)
        if role == CASE_ID_ROLE:
            return row.case_id
        if role == Qt.ItemDataRole.TextAlignmentRole and column.numeric:
            return int(RIGHT_ALIGNED)
        if index.column() == DEADLINE_COLUMN and row.deadline is not None:
            state = row.deadline.state
            if role == Qt.ItemDataRole.DecorationRole:
                return state_icon(state)
            if role == Qt.ItemDataRole.BackgroundRole:
                return look(state).background
            if role == Qt.ItemDataRole.ForegroundRole:
                return look(state).foreground
            if role == Qt.ItemDataRole.ToolTipRole:
                # The column may be too narrow for a long action name: the whole text here.
                return (f"{look(state).label}: {row.deadline.kind.label}, "
                        f"uiterlijk {row.deadline.due:%d-%m-%Y}\n"
                        f"{_deadline_text(row, self._today)}")
        return None
