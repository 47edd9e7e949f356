"""Every command of the command line is documented in the README."""

from __future__ import annotations

from pathlib import Path

from app.cli.main import COMMANDS, build_parser

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme():
    for module in COMMANDS:
        assert f"cli {module.NAME}" in README, module.NAME


def test_every_command_has_help():
    parser = build_parser()
    help_text = parser.format_help()
    for module in COMMANDS:
        assert module.NAME in help_text and module.HELP
