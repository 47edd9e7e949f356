"""Argument parsing and dispatch: parse, open the archive, run one command, map errors."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from types import ModuleType

from archive.library import QueryError
from archive.locking import ArchiveBusy
from archive.opening import BackendUnavailable

from . import (
    cmd_access,
    cmd_check,
    cmd_copy_archive,
    cmd_delete,
    cmd_edit,
    cmd_export,
    cmd_facets,
    cmd_ingest,
    cmd_kwic,
    cmd_reindex,
    cmd_saved,
    cmd_search,
    cmd_show,
    cmd_split,
    cmd_stats,
    cmd_trash,
    cmd_trend,
    cmd_undo_import,
    cmd_versions,
)
from .base import EXIT_FAILED, EXIT_USAGE, CliError, error_line, progress_printer
from .server_options import add_server_options, open_archive

COMMANDS: list[ModuleType] = [
    cmd_ingest, cmd_search, cmd_facets, cmd_show, cmd_edit, cmd_stats, cmd_reindex, cmd_export,
    cmd_check,
    cmd_delete, cmd_trash, cmd_undo_import,
    cmd_versions, cmd_split,
    cmd_kwic, cmd_trend,
    cmd_saved,
    cmd_copy_archive, cmd_access,
]


class _Parser(argparse.ArgumentParser):
    """argparse that reports a usage error as one line and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise CliError(f"{message} (see '{self.prog} --help')", EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="main.py", description="News archive: ingest, search and read articles.")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")
    for module in COMMANDS:
        p = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        p.add_argument("--archive", default=None, metavar="FOLDER|URL",
                       help="archive folder or postgresql:// URL (default: the user data folder)")
        p.add_argument("--json", action="store_true", help="print JSON instead of text")
        module.configure(p)
        add_server_options(p)
        p.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; return its exit code (never raises for bad input)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if not args.command:
            parser.print_help()
            return EXIT_USAGE
        return args.run(args, lambda: open_archive(args, progress_printer(not args.json)))
    except CliError as exc:
        error_line(str(exc))
        return exc.code
    except QueryError as exc:
        error_line(f"bad query: {exc}")
        return EXIT_USAGE
    except (ArchiveBusy, BackendUnavailable) as exc:
        error_line(str(exc))
        return EXIT_FAILED
    except KeyboardInterrupt:
        error_line("interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_FAILED
    except OSError as exc:
        error_line(f"{exc.strerror or exc}{': ' + str(exc.filename) if exc.filename else ''}")
        return EXIT_FAILED
    except sqlite3.Error as exc:
        error_line(f"the archive database: {exc}")
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
