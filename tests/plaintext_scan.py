"""Looking for a canary in plain text on disk (vaults, WAL, temp files, logs)."""

from __future__ import annotations

import os
from pathlib import Path


def encodings(text: str) -> list[bytes]:
    return [text.encode("utf-8"), text.encode("utf-16-le"), text.encode("utf-16-be"),
            text.encode("latin-1", errors="ignore")]


def files_under(*roots: Path) -> list[Path]:
    found = []
    for root in roots:
        for folder, _dirs, names in os.walk(root):
            found += [Path(folder) / name for name in names]
    return found


def files_holding(text: str, paths: list[Path]) -> list[Path]:
    """The files that hold ``text`` in any common encoding (files gone meanwhile skipped)."""
    needles = encodings(text)
    holding = []
    for path in paths:
        try:
            content = path.read_bytes()
        except (FileNotFoundError, IsADirectoryError):
            continue
        if any(needle in content for needle in needles):
            holding.append(path)
    return holding
