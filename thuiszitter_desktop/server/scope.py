"""What a device may pull: one pluggable scope function (issue 21 narrows it by role).

Today every consulent sees the whole team caseload (docs/sync.md). The function returns a
condition on ``srv_rows`` so the pull stays one query whatever the scope becomes.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, true

from thuiszitter_desktop.server.auth import Principal


def pull_scope(principal: Principal) -> ColumnElement[bool]:
    return true()
