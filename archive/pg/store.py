"""The server archive's repository: ``ArchiveStore`` over a PostgreSQL connection.

Every query of the SQLite store and of the modules that run SQL through it (trash,
organise, saved, indexqueue, consistency, versions ...) runs here unchanged through
``PgConnection``'s dialect seam; this class replaces only what is not SQL-portable: the
connection, transactions, the change stamp, the writer lock, and lookups that must not
race another client (company and topic rows).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

from archive.paths import ArchivePaths
from archive.store import ArchiveStore, now_iso

from .connection import PgConnection, Row, redact
from .lock import PgWriterLock
from .schema import ensure_schema


class PgStore(ArchiveStore):
    """Typed access to one server archive (a PostgreSQL database)."""

    def __init__(self, url: str, cache_dir: Path):
        # ``paths.root``: this program's local folder for the archive (originals opened
        # for reading are written there); the data itself is all on the server.
        self.paths = ArchivePaths(cache_dir)
        self.url = url
        self.conn = PgConnection(url)
        self.db = SimpleNamespace(conn=self.conn)
        self.read_only = False
        self.lock = threading.RLock()
        self.batch_id: int | None = None
        self._derived: dict[str, tuple[object, object]] = {}
        ensure_schema(self.conn)

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic write: everything inside commits together or not at all."""
        with self.lock:
            self.conn.begin()
            try:
                yield
            except BaseException:
                self.conn.rollback()
                raise
            self.conn.commit()

    def query(self, sql: str, params: Iterable = ()) -> list[Row]:  # type: ignore[override]
        with self.lock:
            return self.conn.execute(sql, tuple(params)).fetchall()

    @functools.cached_property
    def access_level(self) -> str | None:
        """The connected person's level on this archive (archive/pg/roles.py)."""
        from .roles import level_of

        with self.lock:
            return level_of(self.conn.raw)

    @property
    def person(self) -> str:
        return str(self.conn.raw.info.user)

    def change_feed(self):
        """LISTEN for other clients' changes (archive/pg/notify.py)."""
        from .notify import PgChangeFeed

        return PgChangeFeed(self.url, self.conn.raw.info.backend_pid)

    def change_stamp(self) -> object:
        """A number that changes with every write to articles and what hangs on them, by
        any client (a trigger bumps it)."""
        return int(self.query("SELECT generation FROM archive_state")[0][0])

    def writer_lock(self) -> PgWriterLock:  # type: ignore[override]
        """The archive's writer lock: an advisory lock of this client's session."""
        return PgWriterLock(self.conn, redact(self.url))

    # ----- rows another client may add at the same time ---------------------------------
    def _entity_id(self, table: str, name: str) -> int:
        rows = self.conn.execute(
            f"INSERT INTO {table} (name) VALUES (%s) ON CONFLICT (name) DO NOTHING"
            " RETURNING id".replace("%s", "?"), (name,))
        if rows.lastrowid is not None:
            return rows.lastrowid
        return int(self.conn.execute(f"SELECT id FROM {table} WHERE name = ?",
                                     (name,)).fetchall()[0][0])

    def begin_batch(self) -> int:
        with self.transaction():
            cur = self.conn.execute("INSERT INTO import_batches (started_at) VALUES (?)",
                                    (now_iso(),))
        self.batch_id = int(cur.lastrowid or 0)
        return self.batch_id

