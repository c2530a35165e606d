"""Saving and printing documents: one way for every screen.

The document is made first; what goes wrong is said in Dutch with what to do about it, and
the caller hears of success only when the file was written or the pages went to the printer
(so the audit never records a document that did not come out). Characters that no embedded
font can draw are named before anything is saved or printed.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from thuiszitter_desktop.domain.errors import UserError
from thuiszitter_desktop.storage.files import atomic_write

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

# reportlab and Qt's PDF and print modules are imported when a document is made or printed:
# together they cost a noticeable part of start-up.
Maker = Callable[[], bytes]
NOTHING_DONE = "Er is niets opgeslagen of afgedrukt."
_NOT_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def safe_file_name(name: str) -> str:
    """``name`` (with a pupil's or parent's name in it) without the characters Windows, macOS
    or Linux refuse in a file name: 'Çelik/d'Hondt' would otherwise be read as a folder."""
    cleaned = " ".join(_NOT_IN_NAMES.sub("-", name).split()).strip(" .")
    return cleaned or "bestand"


class OutputError(UserError):
    """A document could not be made, saved or printed; the message says why and what to do.
    ``pages``: how many pages did reach the printer before it failed."""

    def __init__(self, message: str, pages: int = 0) -> None:
        super().__init__(message)
        self.pages = pages


def making_failure(exc: BaseException) -> str:
    """Why a document could not be made, in Dutch, with what to do."""
    from reportlab.platypus.doctemplate import LayoutError

    if isinstance(exc, UserError):
        return f"{exc.message} {NOTHING_DONE}"
    if isinstance(exc, LayoutError):
        return ("Een deel van het document past niet op een pagina, bijvoorbeeld een heel lang "
                f"woord of een heel lange tabelregel. Maak die tekst korter. {NOTHING_DONE}")
    if isinstance(exc, MemoryError):
        return ("Er is te weinig geheugen om het document te maken. Sluit andere programma's en "
                f"probeer het opnieuw. {NOTHING_DONE}")
    if isinstance(exc, OSError):
        return ("Een bestand dat het programma nodig heeft (zoals een lettertype) ontbreekt of "
                "is niet te lezen. Installeer Thuiszitter Desktop opnieuw of vraag de beheerder "
                f"om hulp. {NOTHING_DONE}")
    return ("Het document kon niet worden gemaakt door een onverwachte fout "
            f"({type(exc).__name__}). Probeer het opnieuw; lukt het weer niet, meld dit dan aan "
            f"de beheerder. {NOTHING_DONE}")


def writing_failure(exc: OSError, path: Path) -> str:
    """Why a file could not be written where the user chose, in Dutch, with what to do."""
    where = f"'{path.name}' in de map '{path.parent}'"
    reasons = {
        errno.ENOSPC: "De schijf of USB-stick is vol. Maak ruimte vrij of kies een andere plek.",
        errno.EDQUOT: "Uw opslagruimte is vol. Maak ruimte vrij of kies een andere plek.",
        errno.EACCES: ("U mag hier niet opslaan, of het bestand is nog geopend in een ander "
                       "programma. Sluit het bestand daar, of kies een andere map."),
        errno.EPERM: "U mag hier niet opslaan. Kies een andere map, bijvoorbeeld Documenten.",
        errno.EROFS: ("Deze plek is alleen te lezen (bijvoorbeeld een beveiligde USB-stick). "
                      "Kies een andere plek."),
        errno.ENOENT: ("De map bestaat niet (meer), bijvoorbeeld omdat de USB-stick is "
                       "verwijderd. Kies een andere map."),
        errno.ENAMETOOLONG: "De bestandsnaam is te lang. Kies een kortere naam.",
        errno.EISDIR: "Er staat al een map met deze naam. Kies een andere naam.",
    }
    reason = reasons.get(exc.errno or 0, "Het bestand kon niet worden geschreven. Kies een "
                                         "andere plek of probeer het later opnieuw.")
    return f"{where} is niet opgeslagen. {reason}"


