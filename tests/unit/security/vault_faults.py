"""Helpers for the fault suites of the vault, its backups and its audit log (issue 15)."""

from __future__ import annotations

import re
from datetime import date

from thuiszitter_desktop.domain.model import Case, Pupil
from thuiszitter_desktop.domain.vocab import Onderwijstype
from thuiszitter_desktop.services import cases
from thuiszitter_desktop.services.context import AppContext
from thuiszitter_desktop.storage.vault import Vault

# Words of raw system or library text that must never reach a user.
ENGLISH = re.compile(r"\b(error|errno|database|disk|file|denied|permission|malformed|"
                     r"no such|not a|failed|traceback|exception|none)\b", re.IGNORECASE)


def assert_dutch(message: str) -> None:
    assert message and not ENGLISH.search(message), message


def fill(ctx: AppContext, count: int, start: int = 0) -> list[str]:
    """``count`` fictitious pupils with a case each; returns the case ids."""
    ids = []
    for i in range(start, start + count):
        pupil = Pupil(first_name=f"Leerling{i}", last_name="Fictief",
                      birth_date=date(2012, 1 + i % 12, 1 + i % 28),
                      onderwijstype=Onderwijstype.VO, school="Het Testcollege")
        case = Case(pupil_id=pupil.id, aanmelding_date=date(2026, 10, 1),
                    notes="Een fictieve notitie. " * 20)
        ids.append(cases.register_case(ctx, pupil, case).id)
    return ids


def pupil_count(vault: Vault) -> int:
    from sqlalchemy import text

    with vault.read() as conn:
        return int(conn.execute(text("SELECT count(*) FROM pupils")).scalar_one())
