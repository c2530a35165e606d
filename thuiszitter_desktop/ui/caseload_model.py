"""Qt model of the caseload overview, and the proxy that sorts, filters and searches it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt

from thuiszitter_desktop.domain.text_fold import fold
from thuiszitter_desktop.services.caseload import CaseloadRow
from thuiszitter_desktop.ui.deadline_style import look, state_icon
from thuiszitter_desktop.ui.row_table_model import (
    CASE_ID_ROLE,
    RIGHT_ALIGNED,
    SORT_ROLE,
    AnyIndex,
    RowListModel,
)


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
    Column("Dagen zonder aanbod", lambda r, _: str(r.days_without_aanbod),
           lambda r: r.days_without_aanbod, numeric=True),
    Column("Regie", lambda r, _: r.regie, lambda r: r.regie),
    Column("Casusverantwoordelijke", lambda r, _: r.casusverantwoordelijke,
           lambda r: search_key(r.casusverantwoordelijke)),
    Column("Consulent", lambda r, _: r.consulent, lambda r: search_key(r.consulent)),
    Column("Fase", lambda r, _: r.stage, lambda r: r.stage_order),
)
DEADLINE_COLUMN = 1


class CaseloadModel(RowListModel[CaseloadRow]):
    """Rows of the overview; presentation (colour, icon) through roles, not in the data.

    The model sorts itself (``sort``: one Python ``sorted`` on the column's typed key) and
    keeps a search text per row: with thousands of cases, comparing rows or normalising names
    inside Qt's per-row callbacks is what made loading and typing slow (see bench/).
    """

    def __init__(self, today: date, parent: Any = None) -> None:
        super().__init__([c.title for c in COLUMNS], parent)
        self._today = today
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._haystacks: list[str] | None = None
        # Bumped on every change of the rows, before views hear of it: caches compare it.
        self.generation = 0

    def set_rows(self, rows: list[CaseloadRow], today: date | None = None) -> None:
        self.beginResetModel()
        self._rows = self._ordered(rows) if self._sort_column >= 0 else list(rows)
        self._forget_keys()
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
                self._forget_keys()
                self.endRemoveRows()
            return
        if position is None:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
            self._rows.append(row)
            self._forget_keys()
            self.endInsertRows()
        else:
            self._rows[position] = row
            self._forget_keys()
            self.dataChanged.emit(self.index(position, 0),
                                  self.index(position, len(COLUMNS) - 1))
        if self._sort_column >= 0:
            self._relayout(self._ordered(self._rows))

    # -- sorting and searching ------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort on the column's typed key (numbers as numbers), keeping the selection."""
        self._sort_column, self._sort_order = column, order
        if 0 <= column < len(COLUMNS):
            self._relayout(self._ordered(self._rows))

    def sort_column(self) -> int:
        return self._sort_column

    def haystacks(self) -> list[str]:
        """Per row the text the search box looks in: name and school, without accents."""
        if self._haystacks is None:
            self._haystacks = [search_key(f"{r.pupil_name} {r.school}") for r in self._rows]
        return self._haystacks

    def _forget_keys(self) -> None:
        self._haystacks = None
        self.generation += 1

    def _ordered(self, rows: list[CaseloadRow]) -> list[CaseloadRow]:
        sort = COLUMNS[self._sort_column].sort
        # Python's sort is stable: equal keys keep their order, also in descending order.
        return sorted(rows, key=sort,
                      reverse=self._sort_order == Qt.SortOrder.DescendingOrder)

    def _relayout(self, rows: list[CaseloadRow]) -> None:
        """Move rows to a new order, telling views where each persistent index went."""
        if [r.case_id for r in rows] == [r.case_id for r in self._rows]:
            return
        self.layoutAboutToBeChanged.emit()
        new_position = {r.case_id: i for i, r in enumerate(rows)}
        old = self.persistentIndexList()
        new = [self.index(new_position[self._rows[i.row()].case_id], i.column())
               if i.isValid() else QModelIndex() for i in old]
        self._rows = rows
        self._forget_keys()
        self.changePersistentIndexList(old, new)
        self.layoutChanged.emit()

    def rows_view(self) -> list[CaseloadRow]:
        """The rows in model order, not copied (read only)."""
        return self._rows

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


@dataclass
class Filters:
    school: str | None = None
    consulent: str | None = None
    stage: str | None = None
    verzuim_type: str | None = None
    text: str = ""


class CaseloadFilterProxy(QSortFilterProxyModel):
    """Filters on combos plus the search box; sorting is passed on to the source model.

    The proxy keeps the source's order (it never sorts itself), so a sort costs one Python
    ``sorted`` instead of a Python ``lessThan`` call per comparison. The filter result is
    computed in one pass per change; ``filterAcceptsRow`` only looks it up.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._filters = Filters()
        self._needle = ""
        self._accepted: list[bool] = []
        self._accepted_for = -1  # the model generation ``_accepted`` was computed for
        self.setSortRole(SORT_ROLE)

    @property
    def filters(self) -> Filters:
        return self._filters

    def _model(self) -> CaseloadModel:
        model = self.sourceModel()
        assert isinstance(model, CaseloadModel)
        return model

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._model().sort(column, order)

    def set_filters(self, filters: Filters) -> None:
        self.beginFilterChange()
        self._filters = filters
        self._needle = search_key(filters.text.strip())
        self._accepted_for = -1
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def _compute_accepted(self) -> list[bool]:
        model, f = self._model(), self._filters
        rows = model.rows_view()
        accepted = [
            (f.school is None or r.school == f.school)
            and (f.consulent is None or r.consulent == f.consulent)
            and (f.stage is None or r.stage == f.stage)
            and (f.verzuim_type is None or r.verzuim_type == f.verzuim_type)
            for r in rows
        ]
        if self._needle:
            words = self._needle.split()
            for i, haystack in enumerate(model.haystacks()):
                if accepted[i] and not all(word in haystack for word in words):
                    accepted[i] = False
        return accepted

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self._model()
        if self._accepted_for != model.generation:
            self._accepted = self._compute_accepted()
            self._accepted_for = model.generation
        return self._accepted[source_row]
