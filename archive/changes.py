"""The change feed: has another program changed the archive since we last looked?

A desktop showing search results asks its feed now and then (``poll`` never blocks); when
another program has imported, edited or deleted, it searches again, so the new articles
and counts show up without a restart. The program's own writes are not reported: it
refreshes after them itself.

Locally the feed reads SQLite's ``PRAGMA data_version`` on the Library's connection, which
changes exactly when another connection commits. A server archive's feed listens for the
notices its triggers send (``archive/pg/notify.py``).
"""

from __future__ import annotations

from typing import Protocol


class ChangeFeed(Protocol):
    def poll(self) -> bool:
        """True once another program has changed the archive since the last poll."""

    def close(self) -> None:
        """Stop listening."""


class LocalChangeFeed:
    """The feed of a local archive (an ``ArchiveStore``)."""

    def __init__(self, store) -> None:
        self.store = store
        self.last = self._version()

    def _version(self) -> int:
        with self.store.lock:
            return int(self.store.db.conn.execute("PRAGMA data_version").fetchone()[0])

    def poll(self) -> bool:
        # Never wait for this program's own writer (an import holds the connection's lock
        # for a moment per file); ask again at the next poll instead.
        if not self.store.lock.acquire(blocking=False):
            return False
        try:
            version = int(self.store.db.conn.execute("PRAGMA data_version").fetchone()[0])
        finally:
            self.store.lock.release()
        changed, self.last = version != self.last, version
        return changed

    def close(self) -> None:
        pass
