"""What every command shares: the error type, output helpers and a progress line."""

from __future__ import annotations

import json
import re
import sys
import time
from collections.abc import Callable, Iterable

from archive.facets import BY_NAME, INDEXED, NAMES

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class CliError(Exception):
    """A problem to report as one line on stderr, with an exit code."""

    def __init__(self, message: str, code: int = EXIT_FAILED):
        super().__init__(message)
        self.code = code


def error_line(message: str) -> None:
    """Print one clear error line on stderr."""
    print(f"error: {terminal_safe(' '.join(str(message).split()))}", file=sys.stderr)


_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """``text`` for a terminal: C0/C1 control characters (escape sequences that could
    recolour, retitle or clear the terminal) and bidi overrides shown as ``\\x1b``-style
    escapes; newlines and tabs kept."""
    return _CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                         else f"\\u{ord(m.group()):04x}", text)


def add_facet_flags(p, names: Iterable[str] = NAMES) -> None:
    """The filter flags of these facets (``--year Y``, ...), as the registry defines them."""
    for name in names:
        facet = BY_NAME[name]
        p.add_argument(f"--{name}", action="append", default=[], metavar=facet.metavar,
                       help=facet.flag_help)


def facet_selection(args, names: Iterable[str] = NAMES) -> dict[str, list[str]]:
    """The values given to each facet's flag (facet -> values; [] when not given)."""
    return {name: list(getattr(args, name, None) or []) for name in names}


INDEXED_FACETS = INDEXED  # the facets every filtering command takes (tags and collections:
# only search and saved searches)


def print_json(data) -> None:
    print(json.dumps(data, ensure_ascii=False))


def progress_printer(enabled: bool) -> Callable[[int, int, str], None] | None:
    """A progress bar on stderr when it is a terminal; None otherwise."""
    if not enabled or not sys.stderr.isatty():
        return None
    last = [0.0]

    def show(done: int, total: int, current: str) -> None:
        now = time.monotonic()
        if done < total and now - last[0] < 0.1:
            return
        last[0] = now
        width = 30
        filled = int(width * done / total) if total else width
        name = current[-40:] if current else ""
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name:<40}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show
