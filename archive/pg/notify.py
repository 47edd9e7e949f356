"""The change feed of a server archive: LISTEN for the notices the triggers send.

The feed has its own connection (a listening session must not sit inside another
session's transactions) and ignores notices sent by this program's own session. If the
connection is lost (a server restart), it reconnects and reports a change, since notices
sent meanwhile are gone.
"""

from __future__ import annotations

import psycopg

from .concurrency import CHANNEL


class PgChangeFeed:
    """``poll()``: True once another client has committed a change to the archive."""

    def __init__(self, url: str, own_pid: int | None = None):
        self.url = url
        self.own_pid = own_pid
        self.conn: psycopg.Connection | None = None
        self._listen()

    def _listen(self) -> None:
        self.conn = psycopg.connect(self.url, autocommit=True,
                                    application_name="news-archive change feed")
        self.conn.execute(f"LISTEN {CHANNEL}")

    def poll(self) -> bool:
        try:
            if self.conn is None or self.conn.closed:
                self._listen()
                return True
            return any(n.pid != self.own_pid for n in self.conn.notifies(timeout=0))
        except psycopg.OperationalError:
            if self.conn is not None:
                self.conn.close()
            self.conn = None
            try:
                self._listen()
            except psycopg.OperationalError:
                return False  # the server is away; try again at the next poll
            return True

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None
