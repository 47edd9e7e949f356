"""The program's entry points: ``main.py`` in a checkout and the ``news-archive`` and
``news-archive-cli`` commands pip installs (pyproject.toml's ``[project.scripts]``)."""

from __future__ import annotations

import sys

INSTALL_DESKTOP_ENTRY = "--install-desktop-entry"


def run(argv: list[str]) -> int:
    """Dispatch to the command line when a command is named, else to the desktop app."""
    from app.cli.main import COMMANDS

    names = {m.NAME for m in COMMANDS}
    if argv and (argv[0] in names or argv[0] in ("-h", "--help") or not argv[0].startswith("-")):
        from app.cli import main as cli_main

        return cli_main(argv)
    if INSTALL_DESKTOP_ENTRY in argv:
        from app.desktop_entry import install

        return install()
    from app.gui.launch import launch

    return launch(argv)


def app_main() -> int:
    """``news-archive``: the desktop app (or, given a command, the command line)."""
    return run(sys.argv[1:])


def cli_main() -> int:
    """``news-archive-cli``: the command line only."""
    from app.cli import main as cli

    return cli(sys.argv[1:])