def make_document(parent: QWidget, make: Maker, title: str) -> bytes | None:
    """The document's bytes, or None after telling why it failed or after the user chose not
    to continue with characters that cannot be shown."""
    from thuiszitter_desktop.reports.fonts import collect_unprintable

    try:
        with collect_unprintable() as missing:
            data = make()
    except Exception as exc:  # every failure gets its reason in Dutch; nothing is lost
        QMessageBox.warning(parent, f"{title} niet gelukt", making_failure(exc))
        return None
    if missing and not confirm_unprintable(parent, missing):
        return None
    return data


def confirm_unprintable(parent: QWidget, missing: set[str]) -> bool:
    shown = " ".join(sorted(missing))
    answer = QMessageBox.question(
        parent, "Tekens die niet kunnen worden getoond",
        "Deze tekens kunnen niet in het document worden getoond, omdat er geen lettertype "
        f"voor is: {shown}\n\nOp hun plaats komt het teken \ufffd. Pas de tekst aan als dat "
        "nodig is (schrijf een naam bijvoorbeeld ook in Latijnse letters).\n\nToch doorgaan?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def save_document(parent: QWidget, suggested: str, make: Maker, *,
                  file_filter: str = "PDF (*.pdf)", title: str = "Opslaan") -> Path | None:
    """Make the document, ask where to save it and write it only there; the path once it is
    written, None when it was not (cancelled, or a failure the user was told about)."""
    data = make_document(parent, make, title)
    if data is None:
        return None
    return save_bytes(parent, suggested, data, file_filter=file_filter, title=title)


def save_bytes(parent: QWidget, suggested: str, data: bytes, *,
               file_filter: str = "PDF (*.pdf)", title: str = "Opslaan") -> Path | None:
    """Ask where to save ``data``; after a failed write the user may choose another place."""
    while True:
        chosen, _ = QFileDialog.getSaveFileName(parent, "Opslaan als", suggested, file_filter)
        if not chosen:
            return None
        path = Path(chosen)
        try:
            atomic_write(path, data)
        except OSError as exc:
            if not _retry(parent, title, writing_failure(exc, path)):
                return None
            suggested = chosen
            continue
        return path


def _retry(parent: QWidget, title: str, message: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Warning, f"{title} niet gelukt", message,
                      QMessageBox.StandardButton.NoButton, parent)
    again = box.addButton("Andere plek kiezen…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Annuleren", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is again


def print_document(parent: QWidget, make: Maker, *, title: str = "Afdrukken") -> int:
    """Make the document, let the user choose a printer and print it; the pages sent to the
    printer (0 when cancelled or failed, after saying why)."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    data = make_document(parent, make, title)
    if data is None:
        return 0
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if QPrintDialog(printer, parent).exec() != QDialog.DialogCode.Accepted:
        return 0
    try:
        return print_pdf(data, printer)
    except OutputError as exc:
        QMessageBox.warning(parent, f"{title} niet gelukt", exc.message)
        return exc.pages


def print_pdf(data: bytes, printer: QPrinter) -> int:
    """Print PDF bytes page by page without writing a file; returns the pages printed and
    raises ``OutputError`` (in Dutch) when the printer cannot be used."""
    from PySide6.QtPdf import QPdfDocument

    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    try:
        if document.status() != QPdfDocument.Status.Ready or document.pageCount() == 0:
            raise OutputError("Het document kon niet worden voorbereid voor de printer. "
                              f"Sla het op als PDF en druk dat bestand af. {NOTHING_DONE}")
        painter = QPainter()
        if not painter.begin(printer):
            raise OutputError("De printer kon niet worden gestart. Controleer of de printer "
                              "aan staat en verbonden is, of kies een andere printer. "
                              f"{NOTHING_DONE}")
        printed = 0
        try:
            for page in range(document.pageCount()):
                if page and not printer.newPage():
                    raise OutputError(f"De printer stopte na {printed} van de "
                                      f"{document.pageCount()} pagina's. Controleer de "
                                      "printer en druk het document opnieuw af.", printed)
                area = painter.viewport()
                points = document.pagePointSize(page)
                scale = min(area.width() / points.width(), area.height() / points.height())
                size = QSize(int(points.width() * scale), int(points.height() * scale))
                painter.drawImage(QRectF(0, 0, size.width(), size.height()),
                                  document.render(page, size))
                printed += 1
        finally:
            painter.end()
        return printed
    finally:
        document.close()
        buffer.close()
