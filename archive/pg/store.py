"""The server archive's store: ``ArchiveStore`` over a PostgreSQL connection.

Every query of the SQLite store and of the modules that run SQL on it (trash, organise,
saved, indexqueue, consistency, versions ...) runs here unchanged through
``PgConnection``'s dialect seam; this class replaces only what is not SQL-portable: the
connection, transactions, lookups that must not race another client (company and topic
rows), and where an original's bytes go (the ``originals`` table, in the same transaction
as its source row).
"""

from __future__ import annotations

import functools
import hashlib
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

import psycopg

from archive.paths import ArchivePaths
from archive.store import ArchiveStore, now_iso

from .connection import PgConnection, Row
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
        self._originals: dict[str, bytes] = {}  # read ahead, stored with their source row
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

    def generation(self) -> int:
        """A number that changes with every write to articles and what hangs on them."""
        return int(self.query("SELECT generation FROM archive_state")[0][0])

    # ----- rows another client may add at the same time ---------------------------------
    def _entity_id(self, table: str, name: str) -> int:
        rows = self.conn.execute(
            f"INSERT INTO {table} (name) VALUES (%s) ON CONFLICT (name) DO NOTHING"
            " RETURNING id".replace("%s", "?"), (name,))
        if rows.lastrowid is not None:
            return rows.lastrowid
        return int(self.conn.execute(f"SELECT id FROM {table} WHERE name = ?",
                                     (name,)).fetchall()[0][0])

    # ----- originals ---------------------------------------------------------------------
    def keep_original(self, sha256: str, data: bytes) -> None:
        """Hold a file's bytes until its source row is written (``add_source``)."""
        self._originals[sha256] = data

    def add_source(self, *, name: str, path: str, fmt: str, encoding: str | None, size: int,
                   sha256: str, original: str, raw_path: str | None = None) -> int:
        data = self._originals.pop(sha256, None)
        if data is not None:
            self.conn.execute(
                "INSERT INTO originals (sha256, size, data) VALUES (?, ?, ?)"
                " ON CONFLICT (sha256) DO NOTHING", (sha256, len(data), data))
        return super().add_source(name=name, path=path, fmt=fmt, encoding=encoding,
                                  size=size, sha256=sha256, original=original,
                                  raw_path=raw_path)

    def original_bytes(self, sha256: str) -> bytes | None:
        """A source's original bytes, checked against their sha256 (None if not kept)."""
        rows = self.query("SELECT data FROM originals WHERE sha256 = ?", [sha256])
        if not rows:
            return None
        data = bytes(rows[0][0])
        if hashlib.sha256(data).hexdigest() != sha256:
            raise OSError(f"the original {sha256} on the server does not match its checksum")
        return data

    def drop_unused_originals(self) -> int:
        """Remove originals no source refers to any more (after emptying the trash)."""
        cur = self.conn.execute(
            "DELETE FROM originals o WHERE NOT EXISTS"
            " (SELECT 1 FROM sources s WHERE s.sha256 = o.sha256)")
        return max(cur.rowcount, 0)

    def begin_batch(self) -> int:
        with self.transaction():
            cur = self.conn.execute("INSERT INTO import_batches (started_at) VALUES (?)",
                                    (now_iso(),))
        self.batch_id = int(cur.lastrowid or 0)
        return self.batch_id


STORAGE_ERRORS = (OSError, psycopg.Error)
