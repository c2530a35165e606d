"""PyInstaller entry script: the same start-up as ``python -m thuiszitter_desktop``."""

from thuiszitter_desktop.__main__ import main

if __name__ == "__main__":
    main()
