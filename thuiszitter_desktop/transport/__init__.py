"""Talking to the team server over HTTPS (stdlib only, so the desktop bundle stays small)."""
