"""Certificate fingerprints: SHA-256 of the certificate (DER), shown as 32 hex pairs."""

from __future__ import annotations

import hashlib


def fingerprint_of_der(der: bytes) -> str:
    digest = hashlib.sha256(der).hexdigest().upper()
    return ":".join(digest[i:i + 2] for i in range(0, len(digest), 2))


def normalise(fingerprint: str) -> str:
    """What a person typed or pasted (spaces, colons, lower case) as the canonical form."""
    hexdigits = "".join(ch for ch in fingerprint.upper() if ch in "0123456789ABCDEF")
    return ":".join(hexdigits[i:i + 2] for i in range(0, len(hexdigits), 2))


def short(fingerprint: str) -> str:
    """The first eight pairs, for reading out: enough to notice a different certificate."""
    return ":".join(normalise(fingerprint).split(":")[:8])
