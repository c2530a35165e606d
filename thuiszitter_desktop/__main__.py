"""``python -m thuiszitter_desktop`` and the ``thuiszitter-desktop`` console script."""

from __future__ import annotations

import sys


def main() -> None:
    # The hidden self-test (used to check an installed bundle) must not start the normal UI.
    if "--selftest" in sys.argv[1:]:
        from thuiszitter_desktop.selftest import main as selftest_main

        sys.exit(selftest_main(sys.argv))
    from thuiszitter_desktop.services.bulk import kept_for_the_session

    # Modules, classes and Qt wrappers live as long as the app: the collector rescanning them
    # while they are imported cost about 0.1 s of the start (bench/).
    with kept_for_the_session():
        from thuiszitter_desktop.app import main as app_main

    app_main()


if __name__ == "__main__":
    main()
