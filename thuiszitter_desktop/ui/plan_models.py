"""Qt table models for the goals and actions of a plan, with drag-to-reorder.

The models never change the plan themselves: every edit, move or drop is turned into a new plan
(``domain.plan_edit``) and handed to the editor through ``PlanSource.apply``, which puts it on
the undo stack. After a change the editor calls ``refresh``.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from thuiszitter_desktop.domain.date_text import DateTextError, parse_date_text
from thuiszitter_desktop.domain.limits import SHORT_TEXT
from thuiszitter_desktop.domain.plan import (
    Action,
    ActionStatus,
    Goal,
    Owner,
    OwnerKind,
    PlanVanAanpak,
)
from thuiszitter_desktop.domain.plan_edit import (
    move_action,
    move_goal,
    update_action,
    update_goal,
)
from thuiszitter_desktop.domain.plan_owner import owner_for
from thuiszitter_desktop.ui.cell_limits import limit_line
from thuiszitter_desktop.ui.date_field import format_date
from thuiszitter_desktop.ui.wrapped_cells import WrappedCellDelegate

GOAL_MIME = "application/x-thuiszitter-plan-goal"
ACTION_MIME = "application/x-thuiszitter-plan-action"
ItemIndex = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()

REALISTIC_CHOICES: list[tuple[str, str]] = [("", "Nog niet besproken"), ("ja", "Ja"),
                                            ("nee", "Nee")]


class PlanSource(Protocol):
    """What the models need from the editor."""

    @property
    def plan(self) -> PlanVanAanpak | None: ...

    @property
    def read_only(self) -> bool: ...

    def apply(self, plan: PlanVanAanpak, description: str) -> bool: ...

    def today(self) -> date: ...

    def people(self) -> list[Owner]: ...

    def show_problem(self, message: str) -> None: ...


def _realistic_text(value: bool | None) -> str:
    return {True: "Ja", False: "Nee", None: ""}[value]


class _PlanTableModel(QAbstractTableModel):
    headers: tuple[str, ...] = ()
    mime = ""

    def __init__(self, source: PlanSource) -> None:
        super().__init__()
        self._source = source
        self._rows = 0

    def items(self) -> tuple[Any, ...]:
        raise NotImplementedError

    def rowCount(self, parent: ItemIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.items())

    def columnCount(self, parent: ItemIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def refresh(self) -> None:
        """Show the editor's current plan; keeps selection when only cells changed."""
        rows = len(self.items())
        if rows != self._rows:
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
        elif rows:
            self.dataChanged.emit(self.index(0, 0), self.index(rows - 1, len(self.headers) - 1))

    def flags(self, index: ItemIndex) -> Qt.ItemFlag:
        if self._source.read_only:
            base = Qt.ItemFlag.ItemIsEnabled
            return base | Qt.ItemFlag.ItemIsSelectable if index.isValid() else base
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                | Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDragEnabled
                | Qt.ItemFlag.ItemIsDropEnabled)

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [self.mime]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = sorted({index.row() for index in indexes})
        if rows:
            data.setData(self.mime, QByteArray(self.items()[rows[0]].id.encode()))
        return data

    @staticmethod
    def target_row(row: int, parent: ItemIndex, count: int) -> int:
        """Qt's drop position as a row index before removal (end of list when unknown)."""
        if row >= 0:
            return row
        return parent.row() if parent.isValid() else count

    @staticmethod
    def final_index(from_row: int, drop_row: int) -> int:
        """Where the moved row ends up once it is taken out of its old place."""
        return drop_row - 1 if drop_row > from_row else drop_row


class GoalsModel(_PlanTableModel):
    headers = ("Doel", "Zo meten we het", "Afgesproken met",
               "Haalbaar?", "Toelichting", "Klaar op")
    mime = GOAL_MIME

    def items(self) -> tuple[Goal, ...]:
        plan = self._source.plan
        return plan.goals if plan else ()

    def data(self, index: ItemIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.EditRole):
            return None
        goal = self.items()[index.row()]
        column = index.column()
        if column == 3 and role == Qt.ItemDataRole.EditRole:
            return {True: "ja", False: "nee", None: ""}[goal.realistic]
        return (goal.description, goal.indicator, ", ".join(goal.agreed_by),
                _realistic_text(goal.realistic), goal.realistic_why,
                format_date(goal.deadline))[column]

    def setData(self, index: ItemIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        plan = self._source.plan
        if plan is None or not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        goal = self.items()[index.row()]
        text = str(value or "")
        changes: dict[str, Any]
        column = index.column()
        if column == 0:
            changes = {"description": text.strip()}
        elif column == 1:
            changes = {"indicator": text.strip()}
        elif column == 2:
            changes = {"agreed_by": tuple(p.strip() for p in text.split(",") if p.strip())}
        elif column == 3:
            changes = {"realistic": {"ja": True, "nee": False}.get(text)}
        elif column == 4:
            changes = {"realistic_why": text.strip()}
        else:
            try:
                changes = {"deadline": parse_date_text(text)}
            except DateTextError as exc:
                self._source.show_problem(exc.message)
                return False
        if all(getattr(goal, key) == new for key, new in changes.items()):
            return False
        return self._source.apply(update_goal(plan, goal.id, **changes), "Doel wijzigen")

    def mimeTypes(self) -> list[str]:
        return [GOAL_MIME, ACTION_MIME]

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: ItemIndex) -> bool:
        return not self._source.read_only and (data.hasFormat(GOAL_MIME)
                                               or data.hasFormat(ACTION_MIME))

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: ItemIndex) -> bool:
        plan = self._source.plan
        if plan is None or self._source.read_only:
            return False
        goals = self.items()
        if data.hasFormat(ACTION_MIME) and parent.isValid():
            # An action dropped on a goal moves to the end of that goal's steps.
            action_id = bytes(data.data(ACTION_MIME).data()).decode()
            target = goals[parent.row()]
            self._source.apply(move_action(plan, action_id, len(target.actions), target.id),
                               "Actie naar ander doel")
        elif data.hasFormat(GOAL_MIME):
            goal_id = bytes(data.data(GOAL_MIME).data()).decode()
            from_row = next(i for i, goal in enumerate(goals) if goal.id == goal_id)
            to_row = self.final_index(from_row, self.target_row(row, parent, len(goals)))
            if to_row != from_row:
                self._source.apply(move_goal(plan, goal_id, to_row), "Doel verplaatsen")
        # False: the move is done; the view must not also remove the dragged rows.
        return False


