"""The server archive's repository: ``ArchiveStore`` over a PostgreSQL connection.

Every query of the SQLite store and of the modules that run SQL through it (trash,
organise, saved, indexqueue, consistency, versions ...) runs here unchanged through
``PgConnection``'s dialect seam; this class replaces only what is not SQL-portable: the
connection, transactions, the change stamp, the writer lock, and lookups that must not
race another client (company and topic rows).
"""

from __future__ import annotations

import functools
import json
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace

from archive.document import ArticleMeta
from archive.paths import ArchivePaths
from archive.store import ArchiveStore, now_iso

from .connection import CHANGE_STAMP, PgConnection, redact
from .lock import PgWriterLock
from .schema import ensure_schema

GROUP_SECONDS = 1.0  # a writer's grouped transaction commits at least this often


class PgStore(ArchiveStore):
    """Typed access to one server archive (a PostgreSQL database)."""

    # Imports of several clients run at once (``import_lock``): the ingest must expect rows
    # another client commits meanwhile, and a write that collides with one of its
    # uncommitted rows (``WriteConflict``, ``sqlite3.IntegrityError``) to be tried again.
    shared_writes = True

    def __init__(self, url: str, cache_dir: Path):
        # ``paths.root``: this program's local folder for the archive (originals opened
        # for reading are written there); the data itself is all on the server.
        self.paths = ArchivePaths(cache_dir)
        self.url = url
        self.conn = PgConnection(url)
        self.db = SimpleNamespace(conn=self.conn)  # type: ignore[assignment]
        self.read_only = False
        self.lock = threading.RLock()
        self.batch_id: int | None = None
        self._derived: dict[str, tuple[object, object]] = {}
        self._entities: dict[tuple[str, str], int] = {}  # (table, name) -> id; never change
        self._pending_entities: dict[tuple[str, str], int] = {}  # of the open transaction
        self._grouping = 0  # locks held that group this client's writes
        self._group_open = False
        self._group_started = 0.0
        self._depth = 0
        self._held = False  # an outermost block's savepoint is not yet released
        self._writes = 0  # transactions this client wrote (its own changes move the stamp)
        ensure_schema(self.conn)

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One atomic write: everything inside commits together or not at all.

        While this client holds the writer lock, writes are grouped: each block is a
        savepoint of one server transaction (a failing block rolls back alone), and the
        group commits once ``GROUP_SECONDS`` have passed, and when the lock is released.
        An ingest then pays one commit for many files, not one each; a client killed
        mid-group loses only the uncommitted files, whole, and the archive stays consistent.
        """
        with self.lock:
            if not self._grouping:
                self.conn.begin()
                try:
                    yield
                except BaseException:
                    self.conn.rollback()
                    self._pending_entities.clear()
                    raise
                self.conn.commit()
                self._committed()
                return
            if not self._group_open:
                self.conn.begin()
                self._group_open, self._group_started = True, time.monotonic()
                self._held = False
            self._depth += 1
            point = f"w{self._depth}"
            if self._depth == 1 and self._held:
                # the last block's savepoint is released with this one's start: one round
                # trip to the server, not two
                with self.conn.errors():
                    self.conn.raw.execute(f"RELEASE SAVEPOINT {point}; SAVEPOINT {point}")
            else:
                self.conn.execute(f"SAVEPOINT {point}")
            self._held = False
            try:
                yield
            except BaseException:
                self._depth -= 1
                self._pending_entities.clear()  # some may be of the rolled back part
                if self._group_open and not self.conn.raw.closed:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {point}")
                    self._held = self._depth == 0
                raise
            self._depth -= 1
            self._writes += 1
            if self._depth:
                self.conn.execute(f"RELEASE SAVEPOINT {point}")
            else:  # released when the next block starts, or by the group's commit
                self._held = True
            if self._depth == 0 and time.monotonic() - self._group_started >= GROUP_SECONDS:
                self.end_group()

    def start_group(self) -> None:
        """Group this client's writes from now on (a writer lock was taken)."""
        with self.lock:
            self._grouping += 1

    def end_group(self) -> None:
        """Commit the open group of writes, if any."""
        with self.lock:
            if self._group_open:
                self._group_open = False
                self.conn.commit()
                self._committed()

    def _committed(self) -> None:
        self._writes += 1
        self._entities.update(self._pending_entities)
        self._pending_entities.clear()

    def stop_group(self) -> None:
        """Commit what is open; write ungrouped again once no writer lock is held."""
        with self.lock:
            self._grouping = max(0, self._grouping - 1)
            self.end_group()

    def query(self, sql: str, params: Iterable = ()) -> list:
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
        """Changes with every write to the archive, by any client (the WAL position), and
        with this client's own uncommitted writes."""
        with self.lock:
            wal = self.conn.execute(CHANGE_STAMP).fetchall()[0][0]
            return (wal, self._writes)

    def writer_lock(self) -> PgWriterLock:  # type: ignore[override]
        """The archive's writer lock: an advisory lock of this client's session."""
        return PgWriterLock(self.conn, redact(self.url), self.start_group, self.stop_group)

    def import_lock(self) -> PgWriterLock:
        """The lock an import holds: the writer lock in shared mode, so other clients'
        imports run at the same time (archive/pg/lock.py)."""
        return PgWriterLock(self.conn, redact(self.url), self.start_group, self.stop_group,
                            shared=True)

    def probe_article(self, sha256: str, after: int) -> tuple[int | None, list[tuple]]:
        """The article whose text has checksum ``sha256`` (None if none), and every
        article row with an id above ``after`` as ``(id, fingerprint, original)``
        (``original``: live and no version of another), in one round trip: what an
        import needs to see the articles other clients committed since it looked."""
        with self.lock, self.conn.errors():
            rows = self.conn.raw.execute(
                "SELECT 0, id, NULL::bigint, NULL::boolean FROM articles WHERE sha256 = %s"
                " UNION ALL SELECT 1, id, fingerprint,"
                " duplicate_of IS NULL AND deleted_at IS NULL FROM articles WHERE id > %s",
                (sha256, after)).fetchall()
        dup = next((r[1] for r in rows if r[0] == 0), None)
        return dup, [(r[1], r[2], r[3]) for r in rows if r[0] == 1]

    def add_source(self, *, name: str, path: str, fmt: str, encoding: str | None,  # type: ignore[override]
                   size: int, sha256: str, original: str,
                   raw_path: str | None = None) -> int | None:
        """Insert a source row (inside a transaction); its id, or None when a file with
        these bytes is in the archive already (stored by another client meanwhile: the
        insert waits for that client's commit instead of failing)."""
        with self.lock, self.conn.errors():
            row = self.conn.raw.execute(
                "INSERT INTO sources (name, path, format, encoding, size, sha256, original,"
                " imported_at, raw_path, batch_id) VALUES (%s, %s, %s, %s, %s, %s, %s, %s,"
                " %s, %s) ON CONFLICT (sha256) DO NOTHING RETURNING id",
                (name, path, fmt, encoding, size, sha256, original, now_iso(), raw_path,
                 self.batch_id)).fetchone()
        return None if row is None else int(row[0])

    def add_article(self, *, source_id: int, part: str | None, meta: ArticleMeta, text: str,
                    sha256: str, fingerprint: int | None, word_count: int,
                    duplicate_of: int | None, log_path: str | None = None) -> int:
        """Insert an article with its companies and topics (inside a transaction), and
        with ``log_path`` its ingest log row and index queue row, in one statement: one
        round trip to the server, not seven."""
        stamp = now_iso()
        companies = [(self._entity_id("companies", n), int(c))
                     for n, c in meta.companies.items()]
        topics = [(self._entity_id("topics", n), float(s)) for n, s in meta.topics]
        with self.lock, self.conn.errors():
            row = self.conn.raw.execute(
                "WITH a AS (INSERT INTO articles (source_id, part, title, subtitle, kicker,"
                " authors, blocks, text, language, date, year, date_source, sha256,"
                " fingerprint, word_count, duplicate_of, edited, manual, created_at,"
                " updated_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s,"
                " %s, %s, %s, 0, '{}', %s, %s) RETURNING id),"
                " c AS (INSERT INTO article_companies (article_id, company_id, mentions)"
                " SELECT a.id, x.c, x.n FROM a, unnest(%s::bigint[], %s::int[]) x (c, n)),"
                " t AS (INSERT INTO article_topics (article_id, topic_id, score)"
                " SELECT a.id, y.t, y.s FROM a, unnest(%s::bigint[], %s::float8[]) y (t, s)),"
                " l AS (INSERT INTO ingest_log (path, outcome, article_id, source_id, at,"
                " batch_id) SELECT %s::text, %s::text, a.id, %s::bigint, %s::text, %s::bigint"
                " FROM a WHERE %s::text IS NOT NULL),"
                " q AS (INSERT INTO index_queue (article_id) SELECT a.id FROM a"
                " WHERE %s::text IS NOT NULL)"
                " SELECT id FROM a",
                (source_id, part, meta.title, meta.subtitle, meta.kicker,
                 json.dumps(meta.authors, ensure_ascii=False),
                 json.dumps([b.to_dict() for b in meta.blocks], ensure_ascii=False),
                 text, meta.language, meta.date, meta.year, meta.date_source, sha256,
                 fingerprint, word_count, duplicate_of, stamp, stamp,
                 [c for c, _ in companies], [n for _, n in companies],
                 [t for t, _ in topics], [x for _, x in topics],
                 log_path, "version" if duplicate_of else "added", source_id, stamp,
                 self.batch_id, log_path, log_path)).fetchone()
        assert row is not None
        return int(row[0])

    # ----- rows another client may add at the same time ---------------------------------
    def _entity_id(self, table: str, name: str) -> int:
        key = (table, name)
        known = self._entities.get(key) or self._pending_entities.get(key)
        if known is not None:
            return known
        found = self._entity_row(table, name)
        # an id read or made in an open transaction is only sure once it commits
        (self._pending_entities if self.conn.in_transaction() else self._entities)[key] = found
        return found

    def _entity_row(self, table: str, name: str) -> int:
        rows = self.conn.execute(f"SELECT id FROM {table} WHERE name = ?", (name,)).fetchall()
        if rows:
            return int(rows[0][0])
        made = self.conn.execute(
            f"INSERT INTO {table} (name) VALUES (?) ON CONFLICT (name) DO NOTHING RETURNING id",
            (name,))
        if made.lastrowid is not None:
            return made.lastrowid
        return int(self.conn.execute(f"SELECT id FROM {table} WHERE name = ?",
                                     (name,)).fetchall()[0][0])

    def begin_batch(self) -> int:
        with self.transaction():
            cur = self.conn.execute("INSERT INTO import_batches (started_at) VALUES (?)",
                                    (now_iso(),))
        self.batch_id = int(cur.lastrowid or 0)
        return self.batch_id

