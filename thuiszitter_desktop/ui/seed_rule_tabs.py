"""Adds the tabs of issue 18 to a saved case's window and wires them to the others.

'Aanbod en regie', 'Toestemming' and 'Nazorg', plus the notice of what an update assumed.
Every step that waits for consent (plan, contact with a care provider, intake and
terugkoppeling) offers to go to 'Toestemming', and refreshes when consent is recorded or
withdrawn there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from PySide6.QtWidgets import QTabWidget

from thuiszitter_desktop.services import cases
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.aanbod_regie_tab import AanbodRegieTab
from thuiszitter_desktop.ui.assumptions_banner import AssumptionsBanner
from thuiszitter_desktop.ui.case_form import CaseForm
from thuiszitter_desktop.ui.case_people import ContactsTab, ProfessionalsTab
from thuiszitter_desktop.ui.consent_tab import ConsentTab
from thuiszitter_desktop.ui.follow_up_tab import FollowUpTab
from thuiszitter_desktop.ui.intake_wiring import IntakeTabs
from thuiszitter_desktop.ui.plan_editor import PlanTab
from thuiszitter_desktop.ui.school_input_tab import SchoolInputTab


class CaseWindowParts(Protocol):
    """What the wiring needs of the case window (``ui/case_window.CaseWindow``)."""

    tabs: QTabWidget
    form: CaseForm
    contacts: ContactsTab
    people: ProfessionalsTab
    intake_tabs: IntakeTabs
    plan_tab: PlanTab


@dataclass(frozen=True)
class SeedRuleTabs:
    aanbod_regie: AanbodRegieTab
    consent: ConsentTab
    follow_up: FollowUpTab
    banner: AssumptionsBanner
    school: SchoolInputTab  # what the school sees and adds (issue 21)

    def refresh_all(self) -> None:
        """After the Gegevens tab was saved: the history, proposal and notice may change."""
        self.aanbod_regie.reload()
        self.banner.reload()


def add_seed_rule_tabs(window: CaseWindowParts, ctx: AppContext, case_id: str) -> SeedRuleTabs:
    added = SeedRuleTabs(AanbodRegieTab(ctx, case_id), ConsentTab(ctx, case_id),
                         FollowUpTab(ctx, case_id), AssumptionsBanner(ctx, case_id),
                         SchoolInputTab(ctx, case_id))
    window.tabs.addTab(added.aanbod_regie, "Aanbod en regie")
    window.tabs.addTab(added.consent, "Toestemming")
    window.tabs.addTab(added.follow_up, "Nazorg")
    window.tabs.addTab(added.school, "School")

    def show_consent() -> None:
        window.tabs.setCurrentWidget(added.consent)

    def consent_changed() -> None:
        window.plan_tab.refresh_gate()
        window.contacts.refresh_gate()
        window.intake_tabs.intake.refresh_blocked()
        window.intake_tabs.terugkoppeling.refresh_blocked()

    def case_changed() -> None:
        case, _pupil = cases.load_summary(ctx, case_id)
        window.form.follow_stored(case)
        added.banner.reload()

    window.plan_tab.gate.go_to_consent.connect(show_consent)
    window.contacts.gate.go_to_consent.connect(show_consent)
    added.consent.changed.connect(consent_changed)
    added.consent.changed.connect(added.school.reload)
    added.aanbod_regie.changed.connect(case_changed)
    window.contacts.kind_changed.connect(added.banner.reload)
    # A new involved professional can be named in a consent or a contact right away.
    window.people.changed.connect(window.contacts.refresh_providers)
    return added
