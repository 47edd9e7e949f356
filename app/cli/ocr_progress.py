"""The command line's progress bar for OCR: pages of the image or scanned PDF in hand."""

from __future__ import annotations

import sys
from collections.abc import Callable


def ocr_progress_printer(enabled: bool) -> Callable[[int, int, str], None] | None:
    """A bar of recognised pages on stderr when it is a terminal; None otherwise."""
    if not enabled or not sys.stderr.isatty():
        return None

    def show(done: int, total: int, current: str) -> None:
        width = 30
        filled = int(width * done / total) if total else width
        name = current[-34:] if current else ""
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] OCR page "
                         f"{done}/{total} {name:<34}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show
