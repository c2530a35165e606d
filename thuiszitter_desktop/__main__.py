"""``python -m thuiszitter_desktop`` and the ``thuiszitter-desktop`` console script."""

from __future__ import annotations

from thuiszitter_desktop.app import main

if __name__ == "__main__":
    main()
