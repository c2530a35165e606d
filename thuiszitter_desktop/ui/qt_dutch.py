"""Qt's own texts in Dutch: standard buttons ('Opslaan', 'Annuleren', 'Ja', 'Nee'), the
right-click menu of text fields, the calendar popup and Qt's file dialogs.

Without this, every ``QMessageBox.question`` shows English buttons ("Save", "Discard").
Qt's own Dutch catalogue misses a few texts of the file and print dialogs ("Look in:", "Files
of type:", "Folder"); ``MissingDutch`` supplies those, so no dialog is half English.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

DUTCH = QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands)
_PROPERTY = "thuiszitterDutchQt"
_MISSING_PROPERTY = "thuiszitterMissingDutch"

# (context, source text) → Dutch: what qtbase_nl leaves untranslated in the dialogs we use.
MISSING: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "&Zoeken in:",
    ("QFileDialog", "Files of &type:"): "Bestands&type:",
    ("QAbstractFileIconProvider", "Drive"): "Station",
    ("QAbstractFileIconProvider", "Folder"): "Map",
    ("QPrintSettingsOutput", "Page &Set:"): "Pagina'&s:",
    ("QPrintSettingsOutput", "Double Sided Printing"): "Dubbelzijdig afdrukken",
    ("QPrintSettingsOutput", "Off"): "Uit",
    ("QPrintSettingsOutput", "Long side binding"): "Binden langs de lange kant",
    ("QPrintSettingsOutput", "Short side binding"): "Binden langs de korte kant",
}


class MissingDutch(QTranslator):
    """The texts of ``MISSING``; everything else comes from Qt's own catalogue."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,
                  n: int = -1) -> str | None:
        # None (a null string) lets Qt ask the next catalogue; "" would mean "translated".
        return MISSING.get((context, source))

    def isEmpty(self) -> bool:
        return False


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
    missing = MissingDutch(app)
    app.installTranslator(missing)
    app.setProperty(_PROPERTY, translator)
    app.setProperty(_MISSING_PROPERTY, missing)
    QLocale.setDefault(DUTCH)
    return translator


def remove_dutch_translations(app: QCoreApplication) -> None:
    for key in (_PROPERTY, _MISSING_PROPERTY):
        installed = app.property(key)
        if isinstance(installed, QTranslator):
            app.removeTranslator(installed)
            app.setProperty(key, None)
