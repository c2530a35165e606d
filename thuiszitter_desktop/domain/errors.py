"""Errors a user can act on, each with a Dutch message.

Anything that is not one of these is a bug: the UI shows a generic message for it and the
crash handler keeps personal data out of the report.
"""

from __future__ import annotations


class UserError(Exception):
    """An error with a message fit to show the user (Dutch)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(UserError):
    """Input that breaks a rule; ``errors`` maps field names to Dutch messages."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(" ".join(errors.values()))
        self.errors = dict(errors)
