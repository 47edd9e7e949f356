"""Reader pins: which manifest generations some process may still be reading.

A reader holds a shared ``flock`` on ``readers/<generation>.lock`` for the generation of the
manifest its snapshot comes from, and verifies after locking that the manifest still has
that generation. The writer removes a superseded segment only once no lock is held on any
generation that listed it:

* a segment dropped by the manifest of generation D is listed only by generations < D;
* a reader of generation G < D locked G's file *before* D was published (it saw G as the
  current generation after locking), and the writer looks for locks only *after*
  publishing D, so it sees that lock and keeps the segment;
* the writer unlinks the lock file of a generation it found unlocked only when that
  generation is no longer current, so a reader that locks the unlinked file afterwards
  re-reads a newer generation and moves on.

A process that cannot create lock files (read-only or full disk) reads unpinned: nothing
can delete segments there either, as no writer can run.
"""

from __future__ import annotations

import os
from pathlib import Path

READERS_DIR = "readers"

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no pins; superseded segments wait
    fcntl = None  # type: ignore[assignment]


class ReaderPin:
    """This process's shared lock on one generation's lock file."""

    def __init__(self, folder: Path):
        self.dir = Path(folder) / READERS_DIR
        self.generation: int | None = None
        self._fd: int | None = None

    def pin(self, generation: int) -> bool:
        """Hold a shared lock on ``generation`` (releasing the previous one); False if the
        lock file cannot be made (read-only or full disk)."""
        if generation == self.generation and self._fd is not None:
            return True
        if fcntl is None:
            return False
        try:
            self.dir.mkdir(exist_ok=True)
            fd = os.open(self.dir / f"{generation}.lock", os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            self.release()
            return False
        fcntl.flock(fd, fcntl.LOCK_SH)
        self.release()
        self._fd, self.generation = fd, generation
        return True

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops its lock
        self._fd, self.generation = None, None


def held_generations(folder: Path, current: int) -> set[int]:
    """Generations some reader holds (writer only, after publishing ``current``); lock files
    of older generations nobody holds are removed on the way."""
    held: set[int] = set()
    rdir = Path(folder) / READERS_DIR
    if fcntl is None:
        return {-1}  # unknown: keep every superseded segment
    try:
        names = os.listdir(rdir)
    except OSError:
        return held
    for name in names:
        stem, _dot, ext = name.partition(".")
        if ext != "lock" or not stem.isdigit():
            continue
        gen = int(stem)
        path = rdir / name
        try:
            fd = os.open(path, os.O_RDWR)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            held.add(gen)
        else:
            if gen < current:
                try:
                    path.unlink()
                except OSError:
                    pass
        finally:
            os.close(fd)
    return held
