"""Printing and saving the plan as a consulent does it: only what came out is logged.

A PDF that could not be made, a file that could not be written and a printer that did not
start each show their reason in Dutch and leave no "plan afgedrukt" in the audit log.
"""

from __future__ import annotations

import io
import os
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6 import QtPrintSupport
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from reportlab.platypus.doctemplate import LayoutError

from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.plan import Goal, PlanVanAanpak
from thuiszitter_desktop.services import cases
from thuiszitter_desktop.services import plan as plan_service
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.storage import repo_audit
from thuiszitter_desktop.ui import document_output
from thuiszitter_desktop.ui.plan_dialogs import PrintDialog


@pytest.fixture
def plan(ctx: AppContext) -> PlanVanAanpak:
    pupil = Pupil(first_name="Zoë", last_name="Çelik-d'Hondt", birth_date=date(2013, 4, 2))
    case = cases.register_case(ctx, pupil, Case(pupil_id=pupil.id,
                                                 aanmelding_date=date(2026, 11, 2)))
    started = plan_service.start_plan(ctx, case.id)
    goal = Goal(description="Zoë gaat drie ochtenden naar school", indicator="3 ochtenden")
    return plan_service.save_plan(ctx, replace(started, goals=(goal,)))


@pytest.fixture
def dialog(qtbot: QtBot, ctx: AppContext, plan: PlanVanAanpak) -> PrintDialog:
    widget = PrintDialog(ctx, plan)
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def warn(parent: QWidget, title: str, text: str, *args: object) -> None:
        shown.append(text)

    monkeypatch.setattr(QMessageBox, "warning", warn)
    monkeypatch.setattr(QMessageBox, "information", warn)
    return shown


def printed_entries(ctx: AppContext, plan: PlanVanAanpak) -> list[str]:
    with ctx.vault.read() as conn:
        return [e.detail for e in repo_audit.entries(conn, plan.case_id)
                if e.action == "plan afgedrukt"]


def choose_file(monkeypatch: pytest.MonkeyPatch, *paths: Path) -> None:
    answers = iter([(str(p), "PDF (*.pdf)") for p in paths] + [("", "")])
    monkeypatch.setattr(document_output.QFileDialog, "getSaveFileName",
                        lambda *args: next(answers))


class PdfPrinterDialog:
    """Stands in for the print dialog: the user picks a 'printer' that writes a PDF."""

    target: Path | None = None

    def __init__(self, printer: QPrinter, parent: QWidget) -> None:
        if self.target is not None:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(self.target))
        else:  # a printer that cannot be opened (no file, no device)
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(Path(os.sep, "geen-map", "x", "afdruk.pdf")))

    def exec(self) -> QDialog.DialogCode:
        return QDialog.DialogCode.Accepted


def test_saved_password_pdf_is_aes_and_logged_once(
    dialog: PrintDialog, ctx: AppContext, plan: PlanVanAanpak, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, warnings: list[str],
) -> None:
    target = tmp_path / "plan.pdf"
    choose_file(monkeypatch, target)
    dialog.parent1.setText("Fatma Çelik")
    dialog.protect.setChecked(True)
    dialog.password.setText("geheim1")
    dialog.repeat.setText("anders1")
    dialog.save_button.click()
    assert "niet gelijk" in dialog.error.text() and not target.exists()
    dialog.repeat.setText("geheim1")
    dialog.save_button.click()
    reader = PdfReader(io.BytesIO(target.read_bytes()))
    assert reader.is_encrypted and reader.decrypt("geheim1")
    assert "Ouder/verzorger: Fatma Çelik" in reader.pages[-1].extract_text()
    assert printed_entries(ctx, plan) == ["PDF opgeslagen met wachtwoord"]
    # The dialog and the confirmation say how to pass the password on: separately.
    assert "apart" in warnings[-1] and "nooit in dezelfde e-mail" in warnings[-1]


