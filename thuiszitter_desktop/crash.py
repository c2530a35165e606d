"""Unexpected errors: a calm Dutch message, and a crash report without personal data.

Exception messages can contain user data (a name in a failed query), so the report keeps only
the exception type and the code locations of the traceback.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from types import TracebackType

from thuiszitter_desktop.version import __version__


def scrubbed_report(exc_type: type[BaseException], tb: TracebackType | None) -> str:
    frames = traceback.extract_tb(tb)
    lines = [f"Thuiszitter Desktop {__version__} — {datetime.now():%Y-%m-%d %H:%M:%S}",
             f"{exc_type.__module__}.{exc_type.__qualname__}"]
    lines += [f"  {Path(f.filename).name}:{f.lineno} in {f.name}" for f in frames]
    return "\n".join(lines) + "\n"


def install(report_dir: Path, notify: Callable[[str], None]) -> None:
    """Route uncaught exceptions to a scrubbed report file and a user notice."""

    def hook(exc_type: type[BaseException], exc: BaseException,
             tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        report_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        path = report_dir / "crash.log"
        with path.open("a", encoding="utf-8") as handle:
            handle.write(scrubbed_report(exc_type, tb))
        path.chmod(0o600)
        notify(
            "Er ging iets onverwachts mis. Uw opgeslagen gegevens zijn veilig; wat u nog niet "
            "had opgeslagen is mogelijk niet bewaard. Er is een foutrapport zonder "
            f"persoonsgegevens gemaakt in:\n{path}"
        )

    sys.excepthook = hook
