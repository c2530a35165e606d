"""Every screen and dialog of the app, filled with the demo caseload, for the walks over all
of them (wheel, keyboard, screen reader names, fit at 200 %) and for screenshots.

``screens(env)`` lists (name, open) pairs; ``open()`` builds the window (not shown yet). A new
dialog class in ``thuiszitter_desktop/ui`` must be added here: ``test_catalog_covers_every_
dialog`` fails until it is, so the walks cover it too. Used by tests (via ``import
screen_catalog``) and by ``tests/gui/screenshots.py`` (run as a script).
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from PySide6.QtWidgets import QDialog, QMainWindow, QWidget

import thuiszitter_desktop.ui as ui_package
from thuiszitter_desktop.domain.follow_up import FollowUp, FollowUpKind
from thuiszitter_desktop.domain.mdo import Mdo
from thuiszitter_desktop.domain.model import Pupil
from thuiszitter_desktop.domain.passend_aanbod import PassendAanbod
from thuiszitter_desktop.domain.roles import Role
from thuiszitter_desktop.services import (
    cases,
    follow_up,
    intake,
    mdo,
    passend_aanbod,
    reminders,
    security,
)
from thuiszitter_desktop.services import plan as plan_service
from thuiszitter_desktop.services.caseload import load_rows
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.services.demo import populate_demo
from thuiszitter_desktop.services.pupil_lookup import probable_existing_pupils
from thuiszitter_desktop.services.vault_health import HealthReport
from thuiszitter_desktop.storage import repo_sync
from thuiszitter_desktop.storage.backup_files import backups_dir, listed
from thuiszitter_desktop.storage.keyslots import KdfParams
from thuiszitter_desktop.storage.vault import Vault
from thuiszitter_desktop.ui.aanbod_dialog import AanbodDialog
from thuiszitter_desktop.ui.aanbod_regie_tab import RegieDialog
from thuiszitter_desktop.ui.aanmelding_dialog import AanmeldingDialog
from thuiszitter_desktop.ui.backup_list_dialog import BackupListDialog
from thuiszitter_desktop.ui.case_window import CaseWindow, CloseCaseDialog, new_case_objects
from thuiszitter_desktop.ui.consent_tab import ConsentDialog
from thuiszitter_desktop.ui.existing_pupil_dialog import ExistingPupilDialog
from thuiszitter_desktop.ui.figure_pupils_dialog import FigurePupilsDialog
from thuiszitter_desktop.ui.follow_up_tab import OutcomeDialog as FollowUpDialog
from thuiszitter_desktop.ui.follow_up_tab import TransitionDialog
from thuiszitter_desktop.ui.join_wizard import JoinWizard
from thuiszitter_desktop.ui.list_import_dialog import ListImportDialog
from thuiszitter_desktop.ui.main_window import MainWindow
from thuiszitter_desktop.ui.mdo_dialog import MdoDialog
from thuiszitter_desktop.ui.mdo_outcome_dialog import OutcomeDialog
from thuiszitter_desktop.ui.plan_dialogs import EvaluationDialog, PrintDialog
from thuiszitter_desktop.ui.profile_dialog import ProfileDialog
from thuiszitter_desktop.ui.school_dialogs import ProposalDialog, SchoolInputDialog
from thuiszitter_desktop.ui.school_merge_dialog import SchoolMergeDialog
from thuiszitter_desktop.ui.security_wiring import RetentionReviewDialog, install_security
from thuiszitter_desktop.ui.settings_dialog import SettingsDialog
from thuiszitter_desktop.ui.snooze_dialog import SnoozeDialog
from thuiszitter_desktop.ui.snoozed_dialog import SnoozedDialog
from thuiszitter_desktop.ui.start_dialogs import FirstRunDialog, RecoveryKeyDialog, UnlockDialog
from thuiszitter_desktop.ui.team_dialogs import HandOverDialog, ShareCasesDialog
from thuiszitter_desktop.ui.vault_problem_dialog import VaultProblemDialog

TODAY = date(2026, 11, 23)  # a Monday, as in the other tests
CHEAP_KDF = KdfParams(time_cost=1, memory_cost_kib=1024, parallelism=1)


class NoController:
    """What the Beveiliging page needs from the app's controller; nothing happens here."""

    def request_restore(self) -> None: ...

    def report_problem(self, report: object) -> None: ...

    def set_idle_minutes(self, minutes: int) -> None: ...


@dataclass
class Env:
    ctx: AppContext
    case_id: str  # a demo case with aanmelding, intake, terugkoppeling and a plan

    def close(self) -> None:
        self.ctx.vault.lock()