def test_a_pdf_that_cannot_be_made_is_explained_and_not_logged(
    dialog: PrintDialog, ctx: AppContext, plan: PlanVanAanpak, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, warnings: list[str],
) -> None:
    def fails(*args: object, **kwargs: object) -> bytes:
        raise LayoutError("Flowable too large")

    monkeypatch.setattr(plan_service, "plan_document", fails)
    target = tmp_path / "plan.pdf"
    choose_file(monkeypatch, target)
    dialog.save_button.click()
    dialog.print_button.click()
    assert len(warnings) == 2
    assert all("past niet op een pagina" in w and "niets opgeslagen" in w for w in warnings)
    assert not target.exists()
    assert printed_entries(ctx, plan) == []
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_a_file_that_cannot_be_written_is_explained_and_not_logged(
    dialog: PrintDialog, ctx: AppContext, plan: PlanVanAanpak, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    missing = tmp_path / "verwijderde-usb-stick" / "plan.pdf"
    choose_file(monkeypatch, missing)
    asked: list[str] = []

    def cancel(box: QMessageBox) -> int:
        asked.append(box.text())
        return 0  # the user closes the message: no other place is chosen

    monkeypatch.setattr(QMessageBox, "exec", cancel)
    dialog.save_button.click()
    assert len(asked) == 1
    assert "bestaat niet (meer)" in asked[0] and "Kies een andere map" in asked[0]
    assert printed_entries(ctx, plan) == []


def test_after_a_failed_write_another_place_can_be_chosen(
    dialog: PrintDialog, ctx: AppContext, plan: PlanVanAanpak, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    good = tmp_path / "plan.pdf"
    choose_file(monkeypatch, tmp_path / "weg" / "plan.pdf", good)

    def choose_again(box: QMessageBox) -> int:
        again = next(b for b in box.buttons() if "Andere plek" in b.text())
        again.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", choose_again)
    dialog.save_button.click()
    assert PdfReader(io.BytesIO(good.read_bytes())).pages
    assert printed_entries(ctx, plan) == ["PDF opgeslagen zonder wachtwoord"]


# Qt says so itself when the printer cannot start; that is what this test brings about.
@pytest.mark.qt_log_ignore(r"QPainter::begin\(\): Returned false")
def test_printing_is_logged_only_when_pages_reached_the_printer(
    dialog: PrintDialog, ctx: AppContext, plan: PlanVanAanpak, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, warnings: list[str],
) -> None:
    # The print modules load when a document is printed: the dialog is looked up there.
    monkeypatch.setattr(QtPrintSupport, "QPrintDialog", PdfPrinterDialog)
    PdfPrinterDialog.target = None
    dialog.print_button.click()
    assert printed_entries(ctx, plan) == []
    assert "De printer kon niet worden gestart" in warnings[0]
    PdfPrinterDialog.target = tmp_path / "afdruk.pdf"
    dialog.print_button.click()
    assert PdfPrinterDialog.target.stat().st_size > 0
    assert printed_entries(ctx, plan) == ["naar de printer gestuurd"]


def test_characters_no_font_has_are_named_before_saving(
    qtbot: QtBot, ctx: AppContext, plan: PlanVanAanpak, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cjk = plan_service.save_plan(ctx, replace(plan, shared_goal="Hana 山田 gaat naar school"))
    dialog = PrintDialog(ctx, cjk)
    qtbot.addWidget(dialog)
    target = tmp_path / "plan.pdf"
    choose_file(monkeypatch, target, target)
    questions: list[str] = []
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])

    def ask(parent: QWidget, title: str, text: str, *args: object) -> object:
        questions.append(text)
        return next(answers)

    monkeypatch.setattr(QMessageBox, "question", ask)
    dialog.save_button.click()
    assert "山 田" in questions[0] and not target.exists()
    assert printed_entries(ctx, plan) == []
    dialog.save_button.click()
    assert target.exists() and printed_entries(ctx, plan) == ["PDF opgeslagen zonder wachtwoord"]
