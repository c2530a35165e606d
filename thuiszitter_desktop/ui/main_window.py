"""The main window: a page list on the left, the chosen page on the right."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from thuiszitter_desktop.domain.errors import UserError
from thuiszitter_desktop.domain.roles import Role
from thuiszitter_desktop.services import access_log, caseload, cases, overview_rows, sync_roles
from thuiszitter_desktop.services.bulk import kept_for_the_session, release_kept
from thuiszitter_desktop.services.clock_cache import ClockCache, PreparedClock, prepare_clock
from thuiszitter_desktop.services.context import AppContext, Change
from thuiszitter_desktop.services.today_board import TodayBoard
from thuiszitter_desktop.ui.background import Background
from thuiszitter_desktop.ui.caseload_page import CaseloadPage
from thuiszitter_desktop.ui.deferred_page import DeferredPage
from thuiszitter_desktop.ui.lazy_page import ShowAware
from thuiszitter_desktop.ui.qt_changes import QtChanges
from thuiszitter_desktop.ui.sync_wiring import TeamWiring
from thuiszitter_desktop.ui.today_page import TodayPage
from thuiszitter_desktop.ui.tray import ReminderTray
from thuiszitter_desktop.ui.window_fit import available_area, initial_size
from thuiszitter_desktop.version import __version__

if TYPE_CHECKING:
    from thuiszitter_desktop.ui.aanmeld_page import AanmeldPage
    from thuiszitter_desktop.ui.figures_page import FiguresPage
    from thuiszitter_desktop.ui.mdo_page import MdoPage

SP = QStyle.StandardPixmap
# Navigation icons: the desktop theme's icon where there is one, else Qt's own.
NAV_ICONS: dict[str, tuple[str, QStyle.StandardPixmap]] = {
    "Vandaag": ("appointment-soon", SP.SP_DialogApplyButton),
    "Caseload": ("x-office-address-book", SP.SP_FileDialogDetailedView),
    "Aanmelden": ("document-new", SP.SP_FileIcon),
    "MDO": ("system-users", SP.SP_FileDialogContentsView),
    "Beleidsinformatie": ("x-office-spreadsheet", SP.SP_FileDialogInfoView),
    # SP_VistaShield is empty outside Windows; the vault on disk is a fair picture.
    "Beveiliging": ("security-high", SP.SP_DriveHDIcon),
    "Conflicten": ("dialog-warning", SP.SP_MessageBoxWarning),
    "Mogelijk dubbel": ("edit-copy", SP.SP_MessageBoxQuestion),
    "Mijn school": ("go-home", SP.SP_DirHomeIcon),
    "Teamcijfers": ("x-office-spreadsheet", SP.SP_FileDialogInfoView),
}


NAV_MIN_WIDTH = 130
NAV_MAX_WIDTH = 230


class CurrentPageStack(QStackedWidget):
    """The pages; only the page shown counts for the size, so a small page never scrolls
    because another, larger page is hidden behind it."""

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.minimumSizeHint() if page is not None else super().minimumSizeHint()


DEMO_BANNER = ("DEMO — alle leerlingen, scholen en mensen hierin zijn verzonnen. Werk hier niet "
               "met echte gegevens: die horen in uw eigen, versleutelde kluis.")


class MainWindow(QMainWindow):
    lock_requested = Signal()

    def __init__(self, ctx: AppContext, demo: bool = False,
                 parent: QWidget | None = None, *, load_in_background: bool = False) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.demo = demo
        self.setWindowTitle("Thuiszitter Desktop" + (" — DEMO (fictieve gegevens)" if demo
                                                      else ""))
        # Most of the screen, never more: laptops are often 1366 pixels wide.
        self.resize(initial_size(available_area(self).size(), QSize(1400, 820)))
        # The open cases' clock, read once for Vandaag, the status line and the caseload. It
        # subscribes to the change bus before the views do, so it is up to date before they ask.
        self.clock_cache = ClockCache(ctx)
        self.changes = QtChanges(ctx.changes, self)

        self.nav = QListWidget()
        self.nav.setMaximumWidth(NAV_MAX_WIDTH)
        self.nav.setMinimumWidth(NAV_MIN_WIDTH)
        self.nav.setIconSize(QSize(22, 22))
        self.nav.setSpacing(2)
        self.nav.setAccessibleName("Onderdelen")
        nav_font = self.nav.font()
        nav_font.setPointSizeF(nav_font.pointSizeF() * 1.15)
        self.nav.setFont(nav_font)
        self.page_actions: list[QAction] = []
        self.pages = CurrentPageStack()
        # On a small screen (or at 200 %) the page scrolls; menu, pages list and status bar
        # stay in view.
        page_area = QScrollArea()
        page_area.setWidgetResizable(True)
        page_area.setFrameShape(QFrame.Shape.NoFrame)
        page_area.setWidget(self.pages)
        splitter = self.splitter = QSplitter()
        splitter.addWidget(self.nav)
        splitter.addWidget(page_area)
        splitter.setStretchFactor(1, 1)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.demo_banner: QLabel | None = None
        if demo:
            # Inside the window, not only in the title bar (which a maximised window or a
            # screen share may hide): nobody types a real pupil into the demo.
            self.demo_banner = QLabel(DEMO_BANNER)
            self.demo_banner.setObjectName("demoBanner")
            self.demo_banner.setWordWrap(True)
            self.demo_banner.setStyleSheet(
                "#demoBanner { background: #FFF4CE; color: #3D2E00; border-bottom: 2px solid "
                "#8A5300; padding: 6px 10px; font-weight: bold; }")
            column.addWidget(self.demo_banner)
        column.addWidget(splitter, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.pages.currentChanged.connect(lambda _index: self.pages.updateGeometry())
        # object, not QWidget: pages are checked against the ShowAware protocol below.
        self._shown_page: object | None = None
        # Pages that show pupils' names: each time one is opened, one audit line.
        self._viewed_as: dict[QWidget, str] = {}
        # The pages that follow the team role, first in the list (the rest, e.g. Beveiliging,
        # stays whatever the role): replaced as a whole when the role changes.
        self._role_pages: list[QWidget] = []
        self.pages.currentChanged.connect(self._page_changed)

        # Vandaag loads at once (it feeds the tray); every other page when first shown. In
        # the app the clock is read in a worker thread, so the window shows (and stays
        # responsive) at once, whatever the size of the caseload.
        self.background = Background(self) if load_in_background else None
        self.caseload = CaseloadPage(ctx, cache=self.clock_cache, lazy=True,
                                     background=self.background)
        self.today_page = TodayPage(ctx, cache=self.clock_cache,
                                    load_now=not load_in_background)
        # Menus and pages follow the team role (issue 21): a zorgcoördinator gets "Mijn school",
        # a teamleider "Teamcijfers"; a consulent (or a laptop outside a team) everything.
        self.role = sync_roles.role(ctx)
        self.first_page: QWidget = self.today_page
        self._build_pages_for_role()
        # Deadlines: the Vandaag page opens first after unlock; the tray shows counts only.
        # (After a lock, AppController returns the user to the page they were on.)
        self.show_page(self.first_page)
        self._page_changed(self.pages.currentIndex())
        self.tray = ReminderTray(self)
        self.today_page.open_case.connect(self.open_case)
        self.today_page.notification_changed.connect(self.tray.notify)
        self.tray.activated.connect(lambda: self.show_page(self.today_page))
        self.tray.notify(self.today_page.summary_text())

        self.caseload.open_case.connect(self.open_case)
        self.caseload.new_case.connect(self.new_case)
        self.changes.changed.connect(self._on_change)
        self._build_menus()
        self._update_status()
        # The team (sync, Conflicten, Mogelijk dubbel); never for the fictitious demo.
        self.team = None if demo else TeamWiring(self, ctx, self.changes, self,
                                                 self.lock_requested,
                                                 self.caseload.selected_case_id)
        if self.background is not None:
            self.load_clock()

    def load_clock(self) -> None:
        """Read the open cases' clock in the worker thread; Vandaag, the status line and the
        caseload show it when it arrives (changes meanwhile are replayed on it)."""
        assert self.background is not None
        load = self.clock_cache.begin_load()
        today = self.ctx.today()

        background = self.background

        def work() -> tuple[PreparedClock, TodayBoard] | None:
            with self.ctx.vault.in_use() as usable:
                if not usable:
                    return None
                for first in caseload.first_screens(self.ctx, today):  # rows to look at
                    background.deliver(self.caseload.show_first_screen,
                                       self.caseload.sorted_first(first))
                with kept_for_the_session():
                    prepared = prepare_clock(self.ctx, today)
                    board = TodayBoard()
                    board.rebuild(prepared.snapshot, today, prepared.pending)
            return prepared, board

        def done(result: tuple[PreparedClock, TodayBoard] | None) -> None:
            if result is None or self.ctx.vault.is_locked:
                return  # locked (or shut down) while it was read
            prepared, board = result
            replayed = self.clock_cache.install(prepared, load)
            if replayed is None:
                return  # locked, or read by itself meanwhile
            if replayed or prepared.today != self.ctx.today():
                self.today_page.reload()  # the board predates what was replayed
            else:
                self.today_page.show_board(board)
            self._update_status()
            if self.caseload.loader.shown:
                self.caseload.loader.reload()
            else:
                self.caseload.loader.forget()
            self._store_overview_clocks()

        def failed(exc: BaseException) -> None:
            self.statusBar().showMessage(
                exc.message if isinstance(exc, UserError)
                else "De termijnen konden niet worden geladen. Vergrendel en ontgrendel de "
                     "kluis om het opnieuw te proberen.")

        self.background.run("klok-laden", work, done, failed)

    def _store_overview_clocks(self) -> None:
        """Store the overview clocks still missing (after upgrading, a large pull) in the
        worker thread, so the next start shows every case at once; nobody waits for it."""
        assert self.background is not None

        def work() -> int:
            with self.ctx.vault.in_use() as usable:
                return overview_rows.store_missing(self.ctx) if usable else 0

        self.background.run("overzichtsklokken", work, lambda _stored: None)

    def _build_pages_for_role(self) -> None:
        if self.role is Role.CONSULENT:
            self.first_page = self.today_page
            self._build_pages()
        else:
            self._build_role_pages()

    # Feature pages are added here, in the order users see them. Pages other than Vandaag and
    # the caseload are built (and their modules imported) when first shown: start-up time is
    # mostly imports.
    def _build_pages(self) -> None:
        self.add_page("Vandaag", self.today_page, viewed_as="vandaag", for_role=True)
        self.add_page("Caseload", self.caseload, viewed_as="caseload", for_role=True)
        self._aanmeld = DeferredPage(self._make_aanmeld_page)
        self.add_page("Aanmelden", self._aanmeld, viewed_as="aanmeldingen", for_role=True)
        self._mdo = DeferredPage(self._make_mdo_page)
        self.add_page("MDO", self._mdo, for_role=True)
        self._figures = DeferredPage(self._make_figures_page)
        self.add_page("Beleidsinformatie", self._figures, for_role=True)

    @property
    def aanmeld_page(self) -> AanmeldPage:
        return self._aanmeld.page

    @property
    def mdo_page(self) -> MdoPage:
        return self._mdo.page

    @property
    def figures_page(self) -> FiguresPage:
        return self._figures.page

    # A page built late loads fresh when shown, so it needs the change bus only from then on.
    def _make_aanmeld_page(self) -> AanmeldPage:
        from thuiszitter_desktop.ui.aanmeld_page import AanmeldPage

        page = AanmeldPage(self.ctx, lazy=True)
        page.open_case.connect(self.open_case)
        self.changes.changed.connect(page.on_change)
        return page

    def _make_mdo_page(self) -> MdoPage:
        from thuiszitter_desktop.ui.mdo_page import MdoPage

        page = MdoPage(self.ctx, lazy=True)
        self.changes.changed.connect(page.on_change)
        self.lock_requested.connect(page.clear)
        return page

    def _make_figures_page(self) -> FiguresPage:
        from thuiszitter_desktop.ui.figures_page import FiguresPage

        page = FiguresPage(self.ctx, lazy=True, cache=self.clock_cache)
        page.open_case.connect(self.open_case)
        page.compare_list.connect(self._compare_list)
        self.changes.changed.connect(page.on_change)
        self.lock_requested.connect(page.clear)
        return page

    def _compare_list(self) -> None:
        from thuiszitter_desktop.ui.list_import_dialog import ListImportDialog

        ListImportDialog(self.ctx, parent=self).exec()

    def _build_role_pages(self) -> None:
        """The reduced app of a school's zorgcoördinator or a teamleider."""
        from thuiszitter_desktop.ui.school_page import SchoolPage
        from thuiszitter_desktop.ui.team_figures_page import TeamFiguresPage

        page: SchoolPage | TeamFiguresPage
        if self.role is Role.ZORGCOORDINATOR:
            page = self.school_page = SchoolPage(self.ctx, lazy=True)
            self.add_page("Mijn school", page, viewed_as="Mijn school", for_role=True)
            self.changes.changed.connect(page.on_change)
        else:
            page = self.team_figures_page = TeamFiguresPage(self.ctx, lazy=True)
            self.add_page("Teamcijfers", page, for_role=True)
        self.lock_requested.connect(page.clear)
        self.first_page = page

    def add_page(self, title: str, page: QWidget, viewed_as: str | None = None, *,
                 for_role: bool = False) -> None:
        """A page with its nav item and a Ctrl+<number> shortcut (the first nine pages).

        ``viewed_as``: for a page that shows names, what its audit line calls the view.
        ``for_role``: a page of the team role, listed after the role's earlier pages and
        before the pages every role has (it goes when the role changes)."""
        theme, fallback = NAV_ICONS.get(title, ("", SP.SP_FileIcon))
        item = QListWidgetItem(QIcon.fromTheme(theme, self.style().standardIcon(fallback)),
                               title)
        item.setSizeHint(QSize(0, 40))
        if viewed_as is not None:
            self._viewed_as[page] = viewed_as
        at = len(self._role_pages) if for_role else self.pages.count()
        if for_role:
            self._role_pages.append(page)
        with self._same_page_shown():
            self.nav.insertItem(at, item)
            self.pages.insertWidget(at, page)
        self._number_pages()

    def remove_page(self, page: QWidget) -> None:
        """Take a page out of the list (the caller deletes it, or keeps it for later)."""
        index = self.pages.indexOf(page)
        if index < 0:
            return
        if page is self._shown_page:
            if isinstance(page, ShowAware):
                page.page_hidden()
            self._shown_page = None
        with self._same_page_shown():
            self.nav.takeItem(index)
            self.pages.removeWidget(page)
        self._viewed_as.pop(page, None)
        if page in self._role_pages:
            self._role_pages.remove(page)
        self._number_pages()

    @contextmanager
    def _same_page_shown(self) -> Iterator[None]:
        """Insert or remove pages without showing (and auditing) the pages in between."""
        current = self.pages.currentWidget()
        self.nav.blockSignals(True)
        self.pages.blockSignals(True)
        try:
            yield
        finally:
            if current is not None and self.pages.indexOf(current) >= 0:
                self.pages.setCurrentWidget(current)
            self.nav.setCurrentRow(self.pages.currentIndex())
            self.nav.blockSignals(False)
            self.pages.blockSignals(False)
            self.pages.updateGeometry()

    def _number_pages(self) -> None:
        """Ctrl+1 … Ctrl+9 and the Ga naar menu follow the pages in the order listed."""
        go_menu = getattr(self, "go_menu", None)
        for action in self.page_actions:
            self.removeAction(action)
            if go_menu is not None:
                go_menu.removeAction(action)
            action.deleteLater()
        self.page_actions = []
        for index in range(min(self.pages.count(), 9)):
            item, page = self.nav.item(index), self.pages.widget(index)
            action = QAction(item.icon(), item.text(), self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _=False, p=page: self.show_page(p))
            item.setToolTip(f"{item.text()} (Ctrl+{index + 1})")
            self.addAction(action)  # works from every page, menu or not
            self.page_actions.append(action)
            if go_menu is not None:
                go_menu.addAction(action)

    def page_titles(self) -> list[str]:
        return [self.nav.item(i).text() for i in range(self.nav.count())]

    def apply_role(self, role: Role) -> None:
        """Show the screens of another team role at once (after joining a team, or when the
        administrator changed the role): the role's pages and menus are replaced; open
        windows and the pages every role has (Beveiliging) stay."""
        for page in list(self._role_pages):
            self.remove_page(page)
            if page not in (self.today_page, self.caseload):  # made once, kept for later
                page.deleteLater()
        if role is Role.CONSULENT:
            self.today_page.reload()
        else:  # the caseload's names are not kept in memory behind the role's pages
            self.caseload.clear()
            self.today_page.clear()
        self.role = role
        self._build_pages_for_role()
        self._menus_follow_role()
        self.show_page(self.first_page)
        self._page_changed(self.pages.currentIndex())
        self._update_status()

    def show_page(self, page: QWidget) -> None:
        index = self.pages.indexOf(page)
        if index < 0:  # a page built late sits inside its holder
            index = next((i for i in range(self.pages.count())
                          if isinstance(holder := self.pages.widget(i), DeferredPage)
                          and holder.holds(page)), -1)
        self.nav.setCurrentRow(index)

    def _page_changed(self, index: int) -> None:
        """Tell pages when they are shown and hidden: they load lazily (ui/lazy_page.py)."""
        widget = self.pages.widget(index)
        page: object = widget  # checked against the ShowAware protocol below
        if page is self._shown_page:
            return
        if isinstance(self._shown_page, ShowAware):
            self._shown_page.page_hidden()
        self._shown_page = page
        if isinstance(page, ShowAware):
            page.page_shown()
        if widget in self._viewed_as:
            access_log.record_view(self.ctx, self._viewed_as[widget])

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&Bestand")
        new_action = QAction("&Nieuwe casus…", self)
        new_action.setShortcut(QKeySequence.StandardKey.New)
        new_action.triggered.connect(self.new_case)
        open_action = QAction("Casus &openen", self)
        open_action.setShortcut(QKeySequence.StandardKey.Open)
        open_action.triggered.connect(self._open_selected)
        lock_action = QAction("&Vergrendelen", self)
        lock_action.setShortcut(QKeySequence("Ctrl+L"))
        lock_action.triggered.connect(self.lock_requested)
        quit_action = QAction("A&fsluiten", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        settings_action = QAction("&Instellingen…", self)
        settings_action.setShortcut(QKeySequence("Ctrl+,"))
        settings_action.triggered.connect(self.open_settings)
        schools_action = QAction("&Scholen koppelen…", self)
        schools_action.triggered.connect(self.map_schools)
        for action in (new_action, open_action, lock_action, schools_action):
            file_menu.addAction(action)
        # What only a consulent has (hidden and disabled for the other roles).
        self.consulent_actions = [new_action, open_action, schools_action]
        file_menu.addSeparator()
        file_menu.addAction(settings_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        self.file_menu = file_menu

        go_menu = self.menuBar().addMenu("&Ga naar")
        for page_action in self.page_actions:
            go_menu.addAction(page_action)
        self.go_menu = go_menu

        view_menu = self.menuBar().addMenu("Beel&d")
        closed_action = QAction("&Afgesloten casussen tonen", self, checkable=True)
        closed_action.toggled.connect(self.caseload.show_closed.setChecked)
        self.caseload.show_closed.toggled.connect(closed_action.setChecked)
        view_menu.addAction(closed_action)
        self.view_menu = view_menu
        self.consulent_actions += [view_menu.menuAction(), closed_action]

        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&Over Thuiszitter Desktop", self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)
        self.help_menu = help_menu
        self._menus_follow_role()

    def _menus_follow_role(self) -> None:
        for action in self.consulent_actions:
            action.setVisible(self.role is Role.CONSULENT)
            action.setEnabled(self.role is Role.CONSULENT)  # no shortcut either

    def open_settings(self) -> None:
        from thuiszitter_desktop.ui.settings_dialog import SettingsDialog

        SettingsDialog(self.ctx, self).exec()

    def map_schools(self) -> None:
        from thuiszitter_desktop.ui.school_merge_dialog import SchoolMergeDialog

        SchoolMergeDialog(self.ctx, self).exec()

    # -- cases ----------------------------------------------------------------------------
    # The case window (and the plan editor in it) is imported when the first case opens.
    def new_case(self) -> None:
        from thuiszitter_desktop.ui.case_window import CaseWindow, new_case_objects

        pupil, case = new_case_objects(self.ctx)
        window = CaseWindow(self.ctx, pupil, case, is_new=True, parent=self)
        # A known pupil opens over the new-case form, which keeps what was typed.
        window.open_existing.connect(lambda case_id: self.open_case(case_id, window))
        if window.exec() == QDialog.DialogCode.Accepted:
            self.open_case(window.case_id)

    def open_case(self, case_id: str, parent: QWidget | None = None) -> None:
        from thuiszitter_desktop.ui.case_window import CaseWindow

        detail = cases.load_case(self.ctx, case_id)
        window = CaseWindow(self.ctx, detail.pupil, detail.case, is_new=False,
                            parent=parent or self)
        window.exec()

    def _open_selected(self) -> None:
        case_id = self.caseload.selected_case_id()
        if case_id:
            self.open_case(case_id)

    def _on_change(self, change: Change) -> None:
        self.caseload.on_change(change)
        self.today_page.on_change(change)
        self._update_status()

    def _update_status(self) -> None:
        parts = [self._status_text()]
        if self.ctx.vault.read_only:
            parts.append("ALLEEN LEZEN: de kluis is niet in orde, er wordt niets opgeslagen")
        self.statusBar().showMessage(" · ".join(p for p in parts if p))

    def _status_text(self) -> str:
        if self.role is not Role.CONSULENT:
            return ""  # no caseload of one's own: the team status shows name and role
        if self.background is not None and not self.clock_cache.loaded:
            return "Caseload en termijnen worden geladen…"
        # The deadline counts are Vandaag's own (the tray shows the same words), so the
        # status bar, the tray and the Vandaag list always agree; snoozed ones are counted
        # as 'uitgesteld'.
        text = f"{len(self.clock_cache.snapshot().cases)} open casussen"
        summary = self.today_page.summary_text()
        return f"{text} · {summary}" if summary else text

    def _about(self) -> None:
        QMessageBox.about(
            self, "Over Thuiszitter Desktop",
            f"<h3>Thuiszitter Desktop {__version__}</h3>"
            "<p>Voor thuiszittersconsulenten: caseload, aanmelding, plan van aanpak, MDO en "
            "termijnen.</p>"
            f"<p>Licentie: EUPL-1.2</p><p>Kluis: {self.ctx.vault.path}</p>"
            "<p>Alle gegevens staan versleuteld op deze computer. De app gebruikt alleen het "
            "netwerk om met de teamserver te synchroniseren, als je bij een team bent "
            "aangesloten.</p>",
        )

    def clear_for_lock(self) -> None:
        """Forget everything shown, before the vault closes."""
        release_kept()
        self.clock_cache.clear()
        self.caseload.clear()
        self.today_page.clear()
        if self.role is Role.CONSULENT and self._aanmeld.built:
            self.aanmeld_page.clear()
        self.tray.hide()
        self.statusBar().clearMessage()

    def showEvent(self, event: QShowEvent) -> None:
        # The pages list takes a fifth of a narrow window (at 200 % on a laptop), not a third,
        # but never so little that a page's name is cut.
        metrics = self.nav.fontMetrics()
        names = max((metrics.horizontalAdvance(self.nav.item(i).text())
                     for i in range(self.nav.count())), default=0)
        needed = names + self.nav.iconSize().width() + 3 * metrics.averageCharWidth() + 16
        self.nav.setMinimumWidth(max(NAV_MIN_WIDTH, needed))
        nav = max(self.nav.minimumWidth(), min(NAV_MAX_WIDTH, self.width() // 5))
        self.splitter.setSizes([nav, max(self.width() - nav, 0)])
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.changes.detach()
        self.clock_cache.detach()
        self.tray.hide()
        event.accept()
