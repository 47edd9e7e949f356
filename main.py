"""News Archive: ``python main.py`` opens the desktop app; ``python main.py COMMAND`` runs the CLI."""

from __future__ import annotations

import sys

from app.entry import run

if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
