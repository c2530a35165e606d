"""Password protection of a finished PDF with AES-256 (PDF 2.0 security handler, R6).

reportlab itself only offers RC4 and AES-128, which current readers and security policies
treat as broken, so its output is re-encrypted with pypdf (AES through ``cryptography``).
The owner password is random and thrown away: nobody can lift the restrictions (printing is
allowed; changing and copying text are not).
"""

from __future__ import annotations

import io
import secrets

from pypdf import PdfReader, PdfWriter
from pypdf.constants import UserAccessPermissions

ALGORITHM = "AES-256"  # pypdf's name for revision 6 of the standard security handler
ALLOWED = UserAccessPermissions.PRINT | UserAccessPermissions.PRINT_TO_REPRESENTATION


def encrypted(data: bytes, password: str) -> bytes:
    """``data`` (an unencrypted PDF) protected so it opens only with ``password``."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=password, owner_password=secrets.token_urlsafe(32),
                   permissions_flag=ALLOWED, algorithm=ALGORITHM)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
