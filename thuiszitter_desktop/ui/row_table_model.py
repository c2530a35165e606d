"""Read-only Qt table models over a list of rows, with the columns declared as data.

``RowListModel`` holds the rows and answers the counts and headers; ``RowTableModel`` adds
cells from ``RowColumn`` declarations (text, sort key, alignment). A model states only what
is special about it: which case a row belongs to (``case_id``) and any extra role of a cell
(``cell_data``: colour, icon, tooltip).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

AnyIndex = QModelIndex | QPersistentModelIndex
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
# Numbers line up on the right, the way a reader compares them.
RIGHT_ALIGNED = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

R = TypeVar("R")


@dataclass(frozen=True)
class RowColumn(Generic[R]):
    title: str
    display: Callable[[R], str]
    sort: Callable[[R], Any] | None = None  # answers SORT_ROLE; None: no sort key
    alignment: Qt.AlignmentFlag | None = None


class RowListModel(QAbstractTableModel, Generic[R]):
    """The rows in the order given, their count and the column titles."""

    def __init__(self, titles: Sequence[str], parent: Any = None) -> None:
        super().__init__(parent)
        self._titles = tuple(titles)
        self._rows: list[R] = []

    def set_rows(self, rows: list[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def remove_row(self, position: int) -> None:
        self.beginRemoveRows(QModelIndex(), position, position)
        del self._rows[position]
        self.endRemoveRows()

    def insert_row(self, position: int, row: R) -> None:
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.insert(position, row)
        self.endInsertRows()

    def rows(self) -> list[R]:
        return list(self._rows)

    def row_at(self, row: int) -> R:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._titles)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._titles[section]
        return None


class RowTableModel(RowListModel[R]):
    """Cells from the column declarations; subclasses give ``case_id`` and extra roles."""

    def __init__(self, columns: Sequence[RowColumn[R]], parent: Any = None) -> None:
        super().__init__([c.title for c in columns], parent)
        self._columns = tuple(columns)

    def case_id(self, item: R) -> str:
        raise NotImplementedError

    def cell_data(self, item: R, column: int, role: int) -> Any:
        """Any other role of a cell (colour, icon, tooltip); None by default."""
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._rows[index.row()]
        column = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(item)
        if role == CASE_ID_ROLE:
            return self.case_id(item)
        if role == SORT_ROLE and column.sort is not None:
            return column.sort(item)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.alignment is not None:
            return int(column.alignment)
        return self.cell_data(item, index.column(), role)