class ActionsModel(_PlanTableModel):
    headers = ("Wie", "Soort", "Wat", "Wanneer", "Status", "Gedaan op")
    mime = ACTION_MIME

    def __init__(self, source: PlanSource) -> None:
        super().__init__(source)
        self.goal_id: str | None = None

    def set_goal(self, goal_id: str | None) -> None:
        self.beginResetModel()
        self.goal_id = goal_id
        self._rows = len(self.items())
        self.endResetModel()

    def goal(self) -> Goal | None:
        plan = self._source.plan
        if plan is None or self.goal_id is None:
            return None
        return next((goal for goal in plan.goals if goal.id == self.goal_id), None)

    def items(self) -> tuple[Action, ...]:
        goal = self.goal()
        return goal.actions if goal else ()

    def data(self, index: ItemIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.EditRole):
            return None
        action = self.items()[index.row()]
        owner = action.owner
        edit = role == Qt.ItemDataRole.EditRole
        column = index.column()
        if column == 1:
            return (owner.kind.name if edit else owner.kind.label) if owner else ""
        if column == 4:
            return action.status.name if edit else action.status.label
        return {0: owner.name if owner else "", 2: action.what, 3: format_date(action.due),
                5: format_date(action.done_on)}[column]

    def setData(self, index: ItemIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        plan = self._source.plan
        if plan is None or not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        action = self.items()[index.row()]
        text = str(value or "").strip()
        try:
            changes = self._changes(action, index.column(), text)
        except DateTextError as exc:
            self._source.show_problem(exc.message)
            return False
        if all(getattr(action, key) == new for key, new in changes.items()):
            return False
        return self._source.apply(update_action(plan, action.id, **changes), "Actie wijzigen")

    def _changes(self, action: Action, column: int, text: str) -> dict[str, Any]:
        if column == 0:
            if not text:
                return {"owner": None}
            return {"owner": owner_for(text, self._source.people(),
                                       action.owner.kind if action.owner else None)}
        if column == 1:
            name = action.owner.name if action.owner else ""
            return {"owner": Owner(name=name, kind=OwnerKind.from_name(text))}
        if column == 2:
            return {"what": text}
        if column == 3:
            return {"due": parse_date_text(text)}
        if column == 4:
            status = ActionStatus.from_name(text)
            done_on = action.done_on or self._source.today()
            return {"status": status,
                    "done_on": done_on if status is ActionStatus.GEDAAN else None}
        return {"done_on": parse_date_text(text)}

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: ItemIndex) -> bool:
        plan = self._source.plan
        if plan is None or self._source.read_only or not data.hasFormat(ACTION_MIME):
            return False
        action_id = bytes(data.data(ACTION_MIME).data()).decode()
        actions = self.items()
        from_row = next((i for i, a in enumerate(actions) if a.id == action_id), None)
        if from_row is None:
            return False
        to_row = self.final_index(from_row, self.target_row(row, parent, len(actions)))
        if to_row != from_row:
            self._source.apply(move_action(plan, action_id, to_row), "Actie verplaatsen")
        return False  # see GoalsModel.dropMimeData


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box editor over fixed (value, label) pairs; the model gets the value."""

    def __init__(self, choices: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._choices = choices

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: ItemIndex) -> QWidget:
        combo = QComboBox(parent)
        for value, label in self._choices:
            combo.addItem(label, value)
        return combo

    def setEditorData(self, editor: QWidget, index: ItemIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: Any, index: ItemIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class PersonDelegate(WrappedCellDelegate):
    """'Wie': pick one of the people of the case, or type another name."""

    def __init__(self, source: PlanSource, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._source = source

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: ItemIndex) -> QWidget:
        combo = QComboBox(parent)
        combo.setEditable(True)
        for person in self._source.people():
            combo.addItem(person.name)
        edit = combo.lineEdit()
        if edit is not None:
            limit_line(edit, SHORT_TEXT, "de naam", self._source.show_problem)
        return combo

    def setEditorData(self, editor: QWidget, index: ItemIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setEditText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model: Any, index: ItemIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
