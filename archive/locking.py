"""An inter-process lock so that two programs never write to one archive at once.

Only writers take it: readers (searches, exports, the app's views) read the last published
index manifest and SQLite's last commit, and never wait for a writer. Holding it also
proves that no other process is in the middle of a write, which is what lets a writer
remove the leftovers of an interrupted one (a lock dies with its process).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Self


class ArchiveBusy(RuntimeError):
    """Another process holds the archive's writer lock."""


class WriterLock:
    """Exclusive, re-entrant-per-process lock on ``path``; waits up to ``timeout`` seconds."""

    def __init__(self, path: Path, timeout: float = 30.0):
        self.path = Path(path)
        self.timeout = timeout
        self._fd: int | None = None
        self._depth = 0

    def __enter__(self) -> Self:
        if self._depth == 0:
            self._acquire()
        self._depth += 1
        return self

    def __exit__(self, *exc) -> None:
        self._depth -= 1
        if self._depth == 0:
            self._release()

    @property
    def held(self) -> bool:
        """Whether this process holds the lock (through this object)."""
        return self._depth > 0

    def try_enter(self) -> bool:
        """Take the lock only if it is free right now (then leave it with ``__exit__``);
        False if another process holds it or the archive cannot be written at all."""
        if self._depth == 0:
            try:
                self._acquire(timeout=0.0)
            except (ArchiveBusy, OSError):
                return False
        self._depth += 1
        return True

    def _acquire(self, timeout: float | None = None) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        while True:
            try:
                _lock(fd)
                self._fd = fd
                return
            except OSError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise ArchiveBusy(
                        f"another program is writing to the archive {self.path.parent}"
                    ) from None
                time.sleep(0.1)

    def _release(self) -> None:
        if self._fd is not None:
            _unlock(self._fd)
            os.close(self._fd)
            self._fd = None


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _unlock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
