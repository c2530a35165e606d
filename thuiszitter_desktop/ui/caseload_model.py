"""Qt model of the caseload overview, and the proxy that sorts, filters and searches it."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from thuiszitter_desktop.services.caseload import CaseloadRow
from thuiszitter_desktop.ui.deadline_style import look, state_icon

AnyIndex = QModelIndex | QPersistentModelIndex
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


def search_key(text: str) -> str:
    """Lower-case without diacritics, so 'zoe celik' finds 'Zoë Çelik'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


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
    Column("Leerling", lambda r, _: r.pupil_name, lambda r: search_key(r.pupil_name)),
    Column("Volgende termijn", _deadline_text, _deadline_sort),
    Column("Leeftijd", lambda r, _: str(r.age), lambda r: r.age, numeric=True),
    Column("School", lambda r, _: r.school, lambda r: search_key(r.school)),
    Column("Onderwijstype", lambda r, _: r.onderwijstype, lambda r: r.onderwijstype),
    Column("Verzuim", lambda r, _: r.verzuim_type, lambda r: r.verzuim_type),
    Column("% onderwijs", lambda r, _: f"{r.education_percentage}%",
           lambda r: r.education_percentage, numeric=True),
    Column("Dagen thuis", lambda r, _: str(r.days_at_home), lambda r: r.days_at_home,
           numeric=True),
    Column("Regie", lambda r, _: r.regie, lambda r: r.regie),
    Column("Casusverantwoordelijke", lambda r, _: r.casusverantwoordelijke,
           lambda r: search_key(r.casusverantwoordelijke)),
    Column("Consulent", lambda r, _: r.consulent, lambda r: search_key(r.consulent)),
    Column("Fase", lambda r, _: r.stage, lambda r: r.stage_order),
)
DEADLINE_COLUMN = 1


class CaseloadModel(QAbstractTableModel):
    """Rows of the overview; presentation (colour, icon) through roles, not in the data."""

    def __init__(self, today: date, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[CaseloadRow] = []
        self._today = today

    def set_rows(self, rows: list[CaseloadRow], today: date | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        if today is not None:
            self._today = today
        self.endResetModel()

    def update_row(self, row: CaseloadRow | None, case_id: str) -> None:
        """Replace, add or drop one case's row without resetting the view (keeps selection)."""
        position = next((i for i, r in enumerate(self._rows) if r.case_id == case_id), None)
        if row is None:
            if position is not None:
                self.beginRemoveRows(QModelIndex(), position, position)
                del self._rows[position]
                self.endRemoveRows()
        elif position is None:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
            self._rows.append(row)
            self.endInsertRows()
        else:
            self._rows[position] = row
            self.dataChanged.emit(self.index(position, 0),
                                  self.index(position, len(COLUMNS) - 1))

    def row_at(self, row: int) -> CaseloadRow:
        return self._rows[row]

    def rows(self) -> list[CaseloadRow]:
        return list(self._rows)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title
        return None

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
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if index.column() == DEADLINE_COLUMN and row.deadline is not None:
            state = row.deadline.state
            if role == Qt.ItemDataRole.DecorationRole:
                return state_icon(state)
            if role == Qt.ItemDataRole.BackgroundRole:
                return look(state).background
            if role == Qt.ItemDataRole.ForegroundRole:
                return look(state).foreground
            if role == Qt.ItemDataRole.ToolTipRole:
                return (f"{look(state).label}: {row.deadline.kind.label}, "
                        f"uiterlijk {row.deadline.due:%d-%m-%Y}")
        return None


@dataclass
class Filters:
    school: str | None = None
    consulent: str | None = None
    stage: str | None = None
    verzuim_type: str | None = None
    text: str = ""


class CaseloadFilterProxy(QSortFilterProxyModel):
    """Sorts on typed keys (numbers as numbers) and filters on combos plus the search box."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._filters = Filters()
        self._needle = ""
        self.setSortRole(SORT_ROLE)

    @property
    def filters(self) -> Filters:
        return self._filters

    def set_filters(self, filters: Filters) -> None:
        self.beginFilterChange()
        self._filters = filters
        self._needle = search_key(filters.text.strip())
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, CaseloadModel)
        row = model.row_at(source_row)
        f = self._filters
        if f.school is not None and row.school != f.school:
            return False
        if f.consulent is not None and row.consulent != f.consulent:
            return False
        if f.stage is not None and row.stage != f.stage:
            return False
        if f.verzuim_type is not None and row.verzuim_type != f.verzuim_type:
            return False
        if self._needle:
            haystack = search_key(f"{row.pupil_name} {row.school}")
            return all(word in haystack for word in self._needle.split())
        return True

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        a = left.data(SORT_ROLE)
        b = right.data(SORT_ROLE)
        return bool(a < b)
