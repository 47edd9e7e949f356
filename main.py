"""News Archive: ``python main.py`` opens the desktop app; ``python main.py COMMAND`` runs the CLI."""

from __future__ import annotations

import sys

from app.cli.main import COMMANDS


def run(argv: list[str]) -> int:
    """Dispatch to the command line when a command is named, else to the desktop app."""
    names = {m.NAME for m in COMMANDS}
    if argv and (argv[0] in names or argv[0] in ("-h", "--help") or not argv[0].startswith("-")):
        from app.cli import main as cli_main

        return cli_main(argv)
    from app.gui.launch import launch

    return launch(argv)


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
