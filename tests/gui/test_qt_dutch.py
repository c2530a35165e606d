"""Qt's standard buttons speak Dutch once the translation is installed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from thuiszitter_desktop.ui.qt_dutch import (
    install_dutch_translations,
    remove_dutch_translations,
)

Button = QMessageBox.StandardButton


@pytest.fixture
def dutch(qapp: QApplication) -> Iterator[None]:
    assert install_dutch_translations(qapp) is not None
    yield
    remove_dutch_translations(qapp)


@pytest.mark.parametrize(("button", "text"), [
    (Button.Save, "Opslaan"), (Button.Cancel, "Annuleren"), (Button.Yes, "Ja"),
    (Button.No, "Nee"),
])
def test_standard_buttons_are_dutch(qtbot: QtBot, dutch: None, button: Button,
                                    text: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Question, "Vraag", "Doorgaan?", button)
    qtbot.addWidget(box)
    assert box.button(button).text().replace("&", "") == text


def test_installing_twice_keeps_one_translator(qapp: QApplication, dutch: None) -> None:
    first = install_dutch_translations(qapp)
    assert install_dutch_translations(qapp) is first


def test_file_dialog_has_no_english_labels(qtbot: QtBot, dutch: None, tmp_path: object) -> None:
    from PySide6.QtWidgets import QFileDialog, QLabel

    dialog = QFileDialog(None, "PDF opslaan", str(tmp_path), "PDF (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    labels = {label.text().replace("&", "") for label in dialog.findChildren(QLabel)}
    assert {"Zoeken in:", "Bestandstype:"} <= labels
    assert not labels & {"Look in:", "Files of type:"}