def demo_env(folder: Path) -> Env:
    """A demo vault in ``folder`` with one snoozed reminder (for the 'Uitgesteld' list)."""
    vault, _ = Vault.create(folder / "kluis.db", "screens screens screens", CHEAP_KDF)
    ctx = AppContext(vault=vault, clock=lambda: datetime.combine(TODAY, time(9)))
    populate_demo(ctx)
    row = reminders.load_today(ctx).rows[0]
    reminders.snooze_reminder(ctx, row.reminder, TODAY + timedelta(days=3),
                              "Moeder belt donderdag terug")
    # A pupil who started at the vo a month ago: Vandaag shows its follow-up ('Nazorg').
    closed = next(item for item in load_rows(ctx, include_closed=True) if not item.is_open)
    follow_up.add_transition(ctx, closed.case_id, FollowUpKind.OVERGANG_PO_VO,
                             TODAY - timedelta(days=29))
    return Env(ctx, _rich_case(ctx))


def _rich_case(ctx: AppContext) -> str:
    for row in load_rows(ctx):
        versions = plan_service.load_versions(ctx, row.case_id)
        if (len(versions) > 1 and intake.load_terugkoppeling(ctx, row.case_id) is not None
                and intake.load_aanmelding(ctx, row.case_id) is not None):
            return row.case_id
    raise LookupError("the demo has no case with a plan, an intake and a letter")


def _case_window(env: Env, title: str) -> QWidget:
    detail = cases.load_case(env.ctx, env.case_id)
    window = CaseWindow(env.ctx, detail.pupil, detail.case, is_new=False)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    window.tabs.setCurrentIndex(titles.index(title))
    return window


def case_window_tabs(env: Env) -> list[str]:
    """The tab titles a saved case's window has (the catalog must list them all)."""
    detail = cases.load_case(env.ctx, env.case_id)
    window = CaseWindow(env.ctx, detail.pupil, detail.case, is_new=False)
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    window.deleteLater()
    return titles


def _offer(env: Env) -> PassendAanbod:
    offers = passend_aanbod.list_offers(env.ctx, env.case_id)
    return offers[0] if offers else PassendAanbod(case_id=env.case_id, start=TODAY)


def _follow_up(env: Env) -> FollowUp:
    for row in load_rows(env.ctx, include_closed=True):
        items = follow_up.list_for_case(env.ctx, row.case_id)
        if items:
            return items[0]
    raise LookupError("the demo has no follow-up after closing")


def _main_window(env: Env, page: int, demo: bool = False) -> QWidget:
    window = MainWindow(env.ctx, demo=demo)
    install_security(window, NoController())
    window.nav.setCurrentRow(page)
    return window


def _role_window(env: Env, role: Role) -> QWidget:
    """The main window a school's zorgcoördinator or a teamleider gets (the role is this
    device's; set only while the window is built, so the other screens stay a consulent's)."""
    with env.ctx.vault.transaction() as conn:
        repo_sync.set_state(conn, role=role.command_name)
    try:
        return _main_window(env, 0)
    finally:
        with env.ctx.vault.transaction() as conn:
            repo_sync.clear_state(conn, "role")


def _team_page(env: Env, title: str) -> QWidget:
    """The main window of a laptop in a team, on one of the team's pages."""
    window = MainWindow(env.ctx)
    install_security(window, NoController())
    assert window.team is not None
    window.team._add_pages()  # what joining a team does
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    window.nav.setCurrentRow(titles.index(title))
    return window


def _backups(env: Env) -> QWidget:
    if not listed(backups_dir(env.ctx.vault.path)):
        security.make_backup(env.ctx)
    return BackupListDialog(listed(backups_dir(env.ctx.vault.path)))


def _pupil_name(env: Env) -> str:
    return cases.load_case(env.ctx, env.case_id).pupil.full_name


def _meeting(env: Env) -> Mdo:
    return mdo.list_mdos(env.ctx)[-1]


def _unlock(page: int = 0, demo: bool = False) -> QWidget:
    def refuse(*_args: str) -> None:
        raise AssertionError("not in a screen walk")

    dialog = UnlockDialog(refuse, refuse, demo=demo)
    dialog.pages.setCurrentIndex(page)
    return dialog


def _existing(env: Env) -> QWidget:
    known = cases.load_case(env.ctx, env.case_id).pupil
    typed = Pupil(first_name=known.first_name, last_name=known.last_name,
                  birth_date=known.birth_date, school=known.school)  # a new registration
    return ExistingPupilDialog(probable_existing_pupils(env.ctx, typed))


Opener = Callable[[Env], QWidget]
MAIN_PAGES = ("Vandaag", "Caseload", "Aanmelden", "MDO", "Beleidsinformatie", "Beveiliging")
CASE_TABS = ("Gegevens", "Contactmomenten", "Betrokkenen", "Aanmelding", "Intake",
             "Terugkoppeling", "Plan van aanpak", "Aanbod en regie", "Toestemming", "Nazorg",
             "School")


