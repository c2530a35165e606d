"""The team server (issue 20, docs/sync.md): FastAPI over HTTPS in front of PostgreSQL.

Its own dependency group (``pip install thuiszitter-desktop[server]``); the desktop app never
imports this package.
"""
