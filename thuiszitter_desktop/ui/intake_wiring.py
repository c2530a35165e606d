"""Adds the tabs of issue 3 (aanmelding, intake, terugkoppeling) to a saved case's window."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import QTabWidget

from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.ui.aanmelding_dialog import AanmeldingTab
from thuiszitter_desktop.ui.intake_tab import IntakeTab
from thuiszitter_desktop.ui.terugkoppeling_tab import TerugkoppelingTab


@dataclass(frozen=True)
class IntakeTabs:
    aanmelding: AanmeldingTab
    intake: IntakeTab
    terugkoppeling: TerugkoppelingTab


def add_intake_tabs(tabs: QTabWidget, ctx: AppContext, case_id: str) -> IntakeTabs:
    added = IntakeTabs(AanmeldingTab(ctx, case_id), IntakeTab(ctx, case_id),
                       TerugkoppelingTab(ctx, case_id))
    tabs.addTab(added.aanmelding, "Aanmelding")
    tabs.addTab(added.intake, "Intake")
    tabs.addTab(added.terugkoppeling, "Terugkoppeling")
    # Recorded consent unblocks the other tabs at once.
    added.aanmelding.saved.connect(added.intake.refresh_blocked)
    added.aanmelding.saved.connect(added.terugkoppeling.refresh_blocked)
    return added