def screens() -> list[tuple[str, Opener]]:
    found: list[tuple[str, Opener]] = [
        (f"hoofdvenster-{title}", lambda env, i=i: _main_window(env, i))
        for i, title in enumerate(MAIN_PAGES)]
    found.append(("hoofdvenster-demo", lambda env: _main_window(env, 0, demo=True)))
    found += [
        ("hoofdvenster-Mijn school", lambda env: _role_window(env, Role.ZORGCOORDINATOR)),
        ("hoofdvenster-Teamcijfers", lambda env: _role_window(env, Role.TEAMLEIDER)),
        ("hoofdvenster-Conflicten", lambda env: _team_page(env, "Conflicten")),
        ("hoofdvenster-Mogelijk dubbel", lambda env: _team_page(env, "Mogelijk dubbel")),
    ]
    found += [(f"casus-{title}", lambda env, t=title: _case_window(env, t))
              for title in CASE_TABS]
    found += [
        ("nieuwe-casus", lambda env: CaseWindow(env.ctx, *new_case_objects(env.ctx),
                                                is_new=True)),
        ("nieuwe-aanmelding", lambda env: AanmeldingDialog(env.ctx)),
        ("casus-afsluiten", lambda env: CloseCaseDialog("Zoë Çelik-d'Hondt", TODAY)),
        ("passend-aanbod", lambda env: AanbodDialog(env.ctx, _offer(env))),
        ("regie-wijzigen", lambda env: RegieDialog(env.ctx,
                                                   cases.load_case(env.ctx, env.case_id).case)),
        ("toestemming", lambda env: ConsentDialog(
            env.ctx, env.case_id, cases.load_case(env.ctx, env.case_id).professionals)),
        ("nazorg-uitkomst", lambda env: FollowUpDialog(env.ctx, _follow_up(env))),
        ("overgang", lambda env: TransitionDialog(env.ctx, env.case_id)),
        ("bestaat-leerling-al", _existing),
        ("instellingen", lambda env: SettingsDialog(env.ctx)),
        ("wie-bent-u", lambda env: ProfileDialog(env.ctx)),
        ("uitstellen", lambda env: SnoozeDialog(env.ctx, reminders.load_today(env.ctx).rows[0])),
        ("nazorg-uitstellen", lambda env: SnoozeDialog(
            env.ctx, reminders.load_today(env.ctx).follow_ups[0])),
        ("uitgesteld", lambda env: SnoozedDialog(env.ctx,
                                                 reminders.load_today(env.ctx).snoozed)),
        ("mdo-plannen", lambda env: MdoDialog(env.ctx, _meeting(env))),
        ("mdo-uitkomst", lambda env: OutcomeDialog(env.ctx, _meeting(env))),
        ("evaluatie", lambda env: EvaluationDialog(
            plan_service.load_versions(env.ctx, env.case_id)[-1], TODAY)),
        ("plan-afdrukken", lambda env: PrintDialog(
            env.ctx, plan_service.load_versions(env.ctx, env.case_id)[-1],
            pupil_name="Stijn de Wit")),
        ("lijst-vergelijken", lambda env: ListImportDialog(env.ctx)),
        ("cijfer-leerlingen", lambda env: FigurePupilsDialog(
            "Eerste contact binnen een week", "De leerlingen achter dit getal.",
            load_rows(env.ctx)[:12])),
        ("bewaartermijn", lambda env: RetentionReviewDialog(env.ctx)),
        ("welkom", lambda env: FirstRunDialog(lambda *_: None, lambda: None)),
        ("ontgrendelen", lambda env: _unlock()),
        ("herstellen", lambda env: _unlock(page=1)),
        ("demo-ontgrendelen", lambda env: _unlock(demo=True)),
        ("backup-terugzetten", _backups),
        ("kluis-probleem", lambda env: VaultProblemDialog(HealthReport(
            ["page 12: hmac check failed"], [], env.ctx.now()))),
        ("team-aansluiten", lambda env: JoinWizard(env.ctx)),
        ("casussen-delen", lambda env: ShareCasesDialog(env.ctx)),
        ("casus-overdragen", lambda env: HandOverDialog(env.ctx, env.case_id,
                                                        _pupil_name(env))),
        ("school-voorstel", lambda env: ProposalDialog(env.ctx, env.case_id, _pupil_name(env))),
        ("school-inbreng", lambda env: SchoolInputDialog(env.ctx, env.case_id,
                                                         _pupil_name(env))),
        ("scholen-koppelen", lambda env: SchoolMergeDialog(env.ctx)),
        ("herstelsleutel", lambda env: RecoveryKeyDialog(
            "K7Q2-9XWM-4HDF-LP3A-Z8RT-MN6C-2VBE-QJ5U", owner="Anouk Vermeer",
            created=TODAY)),
    ]
    return found


def window_classes() -> set[type]:
    """Every dialog and main-window class the ui package defines."""
    found: set[type] = set()
    for module_info in pkgutil.iter_modules(ui_package.__path__):
        module = importlib.import_module(f"{ui_package.__name__}.{module_info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if (cls.__module__ == module.__name__ and issubclass(cls, (QDialog, QMainWindow))
                    and not cls.__name__.startswith("_")):  # a module's own base class
                found.add(cls)
    return found
