"""Command-line options for server archives, shared by every command: ``--read-replica``."""

from __future__ import annotations

from collections.abc import Callable

from archive.library import Library
from archive.opening import open_library

from .base import EXIT_USAGE, CliError

SCHEMES = ("postgresql:", "postgres:")


def add_server_options(p) -> None:
    p.add_argument("--read-replica", default=None, metavar="URL",
                   help="with a postgresql:// --archive: read from this streaming replica, "
                        "write to the primary")


def server_url(location) -> str | None:
    """The ``--archive`` value as a libpq URL, or None for a folder (a Path folds ``//``)."""
    text = str(location or "")
    for scheme in SCHEMES:
        if text.startswith(scheme):
            return scheme + "//" + text[len(scheme):].lstrip("/")
    return None


def open_archive(args, progress: Callable | None) -> Library:
    """Open ``--archive`` (folder or server URL), reading from ``--read-replica`` if given."""
    replica = getattr(args, "read_replica", None)
    if not replica:
        return open_library(args.archive, progress)
    if server_url(args.archive) is None:
        raise CliError("--read-replica needs a server archive (--archive postgresql://…)",
                       EXIT_USAGE)
    if server_url(replica) is None:
        raise CliError("--read-replica needs a postgresql:// URL", EXIT_USAGE)
    return open_library(server_url(args.archive), progress, read_replica=server_url(replica))
