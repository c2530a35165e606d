"""Thuiszitter Desktop: caseload software for thuiszittersconsulenten."""

from thuiszitter_desktop.version import __version__

__all__ = ["__version__"]
