"""`python -m desktop …`: the same as the `fiscaldesk` command, and the frozen program's entry point.

`multiprocessing.freeze_support()` comes first: the exports run in a child process started with
the "spawn" method (desktop.io.child_export), which in the frozen program is this same executable
started again with multiprocessing's arguments; freeze_support runs the child's work and exits
there (PyInstaller's runtime hook makes it do so on every platform), before anything else loads.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()

from desktop.cli import main  # noqa: E402 — after freeze_support, so a child never loads the CLI

if __name__ == "__main__":
    sys.exit(main())
