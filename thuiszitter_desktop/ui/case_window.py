"""The case window: one pupil's case in tabs; new cases start here too."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain.errors import UserError, ValidationError
from thuiszitter_desktop.domain.follow_up import FOLLOWED_UP, FollowUpKind
from thuiszitter_desktop.domain.limits import LONG_TEXT
from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.vocab import ClosingReason, Onderwijstype
from thuiszitter_desktop.services import cases, schools
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.case_form import CaseForm
from thuiszitter_desktop.ui.case_people import ContactsTab, ProfessionalsTab
from thuiszitter_desktop.ui.date_field import DateField
from thuiszitter_desktop.ui.existing_pupil_dialog import ExistingCheck
from thuiszitter_desktop.ui.intake_wiring import add_intake_tabs
from thuiszitter_desktop.ui.plan_editor import PlanTab
from thuiszitter_desktop.ui.text_limits import count_characters
from thuiszitter_desktop.ui.widgets import EnumCombo, ErrorLabel, with_error
from thuiszitter_desktop.ui.window_fit import available_area, initial_size

# The plan editor needs room; never more than the screen, never absurdly large.
MAX_SIZE = QSize(1400, 900)
NEW_CASE_SIZE = QSize(1080, 760)


class SavesOwnChanges(Protocol):
    """A tab with its own save button (aanmelding, intake, terugkoppeling), or with a new
    record typed but not yet added (contactmomenten, betrokkenen)."""

    def has_unsaved_changes(self) -> bool: ...

    def save_changes(self) -> bool: ...


class CloseCaseDialog(QDialog):
    def __init__(self, pupil_name: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Casus afsluiten")
        form = QFormLayout(self)
        intro = QLabel(f"De casus van <b>{pupil_name}</b> afsluiten. De casus verdwijnt uit "
                       "het overzicht maar blijft vindbaar via 'Afgesloten tonen'. Gaat de "
                       "leerling weer naar school of is er een passend aanbod, dan volgt "
                       "nazorg na 3, 6 en 12 maanden.")
        intro.setWordWrap(True)
        form.addRow(intro)
        self.reason = EnumCombo(ClosingReason)
        self.reason.setAccessibleName("Reden van afsluiten")
        self.note = QLineEdit()
        self.note.setPlaceholderText("Toelichting (verplicht bij 'Anders')")
        count_characters(LONG_TEXT, self.note)
        self.note.setAccessibleName("Toelichting")
        self.transition = QCheckBox("Er komt een overgang naar een ander onderwijstype")
        self.transition_kind = EnumCombo(FollowUpKind)
        for kind in FollowUpKind:
            if not kind.is_transition:
                self.transition_kind.removeItem(self.transition_kind.findData(kind.name))
        self.transition_kind.setAccessibleName("Soort overgang")
        self.transition_date = DateField(today, today, key="transition_date",
                                         required="Vul in wanneer de nieuwe school begint.")
        self.transition_date.setAccessibleName("Start op de nieuwe school")
        for widget in (self.transition_kind, self.transition_date):
            widget.setEnabled(False)
            self.transition.toggled.connect(widget.setEnabled)
        form.addRow("Reden", self.reason)
        form.addRow("Toelichting", self.note)
        form.addRow("", self.transition)
        form.addRow("Overgang", self.transition_kind)
        self.transition_error = ErrorLabel()
        form.addRow("Start nieuwe school", with_error(self.transition_date,
                                                      self.transition_error))
        buttons = QDialogButtonBox()
        buttons.addButton("Afsluiten", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Annuleren", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def reason_value(self) -> ClosingReason:
        return self.reason.member()

    def transition_value(self) -> tuple[FollowUpKind, date] | None:
        """The transition to follow up (only after a closing that is followed up)."""
        if not self.transition.isChecked() or self.reason_value() not in FOLLOWED_UP:
            return None
        return self.transition_kind.member(), self.transition_date.day()


def new_case_objects(ctx: AppContext) -> tuple[Pupil, Case]:
    """Defaults for a new registration; the form shows the birth date empty (``new``)."""
    today = ctx.today()
    pupil = Pupil(first_name="", last_name="", birth_date=today,
                  onderwijstype=Onderwijstype.VO)
    case = Case(pupil_id=pupil.id, aanmelding_date=today, consulent=ctx.actor)
    return pupil, case


class CaseWindow(QDialog):
    """Edits one case. ``is_new`` cases are registered on the first save, after asking about
    a probably known pupil (``open_existing`` when the user opens that case instead)."""

    open_existing = Signal(str)

    def __init__(self, ctx: AppContext, pupil: Pupil, case: Case, is_new: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._is_new = is_new
        self._case = case
        self._dirty = False
        self.existing = ExistingCheck(ctx, self)
        self.setWindowTitle(self._title(pupil))
        area = available_area(parent) if parent is not None else available_area(self)
        self.resize(initial_size(area.size(), NEW_CASE_SIZE if is_new else MAX_SIZE))

        self.form = CaseForm(pupil, case, ctx.today(), is_new=is_new,
                             school_names=[s.name for s in schools.list_schools(ctx)])
        scroll = QScrollArea()
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        self.tabs = QTabWidget()
        self.tabs.addTab(scroll, "Gegevens")
        self.own_save_tabs: list[tuple[QWidget, SavesOwnChanges]] = []
        if not is_new:
            detail = cases.load_case(ctx, case.id)
            self.contacts = ContactsTab(ctx, case.id, detail.contacts)
            self.people = ProfessionalsTab(ctx, case.id, detail.professionals)
            self.tabs.addTab(self.contacts, "Contactmomenten")
            self.tabs.addTab(self.people, "Betrokkenen")
            self.intake_tabs = add_intake_tabs(self.tabs, ctx, case.id)
            self.own_save_tabs = [(tab, tab) for tab in (self.contacts, self.people,
                                                        self.intake_tabs.aanmelding,
                                                        self.intake_tabs.intake,
                                                        self.intake_tabs.terugkoppeling)]
            self.plan_tab = PlanTab(ctx, case.id, pupil_name=pupil.full_name)
            self.tabs.addTab(self.plan_tab, "Plan van aanpak")
            # Imported when a saved case opens: the main window starts without these modules.
            from thuiszitter_desktop.ui.seed_rule_tabs import add_seed_rule_tabs

            self.seed_tabs = add_seed_rule_tabs(self, ctx, case.id)

        self.summary = ErrorLabel()
        self.save_button = QPushButton("Opslaan")
        self.save_button.setDefault(True)
        self.save_button.setToolTip("Alle wijzigingen in deze casus opslaan (Ctrl+S)")
        self.cancel_button = QPushButton("Sluiten")
        self.close_case_button = QPushButton("Casus afsluiten…")
        self.reopen_button = QPushButton("Heropenen")
        if is_new:  # the same words as the aanmelding dialog
            self.save_button.setText("Registreren")
            self.save_button.setToolTip("Leerling en casus registreren (Ctrl+S); daarna "
                                        "verschijnen de andere tabbladen")
            self.cancel_button.setText("Annuleren")
        self.close_case_button.setVisible(not is_new and case.is_open)
        self.reopen_button.setVisible(not is_new and not case.is_open)

        buttons = QHBoxLayout()
        buttons.addWidget(self.close_case_button)
        buttons.addWidget(self.reopen_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        if not is_new:
            layout.addWidget(self.seed_tabs.banner)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)

        self.form.edited.connect(self._mark_dirty)
        self.save_button.clicked.connect(self.save_all)
        self.cancel_button.clicked.connect(self.close)
        self.close_case_button.clicked.connect(self._close_case)
        self.reopen_button.clicked.connect(self._reopen)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_all)
        self.form.first_name.setFocus(Qt.FocusReason.OtherFocusReason)

    @staticmethod
    def _title(pupil: Pupil) -> str:
        return f"Casus — {pupil.full_name}" if pupil.full_name else "Nieuwe casus"

    def _mark_dirty(self) -> None:
        self._dirty = True
        self.summary.show_message(None)  # an earlier 'Niet opgeslagen' may be fixed now

    @property
    def case_id(self) -> str:
        return self._case.id

    def save(self) -> bool:
        try:
            pupil, case = self.form.values()
            if self._is_new and not self.existing.go_on(pupil):
                if self.existing.open_case_id is not None:
                    self.open_existing.emit(self.existing.open_case_id)
                return False
            if self._is_new:
                self._case = cases.register_case(self._ctx, pupil, case)
            else:
                cases.save_case(self._ctx, pupil, case, self.form.effective_from.value())
                self._case = case
                self.seed_tabs.refresh_all()
        except ValidationError as exc:
            self.form.show_errors(exc.errors)
            self.summary.show_message("Niet opgeslagen: " + exc.message)
            self.tabs.setCurrentIndex(0)
            return False
        except UserError as exc:
            self.summary.show_message(exc.message)
            return False
        self.form.show_errors({})
        self.summary.show_message(None)
        self._dirty = False
        if self._is_new:
            self.accept()
        else:
            self.setWindowTitle(self._title(pupil))
        return True

    def unsaved_tabs(self) -> list[str]:
        """Titles of the tabs holding edits that are not stored yet."""
        titles = [self.tabs.tabText(0)] if self._dirty else []
        titles += [self.tabs.tabText(self.tabs.indexOf(widget))
                   for widget, tab in self.own_save_tabs if tab.has_unsaved_changes()]
        return titles

    def save_all(self) -> bool:
        """Save the Gegevens tab and every tab with unsaved edits; stop at the first problem."""
        if (self._dirty or self._is_new) and not self.save():
            return False
        if self._is_new:
            return True
        for widget, tab in self.own_save_tabs:
            if not tab.save_changes():
                self.tabs.setCurrentWidget(widget)
                return False
        return True

    def _close_case(self) -> None:
        if self._dirty and not self.save():
            return
        name = f"{self.form.first_name.text()} {self.form.last_name.text()}".strip()
        dialog = CloseCaseDialog(name, self._ctx.today(), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            cases.close_case(self._ctx, self._case.id, dialog.reason_value(), dialog.note.text(),
                             dialog.transition_value())
        except UserError as exc:
            self.summary.show_message(exc.message)
            return
        self.accept()

    def _reopen(self) -> None:
        cases.reopen_case(self._ctx, self._case.id)
        self.accept()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._confirm_discard():
            event.accept()
        else:
            event.ignore()

    def reject(self) -> None:
        if self._confirm_discard():
            super().reject()

    def _confirm_discard(self) -> bool:
        unsaved = self.unsaved_tabs()
        if not unsaved:
            return True
        where = (f"op het tabblad {unsaved[0]}" if len(unsaved) == 1 else
                 "op de tabbladen " + ", ".join(unsaved[:-1]) + " en " + unsaved[-1])
        answer = QMessageBox.question(
            self, "Wijzigingen opslaan?",
            f"U heeft wijzigingen {where} die nog niet zijn opgeslagen. Wilt u ze opslaan?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save_all()
        if answer == QMessageBox.StandardButton.Discard:
            self._dirty = False
            self.own_save_tabs = []  # closing: their edits are dropped, not asked about again
            return True
        return False
