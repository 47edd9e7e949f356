"""A little disk space set aside in an archive folder for the bookkeeping of a full disk.

When an import stops because the disk is full, the archive still has to record how the
import ended (and the index queue what it could not index). The reserve file is given up
just for that, and made again the next time there is room.
"""

from __future__ import annotations

import os
from pathlib import Path

RESERVE_NAME = "space-reserve.bin"
RESERVE_BYTES = 256 * 1024


def ensure_reserve(root: Path) -> bool:
    """Make the reserve file if it is missing and there is room; True when it exists."""
    path = root / RESERVE_NAME
    if path.exists() and path.stat().st_size == RESERVE_BYTES:
        return True
    try:
        with open(path, "wb") as fh:
            fh.write(b"\0" * RESERVE_BYTES)
            fh.flush()
            os.fsync(fh.fileno())
        return True
    except OSError:  # no room (or a read-only folder): try again another time
        path.unlink(missing_ok=True)
        return False


def release_reserve(root: Path) -> bool:
    """Give the reserve's space back to the disk; True if there was one."""
    try:
        (root / RESERVE_NAME).unlink()
        return True
    except OSError:
        return False
