"""The original files of an archive folder: ``originals/<sha[:2]>/<sha>`` under its root."""

from __future__ import annotations

import os
from pathlib import Path


def original_relpath(sha256: str) -> str:
    """Where an original's bytes live, relative to the archive folder (its key)."""
    return str(Path("originals") / sha256[:2] / sha256)


class FolderOriginals:
    """Content-addressed original files in the archive folder (an ``OriginalsStore``)."""

    def __init__(self, root: Path):
        self.root = root
        self._unsynced = False

    def keep(self, sha256: str, data: bytes) -> str:
        """Write the bytes once per content (atomically); return their key."""
        key = original_relpath(sha256)
        target = self.root / key
        if target.exists():
            return key
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".part")
        try:
            with open(tmp, "wb") as fh:
                fh.write(data)
            os.replace(tmp, target)
        except OSError:
            tmp.unlink(missing_ok=True)
            raise
        self._unsynced = True
        return key

    def sync(self) -> None:
        """Originals reach the disk once per batch rather than once per file (an fsync each
        would halve the ingest rate); a killed process loses nothing either way."""
        if self._unsynced and hasattr(os, "sync"):
            os.sync()
            self._unsynced = False

    def path(self, key: str) -> Path | None:
        """The file of ``key``; None for a key pointing outside the archive folder."""
        path = self.root / key
        return path if _inside(path, self.root) else None

    def remove(self, key: str) -> bool:
        path = self.path(key)
        if path is None:
            return False
        try:
            path.unlink()
        except FileNotFoundError:
            return False
        return True


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True
