"""The server archive's writer lock: a PostgreSQL advisory lock instead of a lock file.

It has ``WriterLock``'s surface (re-entrant ``with``, ``try_enter``, ``held``). The lock
belongs to the writer's session, so a client that is killed (or loses its connection)
releases it at once, which is what lets the next writer finish what it left.

Imports take the same lock in shared mode (``shared=True``): any number of clients import
at once, their grouped transactions interleaving on the server, while a writer that needs
the archive to itself (an edit, a delete, recovery of a killed writer's work) takes it
exclusively and so waits for the imports, as imports wait for it. Holding it exclusively
therefore still proves that no import is running.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Self

import psycopg

from archive.locking import ArchiveBusy

from .connection import PgConnection, server_error

WRITER_LOCK = 0x4E_41_57_52  # advisory lock key of the archive's writer


class PgWriterLock:
    """Re-entrant-per-connection writer lock, exclusive (or ``shared``: held by imports
    together); waits up to ``timeout`` seconds."""

    def __init__(self, conn: PgConnection, label: str,
                 on_enter: Callable[[], None] = lambda: None,
                 on_exit: Callable[[], None] = lambda: None, timeout: float = 30.0,
                 shared: bool = False):
        self.conn = conn
        self.label = label
        self.timeout = timeout
        mode = "_shared" if shared else ""
        self._try = f"SELECT pg_try_advisory_lock{mode}({WRITER_LOCK})"
        self._wait = f"SELECT pg_advisory_lock{mode}({WRITER_LOCK})"
        self._unlock = f"SELECT pg_advisory_unlock{mode}({WRITER_LOCK})"
        self.on_enter, self.on_exit = on_enter, on_exit  # the store groups its writes
        self._depth = 0

    def __enter__(self) -> Self:
        if self._depth == 0:
            self._acquire(self.timeout)
            self.on_enter()
        self._depth += 1
        return self

    def __exit__(self, *exc: object) -> None:
        self._depth -= 1
        if self._depth == 0:
            try:
                self.on_exit()
            finally:
                if not self.conn.raw.closed:
                    self.conn.execute(self._unlock)

    @property
    def held(self) -> bool:
        return self._depth > 0

    def try_enter(self) -> bool:
        if self._depth == 0:
            try:
                self._acquire(0.0)
            except ArchiveBusy:
                return False
            self.on_enter()
        self._depth += 1
        return True

    def _acquire(self, timeout: float) -> None:
        """Take the lock, waiting up to ``timeout`` seconds in the server's queue: a writer
        waiting there goes before imports that ask after it (a lock asked for in a loop of
        tries would wait for a moment with no import running, which two clients importing
        one batch after another need never leave)."""
        row = self.conn.execute(self._try).fetchone()
        if row and row[0]:
            return
        if timeout <= 0:
            raise ArchiveBusy(f"another program is writing to the archive {self.label}")
        raw = self.conn.raw
        try:
            raw.execute(f"SET lock_timeout = {max(1, int(timeout * 1000))}")
            raw.execute(self._wait)
        except psycopg.errors.LockNotAvailable:
            raise ArchiveBusy(f"another program is writing to the archive {self.label}"
                              ) from None
        except psycopg.Error as exc:
            raise server_error(exc) from exc
        finally:
            if not raw.closed:
                raw.execute("RESET lock_timeout")
