"""Qt's own texts in Dutch: standard buttons ('Opslaan', 'Annuleren', 'Ja', 'Nee'), the
right-click menu of text fields, the calendar popup and Qt's file dialogs.

Without this, every ``QMessageBox.question`` shows English buttons ("Save", "Discard").
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

DUTCH = QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands)
_PROPERTY = "thuiszitterDutchQt"


def install_dutch_translations(app: QCoreApplication) -> QTranslator | None:
    """Install Qt's Dutch translation once; returns it (None if Qt ships none here)."""
    installed = app.property(_PROPERTY)
    if isinstance(installed, QTranslator):
        return installed
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(DUTCH, "qtbase", "_", folder):
        return None
    app.installTranslator(translator)
    app.setProperty(_PROPERTY, translator)
    QLocale.setDefault(DUTCH)
    return translator


def remove_dutch_translations(app: QCoreApplication) -> None:
    installed = app.property(_PROPERTY)
    if isinstance(installed, QTranslator):
        app.removeTranslator(installed)
        app.setProperty(_PROPERTY, None)
